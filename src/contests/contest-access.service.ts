import './messages';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import { UserSessionEvents } from '../users/user-session.events';
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

/** How long a caller's roles in a contest are kept in memory. */
const ROLES_TTL_MS = 5_000;
const MAX_CACHED_ROLES = 50_000;

/**
 * Who may do what in one contest, and the contest's structure (contest, rounds, categories) for
 * other features. Contest roles come from contest_memberships; system administrators pass every
 * organizer check.
 *
 * Nearly every contest-scoped request asks for the caller's roles, so the answer is kept for a
 * few seconds instead of costing a database round trip each time. Memberships only change
 * through ContestsRepository.transaction: once such a transaction ends, this instance forgets
 * every kept answer, and a look-up that began before it is not kept either; other instances
 * forget theirs when the change reaches them (UserSessionEvents, within milliseconds), and
 * while such changes cannot reach this instance nothing is kept.
 */
@Injectable()
export class ContestAccessService {
  private readonly cachedRoles = new Map<string, { roles: ContestRole[]; expires: number }>();
  private readonly pendingRoles = new Map<string, Promise<ContestRole[]>>();
  /** Bumped whenever a contest change ends: look-ups begun before it are not kept. */
  private generation = 0;

  constructor(
    private readonly contests: ContestsRepository,
    private readonly members: MembersRepository,
    private readonly rounds: RoundsRepository,
    private readonly categories: CategoriesRepository,
    private readonly sessions: UserSessionEvents,
  ) {
    contests.onTransactionSettled(() => this.forgetRoles());
    sessions.onChange((change) => {
      if (change.kind === 'membership') this.forgetRoles();
    });
    sessions.onResync(() => this.forgetRoles());
  }

  /** The user's roles in the contest (none when not a member). */
  async rolesOf(userId: string, contestId: string): Promise<ContestRole[]> {
    const key = `${contestId}:${userId}`;
    const hit = this.cachedRoles.get(key);
    if (hit) {
      if (hit.expires > Date.now()) return [...hit.roles];
      this.cachedRoles.delete(key);
    }
    let pending = this.pendingRoles.get(key);
    if (!pending) {
      const generation = this.generation;
      const lookup = this.members.rolesOf(userId, contestId).then((roles) => {
        if (generation === this.generation && this.sessions.live) this.keepRoles(key, roles);
        return roles;
      });
      pending = lookup.finally(() => {
        if (this.pendingRoles.get(key) === pending) this.pendingRoles.delete(key);
      });
      this.pendingRoles.set(key, pending);
    }
    return [...(await pending)];
  }

  private keepRoles(key: string, roles: ContestRole[]): void {
    if (this.cachedRoles.size >= MAX_CACHED_ROLES) {
      const oldest = this.cachedRoles.keys().next().value;
      if (oldest !== undefined) this.cachedRoles.delete(oldest);
    }
    this.cachedRoles.set(key, { roles, expires: Date.now() + ROLES_TTL_MS });
  }

  /** Drops every kept answer and every look-up in flight (a membership may have changed). */
  forgetRoles(): void {
    this.generation++;
    this.cachedRoles.clear();
    this.pendingRoles.clear();
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

  async getContest(id: string, manager?: EntityManager): Promise<Contest> {
    const contest = await this.contests.findById(id, manager);
    if (!contest) throw AppError.notFound('contests.not_found');
    return contest;
  }

  /** The contest's rounds in order of position. */
  listRounds(contestId: string, manager?: EntityManager): Promise<Round[]> {
    return this.rounds.listByContest(contestId, manager);
  }

  async getRound(id: string, manager?: EntityManager): Promise<Round> {
    const round = await this.rounds.findById(id, manager);
    if (!round) throw AppError.notFound('contests.round_not_found');
    return round;
  }

  async getCategory(id: string, manager?: EntityManager): Promise<Category> {
    const category = await this.categories.findById(id, manager);
    if (!category) throw AppError.notFound('contests.category_not_found');
    return category;
  }

  listCategories(contestId: string, manager?: EntityManager): Promise<Category[]> {
    return this.categories.listByContest(contestId, manager);
  }
}
