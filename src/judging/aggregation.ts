import { RUBRIC_RANGE } from './scoring';

/**
 * How a round turns the jury's sheets into one score per entry:
 * - mean: the mean of the entry's sheet totals;
 * - median: their median (mean of the two middle ones when even);
 * - trimmed: with at least 5 sheets the highest and the lowest are dropped, then the mean;
 * - normalized: judge-normalized. For each judge, over the sheets they submitted in the round,
 *   z = (total − μ_judge) / σ_judge (population standard deviation). An entry's score is
 *   RANGE/2 + mean(z) × RANGE/6, clamped to [0, RANGE]: the average judge's average entry lands
 *   in the middle of the rubric's range and ±3 standard deviations span it. A judge whose totals
 *   do not vary (σ = 0, e.g. a single sheet or identical totals) says nothing about the relative
 *   quality of the entries: each of their sheets counts as z = 0. Adding a constant to all of a
 *   judge's totals, or multiplying them by a positive factor, leaves their z-scores — and so the
 *   result — unchanged.
 */
export enum AggregationMethod {
  Mean = 'mean',
  Median = 'median',
  Trimmed = 'trimmed',
  Normalized = 'normalized',
}

export const TRIM_MIN_SHEETS = 5;

/** One submitted sheet, as aggregation needs it. */
export interface SheetScore {
  entryId: string;
  judgeId: string;
  /** The sheet's total, 0..range. */
  total: number;
  /** The score on the rubric's first criterion, as a fraction of its maximum (0..1). */
  firstCriterion: number;
}

export interface EntryAggregate {
  entryId: string;
  /** null when the entry has no sheet. */
  score: number | null;
  sheets: number;
  /** Mean of the first criterion (0..1), for the tie-break. */
  firstCriterion: number | null;
  /** Judges for whom this entry has the best total (ties count for each tied entry). */
  firstPlaces: number;
}

/** Score precision: results are quantized so that float noise never decides a rank. */
const QUANTUM = 1e6;
export const quantize = (x: number): number => Math.round(x * QUANTUM) / QUANTUM;

/** Sum in ascending order: the same inputs in any order give the same bits. */
function sortedSum(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let s = 0;
  for (const v of sorted) s += v;
  return s;
}

const mean = (values: number[]): number => sortedSum(values) / values.length;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function trimmedMean(values: number[]): number {
  if (values.length < TRIM_MIN_SHEETS) return mean(values);
  const s = [...values].sort((a, b) => a - b);
  return mean(s.slice(1, -1));
}

/** Per-judge z-scores of their sheets (σ = 0 → 0 for each). */
function zScores(sheets: readonly SheetScore[]): number[] {
  const byJudge = new Map<string, number[]>();
  sheets.forEach((s, i) => {
    const list = byJudge.get(s.judgeId) ?? [];
    list.push(i);
    byJudge.set(s.judgeId, list);
  });
  const z = new Array<number>(sheets.length).fill(0);
  for (const indexes of byJudge.values()) {
    const totals = indexes.map((i) => sheets[i].total);
    const lo = Math.min(...totals);
    const hi = Math.max(...totals);
    // No spread (within float noise of the largest magnitude): the judge is neutral.
    if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) continue;
    const mu = mean(totals);
    const sigma = Math.sqrt(mean(totals.map((t) => (t - mu) * (t - mu))));
    for (const i of indexes) z[i] = (sheets[i].total - mu) / sigma;
  }
  return z;
}

/**
 * One aggregate per entry that has sheets, plus entries listed in `entryIds` without sheets.
 * Pure and independent of the order of `sheets`.
 */
export function aggregate(
  sheets: readonly SheetScore[],
  method: AggregationMethod,
  entryIds: readonly string[] = [],
  range = RUBRIC_RANGE,
): Map<string, EntryAggregate> {
  const byEntry = new Map<string, number[]>();
  sheets.forEach((s, i) => {
    const list = byEntry.get(s.entryId) ?? [];
    list.push(i);
    byEntry.set(s.entryId, list);
  });
  // First places: per judge, the entries at their best total.
  const best = new Map<string, number>();
  for (const s of sheets) best.set(s.judgeId, Math.max(best.get(s.judgeId) ?? -Infinity, s.total));
  const firstPlaces = new Map<string, number>();
  for (const s of sheets)
    if (quantize(s.total) === quantize(best.get(s.judgeId)!))
      firstPlaces.set(s.entryId, (firstPlaces.get(s.entryId) ?? 0) + 1);

  const z = method === AggregationMethod.Normalized ? zScores(sheets) : null;
  const result = new Map<string, EntryAggregate>();
  for (const [entryId, indexes] of byEntry) {
    const totals = indexes.map((i) => sheets[i].total);
    let score: number;
    switch (method) {
      case AggregationMethod.Mean:
        score = mean(totals);
        break;
      case AggregationMethod.Median:
        score = median(totals);
        break;
      case AggregationMethod.Trimmed:
        score = trimmedMean(totals);
        break;
      case AggregationMethod.Normalized: {
        const zbar = mean(indexes.map((i) => z![i]));
        score = Math.min(range, Math.max(0, range / 2 + (zbar * range) / 6));
        break;
      }
    }
    result.set(entryId, {
      entryId,
      score: quantize(score),
      sheets: indexes.length,
      firstCriterion: quantize(mean(indexes.map((i) => sheets[i].firstCriterion))),
      firstPlaces: firstPlaces.get(entryId) ?? 0,
    });
  }
  for (const entryId of entryIds)
    if (!result.has(entryId))
      result.set(entryId, {
        entryId,
        score: null,
        sheets: 0,
        firstCriterion: null,
        firstPlaces: 0,
      });
  return result;
}
