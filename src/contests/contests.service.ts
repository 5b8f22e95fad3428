import './messages';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, FieldError } from '../common/errors/app-error';
import { OrgUnitsService } from '../org-units/org-units.service';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import { ChecklistRepository } from './checklist.repository';
import { checklistItems, missingRequired } from './checklist.service';
import { ContestAccessService, PUBLIC_CONTEST_STATUSES } from './contest-access.service';
import { allowedContestTransitions, DEFAULT_SETTINGS, settingsErrors } from './contest-rules';
import { ContestsRepository } from './contests.repository';
import { violatedConstraint } from './db-errors';
import { Contest, ContestSettings, ContestStatus, PrizeTiers } from './entities/contest.entity';
import { MembersRepository } from './members.repository';
import { RoundsRepository } from './rounds.repository';

export interface ContestInput {
  slug: string;
  title: string;
  description?: string;
  timeZone?: string;
  ownerUnitId?: string | null;
  settings?: Partial<Omit<ContestSettings, 'prizeTiers'>> & { prizeTiers?: PrizeTiers };
}

export type ContestPatch = Partial<ContestInput>;

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** What the audit record keeps of a contest. */
function snapshot(c: Contest): Record<string, unknown> {
  return {
    slug: c.slug,
    title: c.title,
    description: c.description,
    timeZone: c.timeZone,
    status: c.status,
    ownerUnitId: c.ownerUnitId,
    settings: c.settings,
  };
}

