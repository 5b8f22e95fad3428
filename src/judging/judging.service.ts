import './messages';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, FieldError } from '../common/errors/app-error';
import { textProblem } from '../common/validation/text';
import { Locale, translate } from '../common/i18n/i18n';
import { zonedText } from '../common/time/zoned-time';
import { ContestAccessService } from '../contests/contest-access.service';
import { Contest } from '../contests/entities/contest.entity';
import { Round, RoundKind, RoundStatus } from '../contests/entities/round.entity';
import { UserRole } from '../users/entities/user.entity';
import { explainShortfalls, planAssignments, Shortfall } from './assignment';
import {
  CompetitionScope,
  conflictBetween,
  conflictEntry,
  ConflictEntry,
  conflictJudge,
  ConflictReason,
  ConflictJudge,
  exclusionBetween,
} from './conflicts';
import {
  AssignDto,
  JudgingSettingsDto,
  RubricDto,
  SheetDto,
  WindowOverrideDto,
} from './dto/judging.dto';
import {
  JudgeEntryDetailView,
  JudgeMediaView,
  JudgeQueueItemView,
  JudgeQueueView,
  JudgeRoundMetaView,
  JudgeRoundsView,
  JudgeRoundView,
  RecusalView,
  ScoreSheetView,
} from './dto/judge.view';
import { AssignmentsView, ShortfallView } from './dto/judging.view';
import { JudgingRound } from './entities/judging-round.entity';
import { Rubric } from './entities/rubric.entity';
import { ScoreSheet, SheetStatus } from './entities/score-sheet.entity';
import { defaultSettings, JudgeRef, JudgingRepository, RoundEntry } from './judging.repository';
import { JudgingLive } from './judging.live';
import { MediaService } from '../media/media.service';
import { MediaUrlSigner } from '../media/media-url.signer';
import { isPageVariant, MediaVariant } from '../media/entities/media-item.entity';
import { judgingWindowRefusal, WindowRefusal } from './round-window';
import {
  Criterion,
  hundredthsToDecimal,
  sheetTotal,
  toHundredths,
  validateCriteria,
  validateScores,
} from './scoring';

export interface RoundContext {
  round: Round;
  contest: Contest;
  settings: JudgingRound;
}

export function sheetView(s: ScoreSheet): ScoreSheetView {
  return {
    id: s.id,
    roundId: s.roundId,
    entryId: s.entryId,
    status: s.status,
    scores: Object.fromEntries(Object.entries(s.scores).map(([k, v]) => [k, Number(v)])),
    comment: s.comment,
    criterionComments: { ...(s.criterionComments ?? {}) },
    total: s.total === null ? null : Number(s.total),
    reopened: s.reopened,
    submittedAt: s.submittedAt ? s.submittedAt.toISOString() : null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

const CRITERION_COMMENT_MAX = 2000;

/** Comments per criterion as sent: kept only for the rubric's criteria, each one a string. */
function criterionComments(
  criteria: Criterion[],
  raw: Record<string, unknown> | undefined,
): { value: Record<string, string> | undefined; errors: FieldError[] } {
  if (raw === undefined) return { value: undefined, errors: [] };
  const value: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, text] of Object.entries(raw)) {
    const field = `criterionComments.${key}`;
    if (!criteria.some((c) => c.key === key)) {
      errors.push({ field, code: 'judging.comment_unknown' });
    } else if (typeof text !== 'string') {
      errors.push({ field, code: 'judging.comment_not_text' });
    } else if (textProblem(text, 'lines')) {
      errors.push({ field, code: `field.${textProblem(text, 'lines')}` });
    } else if ([...text].length > CRITERION_COMMENT_MAX) {
      errors.push({
        field,
        code: 'judging.comment_too_long',
        params: { max: CRITERION_COMMENT_MAX },
      });
    } else if (text.trim()) value[key] = text;
  }
  return { value, errors };
}

/** Rubrics, panels, assignments, conflicts and score sheets of judged rounds. */
@Injectable()
export class JudgingService {
  constructor(
    private readonly repo: JudgingRepository,
    private readonly access: ContestAccessService,
    private readonly audit: AuditService,
    private readonly live: JudgingLive,
    private readonly media: MediaService,
    private readonly signer: MediaUrlSigner,
  ) {}

  // ------------------------------------------------------------------ context and access

  async context(roundId: string, manager?: EntityManager): Promise<RoundContext> {
    const round = await this.access.getRound(roundId, manager);
    if (round.kind !== RoundKind.Judging && round.kind !== RoundKind.Final)
      throw AppError.conflict('judging.round_not_judged', { kind: round.kind });
    const contest = await this.access.getContest(round.contestId, manager);
    const settings = await this.repo.settings(roundId, manager);
    return { round, contest, settings };
  }

  async organizerContext(roundId: string, user: Principal): Promise<RoundContext> {
    const ctx = await this.context(roundId);
    await this.access.assertOrganizer(user, ctx.round.contestId);
    return ctx;
  }

