import './messages';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { translate } from '../common/i18n/i18n';
import { ContestAccessService } from '../contests/contest-access.service';
import { PrizeTiers } from '../contests/entities/contest.entity';
import { RoundKind } from '../contests/entities/round.entity';
import { scopeUnitOf } from '../contests/round-scope';
import { UserRole } from '../users/entities/user.entity';
import { AggregationMethod } from './aggregation';
import { CloseRoundDto } from './dto/judging.dto';
import type { PublicVoteSnapshot } from './entities/judging-round.entity';
import { SheetStatus } from './entities/score-sheet.entity';
import { JudgingRepository, RoundEntry, StoredRankingRow } from './judging.repository';
import { JudgingLive } from './judging.live';
import { JudgingService, RoundContext } from './judging.service';
import { PUBLIC_SCORE_SOURCE, PublicScoreSource, PublicVoteSession } from './public-score.source';
import { DecidedBy, Ranked, separatorOf, TieBreak } from './ranking';
import { rankRound } from './round-ranking';
import { normalizedWeights, weightsAreNormalized } from './scoring';
import {
  combinedScore,
  GroupStanding,
  Prize,
  prizeForRank,
  publicScores,
  standingsInGroups,
} from './standings';

export type { Prize } from './standings';

/** Prize names as the results and exports show them (Vietnamese). */
export const PRIZE_LABELS: Record<Prize, string> = {
  first: translate('judging.prize.first', 'vi'),
  second: translate('judging.prize.second', 'vi'),
  third: translate('judging.prize.third', 'vi'),
  consolation: translate('judging.prize.consolation', 'vi'),
};

/** What separates an entry from the one above it in the jury ranking (the entry id never does). */
export type JuryKey = Exclude<DecidedBy, 'entryId'>;
/** The same in the combined result: the final score first, then the jury ranking's keys. */
export type FinalKey = 'finalScore' | JuryKey;

/** A group the round ranks on its own: a category, within a unit of the round's scope if scoped. */
export interface ResultGroup {
  key: string;
  categoryId: string;
  categoryName: string;
  /** The unit of the round's scope (null: the round is not scoped by unit). */
  scopeUnitId: string | null;
  scopeUnitName: string | null;
  entries: number;
}

export interface ResultRow {
  /** Rank in its group by the jury; tied entries share it. */
  rank: number;
  tied: boolean;
  /** The group's key (see groups). */
  group: string;
  entryId: string;
  /** The entry's short code (its public page once published). */
  publicId: string;
  title: string;
  unitId: string;
  unitName: string;
  categoryId: string;
  scopeUnitId: string | null;
  score: number | null;
  sheets: number;
  quorumMet: boolean;
  firstCriterion: number | null;
  firstPlaces: number;
  submittedAt: string | null;
  /** The key that put it below the entry above it in its group; null for the first and ties. */
  decidedBy: JuryKey | null;
}

export interface RoundResults {
  roundId: string;
  method: AggregationMethod;
  tieBreaks: TieBreak[];
  quorum: number;
  /** Judges may change a submitted sheet while the round is open. */
  allowRevision: boolean;
  fixed: boolean;
  resultsFixedAt: string | null;
  publishedAt: string | null;
  /** Groups in order (categories by position, then units of the scope by name). */
  groups: ResultGroup[];
  /** By group, then rank. */
  rows: ResultRow[];
}

export interface FinalRow extends Omit<ResultRow, 'decidedBy'> {
  /** Rank in its group by the combined score; tied entries share it. */
  rank: number;
  decidedBy: FinalKey | null;
  juryRank: number;
  juryTied: boolean;
  juryDecidedBy: JuryKey | null;
  juryScore: number | null;
  /** Counted public votes (null: the round has no public vote). */
  publicVotes: number | null;
  /** 0–100, relative to the most voted entry of the group (null: no public vote). */
  publicScore: number | null;
  finalScore: number | null;
  prize: Prize | null;
  prizeLabel: string | null;
}

