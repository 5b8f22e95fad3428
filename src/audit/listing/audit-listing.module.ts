import { Module } from '@nestjs/common';
import { ContestsModule } from '../../contests/contests.module';
import { AuditListingController } from './audit-listing.controller';
import { AuditListingRepository } from './audit-listing.repository';
import { AuditListingService } from './audit-listing.service';

/** Reading the audit log (writing it is AuditModule's, available everywhere). */
@Module({
  imports: [ContestsModule],
  controllers: [AuditListingController],
  providers: [AuditListingService, AuditListingRepository],
})
export class AuditListingModule {}
