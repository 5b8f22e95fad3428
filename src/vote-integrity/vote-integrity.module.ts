import { Module } from '@nestjs/common';
import { VoteIntegrityController } from './vote-integrity.controller';
import { VoteIntegrityRepository } from './vote-integrity.repository';
import { VoteIntegrityService } from './vote-integrity.service';

/** Fraud signals, quarantine, the hash-chained vote log, receipts and recounts. */
@Module({
  controllers: [VoteIntegrityController],
  providers: [VoteIntegrityRepository, VoteIntegrityService],
  exports: [VoteIntegrityService],
})
export class VoteIntegrityModule {}
