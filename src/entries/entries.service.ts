import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, FieldError } from '../common/errors/app-error';
import { EntryChangedEvent } from '../common/events/event-bus';
import { TransactionScope, UnitOfWork } from '../common/events/unit-of-work';
import { normalizeVnPhone } from '../common/validation/phone';
import { foldVietnamese } from '../common/validation/text';
import { ContestAccessService } from '../contests/contest-access.service';
import { Category, EntrantType } from '../contests/entities/category.entity';
import { Contest } from '../contests/entities/contest.entity';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import {
  CreateEntryDto,
  ListEntriesQuery,
  PublishEntriesDto,
  UpdateEntryDto,
} from './dto/entry.dto';
import { EntriesRepository } from './entries.repository';
import { decodeCursor, EntryListFilter, matchesSearch, searchWords } from './entry-list.query';
import { submissionProblems } from './entry-readiness';
import {
  actionRefusal,
  RoundContext,
  RoundRefusal,
  submissionRefusal,
  submissionRound,
  viewerActions,
} from './entry-rounds';
import {
  EntryAction,
  EntryActor,
  EntryStatus,
  transition as nextStatus,
} from './entry-state-machine';
import { AuthorType, Entry } from './entities/entry.entity';
import { EntryRoundSource, EntryRoundStatus } from './entities/entry-round.entity';
import { EntrySnapshot } from './entities/entry-version.entity';
import { JudgeEntryAccessRegistry } from './judge-entry-access';
import './messages';

/** How the caller stands towards one contest. */
export interface ContestStanding {
  organizer: boolean;
  judge: boolean;
}

/**
 * An entry as one viewer may act on it: what they may do now (their side, the entry's status,
 * its round's window and state) and, for a draft, what it still lacks before submission.
 */
export interface EntryDescription {
  entry: Entry;
  allowedActions: EntryAction[];
  missing: FieldError[];
}

export type EntryReadAs =
  | ({ kind: 'full' } & EntryDescription)
  | { kind: 'judge'; entry: Entry; snapshot: EntrySnapshot; blind: boolean };

/** An organizer's explicit choice to act outside the round's window or state, with a reason. */
export interface RoundOverride {
  override?: boolean;
  reason?: string | null;
}

