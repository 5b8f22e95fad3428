import './messages';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { ACCOUNTS_FOR_CONTEST_ROLE } from '../users/account-roles';
import { UserSessionEvents } from '../users/user-session.events';
import { CategoriesRepository } from './categories.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestsRepository } from './contests.repository';
import { MemberRow, MembersRepository } from './members.repository';

export interface MemberInput {
  userId: string;
  role: ContestRole;
  categoryIds?: string[] | null;
}

@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly contests: ContestsRepository,
    private readonly categories: CategoriesRepository,
    private readonly access: ContestAccessService,
    private readonly audit: AuditService,
    private readonly sessions: UserSessionEvents,
  ) {}

  async list(contestId: string, actor: Principal, role?: ContestRole): Promise<MemberRow[]> {
    await this.access.assertOrganizer(actor, contestId);
    return this.members.list(contestId, role);
  }

  /** Adds a member, or changes the categories an existing member of that role is limited to. */
  async add(contestId: string, input: MemberInput, actor: Principal): Promise<MemberRow> {
    await this.access.assertOrganizer(actor, contestId);
    const accountRole = await this.members.accountRole(input.userId);
    if (!accountRole) {
      throw AppError.validation([{ field: 'userId', code: 'contests.user_not_found' }]);
    }
    if (!ACCOUNTS_FOR_CONTEST_ROLE[input.role].includes(accountRole)) {
      throw AppError.validation([
        {
          field: 'role',
          code: 'contests.member_role_mismatch',
          params: { accountRole, role: input.role },
        },
      ]);
    }
    const categoryIds = input.categoryIds?.length ? [...new Set(input.categoryIds)] : null;
    if (
      categoryIds &&
      (await this.categories.countInContest(contestId, categoryIds)) !== categoryIds.length
    ) {
      throw AppError.validation([{ field: 'categoryIds', code: 'contests.unknown_categories' }]);
    }
    const row = await this.contests.transaction(async (manager) => {
      if (!(await this.contests.lockById(contestId, manager))) {
        throw AppError.notFound('contests.not_found');
      }
      const { before, after } = await this.members.upsert(
        { contestId, userId: input.userId, role: input.role, categoryIds, createdBy: actor.id },
        manager,
      );
      const same =
        before && JSON.stringify(before.categoryIds) === JSON.stringify(after.categoryIds);
      if (!same) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: before ? 'contest.member_updated' : 'contest.member_added',
            subjectType: 'contest',
            subjectId: contestId,
            contestId,
            before: before
              ? { userId: before.userId, role: before.role, categoryIds: before.categoryIds }
              : null,
            after: { userId: after.userId, role: after.role, categoryIds: after.categoryIds },
          },
          manager,
        );
      }
      return after;
    });
    // open sockets and every instance's cached roles learn of it (a narrowing may take rights)
    await this.sessions.publish({ kind: 'membership', userId: input.userId, contestId });
    const listed = await this.members.list(contestId, input.role);
    return listed.find((m) => m.id === row.id)!;
  }

  async remove(contestId: string, membershipId: string, actor: Principal): Promise<void> {
    await this.access.assertOrganizer(actor, contestId);
    const userId = await this.contests.transaction(async (manager) => {
      if (!(await this.contests.lockById(contestId, manager))) {
        throw AppError.notFound('contests.not_found');
      }
      const member = await this.members.findById(membershipId, manager);
      if (!member || member.contestId !== contestId) {
        throw AppError.notFound('contests.member_not_found');
      }
      if (
        member.role === ContestRole.Organizer &&
        (await this.members.countRole(contestId, ContestRole.Organizer, manager)) <= 1
      ) {
        throw AppError.conflict('contests.last_organizer');
      }
      await this.members.remove(member.id, manager);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'contest.member_removed',
          subjectType: 'contest',
          subjectId: contestId,
          contestId,
          before: { userId: member.userId, role: member.role, categoryIds: member.categoryIds },
        },
        manager,
      );
      return member.userId;
    });
    // the member's open sockets leave the contest's rooms, on every instance
    await this.sessions.publish({ kind: 'membership', userId, contestId });
  }
}