  async judgeContext(roundId: string, user: Principal): Promise<RoundContext> {
    const ctx = await this.context(roundId);
    if (!(await this.access.isJudge(user, ctx.round.contestId)))
      throw AppError.forbidden('judging.not_judge');
    return ctx;
  }

  isClosed(round: Round): boolean {
    return round.resultsFixedAt !== null || round.status === RoundStatus.Closed;
  }

  assertOpen(round: Round): void {
    if (this.isClosed(round)) throw AppError.conflict('judging.round_closed');
  }

  /**
   * Judging work (sheets, recusal) only while the round is open and within its window. Setting
   * the jury up (panels, assignment) is also allowed before that, while the round is pending or
   * its window not yet open, so judges find their queue ready on the first day. An organizer may
   * assign after the window (never once the round is closed) with `outsideWindow` and a reason:
   * the refusal overridden is returned, for the audit.
   */
  assertWindow(
    ctx: RoundContext,
    override?: WindowOverrideDto,
    setup = false,
  ): WindowRefusal | null {
    const refusal = judgingWindowRefusal(ctx.round, new Date());
    if (!refusal) return null;
    if (setup && (refusal === 'pending' || refusal === 'early')) return null;
    if (refusal !== 'closed' && override?.outsideWindow) return refusal;
    const zone = ctx.contest.timeZone;
    switch (refusal) {
      case 'closed':
        throw AppError.conflict('judging.round_closed');
      case 'pending':
        throw AppError.conflict('judging.round_pending');
      case 'early':
        throw AppError.conflict('judging.window_not_open', {
          opensAt: zonedText(ctx.round.opensAt, zone),
          timeZone: zone,
        });
      case 'late':
        throw AppError.conflict('judging.window_closed', {
          closesAt: zonedText(
            new Date(ctx.round.closesAt.getTime() + ctx.round.graceSeconds * 1000),
            zone,
          ),
          timeZone: zone,
        });
    }
  }

  /** An override names its reason; refused before anything else is checked. */
  private assertOverrideReason(override?: WindowOverrideDto): void {
    if (override?.outsideWindow && !override.reason)
      throw AppError.validation([{ field: 'reason', code: 'judging.reason_required' }]);
  }

  /**
   * Re-reads the round under the round lock and checks its window again; an override is
   * recorded in the audit log with its reason.
   */
  private async gate(
    ctx: RoundContext,
    manager: EntityManager,
    user: Principal,
    operation: string,
    override?: WindowOverrideDto,
    setup = false,
  ): Promise<void> {
    ctx.round = await this.access.getRound(ctx.round.id, manager);
    const overridden = this.assertWindow(ctx, override, setup);
    if (!overridden) return;
    await this.audit.record(
      {
        actorId: user.id,
        action: 'judging.window_overridden',
        subjectType: 'round',
        subjectId: ctx.round.id,
        contestId: ctx.round.contestId,
        after: {
          operation,
          refusal: overridden,
          status: ctx.round.status,
          opensAt: ctx.round.opensAt.toISOString(),
          closesAt: ctx.round.closesAt.toISOString(),
        },
        reason: override?.reason ?? null,
      },
      manager,
    );
  }

  /** Where the round's entries compete: its scope unit (else the contest's), its grouping depth. */
  async competitionScope(ctx: RoundContext, manager?: EntityManager): Promise<CompetitionScope> {
    const rootId = ctx.round.scopeUnitId ?? ctx.contest.ownerUnitId;
    return {
      rootPath: rootId ? await this.repo.unitPath(rootId, manager) : null,
      depth: ctx.round.scopeDepth,
    };
  }

  private async recusalSet(contestId: string, manager?: EntityManager): Promise<Set<string>> {
    return new Set(
      (await this.repo.recusals(contestId, manager)).map((r) => `${r.entryId}|${r.judgeId}`),
    );
  }

  /** Conflicts and categories of a round's judges and entries, each prepared once. */
  private async exclusions(ctx: RoundContext, judges: JudgeRef[], manager?: EntityManager) {
    // One after the other: inside a transaction both would queue on one connection anyway.
    const scope = await this.competitionScope(ctx, manager);
    const recusals = await this.recusalSet(ctx.round.contestId, manager);
    const judgeById = new Map<string, ConflictJudge>(judges.map((j) => [j.id, conflictJudge(j)]));
    const prepared = new Map<string, ConflictEntry>();
    return {
      scope,
      recusals,
      judge: (id: string) => judgeById.get(id),
      entry: (e: RoundEntry) => {
        let x = prepared.get(e.id);
        if (!x) prepared.set(e.id, (x = conflictEntry(e, scope)));
        return x;
      },
    };
  }

  /** Each shortfall with its message in the caller's language. */
  private shortfallViews(shortfalls: Shortfall[], locale: Locale): ShortfallView[] {
    return shortfalls.map((f) => ({
      ...f,
      message: translate('judging.shortfall', locale, {
        needed: f.needed,
        assigned: f.assigned,
        reasons: Object.entries(f.reasons)
          .filter(([, n]) => n > 0)
          .map(([why, n]) => translate(`judging.shortfall.${why}`, locale, { n }))
          .join(', '),
      }),
    }));
  }

