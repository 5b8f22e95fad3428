import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContestMembership } from '../users/entities/contest-membership.entity';
import { CategoriesRepository } from './categories.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestsRepository } from './contests.repository';
import { Category } from './entities/category.entity';
import { Contest } from './entities/contest.entity';
import { Round } from './entities/round.entity';
import { MembersRepository } from './members.repository';
import { RoundsRepository } from './rounds.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Contest, Category, Round, ContestMembership])],
  controllers: [],
  providers: [
    ContestAccessService,
    ContestsRepository,
    MembersRepository,
    CategoriesRepository,
    RoundsRepository,
  ],
  exports: [ContestAccessService],
})
export class ContestsModule {}
