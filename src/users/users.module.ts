import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { ContestMembership } from './entities/contest-membership.entity';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { SessionChangeChannel } from './session-change.channel';
import { UserSessionEvents } from './user-session.events';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, ContestMembership]), OrgUnitsModule],
  controllers: [UsersController],
  providers: [
    UsersService,
    UsersRepository,
    PasswordHasher,
    UserSessionEvents,
    SessionChangeChannel,
  ],
  exports: [UsersService, UsersRepository, PasswordHasher, UserSessionEvents],
})
export class UsersModule {}
