import fc from 'fast-check';
import { explainShortfalls, planAssignments } from './assignment';

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

  it('a final: 400 entries from 30 provinces, 40 judges (10 from provinces), quorum 5', () => {
    const entries = ids('e', 400);
    const judges = ids('j', 40);
    const provinceOf = (e: string) => Number(e.slice(1)) % 30;
    // Judges j0…j9 come from provinces 0…9; j10 judges only entries of even number (a category).
    const eligible = (j: string, e: string) => {
      const n = Number(j.slice(1));
      if (n < 10 && provinceOf(e) === n) return false;
      if (n === 10 && Number(e.slice(1)) % 2 === 1) return false;
      return true;
    };
    const plan = planAssignments({
      entryIds: entries,
      judgeIds: judges,
      quorum: 5,
      seed: 'chung-ket',
      eligible,
      existing: [],
    });
    expect(plan.shortfalls).toEqual([]);
    const loads = new Map(judges.map((j) => [j, 0]));
    const per = new Map(entries.map((e) => [e, new Set<string>()]));
    for (const a of plan.assignments) {
      expect(eligible(a.judgeId, a.entryId)).toBe(true);
      per.get(a.entryId)!.add(a.judgeId);
      loads.set(a.judgeId, loads.get(a.judgeId)! + 1);
    }
    for (const set of per.values()) expect(set.size).toBe(5);
    expect(plan.assignments).toHaveLength(2000);
    // 2000 slots over 40 judges: 50 each.
    expect([...loads.values()]).toEqual(judges.map(() => 50));
    expect(plan.loads).toEqual(Object.fromEntries(loads));
  });

  it('keeps locked assignments before unlocked ones when the quorum was lowered', () => {
    const plan = planAssignments({
      entryIds: ['e'],
      judgeIds: ['a', 'b', 'c'],
      quorum: 1,
      seed: 's',
      eligible: () => true,
      existing: [
        { entryId: 'e', judgeId: 'a', locked: false },
        { entryId: 'e', judgeId: 'b', locked: true },
      ],
    });
    expect(plan.assignments).toEqual([{ entryId: 'e', judgeId: 'b' }]);
  });

  it('explains a shortfall: judges excluded by their first reason, and judges the panel lacks', () => {
    const reasons = { a: 'unit', b: 'category', c: null, d: 'recusal' } as const;
    const shortfalls = explainShortfalls({
      entryIds: ['full', 'short', 'bare'],
      panel: ['a', 'b', 'c', 'd'],
      quorum: 3,
      judgesOf: (e) =>
        new Set(e === 'full' ? ['a', 'b', 'c'] : e === 'short' ? ['c', 'gone'] : ['c']),
      exclusion: (j) => reasons[j as keyof typeof reasons],
    });
    // "gone" left the panel with a submitted sheet: counted among the entry's judges.
    expect(shortfalls).toEqual([
      {
        entryId: 'short',
        needed: 3,
        assigned: 2,
        reasons: { unit: 1, owner: 0, member: 0, recusal: 1, category: 1, capacity: 0 },
      },
      {
        entryId: 'bare',
        needed: 3,
        assigned: 1,
        reasons: { unit: 1, owner: 0, member: 0, recusal: 1, category: 1, capacity: 0 },
      },
    ]);
    // A panel of two for a quorum of four: two missing whatever the conflicts.
    expect(
      explainShortfalls({
        entryIds: ['x'],
        panel: ['a', 'c'],
        quorum: 4,
        judgesOf: () => new Set(['c']),
        exclusion: (j) => reasons[j as keyof typeof reasons],
      }),
    ).toEqual([
      {
        entryId: 'x',
        needed: 4,
        assigned: 1,
        reasons: { unit: 1, owner: 0, member: 0, recusal: 0, category: 0, capacity: 2 },
      },
    ]);
  });
});
