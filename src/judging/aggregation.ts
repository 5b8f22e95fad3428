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

/**
 * A round's submitted sheets in columns, as the ranking reads them from the database: entries
 * and judges by index, one slot per sheet. The same data as a SheetScore[], without one object
 * per sheet.
 */
export interface SheetMatrix {
  entryIds: string[];
  judgeIds: string[];
  /** Per sheet: index in entryIds. */
  entry: Int32Array;
  /** Per sheet: index in judgeIds. */
  judge: Int32Array;
  /** Per sheet: the total, 0..range. */
  total: Float64Array;
  /** Per sheet: the first criterion's score as a fraction of its maximum. */
  first: Float64Array;
}

/** The matrix of a list of sheets (entries and judges in order of first appearance). */
export function matrixOf(sheets: readonly SheetScore[]): SheetMatrix {
  const entries = new Map<string, number>();
  const judges = new Map<string, number>();
  const m: SheetMatrix = {
    entryIds: [],
    judgeIds: [],
    entry: new Int32Array(sheets.length),
    judge: new Int32Array(sheets.length),
    total: new Float64Array(sheets.length),
    first: new Float64Array(sheets.length),
  };
  sheets.forEach((s, i) => {
    let e = entries.get(s.entryId);
    if (e === undefined) entries.set(s.entryId, (e = m.entryIds.push(s.entryId) - 1));
    let j = judges.get(s.judgeId);
    if (j === undefined) judges.set(s.judgeId, (j = m.judgeIds.push(s.judgeId) - 1));
    m.entry[i] = e;
    m.judge[i] = j;
    m.total[i] = s.total;
    m.first[i] = s.firstCriterion;
  });
  return m;
}

/** Sheet indexes grouped by `key` (counting sort): group g is order[start[g] .. start[g+1]). */
function groupBy(key: Int32Array, groups: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < key.length; i++) start[key[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const cursor = start.slice(0, groups);
  const order = new Int32Array(key.length);
  for (let i = 0; i < key.length; i++) order[cursor[key[i]]++] = i;
  return { start, order };
}

/** Ascending sort of buf[0..n) (n is a handful of sheets per entry). */
function insertionSort(buf: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = buf[i];
    let k = i - 1;
    while (k >= 0 && buf[k] > v) {
      buf[k + 1] = buf[k];
      k--;
    }
    buf[k + 1] = v;
  }
}

