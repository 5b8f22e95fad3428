import fc from 'fast-check';
import {
  aggregate,
  aggregateMatrix,
  AggregationMethod,
  matrixOf,
  median,
  SheetScore,
  sortNumbers,
  trimmedMean,
} from './aggregation';
import { rankEntries, Rankable, TieBreak, DEFAULT_TIE_BREAKS } from './ranking';
import { Criterion, sheetTotal } from './scoring';

const CRITERIA: Criterion[] = [
  { key: 'c1', name: 'Nội dung', description: '', weight: 40, max: 10, step: 0.5 },
  { key: 'c2', name: 'Hình thức', description: '', weight: 35, max: 10, step: 0.5 },
  { key: 'c3', name: 'Sáng tạo', description: '', weight: 25, max: 5, step: 0.25 },
];
const stepsOf = (c: Criterion) => Math.round(c.max / c.step);

/** A full matrix: `entries` entries × `judges` judges, each sheet its criteria scores in hundredths. */
const matrixArb = fc
  .record({ entries: fc.integer({ min: 2, max: 7 }), judges: fc.integer({ min: 1, max: 7 }) })
  .chain(({ entries, judges }) =>
    fc.array(
      fc.array(fc.tuple(...CRITERIA.map((c) => fc.integer({ min: 0, max: stepsOf(c) }))), {
        minLength: judges,
        maxLength: judges,
      }),
      { minLength: entries, maxLength: entries },
    ),
  );

type Matrix = number[][][]; // [entry][judge][criterion] in steps

const entryId = (i: number) => `e${String(i).padStart(2, '0')}`;
const judgeId = (j: number) => `j${j}`;

function sheetsOf(m: Matrix): SheetScore[] {
  const sheets: SheetScore[] = [];
  m.forEach((row, i) =>
    row.forEach((steps, j) => {
      const h: Record<string, number> = {};
      CRITERIA.forEach((c, k) => (h[c.key] = Math.round(steps[k] * c.step * 100)));
      sheets.push({
        entryId: entryId(i),
        judgeId: judgeId(j),
        total: sheetTotal(CRITERIA, h),
        firstCriterion: (steps[0] * CRITERIA[0].step) / CRITERIA[0].max,
      });
    }),
  );
  return sheets;
}

function ranks(sheets: SheetScore[], method: AggregationMethod): Map<string, number> {
  const agg = aggregate(sheets, method);
  const items: Rankable[] = [...agg.values()].map((a) => ({
    ...a,
    submittedAt: 1_000 + Number(a.entryId.slice(1)),
  }));
  return new Map(rankEntries(items, DEFAULT_TIE_BREAKS).map((r) => [r.entryId, r.rank]));
}

const METHODS = Object.values(AggregationMethod);