  // ------------------------------------------------------------------ settings

  async updateSettings(
    roundId: string,
    dto: JudgingSettingsDto,
    user: Principal,
  ): Promise<JudgingRound> {
    const { round, settings } = await this.organizerContext(roundId, user);
    this.assertOpen(round);
    return this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      const before = {
        quorum: settings.quorum,
        method: settings.method,
        tieBreaks: settings.tieBreaks,
        allowRevision: settings.allowRevision,
      };
      // PUT: the settings as a whole, each field left out at its default.
      const defaults = defaultSettings(roundId);
      const saved = await this.repo.saveSettings(
        roundId,
        {
          quorum: dto.quorum ?? defaults.quorum,
          method: dto.method ?? defaults.method,
          tieBreaks: dto.tieBreaks ?? defaults.tieBreaks,
          allowRevision: dto.allowRevision ?? true,
        },
        manager,
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: 'judging.settings_changed',
          subjectType: 'round',
          subjectId: roundId,
          contestId: round.contestId,
          before,
          after: {
            quorum: saved.quorum,
            method: saved.method,
            tieBreaks: saved.tieBreaks,
            allowRevision: saved.allowRevision,
          },
        },
        manager,
      );
      return saved;
    });
  }

  // ------------------------------------------------------------------ rubrics

  async rubrics(roundId: string, user: Principal): Promise<Rubric[]> {
    const ctx = await this.context(roundId);
    const organizer = await this.access.isOrganizer(user, ctx.round.contestId);
    if (!organizer && !(await this.access.isJudge(user, ctx.round.contestId)))
      throw AppError.forbidden('judging.not_judge');
    return this.repo.rubrics(roundId);
  }

  /** The rubric that applies to a category: its own, else the round's default. */
  rubricFor(rubrics: Rubric[], categoryId: string): Rubric | null {
    return (
      rubrics.find((r) => r.categoryId === categoryId) ??
      rubrics.find((r) => r.categoryId === null) ??
      null
    );
  }

  async putRubric(roundId: string, dto: RubricDto, user: Principal): Promise<Rubric> {
    const { round } = await this.organizerContext(roundId, user);
    this.assertOpen(round);
    const categoryId = dto.categoryId ?? null;
    if (categoryId) {
      const category = await this.access.getCategory(categoryId);
      if (category.contestId !== round.contestId)
        throw AppError.notFound('contests.category_not_found');
    }
    const criteria: Criterion[] = dto.criteria.map((c, i) => ({
      key: c.key ?? `c${i + 1}`,
      name: c.name,
      description: c.description ?? '',
      weight: c.weight,
      max: c.max,
      step: c.step,
    }));
    const errors = validateCriteria(criteria);
    if (errors.length) throw AppError.validation(errors);
    let reopened = 0;
    const saved = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      const rubrics = await this.repo.rubrics(roundId, manager);
      const existing = rubrics.find((r) => r.categoryId === categoryId) ?? null;
      // The entries this rubric scores: its category, or (default rubric) those without their own.
      const own = new Set(rubrics.filter((r) => r.categoryId).map((r) => r.categoryId));
      const entries = (await this.repo.roundEntries(roundId, manager)).filter((e) =>
        categoryId ? e.categoryId === categoryId : !own.has(e.categoryId),
      );
      const started =
        (await this.repo.countSheets(
          roundId,
          entries.map((e) => e.id),
          manager,
        )) > 0;
      if (started && !dto.reason) throw AppError.conflict('judging.rubric_frozen');
      const rubric = await this.repo.saveRubric(
        {
          ...(existing ?? {}),
          roundId,
          categoryId,
          criteria,
          revision: existing ? existing.revision + 1 : 1,
          createdBy: existing?.createdBy ?? user.id,
        },
        manager,
      );
      if (started)
        reopened = await this.repo.reopenSheets(
          roundId,
          entries.map((e) => e.id),
          manager,
        );
      await this.audit.record(
        {
          actorId: user.id,
          action: existing ? 'judging.rubric_changed' : 'judging.rubric_created',
          subjectType: 'rubric',
          subjectId: rubric.id,
          contestId: round.contestId,
          before: existing ? { criteria: existing.criteria, revision: existing.revision } : null,
          after: { criteria, revision: rubric.revision, categoryId, reopenedSheets: reopened },
          reason: dto.reason ?? null,
        },
        manager,
      );
      return rubric;
    });
    if (reopened) await this.live.progressChanged(roundId);
    return saved;
  }

  // ------------------------------------------------------------------ panel and assignment

  /**
   * Recomputes the round's assignments: locked (submitted) sheets stay, unstarted assignments may
   * move; the plan is applied and audited. Runs inside the caller's transaction and round lock.
   */
  private async rebalance(
    ctx: RoundContext,
    manager: EntityManager,
    user: Principal,
    action: string,
    detail: Record<string, unknown>,
    reason?: string,
  ) {
    const { round, settings } = ctx;
    // In the caller's transaction: one connection, one query at a time.
    const entries = await this.repo.roundEntries(round.id, manager);
    const judges = await this.repo.contestJudges(round.contestId, manager);
    const panel = await this.repo.panel(round.id, manager);
    const existing = await this.repo.assignments(round.id, manager);
    const x = await this.exclusions(ctx, judges, manager);
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const panelIds = panel.filter((p) => p.active && x.judge(p.judgeId)).map((p) => p.judgeId);
    // Every id asked about is a panel judge known to the contest and an entry of the round.
    const exclusion = (j: string, e: string) =>
      exclusionBetween(x.judge(j)!, x.entry(entryById.get(e)!), x.recusals);
    const plan = planAssignments({
      entryIds: entries.map((e) => e.id),
      judgeIds: panelIds,
      quorum: settings.quorum,
      seed: settings.seed || round.id,
      eligible: (j, e) => exclusion(j, e) === null,
      existing: existing
        .filter((a) => a.active)
        .map((a) => ({
          entryId: a.entryId,
          judgeId: a.judgeId,
          locked: a.sheetStatus === SheetStatus.Submitted,
        })),
    });
    const judgesOf = new Map<string, Set<string>>();
    for (const a of plan.assignments) {
      const set = judgesOf.get(a.entryId) ?? new Set<string>();
      set.add(a.judgeId);
      judgesOf.set(a.entryId, set);
    }
    const shortfalls = explainShortfalls({
      entryIds: plan.shortfalls.map((f) => f.entryId),
      panel: panelIds,
      quorum: settings.quorum,
      judgesOf: (e) => judgesOf.get(e) ?? new Set(),
      exclusion,
    });
    const changes = await this.repo.applyAssignments(round.id, plan.assignments, manager);
    await this.audit.record(
      {
        actorId: user.id,
        action,
        subjectType: 'round',
        subjectId: round.id,
        contestId: round.contestId,
        after: {
          ...detail,
          quorum: settings.quorum,
          added: changes.added.length,
          released: changes.released.length,
          loads: plan.loads,
          shortfalls,
        },
        reason: reason ?? null,
      },
      manager,
    );
    return { plan, changes, shortfalls };
  }

  private async afterRebalance(
    roundId: string,
    changes: {
      added: { entryId: string; judgeId: string }[];
      released: { entryId: string; judgeId: string }[];
    },
  ) {
    const byJudge = new Map<string, { added: string[]; removed: string[] }>();
    for (const a of changes.added) {
      const x = byJudge.get(a.judgeId) ?? { added: [], removed: [] };
      x.added.push(a.entryId);
      byJudge.set(a.judgeId, x);
    }
    for (const a of changes.released) {
      const x = byJudge.get(a.judgeId) ?? { added: [], removed: [] };
      x.removed.push(a.entryId);
      byJudge.set(a.judgeId, x);
    }
    for (const [judgeId, diff] of byJudge)
      this.live.queueChanged(judgeId, roundId, diff.added, diff.removed);
    await this.live.progressChanged(roundId);
  }

  async assign(roundId: string, dto: AssignDto, user: Principal, locale: Locale = 'vi') {
    const ctx = await this.organizerContext(roundId, user);
    this.assertOverrideReason(dto);
    this.assertWindow(ctx, dto, true);
    const result = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      await this.gate(ctx, manager, user, 'assign', dto, true);
      if (dto.quorum !== undefined || dto.seed !== undefined)
        ctx.settings = await this.repo.saveSettings(
          roundId,
          {
            ...(dto.quorum !== undefined ? { quorum: dto.quorum } : {}),
            ...(dto.seed !== undefined ? { seed: dto.seed } : {}),
          },
          manager,
        );
      const panel = await this.repo.panel(roundId, manager);
      if (!panel.length)
        for (const j of await this.repo.contestJudges(ctx.round.contestId, manager))
          await this.repo.setPanelMember(roundId, j.id, true, manager);
      return this.rebalance(ctx, manager, user, 'judging.assigned', {
        seed: ctx.settings.seed || roundId,
      });
    });
    await this.afterRebalance(roundId, result.changes);
    return this.assignmentsView(roundId, user, locale);
  }

  private async assertContestJudge(
    contestId: string,
    judgeId: string,
    manager: EntityManager,
  ): Promise<void> {
    const judges = await this.repo.contestJudges(contestId, manager);
    if (!judges.some((j) => j.id === judgeId))
      throw AppError.badRequest('judging.judge_not_member');
  }

  async addJudge(
    roundId: string,
    judgeId: string,
    user: Principal,
    override?: WindowOverrideDto,
    locale: Locale = 'vi',
  ) {
    const ctx = await this.organizerContext(roundId, user);
    this.assertOverrideReason(override);
    this.assertWindow(ctx, override, true);
    const result = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      await this.gate(ctx, manager, user, 'judge_added', override, true);
      await this.assertContestJudge(ctx.round.contestId, judgeId, manager);
      await this.repo.setPanelMember(roundId, judgeId, true, manager);
      return this.rebalance(ctx, manager, user, 'judging.judge_added', { judgeId });
    });
    await this.afterRebalance(roundId, result.changes);
    return this.assignmentsView(roundId, user, locale);
  }

  async removeJudge(
    roundId: string,
    judgeId: string,
    user: Principal,
    replacement?: string,
    override?: WindowOverrideDto,
    locale: Locale = 'vi',
  ) {
    const ctx = await this.organizerContext(roundId, user);
    this.assertOverrideReason(override);
    this.assertWindow(ctx, override, true);
    const result = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      await this.gate(
        ctx,
        manager,
        user,
        replacement ? 'judge_replaced' : 'judge_removed',
        override,
        true,
      );
      const panel = await this.repo.panel(roundId, manager);
      if (!panel.some((p) => p.judgeId === judgeId && p.active))
        throw AppError.notFound('judging.judge_not_on_panel');
      if (replacement) {
        await this.assertContestJudge(ctx.round.contestId, replacement, manager);
        await this.repo.setPanelMember(roundId, replacement, true, manager);
      }
      await this.repo.setPanelMember(roundId, judgeId, false, manager);
      return this.rebalance(
        ctx,
        manager,
        user,
        replacement ? 'judging.judge_replaced' : 'judging.judge_removed',
        { judgeId, ...(replacement ? { replacedBy: replacement } : {}) },
      );
    });
    await this.afterRebalance(roundId, result.changes);
    return this.assignmentsView(roundId, user, locale);
  }

  /**
   * A judge declares a conflict with an entry: never assigned to it again; the round rebalances.
   * Only within the round's judging window, like scoring.
   */
  async recuse(
    roundId: string,
    entryId: string,
    reason: string,
    user: Principal,
  ): Promise<RecusalView> {
    const ctx = await this.judgeContext(roundId, user);
    this.assertWindow(ctx);
    const result = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      await this.gate(ctx, manager, user, 'recuse');
      const [entry] = await this.repo.roundEntries(roundId, manager, [entryId]);
      if (!entry) throw AppError.notFound('judging.entry_not_in_round');
      await this.repo.insertRecusal(
        { contestId: ctx.round.contestId, entryId, judgeId: user.id, reason },
        manager,
      );
      await this.repo.releaseAssignment(roundId, entryId, user.id, manager);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'judging.recused',
          subjectType: 'entry',
          subjectId: entryId,
          contestId: ctx.round.contestId,
          after: { roundId, judgeId: user.id },
          reason,
        },
        manager,
      );
      const panel = await this.repo.panel(roundId, manager);
      if (!panel.length) return null;
      return this.rebalance(ctx, manager, user, 'judging.rebalanced', {
        afterRecusalOf: user.id,
        entryId,
      });
    });
    if (result) await this.afterRebalance(roundId, result.changes);
    else this.live.queueChanged(user.id, roundId, [], [entryId]);
    return { recused: true };
  }

  /**
   * Organizers: every entry with its judges, each judge's load, and the entries short of the
   * quorum with why (judges excluded by reason, judges the panel lacks) in the caller's language.
   */
  async assignmentsView(
    roundId: string,
    user: Principal,
    locale: Locale = 'vi',
  ): Promise<AssignmentsView> {
    const ctx = await this.organizerContext(roundId, user);
    const [entries, assignments, panel, progress, judges] = await Promise.all([
      this.repo.roundEntries(roundId),
      this.repo.assignments(roundId),
      this.repo.panel(roundId),
      this.repo.progress(roundId),
      this.repo.contestJudges(ctx.round.contestId),
    ]);
    const active = assignments.filter((a) => a.active);
    const panelIds = new Set(panel.filter((p) => p.active).map((p) => p.judgeId));
    const loads: Record<string, number> = {};
    for (const id of panelIds) loads[id] = 0;
    for (const a of active) if (panelIds.has(a.judgeId)) loads[a.judgeId] += 1;
    const judgesOf = new Map<string, Set<string>>();
    for (const a of active) {
      const set = judgesOf.get(a.entryId) ?? new Set<string>();
      set.add(a.judgeId);
      judgesOf.set(a.entryId, set);
    }
    const quorum = ctx.settings.quorum;
    const short = entries.filter((e) => (judgesOf.get(e.id)?.size ?? 0) < quorum);
    let shortfalls: ShortfallView[] = [];
    const x = await this.exclusions(ctx, judges);
    // every conflict between a judge of the panel and an entry of the round, with its reason
    const conflicts: { entryId: string; judgeId: string; reason: ConflictReason }[] = [];
    for (const judgeId of panelIds) {
      const judge = x.judge(judgeId);
      if (!judge) continue;
      for (const e of entries) {
        const reason = conflictBetween(judge, x.entry(e), x.recusals);
        if (reason) conflicts.push({ entryId: e.id, judgeId, reason });
      }
    }
    if (short.length) {
      const entryById = new Map(short.map((e) => [e.id, e]));
      const known = [...panelIds].filter((j) => x.judge(j));
      shortfalls = this.shortfallViews(
        explainShortfalls({
          entryIds: short.map((e) => e.id),
          panel: known,
          quorum,
          judgesOf: (e) => judgesOf.get(e) ?? new Set(),
          exclusion: (j, e) =>
            exclusionBetween(x.judge(j)!, x.entry(entryById.get(e)!), x.recusals),
        }),
        locale,
      );
    }
    return {
      roundId,
      quorum,
      panel: panel.map((p) => ({ judgeId: p.judgeId, active: p.active })),
      judges: judges.map((j) => ({ id: j.id, fullName: j.fullName })),
      loads,
      conflicts,
      entries: entries.map((e) => ({
        entryId: e.id,
        title: e.title,
        unitName: e.unitName,
        categoryId: e.categoryId,
        judges: active
          .filter((a) => a.entryId === e.id)
          .map((a) => ({
            judgeId: a.judgeId,
            sheetStatus: a.sheetStatus,
            onPanel: panelIds.has(a.judgeId),
          })),
      })),
      shortfalls,
      message: shortfalls.length
        ? translate('judging.shortfalls', locale, { count: shortfalls.length, quorum })
        : null,
      progress,
    };
  }

  async progress(roundId: string, user: Principal) {
    await this.organizerContext(roundId, user);
    return this.live.snapshot(roundId);
  }

  // ------------------------------------------------------------------ judge-facing

  /** 403 unless the judge holds an active assignment for the entry and has no conflict with it. */
  private async assertMayJudge(
    ctx: RoundContext,
    entryId: string,
    user: Principal,
  ): Promise<RoundEntry> {
    const [entry] = await this.repo.roundEntries(ctx.round.id, undefined, [entryId]);
    if (!entry) throw AppError.forbidden('judging.not_assigned');
    const judge = await this.repo.contestJudge(ctx.round.contestId, user.id);
    if (!judge) throw AppError.forbidden('judging.not_judge');
    const x = await this.exclusions(ctx, [judge]);
    if (conflictBetween(x.judge(judge.id)!, x.entry(entry), x.recusals))
      throw AppError.forbidden('judging.conflicted');
    if (!(await this.repo.isAssigned(ctx.round.id, entryId, user.id)))
      throw AppError.forbidden('judging.not_assigned');
    return entry;
  }

  private entryView(
    ctx: RoundContext,
    entry: RoundEntry,
    sheet: ScoreSheet | null,
  ): JudgeQueueItemView {
    const blind = ctx.contest.settings.blindJudging;
    const view: JudgeQueueItemView = {
      entryId: entry.id,
      roundId: ctx.round.id,
      title: entry.title,
      summary: entry.summary,
      categoryId: entry.categoryId,
      version: entry.version,
      blind,
      sheet: sheet && sheet.status !== SheetStatus.Void ? sheetView(sheet) : null,
    };
    if (!blind) {
      view.unitName = entry.unitName;
      view.members = entry.members.map((m) => ({ name: m.name, role: m.role ?? null }));
      view.contactName = entry.contactName;
    }
    return view;
  }

  async queue(roundId: string, user: Principal): Promise<JudgeQueueView> {
    const ctx = await this.judgeContext(roundId, user);
    const assignments = (await this.repo.assignments(roundId)).filter(
      (a) => a.active && a.judgeId === user.id,
    );
    const [assigned, judge] = await Promise.all([
      this.repo.roundEntries(
        roundId,
        undefined,
        assignments.map((a) => a.entryId),
      ),
      this.repo.contestJudge(ctx.round.contestId, user.id),
    ]);
    // The rule reading and scoring apply: an assignment that conflicts (made by hand, or a
    // recusal declared since) is not listed, since its entry could not be opened.
    let entries: RoundEntry[] = [];
    if (judge) {
      const x = await this.exclusions(ctx, [judge]);
      const me = x.judge(judge.id)!;
      entries = assigned.filter((e) => !conflictBetween(me, x.entry(e), x.recusals));
    }
    const sheets = new Map(
      (await this.repo.judgeSheets(roundId, user.id)).map((s) => [s.entryId, s]),
    );
    // in the order assigned
    const order = new Map(
      (await this.repo.judgeAssignmentOrder(roundId, user.id)).map((id, i) => [id, i]),
    );
    entries.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const items = entries.map((e) => this.entryView(ctx, e, sheets.get(e.id) ?? null));
    return {
      roundId,
      round: this.roundMeta(ctx),
      closed: this.isClosed(ctx.round),
      blind: ctx.contest.settings.blindJudging,
      progress: {
        assigned: items.length,
        drafts: items.filter((i) => i.sheet?.status === SheetStatus.Draft).length,
        submitted: items.filter((i) => i.sheet?.status === SheetStatus.Submitted).length,
      },
      items,
    };
  }

  async readEntry(
    roundId: string,
    entryId: string,
    user: Principal,
  ): Promise<JudgeEntryDetailView> {
    const ctx = await this.judgeContext(roundId, user);
    const entry = await this.assertMayJudge(ctx, entryId, user);
    const sheet = await this.repo.findSheet(roundId, entryId, user.id);
    const rubric = this.rubricFor(await this.repo.rubrics(roundId), entry.categoryId);
    const category = await this.access.getCategory(entry.categoryId);
    return {
      ...this.entryView(ctx, entry, sheet),
      round: this.roundMeta(ctx),
      category: { id: category.id, name: category.name, description: category.description },
      rubric: rubric ? rubric.criteria : null,
      media: await this.entryMedia(ctx, entryId, user),
    };
  }

  /** An assigned entry's files with fresh signed addresses (when the earlier ones expire). */
  async readEntryMedia(
    roundId: string,
    entryId: string,
    user: Principal,
  ): Promise<JudgeMediaView[]> {
    const ctx = await this.judgeContext(roundId, user);
    await this.assertMayJudge(ctx, entryId, user);
    return this.entryMedia(ctx, entryId, user);
  }

  private async entryMedia(
    ctx: RoundContext,
    entryId: string,
    user: Principal,
  ): Promise<JudgeMediaView[]> {
    const blind = ctx.contest.settings.blindJudging;
    const views = await this.media.list(user, entryId);
    const out: JudgeMediaView[] = [];
    for (const v of views) {
      if (v.status !== 'ready') continue;
      // one look-up of the session for all of a file's addresses: the versions a judge may
      // load (never the original, nor the share image), then a document's page images
      const variants = v.variants.filter(
        (x) => x !== 'original' && x !== 'social' && !isPageVariant(x),
      ) as MediaVariant[];
      const pageViews = v.pages ?? [];
      const signed = await this.signer.signMany(
        user,
        v.id,
        [...variants, ...pageViews.map((p) => p.variant as MediaVariant)],
        ctx.round.id,
      );
      const urls: Record<string, string> = {};
      variants.forEach((x, i) => {
        if (signed) urls[x] = signed[i].url;
      });
      const pages = signed
        ? pageViews.map((p, i) => ({
            page: p.page,
            url: signed[variants.length + i].url,
            width: p.width,
            height: p.height,
          }))
        : [];
      const expiresAt = signed?.[0]?.expiresAt ?? null;
      const f = v.facts;
      const num = (x: unknown) => (typeof x === 'number' ? x : undefined);
      out.push({
        id: v.id,
        kind: v.kind,
        status: v.status,
        mime: v.mime,
        sizeBytes: v.sizeBytes,
        facts: {
          width: num(f.width),
          height: num(f.height),
          durationSeconds: num(f.durationSeconds),
          pages: num(f.pages),
        },
        urls,
        ...(v.kind === 'document' ? { pages } : {}),
        ...(blind || v.originalName === undefined ? {} : { originalName: v.originalName }),
        expiresAt,
      });
    }
    return out;
  }

  /** What a judge sees of a round: its name, contest, window in the contest's time zone. */
  private roundMeta(ctx: RoundContext): JudgeRoundMetaView {
    return {
      id: ctx.round.id,
      name: ctx.round.name,
      contestId: ctx.contest.id,
      contestTitle: ctx.contest.title,
      timeZone: ctx.contest.timeZone,
      opensAt: ctx.round.opensAt.toISOString(),
      closesAt: new Date(
        ctx.round.closesAt.getTime() + ctx.round.graceSeconds * 1000,
      ).toISOString(),
      closed: this.isClosed(ctx.round),
      allowRevision: ctx.settings.allowRevision,
      blind: ctx.contest.settings.blindJudging,
    };
  }

  /**
   * The judge's home: the rounds they sit on (or hold assignments in), each with its window in
   * the contest's time zone and their progress (submitted of assigned, drafts, what is left).
   */
  async judgeRounds(user: Principal): Promise<JudgeRoundsView> {
    const rows = await this.repo.judgeRounds(user.id);
    const rounds: JudgeRoundView[] = [];
    for (const r of rows) {
      const q = await this.queue(r.roundId, user).catch(() => null);
      if (!q) continue;
      rounds.push({
        ...q.round,
        onPanel: r.onPanel,
        progress: {
          ...q.progress,
          left: q.progress.assigned - q.progress.submitted,
        },
        next: q.items.find((i) => i.sheet?.status !== SheetStatus.Submitted)?.entryId ?? null,
      });
    }
    return { rounds };
  }

  async saveSheet(
    roundId: string,
    entryId: string,
    dto: SheetDto,
    user: Principal,
  ): Promise<ScoreSheetView> {
    const ctx = await this.judgeContext(roundId, user);
    const entry = await this.assertMayJudge(ctx, entryId, user);
    this.assertWindow(ctx);
    const rubric = this.rubricFor(await this.repo.rubrics(roundId), entry.categoryId);
    if (!rubric) throw AppError.conflict('judging.no_rubric');
    const submit = dto.submit ?? false;
    const { hundredths, errors } = validateScores(rubric.criteria, dto.scores, submit);
    const comments = criterionComments(rubric.criteria, dto.criterionComments);
    errors.push(...comments.errors);
    if (errors.length) throw AppError.validation(errors);
    const saved = await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager, true);
      // Re-read under the lock: the round may have closed meanwhile.
      await this.gate(ctx, manager, user, 'sheet');
      const before = await this.repo.lockSheet(roundId, entryId, user.id, manager);
      // Made on another version of the sheet (a second device): refused, never silently lost.
      if (dto.baseUpdatedAt !== undefined) {
        const current =
          before && before.status !== SheetStatus.Void ? before.updatedAt.toISOString() : null;
        const base = dto.baseUpdatedAt === null ? null : new Date(dto.baseUpdatedAt);
        const baseText = base && !Number.isNaN(base.getTime()) ? base.toISOString() : null;
        if (current !== baseText) throw AppError.conflict('judging.sheet_stale');
      }
      if (before?.status === SheetStatus.Submitted && !ctx.settings.allowRevision)
        throw AppError.conflict('judging.sheet_locked');
      const scores: Record<string, string> = {};
      for (const [k, h] of Object.entries(hundredths)) scores[k] = hundredthsToDecimal(h);
      // A draft keeps the scores it is not given; a submission carries them all.
      const merged = submit ? scores : { ...(before?.scores ?? {}), ...scores };
      for (const k of Object.keys(merged))
        if (!rubric.criteria.some((c) => c.key === k)) delete merged[k];
      const status = submit
        ? SheetStatus.Submitted
        : before?.status === SheetStatus.Submitted
          ? SheetStatus.Submitted
          : SheetStatus.Draft;
      const complete = rubric.criteria.every((c) => merged[c.key] !== undefined);
      if (status === SheetStatus.Submitted && !complete) {
        throw AppError.validation(
          rubric.criteria
            .filter((c) => merged[c.key] === undefined)
            .map((c) => ({
              field: `scores.${c.key}`,
              code: 'judging.score_missing',
              params: { name: c.name },
            })),
        );
      }
      const h: Record<string, number> = {};
      for (const [k, v] of Object.entries(merged)) h[k] = toHundredths(Number(v))!;
      const first = rubric.criteria[0];
      const sheet = await this.repo.saveSheet(
        {
          ...(before ?? {}),
          roundId,
          entryId,
          judgeId: user.id,
          status,
          scores: merged,
          comment: dto.comment ?? before?.comment ?? '',
          criterionComments: comments.value ?? before?.criterionComments ?? {},
          total:
            status === SheetStatus.Submitted ? sheetTotal(rubric.criteria, h).toFixed(4) : null,
          firstRatio:
            status === SheetStatus.Submitted
              ? ((h[first.key] ?? 0) / toHundredths(first.max)!).toFixed(6)
              : null,
          rubricRevision: rubric.revision,
          reopened: status === SheetStatus.Submitted ? false : (before?.reopened ?? false),
          submittedAt:
            status === SheetStatus.Submitted ? new Date() : (before?.submittedAt ?? null),
        },
        manager,
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: !before
            ? 'judging.sheet_created'
            : before.status === SheetStatus.Submitted
              ? 'judging.sheet_revised'
              : submit
                ? 'judging.sheet_submitted'
                : 'judging.sheet_saved',
          subjectType: 'score_sheet',
          subjectId: sheet.id,
          contestId: ctx.round.contestId,
          before: before
            ? {
                status: before.status,
                scores: before.scores,
                comment: before.comment,
                total: before.total,
              }
            : null,
          after: {
            status: sheet.status,
            scores: sheet.scores,
            comment: sheet.comment,
            total: sheet.total,
            roundId,
            entryId,
          },
        },
        manager,
      );
      return sheet;
    });
    await this.live.progressChanged(roundId);
    if (saved.status === SheetStatus.Submitted) await this.live.resultsChanged(roundId);
    return sheetView(saved);
  }

  async ownSheet(
    roundId: string,
    entryId: string,
    user: Principal,
  ): Promise<ScoreSheetView | null> {
    const ctx = await this.judgeContext(roundId, user);
    await this.assertMayJudge(ctx, entryId, user);
    const sheet = await this.repo.findSheet(roundId, entryId, user.id);
    return sheet && sheet.status !== SheetStatus.Void ? sheetView(sheet) : null;
  }

  /** A sheet by id: its judge, or an organizer of the contest; other judges get 403. */
  async sheetById(id: string, user: Principal): Promise<ScoreSheetView> {
    const sheet = await this.repo.findSheetById(id);
    if (!sheet) throw AppError.notFound('judging.sheet_not_found');
    if (sheet.judgeId === user.id) return sheetView(sheet);
    const round = await this.access.getRound(sheet.roundId);
    if (user.role !== UserRole.Admin && !(await this.access.isOrganizer(user, round.contestId)))
      throw AppError.forbidden('judging.sheet_forbidden');
    return sheetView(sheet);
  }
}
