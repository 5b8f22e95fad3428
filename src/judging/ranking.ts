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