describe('aggregation (properties)', () => {
  it('does not depend on the order in which sheets arrive', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(...METHODS), fc.integer(), (m, method, seed) => {
        const sheets = sheetsOf(m);
        const shuffled = fc.sample(fc.shuffledSubarray(sheets, { minLength: sheets.length }), {
          seed,
          numRuns: 1,
        })[0];
        expect(shuffled).toHaveLength(sheets.length);
        const a = aggregate(sheets, method);
        const b = aggregate(shuffled, method);
        expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
        expect(ranks(shuffled, method)).toEqual(ranks(sheets, method));
      }),
    );
  });

  it.each([AggregationMethod.Mean, AggregationMethod.Median, AggregationMethod.Trimmed])(
    'raising one score never lowers the entry’s rank (%s)',
    (method) => {
      fc.assert(
        fc.property(
          matrixArb,
          fc.nat(),
          fc.nat(),
          fc.integer({ min: 0, max: CRITERIA.length - 1 }),
          fc.integer({ min: 1, max: 20 }),
          (m, ei, ji, k, raise) => {
            const e = ei % m.length;
            const j = ji % m[0].length;
            const before = ranks(sheetsOf(m), method).get(entryId(e))!;
            const raised = m.map((row) => row.map((s) => [...s]));
            raised[e][j][k] = Math.min(stepsOf(CRITERIA[k]), raised[e][j][k] + raise);
            const after = ranks(sheetsOf(raised), method).get(entryId(e))!;
            expect(after).toBeLessThanOrEqual(before);
          },
        ),
      );
    },
  );

  it('normalized results do not change when a judge shifts or scales all their scores', () => {
    const totalsArb = fc
      .record({ entries: fc.integer({ min: 2, max: 8 }), judges: fc.integer({ min: 1, max: 6 }) })
      .chain(({ entries, judges }) =>
        fc.array(
          fc.array(
            fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 10_000),
            {
              minLength: judges,
              maxLength: judges,
            },
          ),
          { minLength: entries, maxLength: entries },
        ),
      );
    fc.assert(
      fc.property(
        totalsArb,
        fc.nat(),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (m, ji, shift, factor) => {
          const j = ji % m[0].length;
          const sheets: SheetScore[] = m.flatMap((row, i) =>
            row.map((total, jj) => ({
              entryId: entryId(i),
              judgeId: judgeId(jj),
              total,
              firstCriterion: 0.5,
            })),
          );
          const moved = sheets.map((s) =>
            s.judgeId === judgeId(j) ? { ...s, total: s.total * factor + shift } : s,
          );
          const a = aggregate(sheets, AggregationMethod.Normalized);
          const b = aggregate(moved, AggregationMethod.Normalized);
          for (const [id, agg] of a) expect(b.get(id)!.score).toBeCloseTo(agg.score!, 4);
        },
      ),
    );
  });

  it('a judge with no spread counts as neutral (z = 0), and scores stay in the range', () => {
    const sheets: SheetScore[] = [
      { entryId: 'a', judgeId: 'flat', total: 70, firstCriterion: 0.7 },
      { entryId: 'b', judgeId: 'flat', total: 70, firstCriterion: 0.7 },
      { entryId: 'a', judgeId: 'strict', total: 40, firstCriterion: 0.4 },
      { entryId: 'b', judgeId: 'strict', total: 20, firstCriterion: 0.2 },
    ];
    const r = aggregate(sheets, AggregationMethod.Normalized);
    // strict: μ = 30, σ = 10 → a: z = 1, b: z = −1; flat: 0 and 0.
    expect(r.get('a')!.score).toBeCloseTo(50 + (0.5 * 100) / 6, 6);
    expect(r.get('b')!.score).toBeCloseTo(50 - (0.5 * 100) / 6, 6);
    const single = aggregate(
      [{ entryId: 'a', judgeId: 'x', total: 90, firstCriterion: 1 }],
      AggregationMethod.Normalized,
    );
    expect(single.get('a')!.score).toBe(50);
  });

  it('median and trimmed mean follow their definitions', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(trimmedMean([10, 0, 5, 5])).toBe(5); // fewer than 5: plain mean
    expect(trimmedMean([100, 0, 6, 6, 6])).toBe(6); // highest and lowest dropped
    const r = aggregate(
      ['a', 'b', 'c', 'd', 'e'].map((j, i) => ({
        entryId: 'x',
        judgeId: j,
        total: [10, 80, 80, 80, 100][i],
        firstCriterion: 0,
      })),
      AggregationMethod.Trimmed,
    );
    expect(r.get('x')!.score).toBe(80);
  });
});

describe('ranking (properties)', () => {
  const tieBreaksArb = fc.shuffledSubarray(Object.values(TieBreak));
  const rankableArb = fc.uniqueArray(
    fc.record({
      entryId: fc.stringMatching(/^[a-f0-9]{4}$/),
      score: fc.option(fc.constantFrom(50, 60, 60.5, 70), { nil: null }),
      sheets: fc.constant(3),
      firstCriterion: fc.option(fc.constantFrom(0.5, 0.75, 1), { nil: null }),
      firstPlaces: fc.integer({ min: 0, max: 2 }),
      submittedAt: fc.option(fc.constantFrom(1, 2, 3), { nil: null }),
    }),
    { selector: (r) => r.entryId, minLength: 1, maxLength: 25 },
  );

  it('tie-breaks always give a strict order, the same whatever the input order', () => {
    fc.assert(
      fc.property(rankableArb, tieBreaksArb, fc.integer(), (items, tieBreaks, seed) => {
        const ranked = rankEntries(items, tieBreaks);
        expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) expect(ranked[i].decidedBy).not.toBeNull();
        const shuffled = fc.sample(fc.shuffledSubarray(items, { minLength: items.length }), {
          seed,
          numRuns: 1,
        })[0];
        expect(rankEntries(shuffled, tieBreaks).map((r) => r.entryId)).toEqual(
          ranked.map((r) => r.entryId),
        );
      }),
    );
  });

  it('applies the configured tie-breaks in order, the entry id last', () => {
    const base = { sheets: 3, score: 80 };
    const a = { ...base, entryId: 'b', firstCriterion: 0.9, firstPlaces: 0, submittedAt: 5 };
    const b = { ...base, entryId: 'a', firstCriterion: 0.8, firstPlaces: 2, submittedAt: 1 };
    expect(rankEntries([a, b], [TieBreak.FirstCriterion]).map((r) => r.entryId)).toEqual([
      'b',
      'a',
    ]);
    expect(rankEntries([a, b], [TieBreak.FirstPlaces]).map((r) => r.entryId)).toEqual(['a', 'b']);
    const r = rankEntries([a, b], [TieBreak.EarlierSubmission, TieBreak.FirstCriterion]);
    expect(r.map((x) => [x.entryId, x.decidedBy])).toEqual([
      ['a', null],
      ['b', 'earlierSubmission'],
    ]);
    const same = { ...a, entryId: 'z' };
    expect(rankEntries([same, a], [TieBreak.FirstCriterion])[1]).toMatchObject({
      entryId: 'z',
      decidedBy: 'entryId',
    });
  });
});

