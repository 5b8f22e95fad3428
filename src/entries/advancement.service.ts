import './messages';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { EntryChangedEvent } from '../common/events/event-bus';
import { TransactionScope, UnitOfWork } from '../common/events/unit-of-work';
import { zonedText } from '../common/time/zoned-time';
import { ContestAccessService } from '../contests/contest-access.service';
import { scopeUnitOf } from '../contests/round-scope';
import { advanceViolation, AdvanceViolation, pickTopN, TopNPick } from './advancement-rules';
import { AdvancementRepository } from './advancement.repository';
import { AdvanceEntriesDto } from './dto/entry.dto';
import { EntriesRepository } from './entries.repository';
import { EntryAction, EntryStatus, transition } from './entry-state-machine';
import { Entry } from './entities/entry.entity';
import { EntryRoundSource, EntryRoundStatus } from './entities/entry-round.entity';
import { ROUND_RANKING_SOURCE, RoundRankingSource } from './round-ranking.source';

export interface AdvanceResult {
  fromRoundId: string;
  toRoundId: string;
  advanced: string[];
  eliminated: string[];
  /** Top N: groups whose tie at the cut forwarded more than N (the tied entries). */
  tiesAtCut: { categoryId: string; scopeUnitId: string | null; rank: number; entryIds: string[] }[];
  /** The round's window or state was overridden (audited with the reason). */
  override: boolean;
}

const STILL_RUNNING: readonly EntryStatus[] = [EntryStatus.Eligible, EntryStatus.Advanced];

/**
 * Advancement between rounds: entries of a round forwarded to the next (by position), picked by
 * hand or the best N of each group by the round's fixed result — a group is a category, within
 * the unit of the round's scope when the round is scoped by unit — and, on request, the others
 * eliminated. Only from a round that was opened and has reached its opening time, into a round
 * neither closed nor over (advancement-rules), for every actor; an override names its reason and
 * is audited.
 */
@Injectable()
export class AdvancementService {
  constructor(
    private readonly entries: EntriesRepository,
    private readonly repo: AdvancementRepository,
    private readonly access: ContestAccessService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(ROUND_RANKING_SOURCE) private readonly rankings: RoundRankingSource,
  ) {}

  /** The server's clock (one place to read time). */
  private now(): Date {
    return new Date();
  }

