import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ContestsModule } from '../contests/contests.module';
import { Vote, VotingTally } from './entities/vote.entity';
import { VotingSession, VotingSessionEntry } from './entities/voting-session.entity';
import { PhoneVerificationModule } from '../phone-verification/phone-verification.module';
import { PublicScoresRepository } from './public-scores.repository';
import { PublicScoresService } from './public-scores.service';
import { VoteIntegrityModule } from '../vote-integrity/vote-integrity.module';
import { DeviceTokens, VoterIdentityResolver } from './voter-identity';
import { VotingController } from './voting.controller';
import { VotingGateway } from './voting.gateway';
import { VotingLive } from './voting-live';
import { VotingRepository } from './voting.repository';
import { VotingService } from './voting.service';

/** Live public voting: sessions, voter identity, durable batched intake, live tallies. */
@Module({
  imports: [
    AuthModule,
    ContestsModule,
    // VERIFIED_PHONE_RESOLVER (verified-phone tokens) and the fraud signals / hash chain
    PhoneVerificationModule,
    VoteIntegrityModule,
    TypeOrmModule.forFeature([VotingSession, VotingSessionEntry, Vote, VotingTally]),
  ],
  controllers: [VotingController],
  providers: [
    VotingRepository,
    VotingService,
    VotingLive,
    VotingGateway,
    DeviceTokens,
    VoterIdentityResolver,
    PublicScoresRepository,
    PublicScoresService,
  ],
  exports: [VotingService, PublicScoresService],
})
export class VotingModule {}
