import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { UsersModule } from '../users/users.module';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { ContestsController } from './contests.controller';
import { ContestsService } from './contests.service';
import { MembersService } from './members.service';
import { PublicContestsController } from './public-contests.controller';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { ContestMembership } from '../users/entities/contest-membership.entity';
import { CategoriesRepository } from './categories.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestsRepository } from './contests.repository';
import { Category } from './entities/category.entity';
import { Contest } from './entities/contest.entity';
import { Round } from './entities/round.entity';
import { MembersRepository } from './members.repository';
import { RoundsRepository } from './rounds.repository';
import { ChecklistRepository } from './checklist.repository';
import { ChecklistService } from './checklist.service';
import { ContestInvitation } from './entities/invitation.entity';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { PhoneVerificationModule } from '../phone-verification/phone-verification.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Contest, Category, Round, ContestMembership, ContestInvitation]),
    PhoneVerificationModule,
    OrgUnitsModule,
    UsersModule,
  ],
  controllers: [
    ContestsController,
    CategoriesController,
    RoundsController,
    PublicContestsController,
    InvitationsController,
  ],
  providers: [
    ContestAccessService,
    ContestsService,
    MembersService,
    CategoriesService,
    RoundsService,
    ContestsRepository,
    MembersRepository,
    CategoriesRepository,
    RoundsRepository,
    ChecklistService,
    ChecklistRepository,
    InvitationsService,
    InvitationsRepository,
  ],
  exports: [ContestAccessService],
})
export class ContestsModule {}