  async advance(
    contestId: string,
    roundId: string,
    dto: AdvanceEntriesDto,
    user: Principal,
  ): Promise<AdvanceResult> {
    await this.access.assertOrganizer(user, contestId);
    if (dto.entryIds !== undefined && dto.topNPerUnit !== undefined)
      throw AppError.badRequest('entries.advance_selection');
    const reason = dto.reason?.trim() || null;
    if (dto.override && !reason)
      throw AppError.validation([{ field: 'reason', code: 'entries.override_reason_required' }]);
    const contest = await this.access.getContest(contestId);
    return this.uow.run(async (scope) => {
      const { manager } = scope;
      const rounds = await this.repo.lockRounds(contestId, manager);
      const index = rounds.findIndex((r) => r.id === roundId);
      if (index < 0) throw AppError.notFound('entries.round_not_found');
      const round = rounds[index];
      const next = rounds[index + 1];
      if (!next) throw AppError.conflict('entries.no_next_round');
      const violation = advanceViolation(round, next, this.now());
      if (violation && !dto.override) throw this.refusal(violation, contest.timeZone);

      const active = await this.repo.activeInRound(round.id, manager);
      const activeIds = new Set(active.map((a) => a.id));
      let chosen: string[];
      let source: EntryRoundSource;
      const rankOf = new Map<string, number>();
      let pick: TopNPick | null = null;
      const groupOf = new Map<string, { categoryId: string; scopeUnitId: string | null }>();
      if (dto.entryIds !== undefined) {
        source = EntryRoundSource.Manual;
        chosen = [...new Set(dto.entryIds)];
      } else {
        source = EntryRoundSource.TopN;
        const ranking = await this.rankings.ranking(round.id, manager);
        if (!ranking.length) throw AppError.conflict('entries.no_ranking');
        const running = new Map(
          active.filter((a) => STILL_RUNNING.includes(a.status)).map((a) => [a.id, a]),
        );
        const activeById = new Map(active.map((a) => [a.id, a]));
        // Ranks in a group count every entry the result ranked there, moved on or not: top N
        // means the ranks 1..N of the result, however often it is asked.
        const candidates = [];
        const scored = new Set<string>();
        for (const r of ranking) {
          // The group the result ranked it in (results fixed before groups were stored: its
          // category and the unit of the round's scope now, known for entries still here).
          const a = activeById.get(r.entryId);
          if (!r.categoryId && !a) continue;
          const group = {
            categoryId: r.categoryId ?? a!.categoryId,
            scopeUnitId: r.categoryId ? r.scopeUnitId : scopeUnitOf(a!.unitPath, round.scopeDepth),
          };
          const key = `${group.categoryId}/${group.scopeUnitId ?? '*'}`;
          groupOf.set(key, group);
          candidates.push({ id: r.entryId, group: key, rank: r.rank });
          if (r.score !== null) scored.add(r.entryId);
        }
        pick = pickTopN(candidates, dto.topNPerUnit!);
        // Forwarded: those still running in the round that the result scored.
        pick.chosen = pick.chosen.filter((c) => running.has(c.id) && scored.has(c.id));
        chosen = pick.chosen.map((c) => c.id);
        for (const c of pick.chosen) rankOf.set(c.id, c.rank);
      }
      const overridden = violation
        ? { violation: violation.code, roundId: violation.round.id, reason }
        : null;
      const entries = await this.entries.findManyForUpdate(chosen, manager);
      const found = new Set(entries.filter((e) => e.contestId === contestId).map((e) => e.id));
      for (const entryId of chosen)
        if (!found.has(entryId)) throw AppError.conflict('entries.not_in_round', { entryId });
      const advanced: string[] = [];
      for (const entry of entries) {
        // The status is checked first: "advance a disqualified entry" names what it allows.
        const to = this.next(entry, EntryAction.Advance);
        if (!activeIds.has(entry.id))
          throw AppError.conflict('entries.not_in_round', { entryId: entry.id });
        await this.entries.decideRound(
          entry.id,
          round.id,
          EntryRoundStatus.Advanced,
          user.id,
          manager,
        );
        await this.entries.enterRound(entry.id, next.id, source, manager);
        const updated = await this.entries.update(
          entry.id,
          { status: to, currentRoundId: next.id },
          manager,
        );
        await this.record(
          scope,
          user,
          entry,
          updated,
          'entry.advanced',
          {
            source,
            fromRoundId: round.id,
            toRoundId: next.id,
            rank: rankOf.get(entry.id) ?? null,
            ...(overridden ? { override: overridden } : {}),
          },
          reason,
        );
        advanced.push(entry.id);
      }
      const eliminated: string[] = [];
      if (dto.eliminateOthers) {
        const chosenSet = new Set(chosen);
        const others = active
          .filter((a) => !chosenSet.has(a.id) && STILL_RUNNING.includes(a.status))
          .map((a) => a.id);
        for (const entry of await this.entries.findManyForUpdate(others, manager)) {
          const to = this.next(entry, EntryAction.Eliminate);
          await this.entries.decideRound(
            entry.id,
            round.id,
            EntryRoundStatus.Eliminated,
            user.id,
            manager,
          );
          const updated = await this.entries.update(
            entry.id,
            { status: to, currentRoundId: null },
            manager,
          );
          await this.record(
            scope,
            user,
            entry,
            updated,
            'entry.eliminated',
            { source, roundId: round.id, ...(overridden ? { override: overridden } : {}) },
            reason,
          );
          eliminated.push(entry.id);
        }
      }
      if (overridden)
        await this.audit.record(
          {
            actorId: user.id,
            action: 'round.advance_overridden',
            subjectType: 'round',
            subjectId: round.id,
            contestId,
            before: { status: round.status, nextStatus: next.status },
            after: {
              violation: violation!.code,
              violatedRoundId: violation!.round.id,
              toRoundId: next.id,
              advanced,
              eliminated,
            },
            reason,
          },
          manager,
        );
      return {
        fromRoundId: round.id,
        toRoundId: next.id,
        advanced,
        eliminated,
        tiesAtCut: (pick?.ties ?? []).map((t) => ({
          ...groupOf.get(t.group)!,
          rank: t.rank,
          entryIds: t.entryIds,
        })),
        override: overridden !== null,
      };
    });
  }

  /** The refusal of a violation, naming the round and its time in the contest's zone. */
  private refusal(v: AdvanceViolation, timeZone: string): AppError {
    const at = v.code === 'entries.advance_target_over' ? v.round.closesAt : v.round.opensAt;
    return AppError.conflict(v.code, {
      round: v.round.name,
      at: zonedText(at, timeZone),
      roundId: v.round.id,
    });
  }

  private next(entry: Entry, action: EntryAction): EntryStatus {
    const r = transition(entry.status, action, 'organizer');
    if (r.ok) return r.to;
    throw AppError.conflict('entries.invalid_transition', {
      action,
      from: r.from,
      allowed: r.allowed.length ? r.allowed.join(', ') : '—',
    });
  }

  private async record(
    scope: TransactionScope,
    user: Principal,
    before: Entry,
    after: Entry,
    action: string,
    extra: Record<string, unknown>,
    reason: string | null,
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
        reason,
      },
      scope.manager,
    );
    const event: EntryChangedEvent = {
      type: 'entry.changed',
      entryId: after.id,
      contestId: after.contestId,
      categoryId: after.categoryId,
      unitId: after.unitId,
      ownerId: after.ownerId,
      status: after.status,
      previousStatus: before.status,
      action: action.replace(/^entry\./, ''),
      at: this.now().toISOString(),
    };
    scope.emit(event);
  }
}
