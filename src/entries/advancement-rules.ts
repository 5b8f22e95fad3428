import { RoundStatus } from '../contests/entities/round.entity';

/** What advancement needs to know of a round. */
export interface AdvanceRound {
  id: string;
  name: string;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  resultsFixedAt: Date | null;
}

/** Why entries may not move from one round to the next now, whoever asks. */
export type AdvanceViolation =
  /** The round they would leave was never opened. */
  | { code: 'entries.advance_round_not_opened'; round: AdvanceRound }
  /** The round they would leave has not reached its opening time. */
  | { code: 'entries.advance_before_window'; round: AdvanceRound }
  /** The round they would enter is closed (or its results are fixed). */
  | { code: 'entries.advance_target_closed'; round: AdvanceRound }
  /** The round they would enter is past its closing time. */
  | { code: 'entries.advance_target_over'; round: AdvanceRound };

/**
 * Entries move from a round to the next only from a round that was opened and has reached its
 * opening time (open, or closed since), into a round that is neither closed nor past its closing
 * time. The rule holds for every actor, organizers and administrators included; only an explicit
 * override, with a reason, steps over it (and is audited). Pure: `now` is given.
 */
export function advanceViolation(
  from: AdvanceRound,
  to: AdvanceRound,
  now: Date,
): AdvanceViolation | null {
  if (from.status === RoundStatus.Pending)
    return { code: 'entries.advance_round_not_opened', round: from };
  if (now.getTime() < from.opensAt.getTime())
    return { code: 'entries.advance_before_window', round: from };
  if (to.status === RoundStatus.Closed || to.resultsFixedAt !== null)
    return { code: 'entries.advance_target_closed', round: to };
  if (now.getTime() >= to.closesAt.getTime())
    return { code: 'entries.advance_target_over', round: to };
  return null;
}

/** An entry that may be forwarded by rank: its group and its rank in the round's result. */
export interface RankedCandidate {
  id: string;
  /** Category × unit of the round's scope. */
  group: string;
  /** Rank in the stored result (only the order within the group matters). */
  rank: number;
}

export interface TopNPick {
  /** Forwarded: each with its rank in its group (tied entries share it). */
  chosen: { id: string; group: string; rank: number }[];
  /** Groups where a tie at the cut forwards more than N: the tied entries at the last rank taken. */
  ties: { group: string; rank: number; entryIds: string[] }[];
}

/**
 * The best `n` of each group: an entry is forwarded when its rank in its group ("1, 1, 3": one
 * more than the entries of its group ranked strictly better) is at most `n`. Entries tied at the
 * cut are forwarded together, so a group may forward more than `n`; those ties are reported.
 */
export function pickTopN(candidates: readonly RankedCandidate[], n: number): TopNPick {
  const groups = new Map<string, RankedCandidate[]>();
  for (const c of candidates) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  const chosen: TopNPick['chosen'] = [];
  const ties: TopNPick['ties'] = [];
  for (const [group, list] of groups) {
    list.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const taken: { id: string; rank: number }[] = [];
    for (let i = 0; i < list.length; i++) {
      const rank = i > 0 && list[i].rank === list[i - 1].rank ? taken[i - 1].rank : i + 1;
      if (rank > n) break;
      taken.push({ id: list[i].id, rank });
    }
    for (const t of taken) chosen.push({ id: t.id, group, rank: t.rank });
    if (taken.length > n) {
      const last = taken[taken.length - 1].rank;
      ties.push({
        group,
        rank: last,
        entryIds: taken.filter((t) => t.rank === last).map((t) => t.id),
      });
    }
  }
  return { chosen, ties };
}
