import type { PrizeTiers } from '../contests/entities/contest.entity';

/**
 * Standings inside the groups a round ranks separately — one per category, and per unit of the
 * round's scope when the round is scoped (a round at the commune depth runs once per commune) —
 * the public vote's score, the combined result and prizes. Pure: no I/O.
 */

export type Prize = 'first' | 'second' | 'third' | 'consolation';

export const PRIZE_ORDER: readonly Prize[] = ['first', 'second', 'third', 'consolation'];

/** Where an entry stands in its group. */
export interface GroupStanding<K extends string> {
  /**
   * 1 + the number of entries of the group placed strictly above it ("1, 1, 3"): entries that
   * nothing but their id separates share a rank.
   */
  rank: number;
  /** The key that put it below the entry just above it in its group; null for the first and for a tie. */
  decidedBy: K | null;
  /** Shares its rank with another entry of the group. */
  tied: boolean;
}

/**
 * Ranks within groups. `sorted` is in a strict order, best first (entries that are equal in
 * every key in any fixed order, e.g. by id); `separating(better, worse)` names the first key on
 * which two entries differ, or null when they are equal in every key that counts. The answer is
 * aligned with `sorted`. One pass: each group's entries come in the group's own order.
 */
export function standingsInGroups<T, K extends string>(
  sorted: readonly T[],
  groupOf: (item: T) => string,
  separating: (better: T, worse: T) => K | null,
): GroupStanding<K>[] {
  const out = new Array<GroupStanding<K>>(sorted.length);
  // Per group: the last entry placed and how many so far.
  const last = new Map<string, { index: number; count: number }>();
  for (let i = 0; i < sorted.length; i++) {
    const group = groupOf(sorted[i]);
    const prev = last.get(group);
    if (!prev) {
      out[i] = { rank: 1, decidedBy: null, tied: false };
      last.set(group, { index: i, count: 1 });
      continue;
    }
    const key = separating(sorted[prev.index], sorted[i]);
    prev.count++;
    if (key === null) {
      out[i] = { rank: out[prev.index].rank, decidedBy: null, tied: true };
      out[prev.index].tied = true;
    } else out[i] = { rank: prev.count, decidedBy: key, tied: false };
    prev.index = i;
  }
  return out;
}

/**
 * The prize of a rank: the tiers are given in order down the ranking (first N1 places the first
 * prize, the next N2 the second, …), and an entry gets the tier that holds the place of its
 * rank. Tied entries share their rank, so they share its prize (a tie can give a tier more
 * prizes than planned: "đồng giải").
 */
export function prizeForRank(rank: number, tiers: PrizeTiers): Prize | null {
  let upTo = 0;
  for (const prize of PRIZE_ORDER) {
    upTo += tiers[prize] ?? 0;
    if (rank <= upTo) return prize;
  }
  return null;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * The public vote as a score from 0 to 100, within each group: 100 × the entry's counted votes
 * ÷ the most counted votes of an entry of the same group; 0 for every entry of a group where no
 * entry has a vote. The most voted entry of a category gets the whole public share, so a weight
 * of 30 % means what it says (as a share of all the round's votes, a field of 30 entries would
 * give even the favourite a few points only). Rounded to 4 decimals.
 */
export function publicScores(
  votes: ReadonlyMap<string, number>,
  groups: Iterable<readonly string[]>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const group of groups) {
    let top = 0;
    for (const id of group) top = Math.max(top, votes.get(id) ?? 0);
    for (const id of group) out.set(id, top > 0 ? round4((100 * (votes.get(id) ?? 0)) / top) : 0);
  }
  return out;
}

/**
 * The combined result: (jury × juryWeight + public × publicWeight) / 100, rounded to 4 decimals
 * (the figure shown is the figure compared). No jury score, no result.
 */
export function combinedScore(
  jury: number | null,
  publicScore: number,
  juryWeight: number,
  publicWeight: number,
): number | null {
  if (jury === null) return null;
  return round4((jury * juryWeight + publicScore * publicWeight) / 100);
}
