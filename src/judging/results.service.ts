import './messages';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ContestAccessService } from '../contests/contest-access.service';
import { PrizeTiers } from '../contests/entities/contest.entity';
import { UserRole } from '../users/entities/user.entity';
import { AggregationMethod } from './aggregation';
import { CloseRoundDto } from './dto/judging.dto';
import { SheetStatus } from './entities/score-sheet.entity';
import { JudgingRepository, RoundEntry } from './judging.repository';
import { JudgingLive } from './judging.live';
import { JudgingService, RoundContext } from './judging.service';
import { PUBLIC_SCORE_SOURCE, PublicScoreSource } from './public-score.source';
import { DecidedBy, Ranked, TieBreak } from './ranking';
import { rankRound } from './round-ranking';
import { normalizedWeights, weightsAreNormalized } from './scoring';

export type Prize = 'first' | 'second' | 'third' | 'consolation';

export const PRIZE_LABELS: Record<Prize, string> = {
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};

export interface ResultRow {
  rank: number;
  entryId: string;
  title: string;
  unitId: string;
  unitName: string;
  categoryId: string;
  score: number | null;
  sheets: number;
  quorumMet: boolean;
  firstCriterion: number | null;
  firstPlaces: number;
  submittedAt: string | null;
  decidedBy: DecidedBy | null;
}

export interface RoundResults {
  roundId: string;
  method: AggregationMethod;
  tieBreaks: TieBreak[];
  quorum: number;
  fixed: boolean;
  resultsFixedAt: string | null;
  publishedAt: string | null;
  rows: ResultRow[];
}

export interface FinalRow extends ResultRow {
  juryScore: number | null;
  publicScore: number | null;
  finalScore: number | null;
  categoryRank: number;
  prize: Prize | null;
  prizeLabel: string | null;
}