const EDITABLE_FIELDS = [
  'title',
  'summary',
  'authorType',
  'members',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

@Injectable()
export class EntriesService {
  constructor(
    private readonly entries: EntriesRepository,
    private readonly access: ContestAccessService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly judgeAccess: JudgeEntryAccessRegistry,
  ) {}

  /** The server's clock (one place to read time). */
  private now(): Date {
    return new Date();
  }

  // ---------------------------------------------------------------- access

  async standing(contestId: string, user: Principal): Promise<ContestStanding> {
    if (user.role === UserRole.Admin) return { organizer: true, judge: false };
    const roles = await this.access.rolesOf(user.id, contestId);
    return {
      organizer: roles.includes(ContestRole.Organizer),
      judge: roles.includes(ContestRole.Judge),
    };
  }

  private isOwnerSide(entry: Entry, user: Principal): boolean {
    return user.role === UserRole.Contestant && !!user.unitId && user.unitId === entry.unitId;
  }

  private contestOr404(contestId: string): Promise<Contest> {
    return this.access.getContest(contestId);
  }

  /** The contest's status, time zone and rounds now (read before any transaction). */
  private async roundContext(contest: Contest): Promise<RoundContext> {
    const rounds = await this.access.listRounds(contest.id);
    return {
      contestStatus: contest.status,
      timeZone: contest.timeZone,
      rounds,
      now: this.now(),
    };
  }

  private refuse(refusal: RoundRefusal): never {
    throw AppError.conflict(refusal.code, refusal.params);
  }

  /** Drafts are created, edited, submitted and withdrawn only while submissions are taken. */
  private assertSubmissions(ctx: RoundContext): void {
    const refusal = submissionRefusal(ctx);
    if (refusal) this.refuse(refusal);
  }

  /**
   * An organizer's decision outside its round's window or state is refused, unless they ask for
   * it explicitly with a reason: then it is recorded in the audit log (entry.round_override) in
   * the decision's transaction.
   */
  private async assertDecisionRound(
    scope: TransactionScope,
    user: Principal,
    entry: Entry,
    action: EntryAction,
    ctx: RoundContext,
    override: RoundOverride,
  ): Promise<RoundRefusal | null> {
    const refusal = actionRefusal(action, entry.currentRoundId, ctx);
    if (!refusal) return null;
    if (!override.override) this.refuse(refusal);
    if (!override.reason?.trim()) throw AppError.badRequest('entries.override_reason_required');
    await this.audit.record(
      {
        actorId: user.id,
        action: 'entry.round_override',
        subjectType: 'entry',
        subjectId: entry.id,
        contestId: entry.contestId,
        before: { status: entry.status, currentRoundId: entry.currentRoundId },
        after: { action, roundId: refusal.roundId, refused: refusal.code, ...refusal.params },
        reason: override.reason,
      },
      scope.manager,
    );
    return refusal;
  }

  private transition(
    entry: Entry,
    action: EntryAction,
    actor: EntryActor,
    reason?: string | null,
  ): EntryStatus {
    const r = nextStatus(entry.status, action, actor, reason);
    if (r.ok) return r.to;
    if (r.reason === 'reason_required')
      throw AppError.badRequest(
        action === EntryAction.Return
          ? 'entries.return_reason_required'
          : 'entries.reason_required',
      );
    if (r.reason === 'wrong_actor') throw AppError.notFound('entries.not_found');
    throw AppError.conflict('entries.invalid_transition', {
      action,
      from: r.from,
      allowed: r.allowed,
    });
  }

  private event(entry: Entry, action: string, previousStatus: EntryStatus | null) {
    const event: EntryChangedEvent = {
      type: 'entry.changed',
      entryId: entry.id,
      contestId: entry.contestId,
      categoryId: entry.categoryId,
      unitId: entry.unitId,
      ownerId: entry.ownerId,
      status: entry.status,
      previousStatus,
      action,
      at: this.now().toISOString(),
    };
    return event;
  }

  private searchText(e: Pick<Entry, 'title' | 'summary' | 'members'>, unitName: string): string {
    return foldVietnamese(
      [e.title, e.summary, unitName, ...e.members.map((m) => m.name)].join(' '),
    ).slice(0, 50_000);
  }

  private assertAuthorType(category: Category, authorType: AuthorType): void {
    const allowed = category.rules.entrants;
    if (allowed !== EntrantType.Both && String(allowed) !== String(authorType))
      throw AppError.validation([
        { field: 'authorType', code: 'entries.author_type_not_allowed', params: { authorType } },
      ]);
  }

  // ---------------------------------------------------------------- owner side

  async create(contestId: string, dto: CreateEntryDto, user: Principal): Promise<EntryDescription> {
    if (user.role !== UserRole.Contestant) throw AppError.forbidden('entries.contestants_only');
    if (!user.unitId) throw AppError.forbidden('entries.no_unit');
    const contest = await this.contestOr404(contestId);
    const category = await this.access.getCategory(dto.categoryId).catch(() => null);
    if (!category || category.contestId !== contestId)
      throw AppError.validation([{ field: 'categoryId', code: 'entries.category_not_found' }]);
    this.assertSubmissions(await this.roundContext(contest));
    this.assertAuthorType(category, dto.authorType);
    const unit = await this.entries.unit(user.unitId);
    if (!unit || unit.status !== 'active') throw AppError.forbidden('entries.unit_inactive');
    const members = (dto.members ?? []).map((m) => ({ name: m.name, role: m.role ?? null }));
    const data: Partial<Entry> = {
      contestId,
      categoryId: category.id,
      unitId: unit.id,
      unitNameAtCreation: unit.name,
      ownerId: user.id,
      authorType: dto.authorType,
      members,
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ? normalizeVnPhone(dto.contactPhone) : null,
      contactEmail: dto.contactEmail ?? null,
      title: dto.title,
      summary: dto.summary ?? '',
      status: EntryStatus.Draft,
      publicId: randomBytes(8).toString('base64url').slice(0, 11),
    };
    data.searchText = this.searchText(data as Entry, unit.name);
    const created = await this.uow.run(async ({ manager, emit }) => {
      const entry = await this.entries.insert(data, manager);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'entry.created',
          subjectType: 'entry',
          subjectId: entry.id,
          contestId,
          after: this.auditState(entry),
        },
        manager,
      );
      emit(this.event(entry, 'create', null));
      return entry;
    });
    return this.describe(created, user);
  }

  async update(id: string, dto: UpdateEntryDto, user: Principal): Promise<EntryDescription> {
    const { ctx, category } = await this.ownEntryContext(id, user);
    const result = await this.uow.run(async ({ manager, emit }) => {
      const entry = await this.entries.findForUpdate(id, manager);
      if (!entry || !this.isOwnerSide(entry, user)) throw AppError.notFound('entries.not_found');
      if (entry.status !== EntryStatus.Draft)
        throw AppError.conflict('entries.not_editable', { status: entry.status });
      this.assertSubmissions(ctx);
      const patch: Partial<Entry> = {};
      if (dto.title !== undefined) patch.title = dto.title;
      if (dto.summary !== undefined) patch.summary = dto.summary;
      if (dto.members !== undefined)
        patch.members = dto.members.map((m) => ({ name: m.name, role: m.role ?? null }));
      if (dto.contactName !== undefined) patch.contactName = dto.contactName;
      if (dto.contactEmail !== undefined) patch.contactEmail = dto.contactEmail;
      if (dto.contactPhone !== undefined)
        patch.contactPhone = dto.contactPhone ? normalizeVnPhone(dto.contactPhone) : null;
      if (dto.authorType !== undefined) {
        this.assertAuthorType(category, dto.authorType);
        patch.authorType = dto.authorType;
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of EDITABLE_FIELDS) {
        if (key in patch && JSON.stringify(patch[key]) !== JSON.stringify(entry[key])) {
          before[key] = entry[key];
          after[key] = patch[key];
        }
      }
      if (!Object.keys(after).length) return entry;
      patch.searchText = this.searchText({ ...entry, ...patch }, entry.unitNameAtCreation);
      const updated = await this.entries.update(id, patch, manager);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'entry.updated',
          subjectType: 'entry',
          subjectId: id,
          contestId: entry.contestId,
          before,
          after,
        },
        manager,
      );
      emit(this.event(updated, 'edit', entry.status));
      return updated;
    });
    return this.describe(result, user);
  }

  /**
   * The entry as its own unit sees it, with its contest's context, read before any transaction:
   * a transaction never waits for a second pool connection.
   */
  private async ownEntryContext(id: string, user: Principal) {
    const pre = await this.entries.findById(id);
    if (!pre || !this.isOwnerSide(pre, user)) throw AppError.notFound('entries.not_found');
    const [contest, category] = await Promise.all([
      this.access.getContest(pre.contestId),
      this.access.getCategory(pre.categoryId),
    ]);
    return { contest, ctx: await this.roundContext(contest), category };
  }

  async submit(id: string, user: Principal): Promise<EntryDescription> {
    const { ctx, category } = await this.ownEntryContext(id, user);
    const round = submissionRound(ctx.rounds);
    const result = await this.uow.run(async (scope) => {
      const { manager } = scope;
      const entry = await this.entries.findForUpdate(id, manager);
      if (!entry || !this.isOwnerSide(entry, user)) throw AppError.notFound('entries.not_found');
      const to = this.transition(entry, EntryAction.Submit, 'owner');
      this.assertSubmissions(ctx);
      // Every rule of the category, as at upload: no upload adds a file meanwhile (same lock).
      await this.entries.lockMedia(entry.id, manager);
      const problems = submissionProblems(
        entry as Entry & Record<string, unknown>,
        category.rules,
        await this.entries.mediaOf(entry.id, manager),
      );
      if (problems.length) throw AppError.validation(problems);
      const used = await this.entries.lockAndCountQuota(
        entry.contestId,
        entry.categoryId,
        entry.unitId,
        entry.id,
        manager,
      );
      const limit = category.rules.maxEntriesPerUnit;
      if (used >= limit) throw AppError.conflict('entries.quota_reached', { limit, used });
      const unit = await this.entries.unit(entry.unitId, manager);
      const unitName = unit?.name ?? entry.unitNameAtCreation;
      const version = entry.version + 1;
      const snapshot: EntrySnapshot = {
        title: entry.title,
        summary: entry.summary,
        categoryId: entry.categoryId,
        authorType: entry.authorType,
        members: entry.members,
        unitId: entry.unitId,
        unitName,
        contactName: entry.contactName,
        contactPhone: entry.contactPhone,
        contactEmail: entry.contactEmail,
      };
      await this.entries.insertVersion(entry.id, version, snapshot, user.id, manager);
      await this.entries.enterRound(entry.id, round!.id, EntryRoundSource.Submission, manager);
      const updated = await this.entries.update(
        entry.id,
        {
          status: to,
          version,
          submittedAt: this.now(),
          returnReason: null,
          unitNameAtSubmission: unitName,
          currentRoundId: round!.id,
          searchText: this.searchText(entry, unitName),
        },
        manager,
      );
      await this.recordTransition(scope, user, entry, updated, 'entry.submitted', {
        version,
        roundId: round!.id,
      });
      return updated;
    });
    return this.describe(result, user);
  }

  async withdraw(id: string, user: Principal): Promise<EntryDescription> {
    const { ctx } = await this.ownEntryContext(id, user);
    const result = await this.uow.run(async (scope) => {
      const entry = await this.entries.findForUpdate(id, scope.manager);
      if (!entry || !this.isOwnerSide(entry, user)) throw AppError.notFound('entries.not_found');
      const to = this.transition(entry, EntryAction.Withdraw, 'owner');
      this.assertSubmissions(ctx);
      await this.entries.leaveRounds(entry.id, user.id, scope.manager);
      const updated = await this.entries.update(
        id,
        { status: to, currentRoundId: null },
        scope.manager,
      );
      await this.recordTransition(scope, user, entry, updated, 'entry.withdrawn');
      return updated;
    });
    return this.describe(result, user);
  }

  // ---------------------------------------------------------------- organizer side

  /** Checks the caller organizes the entry's contest (before any transaction). */
  private async assertEntryOrganizer(id: string, user: Principal): Promise<Entry> {
    const entry = await this.entries.findById(id);
    if (!entry) throw AppError.notFound('entries.not_found');
    const standing = await this.standing(entry.contestId, user);
    if (!standing.organizer) {
      // The entry's own unit and the judges who may read it learn it exists, nothing more;
      // others (a judge not assigned to it, or conflicted) learn nothing.
      if (
        this.isOwnerSide(entry, user) ||
        (standing.judge && (await this.judgeAccess.mayRead(user.id, entry.id)))
      )
        throw AppError.forbidden('entries.not_organizer');
      throw AppError.notFound('entries.not_found');
    }
    return entry;
  }

  private async lockedEntry(id: string, manager: EntityManager): Promise<Entry> {
    const entry = await this.entries.findForUpdate(id, manager);
    if (!entry) throw AppError.notFound('entries.not_found');
    return entry;
  }

  async screen(
    id: string,
    decision: 'eligible' | 'disqualified' | 'returned',
    reason: string | undefined,
    user: Principal,
    override: RoundOverride = {},
  ): Promise<EntryDescription> {
    const pre = await this.assertEntryOrganizer(id, user);
    const ctx = await this.roundContext(await this.access.getContest(pre.contestId));
    const result = await this.uow.run(async (scope) => {
      const entry = await this.lockedEntry(id, scope.manager);
      const action =
        decision === 'eligible'
          ? EntryAction.Accept
          : decision === 'returned'
            ? EntryAction.Return
            : EntryAction.Disqualify;
      const to = this.transition(entry, action, 'organizer', reason);
      const overridden = await this.assertDecisionRound(scope, user, entry, action, ctx, {
        override: override.override,
        reason,
      });
      const patch: Partial<Entry> = { status: to };
      if (action === EntryAction.Return) {
        // Returned for the contestant to complete: only while they can still edit and submit.
        const closed = submissionRefusal(ctx);
        if (closed?.code === 'entries.submission_closed')
          throw AppError.conflict('entries.return_after_deadline', closed.params);
        if (closed) this.refuse(closed);
        patch.returnReason = reason!.trim();
        patch.returnedAt = this.now();
        patch.currentRoundId = null;
        if (entry.currentRoundId)
          await this.entries.decideRound(
            entry.id,
            entry.currentRoundId,
            EntryRoundStatus.Eliminated,
            user.id,
            scope.manager,
          );
      }
      if (to === EntryStatus.Disqualified) {
        patch.disqualificationReason = reason!;
        if (entry.currentRoundId)
          await this.entries.decideRound(
            entry.id,
            entry.currentRoundId,
            EntryRoundStatus.Eliminated,
            user.id,
            scope.manager,
          );
      }
      const updated = await this.entries.update(id, patch, scope.manager);
      await this.recordTransition(
        scope,
        user,
        entry,
        updated,
        to === EntryStatus.Eligible
          ? 'entry.accepted'
          : to === EntryStatus.Draft
            ? 'entry.returned'
            : 'entry.disqualified',
        overridden ? { override: overridden.code } : {},
        reason,
      );
      return updated;
    });
    return this.describe(result, user);
  }

  async award(
    id: string,
    reason: string | undefined,
    user: Principal,
    override: RoundOverride = {},
  ): Promise<EntryDescription> {
    const pre = await this.assertEntryOrganizer(id, user);
    const ctx = await this.roundContext(await this.access.getContest(pre.contestId));
    const result = await this.uow.run(async (scope) => {
      const entry = await this.lockedEntry(id, scope.manager);
      const to = this.transition(entry, EntryAction.Award, 'organizer');
      const overridden = await this.assertDecisionRound(
        scope,
        user,
        entry,
        EntryAction.Award,
        ctx,
        { override: override.override, reason },
      );
      const updated = await this.entries.update(id, { status: to }, scope.manager);
      await this.recordTransition(
        scope,
        user,
        entry,
        updated,
        'entry.awarded',
        overridden ? { override: overridden.code } : {},
        reason,
      );
      return updated;
    });
    return this.describe(result, user);
  }

  async publish(id: string, user: Principal): Promise<EntryDescription> {
    const entry = await this.entries.findById(id);
    if (!entry) throw AppError.notFound('entries.not_found');
    await this.publishMany(entry.contestId, { entryIds: [id] }, user, true);
    return this.describe((await this.entries.findById(id))!, user);
  }

  async publishMany(
    contestId: string,
    dto: PublishEntriesDto,
    user: Principal,
    strict = false,
  ): Promise<string[]> {
    await this.access.assertOrganizer(user, contestId);
    return this.uow.run(async ({ manager, emit }) => {
      if (strict && dto.entryIds?.length === 1) {
        const entry = await this.entries.findForUpdate(dto.entryIds[0], manager);
        if (
          entry &&
          [EntryStatus.Draft, EntryStatus.Withdrawn, EntryStatus.Disqualified].includes(
            entry.status,
          )
        )
          throw AppError.conflict('entries.invalid_transition', {
            action: 'publish',
            from: entry.status,
            allowed: [],
          });
      }
      const rows = await this.entries.publish(contestId, dto.entryIds ?? null, manager);
      for (const row of rows) {
        await this.audit.record(
          {
            actorId: user.id,
            action: 'entry.published',
            subjectType: 'entry',
            subjectId: row.id,
            contestId,
            after: { published: true },
          },
          manager,
        );
        emit({
          type: 'entry.changed',
          entryId: row.id,
          contestId,
          categoryId: row.category_id,
          unitId: row.unit_id,
          ownerId: row.owner_id,
          status: row.status,
          previousStatus: row.status,
          action: 'publish',
          at: this.now().toISOString(),
        });
      }
      return rows.map((r) => r.id);
    });
  }

  private auditState(entry: Entry): Record<string, unknown> {
    return {
      status: entry.status,
      title: entry.title,
      categoryId: entry.categoryId,
      unitId: entry.unitId,
      currentRoundId: entry.currentRoundId,
      version: entry.version,
    };
  }

  private async recordTransition(
    scope: TransactionScope,
    user: Principal,
    before: Entry,
    after: Entry,
    action: string,
    extra: Record<string, unknown> = {},
    reason?: string | null,
  ): Promise<void> {
    await this.audit.record(
      {
        actorId: user.id,
        action,
        subjectType: 'entry',
        subjectId: after.id,
        contestId: after.contestId,
        before: { status: before.status, currentRoundId: before.currentRoundId },
        after: { status: after.status, currentRoundId: after.currentRoundId, ...extra },
        reason: reason ?? null,
      },
      scope.manager,
    );
    scope.emit(this.event(after, action.replace(/^entry\./, ''), before.status));
  }

  // ---------------------------------------------------------------- reads

  /**
   * The entry as `user` may act on it now: the actions of their side (its unit, or the contest's
   * organizers) that its status, its round's window and state allow, and what a draft still
   * lacks against its category's rules (the checks submission makes).
   */
  async describe(
    entry: Entry,
    user: Principal,
    standing?: ContestStanding,
  ): Promise<EntryDescription> {
    const owner = this.isOwnerSide(entry, user);
    const organizer =
      !owner && (standing ?? (await this.standing(entry.contestId, user))).organizer;
    const actor: EntryActor | null = owner ? 'owner' : organizer ? 'organizer' : null;
    if (!actor) return { entry, allowedActions: [], missing: [] };
    const [contest, category, media] = await Promise.all([
      this.access.getContest(entry.contestId),
      this.access.getCategory(entry.categoryId),
      entry.status === EntryStatus.Draft ? this.entries.mediaOf(entry.id) : Promise.resolve([]),
    ]);
    const missing =
      entry.status === EntryStatus.Draft
        ? submissionProblems(entry as Entry & Record<string, unknown>, category.rules, media)
        : [];
    const ctx = await this.roundContext(contest);
    return { entry, allowedActions: viewerActions(entry, actor, ctx, missing.length), missing };
  }

  async read(id: string, user: Principal): Promise<EntryReadAs> {
    const entry = await this.entries.findById(id);
    if (!entry) throw AppError.notFound('entries.not_found');
    if (this.isOwnerSide(entry, user))
      return { kind: 'full', ...(await this.describe(entry, user)) };
    const standing = await this.standing(entry.contestId, user);
    if (standing.organizer)
      return { kind: 'full', ...(await this.describe(entry, user, standing)) };
    // A judge reads an entry in judging only when judging lets them (assigned, no conflict).
    if (
      standing.judge &&
      entry.version > 0 &&
      (await this.entries.isJudgeVisible(entry.id)) &&
      (await this.judgeAccess.mayRead(user.id, entry.id))
    ) {
      const version = await this.entries.version(entry.id, entry.version);
      const contest = await this.access.getContest(entry.contestId);
      return {
        kind: 'judge',
        entry,
        snapshot: version!.snapshot,
        blind: contest.settings?.blindJudging === true,
      };
    }
    throw AppError.notFound('entries.not_found');
  }

  /**
   * One page of a contest's entries as the caller may see them: the response body itself
   * (the bytes of EntryPage's JSON; items and next cursor are written by the query).
   */
  async list(contestId: string, query: ListEntriesQuery, user: Principal): Promise<Buffer> {
    const standing = await this.standing(contestId, user);
    // An organizer's membership proves the contest exists (memberships go with their contest):
    // the typical list costs one round trip, the list itself. Everyone else reads the contest
    // (404 when missing; judges need its blind-judging setting).
    const contest =
      standing.organizer && user.role !== UserRole.Admin
        ? null
        : await this.contestOr404(contestId);
    const limit = query.limit ?? 50;
    let after: { key: string | null; id: string } | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor);
      if (!decoded)
        throw AppError.validation([{ field: 'cursor', code: 'entries.invalid_cursor' }]);
      after = decoded;
    }
    const filter: EntryListFilter = {
      contestId,
      categoryId: query.categoryId,
      roundId: query.roundId,
      unitId: query.unitId,
      subtree: query.subtree,
      status: query.status,
      q: query.q,
      sort: query.sort ?? '-createdAt',
      after,
      limit,
      judgeVisibleOnly: false,
      onlyIds: undefined,
      ownUnitId: undefined,
      blind: false,
    };
    if (!standing.organizer) {
      if (standing.judge) {
        filter.judgeVisibleOnly = true;
        filter.onlyIds = await this.judgeAccess.readableEntryIds(user.id, contestId);
        // Judges in a blind contest: the items carry no unit.
        filter.blind = contest?.settings?.blindJudging === true;
        if (filter.blind) await this.blindSearch(filter);
      } else if (user.role === UserRole.Contestant && user.unitId) {
        filter.ownUnitId = user.unitId;
      } else {
        throw AppError.notFound('entries.contest_not_found');
      }
    }
    return this.entries.listPage(filter);
  }

  /**
   * What a blind judge may not see (unit, members, contact, owner) cannot be searched or
   * filtered on either: no unit filter, and the words are found in the title and summary
   * only, among the entries the judge may read (the list's index holds the unit and members).
   */
  private async blindSearch(filter: EntryListFilter): Promise<void> {
    filter.unitId = undefined;
    filter.subtree = undefined;
    const words = filter.q === undefined ? [] : searchWords(filter.q);
    filter.q = undefined;
    if (!words.length) return;
    const texts = await this.entries.visibleTexts(filter.onlyIds ?? []);
    filter.onlyIds = texts
      .filter((e) => matchesSearch(`${e.title} ${e.summary}`, words))
      .map((e) => e.id);
  }

  async history(id: string, user: Principal) {
    const entry = await this.entries.findById(id);
    if (!entry) throw AppError.notFound('entries.not_found');
    const standing = await this.standing(entry.contestId, user);
    if (!standing.organizer) {
      if (this.isOwnerSide(entry, user) || standing.judge)
        throw AppError.forbidden('entries.not_organizer');
      throw AppError.notFound('entries.not_found');
    }
    const [rounds, audit] = await Promise.all([
      this.entries.roundsOf(id),
      this.audit.history('entry', id),
    ]);
    return { rounds, audit };
  }
}
