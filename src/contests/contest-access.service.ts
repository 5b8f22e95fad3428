import './messages';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import { CategoriesRepository } from './categories.repository';
import { ContestsRepository } from './contests.repository';
import { Category } from './entities/category.entity';
import { Contest, ContestStatus } from './entities/contest.entity';
import { Round } from './entities/round.entity';
import { MembersRepository } from './members.repository';
import { RoundsRepository } from './rounds.repository';

/** Statuses in which anyone, signed in or not, may read a contest. */
export const PUBLIC_CONTEST_STATUSES: readonly ContestStatus[] = [
  ContestStatus.Open,
  ContestStatus.Judging,
  ContestStatus.Closed,
  ContestStatus.Published,
];

/**
 * Who may do what in one contest, and the contest's structure (contest, rounds, categories) for
 * other features. Contest roles come from contest_memberships; system administrators pass every
 * organizer check.
 */
@Injectable()
export class ContestAccessService {
  constructor(
    private readonly contests: ContestsRepository,
    private readonly members: MembersRepository,
    private readonly rounds: RoundsRepository,
    private readonly categories: CategoriesRepository,
  ) {}

  /** The user's roles in the contest (none when not a member). */
  rolesOf(userId: string, contestId: string): Promise<ContestRole[]> {
    return this.members.rolesOf(userId, contestId);
  }

  /** 404 when the contest does not exist, 403 unless an organizer of it or a system admin. */
  async assertOrganizer(principal: Principal, contestId: string): Promise<Contest> {
    const contest = await this.getContest(contestId);
    if (principal.role === UserRole.Admin) return contest;
    const roles = await this.rolesOf(principal.id, contestId);
    if (!roles.includes(ContestRole.Organizer)) {
      throw AppError.forbidden('contests.organizer_required');
    }
    return contest;
  }

  async isOrganizer(principal: Principal, contestId: string): Promise<boolean> {
    if (principal.role === UserRole.Admin) return true;
    return (await this.rolesOf(principal.id, contestId)).includes(ContestRole.Organizer);
  }

  async isJudge(principal: Principal, contestId: string): Promise<boolean> {
    return (await this.rolesOf(principal.id, contestId)).includes(ContestRole.Judge);
  }

  /**
   * Whether the caller may read the contest: anyone once it is open (or later), otherwise
   * system admins and its members only.
   */
  async canRead(principal: Principal | null, contest: Contest): Promise<boolean> {
    if (PUBLIC_CONTEST_STATUSES.includes(contest.status)) return true;
    if (!principal) return false;
    if (principal.role === UserRole.Admin) return true;
    return (await this.rolesOf(principal.id, contest.id)).length > 0;
  }

  async getContest(id: string): Promise<Contest> {
    const contest = await this.contests.findById(id);
    if (!contest) throw AppError.notFound('contests.not_found');
    return contest;
  }

  /** The contest's rounds in order of position. */
  listRounds(contestId: string): Promise<Round[]> {
    return this.rounds.listByContest(contestId);
  }

  async getRound(id: string): Promise<Round> {
    const round = await this.rounds.findById(id);
    if (!round) throw AppError.notFound('contests.round_not_found');
    return round;
  }

  async getCategory(id: string): Promise<Category> {
    const category = await this.categories.findById(id);
    if (!category) throw AppError.notFound('contests.category_not_found');
    return category;
  }

  listCategories(contestId: string): Promise<Category[]> {
    return this.categories.listByContest(contestId);
  }
}
