import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ContestsModule } from '../contests/contests.module';
import { Vote, VotingTally } from './entities/vote.entity';
import { VotingSession, VotingSessionEntry } from './entities/voting-session.entity';
import {
  DeviceTokens,
  NoVerifiedPhones,
  VERIFIED_PHONE_RESOLVER,
  VoterIdentityResolver,
} from './voter-identity';
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
    { provide: VERIFIED_PHONE_RESOLVER, useClass: NoVerifiedPhones },
  ],
  exports: [VotingService, VERIFIED_PHONE_RESOLVER],
})
export class VotingModule {}
