import type { VotingPolicy } from './entities/voting-session.entity';

/**
 * Whether the per-day limit of `policy` can stop a voter who has `entries` entries to vote for:
 * not when the whole session allows no more votes than a day (per session, or per entry times
 * the entries). Where it cannot, votes take no day slot (VotingSession.dayKeys).
 */
export function dayLimitMayBind(policy: VotingPolicy, entries: number): boolean {
  if (policy.perDay == null) return false;
  const most = Math.min(
    policy.perSession ?? Infinity,
    policy.perEntry == null ? Infinity : policy.perEntry * entries,
  );
  return most > policy.perDay;
}

/** The slot kinds whose missing slots the votes already cast must be given. */
export interface SlotBackfill {
  entry: boolean;
  session: boolean;
  day: boolean;
}

/**
 * What a change of a session's policy or entries does to its keys: whether votes take day slots
 * from now on, and which slots the votes already cast must be given first (null: none).
 *
 * A day limit left out because it could not bind is left out no longer, for good, once the
 * limits change (votes cast under the old ones may exceed what the new ones allow a day) or the
 * entries offered are enough to let it bind. Limits that change also count the votes already
 * cast: they get the entry and session slots now limited.
 */
export function keysAfterChange(
  before: { policy: VotingPolicy; dayKeys: boolean },
  policy: VotingPolicy,
  entriesEver: number,
): { dayKeys: boolean; backfill: SlotBackfill | null } {
  const limits = (p: VotingPolicy) => [p.perEntry, p.perSession, p.perDay].join();
  const newLimits = limits(policy) !== limits(before.policy);
  const dayKeys = before.dayKeys || newLimits || dayLimitMayBind(policy, entriesEver);
  if (!newLimits && dayKeys === before.dayKeys) return { dayKeys, backfill: null };
  return {
    dayKeys,
    backfill: {
      entry: newLimits && policy.perEntry != null,
      session: newLimits && policy.perSession != null,
      day: dayKeys && policy.perDay != null,
    },
  };
}
