import type { EntityManager } from 'typeorm';
import { aggregateColumns, AggregationMethod } from './aggregation';
import type { RankingMatrix } from './ranking-matrix';
import { rankColumns, Ranked, TieBreak } from './ranking';

/**
 * What ranking a round reads from the database (JudgingRepository's lean reads); with `manager`,
 * inside that transaction.
 */
export interface RankingSource {
  rankingMatrix(
    roundId: string,
    options: { submissionTimes: boolean; manager?: EntityManager },
  ): Promise<RankingMatrix>;
  submissionTimes(
    entryIds: readonly string[],
    manager?: EntityManager,
  ): Promise<{ at: Float64Array; found: Uint8Array }>;
}

/**
 * Ranks a round from the database: its submitted sheets (one lean read), aggregated by `method`
 * and ranked with `tieBreaks`, in columns until the result.
 *
 * With `entries` (the round's entries): those entries are ranked — with their submission times,
 * and with no score when they have no sheet — plus any entry that has sheets without being given
 * (no longer in the round), at its own submission time. Without: every entry that has sheets,
 * each at its own submission time.
 *
 * With `manager`, every read joins that transaction (on the embedded database, a read on another
 * connection would wait for the transaction to end).
 */
export async function rankRound(
  source: RankingSource,
  roundId: string,
  method: AggregationMethod,
  tieBreaks: readonly TieBreak[],
  entries?: readonly { id: string; submittedAt: Date | null }[],
  manager?: EntityManager,
): Promise<Ranked[]> {
  // Not given the entries: their submission times are read along with the sheets.
  const matrix = await source.rankingMatrix(roundId, { submissionTimes: !entries, manager });
  const agg = aggregateColumns(matrix, method);
  const count = agg.entryIds.length;
  // Given entries not (yet) matched with an entry that has sheets.
  const pending = new Map<string, number | null>();
  for (const e of entries ?? []) pending.set(e.id, e.submittedAt ? e.submittedAt.getTime() : null);

  const submittedAt = new Float64Array(count + pending.size).fill(NaN);
  const rows: number[] = [];
  const missing: number[] = [];
  for (let e = 0; e < count; e++) {
    if (agg.sheets[e] === 0) continue;
    const at = pending.size ? pending.get(agg.entryIds[e]) : undefined;
    if (at === undefined) {
      if (matrix.timed?.[e]) {
        submittedAt[e] = matrix.submittedAt![e];
        rows.push(e);
      } else missing.push(e);
    } else {
      pending.delete(agg.entryIds[e]);
      submittedAt[e] = at ?? NaN;
      rows.push(e);
    }
  }
  if (missing.length) {
    const times = await source.submissionTimes(
      missing.map((e) => agg.entryIds[e]),
      manager,
    );
    for (let i = 0; i < missing.length; i++)
      if (times.found[i] || !entries) {
        submittedAt[missing[i]] = times.at[i];
        rows.push(missing[i]);
      }
  }
  if (!pending.size) return rankColumns({ ...agg, submittedAt }, Int32Array.from(rows), tieBreaks);

  // Given entries without sheets: ranked without a score.
  const grow = <T extends Float64Array | Int32Array>(column: T, fill: number): T => {
    const out = new (column.constructor as new (n: number) => T)(count + pending.size);
    out.fill(fill);
    out.set(column);
    return out;
  };
  const entryIds = [...agg.entryIds];
  for (const [id, at] of pending) {
    submittedAt[entryIds.length] = at ?? NaN;
    rows.push(entryIds.push(id) - 1);
  }
  return rankColumns(
    {
      entryIds,
      score: grow(agg.score, NaN),
      sheets: grow(agg.sheets, 0),
      firstCriterion: grow(agg.firstCriterion, NaN),
      firstPlaces: grow(agg.firstPlaces, 0),
      submittedAt,
    },
    Int32Array.from(rows),
    tieBreaks,
  );
}
