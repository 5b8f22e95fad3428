import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { EntriesController } from './entries.controller';
import { EntriesRepository } from './entries.repository';
import { EntriesService } from './entries.service';
import { ROUND_RANKING_SOURCE, StoredRoundRankingSource } from './round-ranking.source';

@Module({
  imports: [ContestsModule],
  controllers: [EntriesController],
  providers: [
    EntriesService,
    EntriesRepository,
    { provide: ROUND_RANKING_SOURCE, useClass: StoredRoundRankingSource },
  ],
  exports: [EntriesService, EntriesRepository, ContestsModule, ROUND_RANKING_SOURCE],
})
export class EntriesModule {}