/** Only the keys whose values differ, for a readable before/after. */
function changedKeys(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

function mergeSettings(base: ContestSettings, patch?: ContestInput['settings']): ContestSettings {
  return {
    blindJudging: patch?.blindJudging ?? base.blindJudging,
    juryWeight: patch?.juryWeight ?? base.juryWeight,
    publicWeight: patch?.publicWeight ?? base.publicWeight,
    prizeTiers: patch?.prizeTiers
      ? {
          first: patch.prizeTiers.first,
          second: patch.prizeTiers.second,
          third: patch.prizeTiers.third,
          consolation: patch.prizeTiers.consolation,
        }
      : { ...base.prizeTiers },
  };
}

@Injectable()
export class ContestsService {
  constructor(
    private readonly contests: ContestsRepository,
    private readonly rounds: RoundsRepository,
    private readonly members: MembersRepository,
    private readonly access: ContestAccessService,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly checklist: ChecklistRepository,
  ) {}

  async create(input: ContestInput, actor: Principal): Promise<Contest> {
    if (actor.role !== UserRole.Admin && actor.role !== UserRole.Organizer) {
      throw AppError.forbidden('contests.create_forbidden');
    }
    const settings = mergeSettings(DEFAULT_SETTINGS, input.settings);
    const errors: FieldError[] = [...settingsErrors(settings)];
    if (input.ownerUnitId && !(await this.units.isActive(input.ownerUnitId))) {
      errors.push({ field: 'ownerUnitId', code: 'contests.owner_unit_not_found' });
    }
    if (errors.length) throw AppError.validation(errors);
    if (await this.contests.existsBySlug(input.slug)) {
      throw AppError.conflict('contests.slug_taken', { slug: input.slug });
    }
    try {
      return await this.contests.transaction(async (manager) => {
        const contest = await this.contests.insert(
          {
            slug: input.slug,
            title: input.title,
            description: input.description ?? '',
            timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
            status: ContestStatus.Draft,
            settings,
            ownerUnitId: input.ownerUnitId ?? null,
            createdBy: actor.id,
          },
          manager,
        );
        await this.members.upsert(
          {
            contestId: contest.id,
            userId: actor.id,
            role: ContestRole.Organizer,
            categoryIds: null,
            createdBy: actor.id,
          },
          manager,
        );
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'contest.created',
            subjectType: 'contest',
            subjectId: contest.id,
            contestId: contest.id,
            after: snapshot(contest),
          },
          manager,
        );
        return contest;
      });
    } catch (err) {
      if (violatedConstraint(err) === 'uq_contests_slug') {
        throw AppError.conflict('contests.slug_taken', { slug: input.slug });
      }
      throw err;
    }
  }

  async update(contestId: string, patch: ContestPatch, actor: Principal): Promise<Contest> {
    await this.access.assertOrganizer(actor, contestId);
    if (patch.ownerUnitId && !(await this.units.isActive(patch.ownerUnitId))) {
      throw AppError.validation([{ field: 'ownerUnitId', code: 'contests.owner_unit_not_found' }]);
    }
    try {
      return await this.contests.transaction(async (manager) => {
        const current = await this.contests.lockById(contestId, manager);
        if (!current) throw AppError.notFound('contests.not_found');
        const settings = mergeSettings(current.settings, patch.settings);
        const errors = settingsErrors(settings);
        if (errors.length) throw AppError.validation(errors);
        if (patch.slug && patch.slug !== current.slug) {
          if (await this.contests.existsBySlug(patch.slug, manager)) {
            throw AppError.conflict('contests.slug_taken', { slug: patch.slug });
          }
        }
        if (patch.timeZone && patch.timeZone !== current.timeZone) {
          // stored instants stay; the wall-clock times organizers entered would silently move
          if ((await this.rounds.listByContest(contestId, manager)).length > 0) {
            throw AppError.conflict('contests.time_zone_locked');
          }
        }
        const next: Partial<Contest> = {
          slug: patch.slug ?? current.slug,
          title: patch.title ?? current.title,
          description: patch.description ?? current.description,
          timeZone: patch.timeZone ?? current.timeZone,
          ownerUnitId: patch.ownerUnitId !== undefined ? patch.ownerUnitId : current.ownerUnitId,
          settings,
        };
        const diff = changedKeys(snapshot(current), { ...snapshot(current), ...next });
        if (!diff) return current;
        const updated = await this.contests.update(contestId, next, manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'settings' in diff.after ? 'contest.settings_changed' : 'contest.updated',
            subjectType: 'contest',
            subjectId: contestId,
            contestId,
            before: diff.before,
            after: diff.after,
          },
          manager,
        );
        return updated;
      });
    } catch (err) {
      if (violatedConstraint(err) === 'uq_contests_slug') {
        throw AppError.conflict('contests.slug_taken', { slug: patch.slug });
      }
      throw err;
    }
  }

  async changeStatus(
    contestId: string,
    to: ContestStatus,
    actor: Principal,
    reason?: string,
  ): Promise<Contest> {
    await this.access.assertOrganizer(actor, contestId);
    return this.contests.transaction(async (manager) => {
      const current = await this.contests.lockById(contestId, manager);
      if (!current) throw AppError.notFound('contests.not_found');
      const allowed = allowedContestTransitions(current.status);
      if (!allowed.includes(to)) {
        throw AppError.conflict('contests.invalid_transition', {
          from: current.status,
          to,
          allowed,
          allowedList: allowed.length ? allowed.join(', ') : '—',
        });
      }
      if (to === ContestStatus.Open) {
        // the console's checklist, read in this transaction: what it requires, opening requires
        const missing = missingRequired(
          checklistItems(await this.checklist.facts(contestId, manager), new Date()),
        );
        if (missing.length) throw AppError.conflict('contests.not_ready', { missing });
      }
      const updated = await this.contests.update(contestId, { status: to }, manager);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'contest.status_changed',
          subjectType: 'contest',
          subjectId: contestId,
          contestId,
          before: { status: current.status },
          after: { status: to },
          reason: reason ?? null,
        },
        manager,
      );
      return updated;
    });
  }

  /** The contest if the caller may read it; otherwise 404, as if it did not exist. */
  async getReadable(
    idOrSlug: { id?: string; slug?: string },
    principal: Principal | null,
  ): Promise<{ contest: Contest; roles: ContestRole[] }> {
    const contest = idOrSlug.id
      ? await this.contests.findById(idOrSlug.id)
      : await this.contests.findBySlug(idOrSlug.slug ?? '');
    if (!contest) throw AppError.notFound('contests.not_found');
    const roles = principal ? await this.access.rolesOf(principal.id, contest.id) : [];
    const readable =
      PUBLIC_CONTEST_STATUSES.includes(contest.status) ||
      principal?.role === UserRole.Admin ||
      roles.length > 0;
    if (!readable) throw AppError.notFound('contests.not_found');
    return { contest, roles };
  }

  /** Admins see every contest; others their own and the public ones; the public the public ones. */
  list(
    query: { status?: ContestStatus; role?: ContestRole; after?: string; limit: number },
    principal: Principal | null,
  ): Promise<Contest[]> {
    const statuses = query.status ? [query.status] : undefined;
    if (query.role) {
      // the caller's own contests in that role (none for the public)
      if (!principal) return Promise.resolve([]);
      return this.contests.list({
        statuses,
        after: query.after,
        limit: query.limit,
        heldRole: { userId: principal.id, role: query.role },
      });
    }
    if (!principal) {
      const visible = (statuses ?? PUBLIC_CONTEST_STATUSES).filter((s) =>
        PUBLIC_CONTEST_STATUSES.includes(s),
      );
      if (!visible.length) return Promise.resolve([]);
      return this.contests.list({ ...query, statuses: visible });
    }
    if (principal.role === UserRole.Admin) return this.contests.list({ ...query, statuses });
    return this.contests.list({
      ...query,
      statuses,
      memberId: principal.id,
      orStatuses: [...PUBLIC_CONTEST_STATUSES],
    });
  }
}
