import fc from 'fast-check';
import { planAssignments } from './assignment';

const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);

function spread(loads: Record<string, number>): number {
  const v = Object.values(loads);
  return Math.max(...v) - Math.min(...v);
}

describe('assignment', () => {
  it('gives each entry its quorum of eligible judges, balanced, deterministic for a seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
        fc.string(),
        (nEntries, nJudges, quorum, conflictPairs, seed) => {
          const entries = ids('e', nEntries);
          const judges = ids('j', nJudges);
          const conflicts = new Set(
            conflictPairs.map(([e, j]) => `${entries[e % nEntries]}|${judges[j % nJudges]}`),
          );
          const input = {
            entryIds: entries,
            judgeIds: judges,
            quorum,
            seed,
            eligible: (j: string, e: string) => !conflicts.has(`${e}|${j}`),
            existing: [],
          };
          const plan = planAssignments(input);
          for (const a of plan.assignments)
            expect(conflicts.has(`${a.entryId}|${a.judgeId}`)).toBe(false);
          for (const e of entries) {
            const mine = plan.assignments.filter((a) => a.entryId === e).map((a) => a.judgeId);
            expect(new Set(mine).size).toBe(mine.length);
            const possible = judges.filter((j) => input.eligible(j, e)).length;
            expect(mine.length).toBe(Math.min(quorum, possible));
          }
          // With few conflicts (at most two, at most one per judge) balance is always reachable.
          const conflictedJudges = [...conflicts].map((c) => c.split('|')[1]);
          if (conflicts.size <= 2 && new Set(conflictedJudges).size === conflictedJudges.length)
            expect(spread(plan.loads)).toBeLessThanOrEqual(1);
          expect(planAssignments(input)).toEqual(plan);
        },
      ),
    );
  });

  it('balances around heavy conflicts with chains of moves', () => {
    const entries = ids('e', 30);
    const judges = ids('j', 7);
    // j0 may judge only the first 14 entries, j1 only the last 14: 90 slots still fit 12–13 each.
    const eligible = (j: string, e: string) => {
      const n = Number(e.slice(1));
      if (j === 'j0') return n < 14;
      if (j === 'j1') return n >= 16;
      return true;
    };
    const plan = planAssignments({
      entryIds: entries,
      judgeIds: judges,
      quorum: 3,
      seed: 's',
      eligible,
      existing: [],
    });
    expect(plan.shortfalls).toEqual([]);
    expect(spread(plan.loads)).toBeLessThanOrEqual(1);
    // Where conflicts forbid balance, the spread is the least possible: j0 can take 5 at most.
    const tight = planAssignments({
      entryIds: entries,
      judgeIds: judges,
      quorum: 3,
      seed: 's',
      eligible: (j, e) => j !== 'j0' || Number(e.slice(1)) < 5,
      existing: [],
    });
    expect(tight.loads.j0).toBe(5);
    const others = judges.slice(1).map((j) => tight.loads[j]);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
  });

  it('keeps locked assignments of a judge who left; moves only unlocked ones', () => {
    const entries = ids('e', 12);
    const first = planAssignments({
      entryIds: entries,
      judgeIds: ['a', 'b', 'c', 'd'],
      quorum: 2,
      seed: 'x',
      eligible: () => true,
      existing: [],
    });
    const ofA = first.assignments.filter((x) => x.judgeId === 'a');
    const locked = new Set(ofA.slice(0, 2).map((x) => x.entryId));
    const second = planAssignments({
      entryIds: entries,
      judgeIds: ['b', 'c', 'd', 'n'],
      quorum: 2,
      seed: 'x',
      eligible: () => true,
      existing: first.assignments.map((x) => ({
        ...x,
        locked: x.judgeId === 'a' && locked.has(x.entryId),
      })),
    });
    const aAfter = second.assignments.filter((x) => x.judgeId === 'a').map((x) => x.entryId);
    expect(new Set(aAfter)).toEqual(locked);
    expect(second.shortfalls).toEqual([]);
    expect(spread(second.loads)).toBeLessThanOrEqual(1);
    expect(second.loads.n).toBeGreaterThan(0);
    // Unchanged assignments of judges who stayed are kept where balance allows.
    const kept = first.assignments.filter((x) => x.judgeId !== 'a');
    const still = kept.filter((x) =>
      second.assignments.some((y) => y.entryId === x.entryId && y.judgeId === x.judgeId),
    );
    expect(still.length).toBeGreaterThan(kept.length / 2);
  });
});
