import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { AdvancementRepository } from './advancement.repository';
import { AdvancementService } from './advancement.service';
import { EntriesController } from './entries.controller';
import { EntriesRepository } from './entries.repository';
import { EntriesService } from './entries.service';
import { EntryEventsBridge } from './entry-events.bridge';
import { JudgeEntryAccessRegistry } from './judge-entry-access';
import { ScreeningService } from './screening.service';
import { ROUND_RANKING_SOURCE, StoredRoundRankingSource } from './round-ranking.source';

@Module({
  imports: [ContestsModule],
  controllers: [EntriesController],
  providers: [
    EntriesService,
    ScreeningService,
    AdvancementService,
    AdvancementRepository,
    EntriesRepository,
    EntryEventsBridge,
    JudgeEntryAccessRegistry,
    { provide: ROUND_RANKING_SOURCE, useClass: StoredRoundRankingSource },
  ],
  exports: [
    EntriesService,
    EntriesRepository,
    ContestsModule,
    ROUND_RANKING_SOURCE,
    JudgeEntryAccessRegistry,
  ],
})
export class EntriesModule {}
