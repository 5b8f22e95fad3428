import { createHash } from 'node:crypto';

/**
 * Assignment of judges to entries, pure and deterministic for a given seed.
 *
 * Every entry gets `quorum` judges among those eligible for it (eligibility — conflicts,
 * recusals, category limits — is decided by the caller). Loads (assignments per judge on the
 * panel) are balanced: after filling, chains of moves of movable assignments bring the spread
 * max − min down to ≤ 1 whenever the eligibility allows it. Locked assignments (a sheet has been
 * submitted) never move and count towards the quorum even when their judge left the panel.
 */
export interface AssignmentInput {
  entryIds: readonly string[];
  /** Judges on the panel. */
  judgeIds: readonly string[];
  quorum: number;
  seed: string;
  eligible(judgeId: string, entryId: string): boolean;
  /** Current assignments. Those not locked may be kept or moved. */
  existing: readonly { entryId: string; judgeId: string; locked: boolean }[];
}

export interface AssignmentPlan {
  /** Every assignment after the plan (locked ones included). */
  assignments: { entryId: string; judgeId: string }[];
  /** Entries that could not get their quorum, with how many judges they have. */
  shortfalls: { entryId: string; judges: number }[];
  loads: Record<string, number>;
}

export function seededKey(seed: string, ...parts: string[]): string {
  return createHash('sha1')
    .update([seed, ...parts].join('|'))
    .digest('hex');
}

export function planAssignments(input: AssignmentInput): AssignmentPlan {
  const panel = new Set(input.judgeIds);
  const entrySet = new Set(input.entryIds);
  /** entry → judge → locked */
  const judgesOf = new Map<string, Map<string, boolean>>();
  for (const e of input.entryIds) judgesOf.set(e, new Map());
  const load = new Map<string, number>(input.judgeIds.map((j) => [j, 0]));
  const tie = (...parts: string[]) => seededKey(input.seed, ...parts);

  for (const a of input.existing) {
    if (!entrySet.has(a.entryId)) continue;
    const keep = a.locked || (panel.has(a.judgeId) && input.eligible(a.judgeId, a.entryId));
    if (!keep) continue;
    const set = judgesOf.get(a.entryId)!;
    if (set.has(a.judgeId)) continue;
    // Unlocked assignments beyond the quorum are dropped (the quorum was lowered).
    if (!a.locked && set.size >= input.quorum) continue;
    set.set(a.judgeId, a.locked);
    if (panel.has(a.judgeId)) load.set(a.judgeId, load.get(a.judgeId)! + 1);
  }

  // Fill: the most constrained entries first, each slot to the least loaded eligible judge.
  const options = new Map(
    input.entryIds.map((e) => [e, input.judgeIds.filter((j) => input.eligible(j, e))]),
  );
  const order = [...input.entryIds].sort(
    (a, b) =>
      options.get(a)!.length - options.get(b)!.length || (tie('e', a) < tie('e', b) ? -1 : 1),
  );
  for (const e of order) {
    const set = judgesOf.get(e)!;
    while (set.size < input.quorum) {
      const candidates = options.get(e)!.filter((j) => !set.has(j));
      if (!candidates.length) break;
      candidates.sort(
        (a, b) => load.get(a)! - load.get(b)! || (tie('j', e, a) < tie('j', e, b) ? -1 : 1),
      );
      const j = candidates[0];
      set.set(j, false);
      load.set(j, load.get(j)! + 1);
    }
  }

  // Balance: move chains of unlocked assignments from a heavy judge to one at least 2 lighter.
  const judgeOrder = [...input.judgeIds].sort((a, b) => (tie('b', a) < tie('b', b) ? -1 : 1));
  for (let guard = 0; guard < 100_000; guard++) {
    if (!rebalanceOnce()) break;
  }

  function movable(judge: string): string[] {
    const list: string[] = [];
    for (const e of input.entryIds) {
      const set = judgesOf.get(e)!;
      if (set.get(judge) === false) list.push(e);
    }
    return list;
  }

  function rebalanceOnce(): boolean {
    const sources = [...judgeOrder].sort((a, b) => load.get(b)! - load.get(a)!);
    for (const source of sources) {
      const target = load.get(source)! - 2;
      if (target < 0) continue;
      // BFS over judges: edge j → k when j holds a movable entry k may take.
      const prev = new Map<string, { from: string; entry: string }>();
      const seen = new Set([source]);
      const queue = [source];
      let found: string | null = null;
      while (queue.length && !found) {
        const j = queue.shift()!;
        for (const e of movable(j)) {
          const set = judgesOf.get(e)!;
          for (const k of judgeOrder) {
            if (seen.has(k) || set.has(k) || !input.eligible(k, e)) continue;
            seen.add(k);
            prev.set(k, { from: j, entry: e });
            if (load.get(k)! <= target) {
              found = k;
              break;
            }
            queue.push(k);
          }
          if (found) break;
        }
      }
      if (!found) continue;
      let k = found;
      while (k !== source) {
        const step = prev.get(k)!;
        const set = judgesOf.get(step.entry)!;
        set.delete(step.from);
        set.set(k, false);
        k = step.from;
      }
      load.set(source, load.get(source)! - 1);
      load.set(found, load.get(found)! + 1);
      return true;
    }
    return false;
  }

  const assignments: { entryId: string; judgeId: string }[] = [];
  const shortfalls: { entryId: string; judges: number }[] = [];
  for (const e of input.entryIds) {
    const set = judgesOf.get(e)!;
    for (const j of set.keys()) assignments.push({ entryId: e, judgeId: j });
    if (set.size < input.quorum) shortfalls.push({ entryId: e, judges: set.size });
  }
  return { assignments, shortfalls, loads: Object.fromEntries(load) };
}