/** Assigns prize tiers down a ranked list: first N1 → first, next N2 → second, … */
export function prizesFor(count: number, tiers: PrizeTiers): (Prize | null)[] {
  const out: (Prize | null)[] = [];
  for (const tier of ['first', 'second', 'third', 'consolation'] as Prize[])
    for (let i = 0; i < (tiers[tier] ?? 0); i++) out.push(tier);
  return Array.from({ length: count }, (_, i) => out[i] ?? null);
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Aggregation, ranking, closing, final results and publication of judged rounds. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: JudgingRepository,
    private readonly judging: JudgingService,
    private readonly access: ContestAccessService,
    private readonly audit: AuditService,
    private readonly live: JudgingLive,
    @Inject(PUBLIC_SCORE_SOURCE) private readonly publicScores: PublicScoreSource,
  ) {
    this.live.resultsOf = async (roundId) => {
      const ctx = await this.judging.context(roundId);
      const r = await this.compute(ctx);
      return { ...r, rows: r.rows.slice(0, 50) };
    };
  }

  /**
   * Ranks a round from the database: the submitted sheets, the round's method and tie-breaks;
   * with `manager`, read inside that transaction.
   */
  rank(
    roundId: string,
    method: AggregationMethod,
    tieBreaks: readonly TieBreak[],
    entries?: readonly { id: string; submittedAt: Date | null }[],
    manager?: EntityManager,
  ): Promise<Ranked[]> {
    return rankRound(this.repo, roundId, method, tieBreaks, entries, manager);
  }

  async compute(ctx: RoundContext): Promise<RoundResults> {
    const { round, settings } = ctx;
    const entries = await this.repo.roundEntries(round.id);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const ranked = (await this.rank(round.id, settings.method, settings.tieBreaks, entries)).filter(
      (r) => byId.has(r.entryId),
    );
    return {
      roundId: round.id,
      method: settings.method,
      tieBreaks: settings.tieBreaks,
      quorum: settings.quorum,
      fixed: round.resultsFixedAt !== null,
      resultsFixedAt: round.resultsFixedAt?.toISOString() ?? null,
      publishedAt: settings.publishedAt?.toISOString() ?? null,
      rows: ranked.map((r) => this.row(r, byId.get(r.entryId)!, settings.quorum)),
    };
  }

  private row(r: Ranked, e: RoundEntry, quorum: number): ResultRow {
    return {
      rank: r.rank,
      entryId: r.entryId,
      title: e.title,
      unitId: e.unitId,
      unitName: e.unitName,
      categoryId: e.categoryId,
      score: round4(r.score),
      sheets: r.sheets,
      quorumMet: r.sheets >= quorum,
      firstCriterion: r.firstCriterion,
      firstPlaces: r.firstPlaces,
      submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt).toISOString(),
      decidedBy: r.decidedBy,
    };
  }

  async results(roundId: string, user: Principal): Promise<RoundResults> {
    const ctx = await this.judging.organizerContext(roundId, user);
    return this.compute(ctx);
  }

  /**
   * Closes the round: refused while an entry lacks its quorum unless forced with a reason
   * (audited); fixes the ranking into round_rankings (advancement reads it) and sets
   * resultsFixedAt; every sheet is locked from then on.
   */
  async close(roundId: string, dto: CloseRoundDto, user: Principal): Promise<RoundResults> {
    const ctx = await this.judging.organizerContext(roundId, user);
    this.judging.assertOpen(ctx.round);
    if (dto.force && !dto.reason)
      throw AppError.validation([{ field: 'reason', code: 'judging.reason_required' }]);
    await this.repo.transaction(async (manager) => {
      await this.repo.lockRound(roundId, manager);
      const round = await this.access.getRound(roundId, manager);
      this.judging.assertOpen(round);
      const entries = await this.repo.roundEntries(roundId, manager);
      const ranked = (
        await this.rank(roundId, ctx.settings.method, ctx.settings.tieBreaks, entries, manager)
      ).filter((r) => entries.some((e) => e.id === r.entryId));
      const missing = ranked.filter((r) => r.sheets < ctx.settings.quorum).map((r) => r.entryId);
      if (missing.length && !dto.force)
        throw AppError.conflict('judging.quorum_missing', {
          count: missing.length,
          quorum: ctx.settings.quorum,
          entryIds: missing,
        });
      await this.repo.writeRankings(
        roundId,
        ranked.map((r) => ({ entryId: r.entryId, rank: r.rank, score: round4(r.score) })),
        manager,
      );
      const at = new Date();
      await this.repo.fixResults(roundId, at, manager);
      await this.repo.saveSettings(roundId, { closedForced: missing.length > 0 }, manager);
      await this.audit.record(
        {
          actorId: user.id,
          action: missing.length ? 'judging.round_force_closed' : 'judging.round_closed',
          subjectType: 'round',
          subjectId: roundId,
          contestId: ctx.round.contestId,
          after: {
            method: ctx.settings.method,
            quorum: ctx.settings.quorum,
            ranked: ranked.length,
            missingQuorum: missing,
            resultsFixedAt: at.toISOString(),
          },
          reason: dto.reason ?? null,
        },
        manager,
      );
    });
    await this.live.resultsChanged(roundId, 'closed');
    return this.compute(await this.judging.context(roundId));
  }

  async publish(roundId: string, user: Principal) {
    const ctx = await this.judging.organizerContext(roundId, user);
    if (!ctx.round.resultsFixedAt) throw AppError.conflict('judging.not_closed');
    await this.repo.transaction(async (manager) => {
      const saved = await this.repo.saveSettings(
        roundId,
        { publishedAt: new Date(), publishedBy: user.id },
        manager,
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: 'judging.results_published',
          subjectType: 'round',
          subjectId: roundId,
          contestId: ctx.round.contestId,
          after: { publishedAt: saved.publishedAt?.toISOString() },
        },
        manager,
      );
    });
    await this.live.resultsChanged(roundId, 'published');
    return this.final(roundId, user);
  }

  /** Jury and public scores combined by the contest's weights; prizes per category by final rank. */
  async finalOf(ctx: RoundContext) {
    const results = await this.compute(ctx);
    const { settings: cs } = ctx.contest;
    const publicScores = await this.publicScores.scores(
      ctx.contest.id,
      ctx.round.id,
      results.rows.map((r) => r.entryId),
    );
    const juryWeight = publicScores ? cs.juryWeight : 100;
    const publicWeight = publicScores ? cs.publicWeight : 0;
    const rows = results.rows.map((r) => {
      const publicScore = publicScores ? (publicScores.get(r.entryId) ?? 0) : null;
      const finalScore =
        r.score === null
          ? null
          : round4((r.score * juryWeight + (publicScore ?? 0) * publicWeight) / 100);
      return { ...r, juryScore: r.score, publicScore, finalScore };
    });
    // Final order: final score, then the jury ranking (which already holds every tie-break).
    rows.sort((a, b) =>
      a.finalScore === b.finalScore
        ? a.rank - b.rank
        : a.finalScore === null
          ? 1
          : b.finalScore === null
            ? -1
            : b.finalScore - a.finalScore,
    );
    const byCategory = new Map<string, typeof rows>();
    for (const r of rows)
      byCategory.set(r.categoryId, [...(byCategory.get(r.categoryId) ?? []), r]);
    const prizeOf = new Map<string, { prize: Prize | null; categoryRank: number }>();
    for (const list of byCategory.values()) {
      const scored = list.filter((r) => r.finalScore !== null);
      const prizes = prizesFor(scored.length, cs.prizeTiers);
      list.forEach((r, i) =>
        prizeOf.set(r.entryId, {
          prize: r.finalScore === null ? null : prizes[i],
          categoryRank: i + 1,
        }),
      );
    }
    const finalRows: FinalRow[] = rows.map((r, i) => {
      const p = prizeOf.get(r.entryId)!;
      return {
        ...r,
        rank: i + 1,
        categoryRank: p.categoryRank,
        prize: p.prize,
        prizeLabel: p.prize ? PRIZE_LABELS[p.prize] : null,
      };
    });
    return {
      roundId: ctx.round.id,
      juryWeight,
      publicWeight,
      publicVote: publicScores !== null,
      prizeTiers: cs.prizeTiers,
      fixed: results.fixed,
      publishedAt: results.publishedAt,
      rows: finalRows,
    };
  }

  async final(roundId: string, user: Principal) {
    return this.finalOf(await this.judging.organizerContext(roundId, user));
  }

  /**
   * A contestant's own entry: for each round whose results are published, the score by criterion
   * (mean of the submitted sheets), total, rank and prize. Judges are not named.
   */
  async breakdown(entryId: string, user: Principal) {
    const rounds = await this.repo.entryRounds(entryId);
    if (!rounds.entry) throw AppError.notFound('judging.entry_not_found');
    const entry = rounds.entry;
    const own =
      entry.ownerId === user.id ||
      (user.role === UserRole.Contestant && !!user.unitId && user.unitId === entry.unitId);
    if (!own && !(await this.access.isOrganizer(user, entry.contestId)))
      throw AppError.forbidden('judging.not_your_entry');
    const out = [];
    for (const roundId of rounds.roundIds) {
      const ctx = await this.judging.context(roundId).catch(() => null);
      if (!ctx || !ctx.settings.publishedAt) continue;
      const rubric = this.judging.rubricFor(await this.repo.rubrics(roundId), entry.categoryId);
      const sheets = (await this.repo.roundSheets(roundId, undefined, entryId)).filter(
        (s) => s.status === SheetStatus.Submitted,
      );
      const final = await this.finalOf(ctx);
      const row = final.rows.find((r) => r.entryId === entryId);
      const weights = rubric ? normalizedWeights(rubric.criteria) : [];
      out.push({
        roundId,
        roundName: ctx.round.name,
        method: ctx.settings.method,
        sheets: sheets.length,
        criteria: (rubric?.criteria ?? []).map((c, i) => {
          const values = sheets.map((s) => Number(s.scores[c.key] ?? 0));
          return {
            key: c.key,
            name: c.name,
            max: c.max,
            weight: round4(weights[i]),
            mean: values.length ? round4(values.reduce((a, b) => a + b, 0) / values.length) : null,
            scores: values,
          };
        }),
        weightsNormalized: rubric ? weightsAreNormalized(rubric.criteria) : false,
        juryScore: row?.juryScore ?? null,
        publicScore: row?.publicScore ?? null,
        finalScore: row?.finalScore ?? null,
        rank: row?.rank ?? null,
        categoryRank: row?.categoryRank ?? null,
        prize: row?.prize ?? null,
        prizeLabel: row?.prizeLabel ?? null,
        decidedBy: row?.decidedBy ?? null,
      });
    }
    if (!own) return { entryId, rounds: out };
    if (!out.length) throw AppError.conflict('judging.not_published');
    return { entryId, rounds: out };
  }
}