/** The public vote behind a result. */
export interface PublicVoteView {
  /**
   * none: the round has no voting session (the jury counts 100 %); open: a session can still
   * take votes (the result is provisional); closed: every session is over.
   */
  status: 'none' | 'open' | 'closed';
  /** How votes become a score (see standings.publicScores). */
  rule: 'relative_to_top_of_group';
  readAt: string | null;
  /** With the chain head of the votes counted. */
  sessions: PublicVoteSession[];
}

export interface FinalResults {
  roundId: string;
  juryWeight: number;
  publicWeight: number;
  /** True until the results are fixed, and while a voting session of the round is not over. */
  provisional: boolean;
  publicVote: PublicVoteView;
  prizeTiers: PrizeTiers;
  fixed: boolean;
  publishedAt: string | null;
  groups: ResultGroup[];
  rows: FinalRow[];
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** A round entry with the group it is ranked in. */
interface BoardEntry extends RoundEntry {
  group: string;
  scopeUnitId: string | null;
  /** Fixed results: the public votes they used. */
  storedVotes: number | null;
}

/** The jury's side of a round: its entries, the strict ranking and the standings in groups. */
interface Board {
  ctx: RoundContext;
  fixed: boolean;
  entries: Map<string, BoardEntry>;
  /** Strict order over the round (score, tie-breaks, entry id). */
  jury: Ranked[];
  /** Aligned with `jury`. */
  standing: GroupStanding<JuryKey>[];
}

interface PublicPart {
  status: PublicVoteView['status'];
  juryWeight: number;
  publicWeight: number;
  readAt: string | null;
  sessions: PublicVoteSession[];
  /** null: no public vote. */
  votes: Map<string, number> | null;
}

interface FinalItem {
  ranked: Ranked;
  /** Index in the jury's strict order. */
  index: number;
  entry: BoardEntry;
  publicVotes: number | null;
  publicScore: number | null;
  finalScore: number | null;
}

const groupKey = (categoryId: string, scopeUnitId: string | null) =>
  `${categoryId}/${scopeUnitId ?? '*'}`;

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
   * with `manager`, read inside that transaction. One strict order over the whole round (the
   * entry id last); the standings in groups are read off it.
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

  /**
   * The round's entries in their groups, ranked by the jury. Before the results are fixed: the
   * entries in the round now, grouped by their category and the unit of the round's scope;
   * after: the entries and groups of the fixed result.
   */
  private async board(ctx: RoundContext, manager?: EntityManager): Promise<Board> {
    const { round, settings } = ctx;
    const fixed = round.resultsFixedAt !== null;
    const list: BoardEntry[] = fixed
      ? (await this.repo.fixedEntries(round.id, manager)).map((e) => ({
          ...e,
          group: groupKey(e.categoryId, e.scopeUnitId),
          storedVotes: e.publicVotes,
        }))
      : (await this.repo.roundEntries(round.id, manager)).map((e) => {
          const scopeUnitId = scopeUnitOf(e.unitPath, round.scopeDepth);
          return {
            ...e,
            scopeUnitId,
            group: groupKey(e.categoryId, scopeUnitId),
            storedVotes: null,
          };
        });
    const entries = new Map(list.map((e) => [e.id, e]));
    const jury = (
      await this.rank(round.id, settings.method, settings.tieBreaks, list, manager)
    ).filter((r) => entries.has(r.entryId));
    const standing = standingsInGroups(
      jury,
      (r) => entries.get(r.entryId)!.group,
      separatorOf(settings.tieBreaks),
    );
    return { ctx, fixed, entries, jury, standing };
  }

