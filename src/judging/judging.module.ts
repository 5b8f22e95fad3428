import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { EntriesModule } from '../entries/entries.module';
import { ExportService } from './export.service';
import { JudgeController } from './judge.controller';
import { JudgingEntryAccessPolicy } from './judge-entry-access.policy';
import { JudgingController } from './judging.controller';
import { JudgingLive } from './judging.live';
import { JudgingRepository } from './judging.repository';
import { JudgingService } from './judging.service';
import { MediaModule } from '../media/media.module';
import { PublicScoresService } from '../voting/public-scores.service';
import { VotingModule } from '../voting/voting.module';
import { PUBLIC_SCORE_SOURCE } from './public-score.source';
import { ResultsService } from './results.service';
import { RemindersService } from './reminders.service';
import { PhoneVerificationModule } from '../phone-verification/phone-verification.module';

@Module({
  imports: [ContestsModule, EntriesModule, VotingModule, PhoneVerificationModule, MediaModule],
  controllers: [JudgingController, JudgeController],
  providers: [
    JudgingRepository,
    JudgingService,
    ResultsService,
    RemindersService,
    ExportService,
    JudgingLive,
    JudgingEntryAccessPolicy,
    { provide: PUBLIC_SCORE_SOURCE, useExisting: PublicScoresService },
  ],
  exports: [JudgingService, ResultsService, PUBLIC_SCORE_SOURCE],
})
export class JudgingModule {}
