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