describe('matrix aggregation (the ranking read from the database)', () => {
  /** Random sheets as the database holds them: totals with 4 decimals, first ratio with 6, some sheets missing, any order. */
  const sheetsArb = fc
    .record({ entries: fc.integer({ min: 1, max: 25 }), judges: fc.integer({ min: 1, max: 9 }) })
    .chain(({ entries, judges }) =>
      fc.uniqueArray(
        fc.record({
          e: fc.integer({ min: 0, max: entries - 1 }),
          j: fc.integer({ min: 0, max: judges - 1 }),
          total: fc.oneof(
            fc.integer({ min: 0, max: 1_000_000 }),
            fc.constantFrom(0, 500_000, 875_000, 1_000_000),
          ),
          first: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        { selector: (s) => `${s.e}|${s.j}`, minLength: 1, maxLength: entries * judges },
      ),
    )
    .map((rows) =>
      rows.map((r): SheetScore => ({
        entryId: `entry-${r.e}`,
        judgeId: `judge-${r.j}`,
        total: r.total / 10_000,
        firstCriterion: r.first / 1_000_000,
      })),
    );

  it.each(METHODS)('gives exactly what aggregate gives, and the same ranking (%s)', (method) => {
    fc.assert(
      fc.property(sheetsArb, fc.array(fc.integer({ min: 0, max: 30 })), (sheets, extra) => {
        const entryIds = extra.map((i) => `entry-${i}`);
        const pure = aggregate(sheets, method, entryIds);
        const lean = aggregateMatrix(matrixOf(sheets), method, entryIds);
        expect(new Map([...lean].sort())).toEqual(new Map([...pure].sort()));
        const rank = (agg: typeof pure) =>
          rankEntries(
            [...agg.values()].map((a) => ({ ...a, submittedAt: a.entryId.length })),
            DEFAULT_TIE_BREAKS,
          ).map((r) => [r.entryId, r.rank, r.decidedBy]);
        expect(rank(lean)).toEqual(rank(pure));
      }),
      { numRuns: 300 },
    );
  });

  it('also on the full matrices of the properties above', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(...METHODS), (m, method) => {
        const sheets = sheetsOf(m);
        expect(aggregateMatrix(matrixOf(sheets), method)).toEqual(aggregate(sheets, method));
      }),
    );
  });
});

describe('sortNumbers', () => {
  it('sorts as Float64Array.prototype.sort does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true }),
            fc.integer({ min: 0, max: 1_000_000 }).map((k) => k / 10_000),
            fc.constantFrom(0, -0, 100, -1, Number.MIN_VALUE, -Infinity, Infinity),
          ),
          { maxLength: 1200 },
        ),
        (xs) => {
          const ours = Float64Array.from(xs);
          sortNumbers(ours);
          const expected = Float64Array.from(xs).sort();
          expect([...ours].map(Object.is.bind(null, 0))).toEqual(
            [...expected].map(Object.is.bind(null, 0)),
          );
          expect([...ours]).toEqual([...expected]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sorts a view into a larger buffer in place', () => {
    const buffer = new Float64Array(2000).map((_, i) => ((i * 7919) % 1000) / 8);
    const view = buffer.subarray(500, 1500);
    const expected = [...view].sort((a, b) => a - b);
    sortNumbers(view);
    expect([...view]).toEqual(expected);
    expect(buffer[0]).toBe(0);
  });
});
