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

/** 32-bit finalizer (murmur3): spreads the bits of a combined key. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const key32 = (seed: string, ...parts: string[]) =>
  Number.parseInt(seededKey(seed, ...parts).slice(0, 8), 16);

/**
 * Eligibility is asked once per entry and judge; loads, ties and the current assignments live in
 * typed arrays indexed by entry × judge, and ties are one seeded hash per entry and per judge,
 * mixed: a final of hundreds of entries and tens of judges is planned in milliseconds.
 */
export function planAssignments(input: AssignmentInput): AssignmentPlan {
  const entries = input.entryIds;
  const judges = input.judgeIds;
  const E = entries.length;
  const J = judges.length;
  const quorum = input.quorum;
  const entryIndex = new Map(entries.map((e, i) => [e, i]));
  const judgeIndex = new Map(judges.map((j, i) => [j, i]));

  const ok = new Uint8Array(E * J);
  const options = new Int32Array(E);
  for (let e = 0; e < E; e++)
    for (let j = 0; j < J; j++)
      if (input.eligible(judges[j], entries[e])) {
        ok[e * J + j] = 1;
        options[e] += 1;
      }

  /** entry × judge: 0 none, 1 assigned and movable, 2 locked (a submitted sheet). */
  const held = new Uint8Array(E * J);
  /** Judges per entry, those who left the panel with a locked assignment included. */
  const count = new Int32Array(E);
  const load = new Int32Array(J);
  /** Locked assignments of judges no longer on the panel, per entry. */
  const departed = new Map<number, string[]>();

  // Locked assignments first: they stay whatever the quorum; unlocked ones fill up to it.
  const existing = [...input.existing].sort((a, b) => Number(b.locked) - Number(a.locked));
  for (const a of existing) {
    const e = entryIndex.get(a.entryId);
    if (e === undefined) continue;
    const j = judgeIndex.get(a.judgeId);
    if (j === undefined) {
      if (!a.locked) continue;
      const gone = departed.get(e) ?? [];
      if (gone.includes(a.judgeId)) continue;
      gone.push(a.judgeId);
      departed.set(e, gone);
      count[e] += 1;
      continue;
    }
    const cell = e * J + j;
    if (held[cell] || (!a.locked && (!ok[cell] || count[e] >= quorum))) continue;
    held[cell] = a.locked ? 2 : 1;
    count[e] += 1;
    load[j] += 1;
  }

  const entryKey = entries.map((e) => key32(input.seed, 'e', e));
  const judgeKey = judges.map((j) => key32(input.seed, 'j', j));
  const tie = (e: number, j: number) => mix32(entryKey[e] ^ Math.imul(judgeKey[j], 0x9e3779b1));

  // Fill: the most constrained entries first, each slot to the least loaded eligible judge.
  const order = Array.from({ length: E }, (_, e) => e).sort(
    (a, b) => options[a] - options[b] || entryKey[a] - entryKey[b] || a - b,
  );
  for (const e of order) {
    while (count[e] < quorum) {
      let best = -1;
      let bestTie = 0;
      for (let j = 0; j < J; j++) {
        const cell = e * J + j;
        if (!ok[cell] || held[cell]) continue;
        const t = tie(e, j);
        if (best < 0 || load[j] < load[best] || (load[j] === load[best] && t < bestTie)) {
          best = j;
          bestTie = t;
        }
      }
      if (best < 0) break;
      held[e * J + best] = 1;
      count[e] += 1;
      load[best] += 1;
    }
  }

  // Balance: move chains of unlocked assignments from a heavy judge to one at least 2 lighter.
  const judgeOrder = Array.from({ length: J }, (_, j) => j).sort(
    (a, b) => judgeKey[a] - judgeKey[b] || a - b,
  );
  const prevJudge = new Int32Array(J);
  const prevEntry = new Int32Array(J);
  const seen = new Uint8Array(J);
  const rebalanceOnce = (): boolean => {
    const sources = [...judgeOrder].sort((a, b) => load[b] - load[a]);
    for (const source of sources) {
      const target = load[source] - 2;
      if (target < 0) continue;
      // BFS over judges: edge j → k when j holds a movable entry k may take.
      seen.fill(0);
      seen[source] = 1;
      const queue = [source];
      let found = -1;
      for (let q = 0; q < queue.length && found < 0; q++) {
        const j = queue[q];
        for (let e = 0; e < E && found < 0; e++) {
          if (held[e * J + j] !== 1) continue;
          for (const k of judgeOrder) {
            const cell = e * J + k;
            if (seen[k] || held[cell] || !ok[cell]) continue;
            seen[k] = 1;
            prevJudge[k] = j;
            prevEntry[k] = e;
            if (load[k] <= target) {
              found = k;
              break;
            }
            queue.push(k);
          }
        }
      }
      if (found < 0) continue;
      for (let k = found; k !== source; k = prevJudge[k]) {
        const e = prevEntry[k];
        held[e * J + prevJudge[k]] = 0;
        held[e * J + k] = 1;
      }
      load[source] -= 1;
      load[found] += 1;
      return true;
    }
    return false;
  };
  for (let guard = 0; guard < 100_000; guard++) if (!rebalanceOnce()) break;

  const assignments: { entryId: string; judgeId: string }[] = [];
  const shortfalls: { entryId: string; judges: number }[] = [];
  for (let e = 0; e < E; e++) {
    for (let j = 0; j < J; j++)
      if (held[e * J + j]) assignments.push({ entryId: entries[e], judgeId: judges[j] });
    for (const judgeId of departed.get(e) ?? []) assignments.push({ entryId: entries[e], judgeId });
    if (count[e] < quorum) shortfalls.push({ entryId: entries[e], judges: count[e] });
  }
  return {
    assignments,
    shortfalls,
    loads: Object.fromEntries(judges.map((j, i) => [j, load[i]])),
  };
}

/** Why a judge of the panel may not take an entry (see conflicts.ts). */
export type Exclusion = 'unit' | 'owner' | 'member' | 'recusal' | 'category';

/** Why an entry lacks judges: panel judges excluded, by reason, and judges the panel lacks. */
export type ShortfallReasons = Record<Exclusion | 'capacity', number>;

export interface Shortfall {
  entryId: string;
  needed: number;
  assigned: number;
  reasons: ShortfallReasons;
}

/**
 * For each entry with fewer judges than the quorum: how many judges of the panel are excluded
 * from it, each under its first reason (recusal, owner, member, unit, category), and how many
 * more judges the panel would need even with none excluded ("capacity").
 */
export function explainShortfalls(input: {
  entryIds: readonly string[];
  panel: readonly string[];
  quorum: number;
  judgesOf: (entryId: string) => ReadonlySet<string>;
  exclusion: (judgeId: string, entryId: string) => Exclusion | null;
}): Shortfall[] {
  const out: Shortfall[] = [];
  for (const entryId of input.entryIds) {
    const judges = input.judgesOf(entryId);
    if (judges.size >= input.quorum) continue;
    const reasons: ShortfallReasons = {
      unit: 0,
      owner: 0,
      member: 0,
      recusal: 0,
      category: 0,
      capacity: 0,
    };
    let others = 0;
    for (const judgeId of input.panel) {
      if (judges.has(judgeId)) continue;
      others += 1;
      const why = input.exclusion(judgeId, entryId);
      if (why) reasons[why] += 1;
    }
    reasons.capacity = Math.max(0, input.quorum - judges.size - others);
    out.push({ entryId, needed: input.quorum, assigned: judges.size, reasons });
  }
  return out;
}