/** Sum of sorted buf[from..to), in ascending order (as sortedSum). */
function sumRange(buf: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += buf[i];
  return s;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Sorts `values` in place in ascending order, as Float64Array.prototype.sort does (numbers are
 * not NaN): an LSD radix sort on their bits — the sign flipped for positives, every bit for
 * negatives, so that the bits order as the numbers — in six passes of 11 or 10 bits, a pass
 * skipped when all values share its digit. A few thousand totals per judge sort several times
 * faster than by comparisons.
 */
export function sortNumbers(values: Float64Array): void {
  const n = values.length;
  if (n < 256 || !LITTLE_ENDIAN) {
    values.sort();
    return;
  }
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < 2 * n; i += 2) {
    if (src[i + 1] & 0x80000000) {
      src[i] = ~src[i];
      src[i + 1] = ~src[i + 1];
    } else src[i + 1] |= 0x80000000;
  }
  let dst: Uint32Array = new Uint32Array(2 * n);
  const counts = new Int32Array(2048);
  // [word (0 = low, 1 = high), shift, bits]
  for (const [word, shift, bits] of [
    [0, 0, 11],
    [0, 11, 11],
    [0, 22, 10],
    [1, 0, 11],
    [1, 11, 11],
    [1, 22, 10],
  ]) {
    const mask = (1 << bits) - 1;
    counts.fill(0);
    for (let i = word; i < 2 * n; i += 2) counts[(src[i] >>> shift) & mask]++;
    if (counts[(src[word] >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const at = 2 * counts[(src[i + word] >>> shift) & mask]++;
      dst[at] = src[i];
      dst[at + 1] = src[i + 1];
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  for (let i = 0; i < 2 * n; i += 2) {
    if (src[i + 1] & 0x80000000) src[i + 1] &= 0x7fffffff;
    else {
      src[i] = ~src[i];
      src[i + 1] = ~src[i + 1];
    }
  }
  if (src.buffer !== values.buffer) values.set(new Float64Array(src.buffer, 0, n));
}

/** Sheet z-scores per judge, computed exactly as zScores does (σ = 0 → 0). */
function matrixZScores(m: SheetMatrix): Float64Array {
  const z = new Float64Array(m.total.length);
  const { start, order } = groupBy(m.judge, m.judgeIds.length);
  for (let j = 0; j < m.judgeIds.length; j++) {
    const n = start[j + 1] - start[j];
    if (n === 0) continue;
    const totals = new Float64Array(n);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < n; k++) {
      const t = m.total[order[start[j] + k]];
      totals[k] = t;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) continue;
    sortNumbers(totals);
    const mu = sumRange(totals, 0, n) / n;
    // The squared deviations summed in ascending order, as sortedSum would, without sorting
    // them: below μ they fall as the (sorted) totals rise, from μ on they rise with them — a
    // merge of the two runs gives them in order.
    let below = 0;
    while (below < n && totals[below] < mu) below++;
    let down = below - 1;
    let up = below;
    let squares = 0;
    while (down >= 0 || up < n) {
      const dl = down >= 0 ? (totals[down] - mu) * (totals[down] - mu) : Infinity;
      const du = up < n ? (totals[up] - mu) * (totals[up] - mu) : Infinity;
      if (dl <= du) {
        squares += dl;
        down--;
      } else {
        squares += du;
        up++;
      }
    }
    const sigma = Math.sqrt(squares / n);
    for (let k = start[j]; k < start[j + 1]; k++) {
      const i = order[k];
      z[i] = (m.total[i] - mu) / sigma;
    }
  }
  return z;
}

/**
 * Per-entry aggregates in columns, by entry index of the matrix they come from (NaN stands for
 * null). An entry of the matrix without sheets has sheets = 0 and NaN scores.
 */
export interface AggregateColumns {
  entryIds: string[];
  score: Float64Array;
  sheets: Int32Array;
  firstCriterion: Float64Array;
  firstPlaces: Int32Array;
}

/**
 * The same result as `aggregate` on the same sheets (bit for bit: the same sums in the same
 * order), from a matrix and into columns: no object per sheet or entry, sheets grouped by a
 * counting sort. What the ranking uses on a round's database rows.
 */
export function aggregateColumns(
  m: SheetMatrix,
  method: AggregationMethod,
  range = RUBRIC_RANGE,
): AggregateColumns {
  const sheets = m.total.length;
  const entries = m.entryIds.length;
  const best = new Float64Array(m.judgeIds.length).fill(-Infinity);
  for (let i = 0; i < sheets; i++) if (m.total[i] > best[m.judge[i]]) best[m.judge[i]] = m.total[i];
  const bestQ = best.map(quantize);
  const out: AggregateColumns = {
    entryIds: m.entryIds,
    score: new Float64Array(entries).fill(NaN),
    sheets: new Int32Array(entries),
    firstCriterion: new Float64Array(entries).fill(NaN),
    firstPlaces: new Int32Array(entries),
  };
  for (let i = 0; i < sheets; i++)
    if (quantize(m.total[i]) === bestQ[m.judge[i]]) out.firstPlaces[m.entry[i]]++;

  const z = method === AggregationMethod.Normalized ? matrixZScores(m) : null;
  const values = z ?? m.total;
  const { start, order } = groupBy(m.entry, entries);
  let widest = 0;
  for (let e = 0; e < entries; e++) widest = Math.max(widest, start[e + 1] - start[e]);
  const buf = new Float64Array(widest);
  for (let e = 0; e < entries; e++) {
    const from = start[e];
    const n = start[e + 1] - from;
    if (n === 0) continue;
    for (let k = 0; k < n; k++) buf[k] = values[order[from + k]];
    insertionSort(buf, n);
    let score: number;
    switch (method) {
      case AggregationMethod.Mean:
        score = sumRange(buf, 0, n) / n;
        break;
      case AggregationMethod.Median: {
        const mid = n >> 1;
        score = n % 2 ? buf[mid] : (buf[mid - 1] + buf[mid]) / 2;
        break;
      }
      case AggregationMethod.Trimmed:
        score = n < TRIM_MIN_SHEETS ? sumRange(buf, 0, n) / n : sumRange(buf, 1, n - 1) / (n - 2);
        break;
      case AggregationMethod.Normalized: {
        const zbar = sumRange(buf, 0, n) / n;
        score = Math.min(range, Math.max(0, range / 2 + (zbar * range) / 6));
        break;
      }
    }
    for (let k = 0; k < n; k++) buf[k] = m.first[order[from + k]];
    insertionSort(buf, n);
    out.score[e] = quantize(score);
    out.sheets[e] = n;
    out.firstCriterion[e] = quantize(sumRange(buf, 0, n) / n);
  }
  return out;
}

/** `aggregate`'s result from a matrix (see aggregateColumns), as a map by entry id. */
export function aggregateMatrix(
  m: SheetMatrix,
  method: AggregationMethod,
  entryIds: readonly string[] = [],
  range = RUBRIC_RANGE,
): Map<string, EntryAggregate> {
  const c = aggregateColumns(m, method, range);
  const result = new Map<string, EntryAggregate>();
  for (let e = 0; e < c.entryIds.length; e++)
    if (c.sheets[e] > 0)
      result.set(c.entryIds[e], {
        entryId: c.entryIds[e],
        score: c.score[e],
        sheets: c.sheets[e],
        firstCriterion: c.firstCriterion[e],
        firstPlaces: c.firstPlaces[e],
      });
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
