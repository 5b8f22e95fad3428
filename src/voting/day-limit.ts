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

/** Bits of VotingSession.slotsPending, one per slot kind. */
export const SLOT_KIND_BITS = { entry: 1, session: 2, day: 4 } as const;

export function slotBits(kinds: SlotBackfill): number {
  return (
    (kinds.entry ? SLOT_KIND_BITS.entry : 0) |
    (kinds.session ? SLOT_KIND_BITS.session : 0) |
    (kinds.day ? SLOT_KIND_BITS.day : 0)
  );
}

/** The slot kinds a session with `policy` (and day slots or not) gives its votes. */
export function limitedBits(policy: VotingPolicy, dayKeys: boolean): number {
  return slotBits({
    entry: policy.perEntry != null,
    session: policy.perSession != null,
    day: dayKeys && policy.perDay != null,
  });
}

/**
 * What a change of a session's policy or entries does to its keys: whether votes take day slots
 * from now on, and which slots the votes already cast must be given (null: none).
 *
 * A day limit left out because it could not bind is left out no longer, for good, once the
 * limits change (votes cast under the old ones may exceed what the new ones allow a day) or the
 * entries offered are enough to let it bind. A vote takes a slot of every kind limited when it
 * is cast, so the votes lacking one of a kind are those cast while it was not limited (or, for
 * the day, while day slots were not written): a kind limited now that was not before is to be
 * filled; one that was limited before already holds a slot in every vote (or is still being
 * filled: VotingSession.slotsPending keeps it).
 */
export function keysAfterChange(
  before: { policy: VotingPolicy; dayKeys: boolean },
  policy: VotingPolicy,
  entriesEver: number,
): { dayKeys: boolean; backfill: SlotBackfill | null } {
  const limits = (p: VotingPolicy) => [p.perEntry, p.perSession, p.perDay].join();
  const newLimits = limits(policy) !== limits(before.policy);
  const dayKeys = before.dayKeys || newLimits || dayLimitMayBind(policy, entriesEver);
  const backfill = {
    entry: before.policy.perEntry == null && policy.perEntry != null,
    session: before.policy.perSession == null && policy.perSession != null,
    day: !(before.dayKeys && before.policy.perDay != null) && dayKeys && policy.perDay != null,
  };
  return {
    dayKeys,
    backfill: backfill.entry || backfill.session || backfill.day ? backfill : null,
  };
}