  /** Groups named and in order: categories by position, then units of the scope by name. */
  private async groupsOf(
    board: Board,
  ): Promise<{ groups: ResultGroup[]; order: Map<string, number> }> {
    const counts = new Map<string, BoardEntry>();
    const sizes = new Map<string, number>();
    for (const e of board.entries.values()) {
      if (!counts.has(e.group)) counts.set(e.group, e);
      sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
    }
    const [categories, unitNames] = await Promise.all([
      this.access.listCategories(board.ctx.round.contestId),
      this.repo.unitNames(
        [...new Set([...counts.values()].map((e) => e.scopeUnitId))].filter(
          (x): x is string => x !== null,
        ),
      ),
    ]);
    const category = new Map(categories.map((c, i) => [c.id, { name: c.name, order: i }]));
    const groups: ResultGroup[] = [...counts.entries()].map(([key, e]) => ({
      key,
      categoryId: e.categoryId,
      categoryName: category.get(e.categoryId)?.name ?? '',
      scopeUnitId: e.scopeUnitId,
      scopeUnitName: e.scopeUnitId === null ? null : (unitNames.get(e.scopeUnitId) ?? null),
      entries: sizes.get(key)!,
    }));
    groups.sort(
      (a, b) =>
        (category.get(a.categoryId)?.order ?? 1e9) - (category.get(b.categoryId)?.order ?? 1e9) ||
        a.categoryId.localeCompare(b.categoryId) ||
        (a.scopeUnitName ?? '').localeCompare(b.scopeUnitName ?? '', 'vi') ||
        (a.scopeUnitId ?? '').localeCompare(b.scopeUnitId ?? ''),
    );
    return { groups, order: new Map(groups.map((g, i) => [g.key, i])) };
  }

  /** Items in group order, each group's in the given order (a stable sort). */
  private byGroup<T>(items: T[], groupOf: (t: T) => string, order: Map<string, number>): T[] {
    return items
      .map((item, i) => ({ item, i, g: order.get(groupOf(item)) ?? 1e9 }))
      .sort((a, b) => a.g - b.g || a.i - b.i)
      .map((x) => x.item);
  }

