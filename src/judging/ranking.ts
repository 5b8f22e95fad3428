import type { EntryAggregate } from './aggregation';

/**
 * Tie-breaks, applied in the round's configured order after the score; the entry id always
 * comes last, so the order is strict and the same on every run.
 * - firstCriterion: higher mean score on the rubric's first criterion;
 * - firstPlaces: more judges who gave the entry their best total;
 * - earlierSubmission: submitted earlier.
 */
export enum TieBreak {
  FirstCriterion = 'firstCriterion',
  FirstPlaces = 'firstPlaces',
  EarlierSubmission = 'earlierSubmission',
}

export const DEFAULT_TIE_BREAKS: readonly TieBreak[] = [
  TieBreak.FirstCriterion,
  TieBreak.FirstPlaces,
  TieBreak.EarlierSubmission,
];

export interface Rankable extends EntryAggregate {
  /** Submission time in ms since the epoch (null = never: ranks after the others). */
  submittedAt: number | null;
}

/** What separated an entry from the one ranked just above it. */
export type DecidedBy = 'score' | TieBreak | 'entryId';

export interface Ranked extends Rankable {
  rank: number;
  /** null for the first entry. */
  decidedBy: DecidedBy | null;
}

/** Higher first; null last. */
function desc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

function asc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function keyCompare(key: DecidedBy, a: Rankable, b: Rankable): number {
  switch (key) {
    case 'score':
      return desc(a.score, b.score);
    case TieBreak.FirstCriterion:
      return desc(a.firstCriterion, b.firstCriterion);
    case TieBreak.FirstPlaces:
      return b.firstPlaces - a.firstPlaces;
    case TieBreak.EarlierSubmission:
      return asc(a.submittedAt, b.submittedAt);
    case 'entryId':
      return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
  }
}

export function keysOf(tieBreaks: readonly TieBreak[]): DecidedBy[] {
  return ['score', ...new Set(tieBreaks), 'entryId'];
}

/** The order of two entries and the key that decided it (0 only for the same entry id). */
export function compareEntries(
  a: Rankable,
  b: Rankable,
  tieBreaks: readonly TieBreak[],
): { order: number; decidedBy: DecidedBy | null } {
  for (const key of keysOf(tieBreaks)) {
    const order = keyCompare(key, a, b);
    if (order !== 0) return { order: Math.sign(order), decidedBy: key };
  }
  return { order: 0, decidedBy: null };
}

/**
 * The first key — the score, then the round's tie-breaks in order — on which two entries differ;
 * null when none does and only the entry id orders them: a tie. The keys are read once.
 */
export function separatorOf(
  tieBreaks: readonly TieBreak[],
): (a: Rankable, b: Rankable) => Exclude<DecidedBy, 'entryId'> | null {
  const keys = keysOf(tieBreaks).filter((k): k is Exclude<DecidedBy, 'entryId'> => k !== 'entryId');
  return (a, b) => {
    for (const key of keys) if (keyCompare(key, a, b) !== 0) return key;
    return null;
  };
}

/** Ranks 1..n, best first, a strict order; each with the key that put it below the previous. */
export function rankEntries(items: readonly Rankable[], tieBreaks: readonly TieBreak[]): Ranked[] {
  const keys = keysOf(tieBreaks);
  const cmp = (a: Rankable, b: Rankable): number => {
    for (const key of keys) {
      const order = keyCompare(key, a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
  const sorted = [...items].sort(cmp);
  return sorted.map((item, i) => {
    let decidedBy: DecidedBy | null = null;
    if (i > 0)
      for (const key of keys)
        if (keyCompare(key, sorted[i - 1], item) !== 0) {
          decidedBy = key;
          break;
        }
    return { ...item, rank: i + 1, decidedBy };
  });
}

/**
 * Entries to rank in columns, by index (NaN stands for null): aggregateColumns' result plus
 * submission times in ms.
 */
export interface RankColumns {
  entryIds: readonly string[];
  score: Float64Array;
  sheets: Int32Array;
  firstCriterion: Float64Array;
  firstPlaces: Int32Array;
  submittedAt: Float64Array;
}

const KEY_CODES: Record<DecidedBy, number> = {
  score: 0,
  [TieBreak.FirstCriterion]: 1,
  [TieBreak.FirstPlaces]: 2,
  [TieBreak.EarlierSubmission]: 3,
  entryId: 4,
};

/** desc/asc on numbers with NaN for null. */
function descN(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return b - a;
}

function ascN(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a - b;
}

/** keyCompare on rows a and b of the columns. */
function columnCompare(code: number, c: RankColumns, a: number, b: number): number {
  switch (code) {
    case 0:
      return descN(c.score[a], c.score[b]);
    case 1:
      return descN(c.firstCriterion[a], c.firstCriterion[b]);
    case 2:
      return c.firstPlaces[b] - c.firstPlaces[a];
    case 3:
      return ascN(c.submittedAt[a], c.submittedAt[b]);
    default: {
      const x = c.entryIds[a];
      const y = c.entryIds[b];
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

const orNull = (x: number): number | null => (x !== x ? null : x);

/**
 * The rows by descending key, then by `tie`: a bottom-up merge sort with the key compared
 * inline (it decides nearly every pair) and `tie` called on equal keys only.
 */
function sortRows(
  rows: Int32Array,
  key: Float64Array,
  tie: (a: number, b: number) => number,
): Int32Array {
  const n = rows.length;
  let src = rows.slice();
  let dst = new Int32Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = src[i];
        const b = src[j];
        if (key[a] > key[b] || (key[a] === key[b] && tie(a, b) <= 0)) {
          dst[k++] = a;
          i++;
        } else {
          dst[k++] = b;
          j++;
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}

/**
 * rankEntries on the given rows of columns: the same ranks and deciding keys, the rows sorted
 * by index (no object until the result).
 */
export function rankColumns(
  c: RankColumns,
  rows: Int32Array,
  tieBreaks: readonly TieBreak[],
): Ranked[] {
  const keys = keysOf(tieBreaks);
  const codes = Int32Array.from(keys, (k) => KEY_CODES[k]);
  const tie = (a: number, b: number): number => {
    for (let k = 1; k < codes.length; k++) {
      const order = columnCompare(codes[k], c, a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
  // Scores are finite: null (NaN) sorts as -Infinity, after every score, and ties with null.
  const key = c.score.map((x) => (x !== x ? -Infinity : x));
  const sorted = sortRows(rows, key, tie);
  const out = new Array<Ranked>(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    let decidedBy: DecidedBy | null = null;
    if (i > 0)
      for (let k = 0; k < codes.length; k++)
        if (columnCompare(codes[k], c, sorted[i - 1], e) !== 0) {
          decidedBy = keys[k];
          break;
        }
    out[i] = {
      entryId: c.entryIds[e],
      score: orNull(c.score[e]),
      sheets: c.sheets[e],
      firstCriterion: orNull(c.firstCriterion[e]),
      firstPlaces: c.firstPlaces[e],
      submittedAt: orNull(c.submittedAt[e]),
      rank: i + 1,
      decidedBy,
    };
  }
  return out;
}