  private juryRow(board: Board, i: number): ResultRow {
    const r = board.jury[i];
    const s = board.standing[i];
    const e = board.entries.get(r.entryId)!;
    return {
      rank: s.rank,
      tied: s.tied,
      group: e.group,
      entryId: r.entryId,
      publicId: e.publicId,
      title: e.title,
      unitId: e.unitId,
      unitName: e.unitName,
      categoryId: e.categoryId,
      scopeUnitId: e.scopeUnitId,
      score: round4(r.score),
      sheets: r.sheets,
      quorumMet: r.sheets >= board.ctx.settings.quorum,
      firstCriterion: r.firstCriterion,
      firstPlaces: r.firstPlaces,
      submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt).toISOString(),
      decidedBy: s.decidedBy,
    };
  }

  /** The jury's ranking of the round, per group (live until the results are fixed). */
  async compute(ctx: RoundContext): Promise<RoundResults> {
    const { round, settings } = ctx;
    const board = await this.board(ctx);
    const { groups, order } = await this.groupsOf(board);
    const rows = this.byGroup(
      board.jury.map((_, i) => this.juryRow(board, i)),
      (r) => r.group,
      order,
    );
    return {
      roundId: round.id,
      method: settings.method,
      tieBreaks: settings.tieBreaks,
      quorum: settings.quorum,
      allowRevision: settings.allowRevision,
      fixed: board.fixed,
      resultsFixedAt: round.resultsFixedAt?.toISOString() ?? null,
      publishedAt: settings.publishedAt?.toISOString() ?? null,
      groups,
      rows,
    };
  }

  async results(roundId: string, user: Principal): Promise<RoundResults> {
    const ctx = await this.judging.organizerContext(roundId, user);
    return this.compute(ctx);
  }

  /**
   * The public vote behind the result: for fixed results, what they used (stored when they
   * were fixed); before, the round's voting sessions now. `settle`: see PublicScoreSource.
   */
  private async publicPart(
    board: Board,
    manager?: EntityManager,
    settle = false,
  ): Promise<PublicPart> {
    const { contest, settings, round } = board.ctx;
    const none = (readAt: string | null, sessions: PublicVoteSession[] = []): PublicPart => ({
      status: 'none',
      juryWeight: 100,
      publicWeight: 0,
      readAt,
      sessions,
      votes: null,
    });
    if (board.fixed) {
      const snapshot = settings.publicVote ?? null;
      if (!snapshot || !snapshot.sessions.length) return none(snapshot?.readAt ?? null);
      const votes = new Map<string, number>();
      for (const e of board.entries.values()) votes.set(e.id, e.storedVotes ?? 0);
      return {
        status: 'closed',
        juryWeight: snapshot.juryWeight,
        publicWeight: snapshot.publicWeight,
        readAt: snapshot.readAt,
        sessions: snapshot.sessions,
        votes,
      };
    }
    const read = await this.publicScores.read(round.id, manager, settle);
    if (!read.sessions.length) return none(read.readAt);
    return {
      status: read.sessions.every((s) => s.over) ? 'closed' : 'open',
      juryWeight: contest.settings.juryWeight,
      publicWeight: contest.settings.publicWeight,
      readAt: read.readAt,
      sessions: read.sessions,
      votes: read.votes,
    };
  }

  /**
   * The combined result, best first within each group: the final score, then the jury's strict
   * order (its score, the round's tie-breaks, the entry id); with standings and prizes.
   */
  private combine(board: Board, pub: PublicPart) {
    const members = new Map<string, string[]>();
    for (const e of board.entries.values()) {
      const list = members.get(e.group);
      if (list) list.push(e.id);
      else members.set(e.group, [e.id]);
    }
    const scores = pub.votes ? publicScores(pub.votes, members.values()) : null;
    const items: FinalItem[] = board.jury.map((ranked, index) => {
      const entry = board.entries.get(ranked.entryId)!;
      const publicScore = scores ? (scores.get(ranked.entryId) ?? 0) : null;
      return {
        ranked,
        index,
        entry,
        publicVotes: pub.votes ? (pub.votes.get(ranked.entryId) ?? 0) : null,
        publicScore,
        finalScore: combinedScore(ranked.score, publicScore ?? 0, pub.juryWeight, pub.publicWeight),
      };
    });
    // Best final score first (none last); equal ones in the jury's order.
    const key = Float64Array.from(items, (x) => x.finalScore ?? -Infinity);
    const order = Int32Array.from(items, (_, i) => i).sort((a, b) =>
      key[a] === key[b] ? a - b : key[b] > key[a] ? 1 : -1,
    );
    const sorted = Array.from(order, (i) => items[i]);
    const separating = separatorOf(board.ctx.settings.tieBreaks);
    const standing = standingsInGroups<FinalItem, FinalKey>(
      sorted,
      (x) => x.entry.group,
      (a, b) => (a.finalScore !== b.finalScore ? 'finalScore' : separating(a.ranked, b.ranked)),
    );
    return { sorted, standing };
  }

  private finalRows(board: Board, pub: PublicPart, tiers: PrizeTiers): FinalRow[] {
    const { sorted, standing } = this.combine(board, pub);
    return sorted.map((x, i) => {
      const jury = this.juryRow(board, x.index);
      const s = standing[i];
      const prize = x.finalScore === null ? null : prizeForRank(s.rank, tiers);
      return {
        ...jury,
        rank: s.rank,
        tied: s.tied,
        decidedBy: s.decidedBy,
        juryRank: jury.rank,
        juryTied: jury.tied,
        juryDecidedBy: jury.decidedBy,
        juryScore: jury.score,
        publicVotes: x.publicVotes,
        publicScore: x.publicScore,
        finalScore: x.finalScore,
        prize,
        prizeLabel: prize ? PRIZE_LABELS[prize] : null,
      };
    });
  }

  /**
   * Closes the round: refused while an entry lacks its quorum unless forced with a reason
   * (audited), and while a voting session of the round can still take votes; fixes the result
   * into round_rankings (ranks per group by the combined score; advancement reads it) with the
   * public vote it used (counts and chain heads), and sets resultsFixedAt; every sheet is
   * locked from then on.
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
      const board = await this.board({ ...ctx, round }, manager);
      const missing = board.jury
        .filter((r) => r.sheets < ctx.settings.quorum)
        .map((r) => r.entryId);
      if (missing.length && !dto.force)
        throw AppError.conflict('judging.quorum_missing', {
          count: missing.length,
          quorum: ctx.settings.quorum,
          entryIds: missing,
        });
      const pub = await this.publicPart(board, manager, true);
      if (pub.status === 'open')
        throw AppError.conflict('judging.public_vote_open', {
          sessions: pub.sessions
            .filter((s) => !s.over)
            .map((s) => `«${s.title}»`)
            .join(', '),
          sessionIds: pub.sessions.filter((s) => !s.over).map((s) => s.id),
        });
      const final = this.combine(board, pub);
      const juryRank = new Map(board.jury.map((r, i) => [r.entryId, board.standing[i].rank]));
      const rows: StoredRankingRow[] = final.sorted.map((x, i) => ({
        entryId: x.ranked.entryId,
        rank: final.standing[i].rank,
        score: x.finalScore,
        categoryId: x.entry.categoryId,
        scopeUnitId: x.entry.scopeUnitId,
        juryScore: round4(x.ranked.score),
        juryRank: juryRank.get(x.ranked.entryId)!,
        publicVotes: x.publicVotes,
        publicScore: x.publicScore,
      }));
      await this.repo.writeRankings(roundId, rows, manager);
      const at = new Date();
      const publicVote: PublicVoteSnapshot = {
        juryWeight: pub.juryWeight,
        publicWeight: pub.publicWeight,
        readAt: pub.readAt ?? at.toISOString(),
        sessions: pub.sessions,
      };
      await this.repo.fixResults(roundId, at, manager);
      await this.repo.saveSettings(
        roundId,
        { closedForced: missing.length > 0, publicVote },
        manager,
      );
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
            ranked: rows.length,
            missingQuorum: missing,
            resultsFixedAt: at.toISOString(),
            juryWeight: pub.juryWeight,
            publicWeight: pub.publicWeight,
            publicVote: pub.sessions.map((s) => ({
              sessionId: s.id,
              chainHead: s.chainHead,
              counted: s.counted,
              quarantined: s.quarantined,
              voided: s.voided,
            })),
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

  /**
   * Jury and public scores combined by the contest's weights, ranked and awarded per group
   * (category, and unit of the round's scope when scoped); ties shown as ties. Provisional
   * until the results are fixed; fixed results come with the public vote they used.
   */
  async finalOf(ctx: RoundContext): Promise<FinalResults> {
    const board = await this.board(ctx);
    const pub = await this.publicPart(board);
    const tiers = ctx.contest.settings.prizeTiers;
    const { groups, order } = await this.groupsOf(board);
    return {
      roundId: ctx.round.id,
      juryWeight: pub.juryWeight,
      publicWeight: pub.publicWeight,
      provisional: !board.fixed || pub.status === 'open',
      publicVote: {
        status: pub.status,
        rule: 'relative_to_top_of_group',
        readAt: pub.readAt,
        sessions: pub.sessions,
      },
      prizeTiers: tiers,
      fixed: board.fixed,
      publishedAt: ctx.settings.publishedAt?.toISOString() ?? null,
      groups,
      rows: this.byGroup(this.finalRows(board, pub, tiers), (r) => r.group, order),
    };
  }

  async final(roundId: string, user: Principal): Promise<FinalResults> {
    return this.finalOf(await this.judging.organizerContext(roundId, user));
  }

  /** The published results of a contest's judged rounds, in round order (what the public sees). */
  async published(contestId: string): Promise<{ roundName: string; results: FinalResults }[]> {
    const rounds = (await this.access.listRounds(contestId)).filter(
      (r) => r.kind === RoundKind.Judging || r.kind === RoundKind.Final,
    );
    const out: { roundName: string; results: FinalResults }[] = [];
    for (const round of rounds) {
      const ctx = await this.judging.context(round.id);
      if (!ctx.settings.publishedAt) continue;
      out.push({ roundName: round.name, results: await this.finalOf(ctx) });
    }
    return out;
  }

  /**
   * A contestant's own entry: for each round whose results are published, the score by criterion
   * (mean of the submitted sheets), total, rank in its group and prize. Judges are not named.
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
            weight: Math.round(weights[i] * 10000) / 10000,
            mean: values.length ? round4(values.reduce((a, b) => a + b, 0) / values.length) : null,
            scores: values,
          };
        }),
        weightsNormalized: rubric ? weightsAreNormalized(rubric.criteria) : false,
        juryScore: row?.juryScore ?? null,
        publicVotes: row?.publicVotes ?? null,
        publicScore: row?.publicScore ?? null,
        finalScore: row?.finalScore ?? null,
        rank: row?.rank ?? null,
        tied: row?.tied ?? false,
        group: final.groups.find((g) => g.key === row?.group) ?? null,
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
