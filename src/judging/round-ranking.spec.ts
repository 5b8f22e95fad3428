import fc from 'fast-check';
import { aggregate, AggregationMethod, SheetScore } from './aggregation';
import { JudgeSheets, parseRankingMatrix, RankingMatrix } from './ranking-matrix';
import { DEFAULT_TIE_BREAKS, Rankable, Ranked, rankEntries, TieBreak } from './ranking';
import { rankRound, RankingSource } from './round-ranking';

/**
 * rankRound (the lean read parsed into a matrix, aggregation and ranking in columns) against the
 * plain way: the pure aggregation of the sheets, submission times from a map, rankEntries — on
 * random seeded data with many ties (few distinct totals and ratios, equal and missing submission
 * times), judges no longer on the jury, entries given without sheets, entries with sheets not
 * given (still existing or not).
 */

const METHODS = Object.values(AggregationMethod);

/** A deterministic uuid for a small number (its bytes spread so that the hash sees all words). */
const uuidOf = (prefix: number, n: number): string => {
  const hex = (n * 2654435761 + prefix * 40503).toString(16).padStart(12, '0').slice(-12);
  return `${String(prefix).padStart(8, '0')}-${hex.slice(0, 4)}-4${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${String(n).padStart(12, '0')}`;
};

interface World {
  /** The contest's judges. */
  jury: string[];
  sheets: SheetScore[];
  /** Every entry in the database: submission time (null = never). */
  times: Map<string, number | null>;
  /** Entries of the round (entry_rounds). */
  roundEntries: Set<string>;
}

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');

/** What JudgingRepository.rankingMatrix and submissionTimes read from `w`, through the same wire format. */
function sourceOf(w: World): RankingSource {
  return {
    rankingMatrix(_roundId, { submissionTimes }): Promise<RankingMatrix> {
      // One row per judge, judges in an order of their own (the database's grouping).
      const judges = [...new Set(w.sheets.map((s) => s.judgeId))].sort().reverse();
      const rows: JudgeSheets[] = judges.map((judgeId) => {
        const own = w.sheets.filter((s) => s.judgeId === judgeId);
        return {
          judgeId,
          ids: Buffer.concat(own.map((s) => uuidBytes(s.entryId))),
          data: own.map((s) => `${s.total.toFixed(4)} ${s.firstCriterion.toFixed(6)}`).join('\n'),
        };
      });
      const round = [...w.roundEntries];
      const times = submissionTimes
        ? {
            ids: round.length ? Buffer.concat(round.map(uuidBytes)) : null,
            at: round.length ? round.map((id) => w.times.get(id) ?? '').join(',') : null,
          }
        : undefined;
      return Promise.resolve(parseRankingMatrix(rows, times));
    },
    submissionTimes(entryIds) {
      const at = Float64Array.from(entryIds, (id) => w.times.get(id) ?? NaN);
      const found = Uint8Array.from(entryIds, (id) => (w.times.has(id) ? 1 : 0));
      return Promise.resolve({ at, found });
    },
  };
}

/** ResultsService.rank as it was written first: the pure aggregation and rankEntries. */
function plainRank(
  w: World,
  method: AggregationMethod,
  tieBreaks: readonly TieBreak[],
  entries?: readonly { id: string; submittedAt: Date | null }[],
): Ranked[] {
  const agg = aggregate(w.sheets, method, entries?.map((e) => e.id) ?? []);
  const submitted = new Map<string, number | null>();
  for (const e of entries ?? [])
    submitted.set(e.id, e.submittedAt ? e.submittedAt.getTime() : null);
  for (const s of w.sheets)
    if (!submitted.has(s.entryId) && w.times.has(s.entryId))
      submitted.set(s.entryId, w.times.get(s.entryId)!);
  const items: Rankable[] = [...agg.values()]
    .filter((a) => !entries || submitted.has(a.entryId))
    .map((a) => ({ ...a, submittedAt: submitted.get(a.entryId) ?? null }));
  return rankEntries(items, tieBreaks);
}

const worldArb = fc
  .record({
    entries: fc.integer({ min: 1, max: 40 }),
    judges: fc.integer({ min: 1, max: 7 }),
    offJury: fc.integer({ min: 0, max: 2 }),
  })
  .chain(({ entries, judges, offJury }) =>
    fc.record({
      entries: fc.constant(entries),
      judges: fc.constant(judges),
      offJury: fc.constant(offJury),
      sheets: fc.uniqueArray(
        fc.record({
          e: fc.integer({ min: 0, max: entries - 1 }),
          j: fc.integer({ min: 0, max: judges + offJury - 1 }),
          // Few distinct values: ties on scores, first criterion and first places.
          total: fc.oneof(
            fc.constantFrom(0, 250_000, 500_000, 512_500, 875_000, 1_000_000),
            fc.integer({ min: 0, max: 1_000_000 }),
          ),
          first: fc.oneof(
            fc.constantFrom(0, 500_000, 1_000_000),
            fc.integer({ min: 0, max: 1_000_000 }),
          ),
        }),
        { selector: (s) => `${s.e}|${s.j}`, maxLength: entries * (judges + offJury) },
      ),
      // Per entry: a submission time from a few values (ties), null, or no entry in the database.
      times: fc.array(
        fc.oneof(
          fc.constantFrom(1_700_000_000_000, 1_700_000_000_001, -5_000),
          fc.constant(null),
          fc.constant(undefined),
          fc.integer({ min: 0, max: 2 ** 41 }),
        ),
        { minLength: entries, maxLength: entries },
      ),
      inRound: fc.array(fc.boolean(), { minLength: entries, maxLength: entries }),
      given: fc.option(
        fc.array(fc.integer({ min: 0, max: entries + 3 }), { maxLength: entries + 5 }),
      ),
      givenTimes: fc.array(fc.option(fc.integer({ min: 0, max: 3 })), { maxLength: entries + 5 }),
      tieBreaks: fc.shuffledSubarray(Object.values(TieBreak)),
    }),
  );

describe('rankRound (lean read, columns) = the pure aggregation and rankEntries', () => {
  it.each(METHODS)('every method on random data with ties (%s)', async (method) => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (a) => {
        const entryId = (i: number) => uuidOf(1, i);
        const judgeId = (j: number) => uuidOf(2, j);
        const w: World = {
          jury: Array.from({ length: a.judges }, (_, j) => judgeId(j)),
          sheets: a.sheets.map((s) => ({
            entryId: entryId(s.e),
            judgeId: judgeId(s.j),
            total: s.total / 10_000,
            firstCriterion: s.first / 1_000_000,
          })),
          times: new Map(),
          roundEntries: new Set(),
        };
        a.times.forEach((t, i) => {
          if (t !== undefined) w.times.set(entryId(i), t);
          if (t !== undefined && a.inRound[i]) w.roundEntries.add(entryId(i));
        });
        const entries = a.given?.map((i, k) => {
          const t = a.givenTimes[k];
          return {
            id: entryId(i),
            submittedAt: t === null || t === undefined ? null : new Date(1_700_000_000_000 + t),
          };
        });
        const lean = await rankRound(sourceOf(w), 'round', method, a.tieBreaks, entries);
        expect(lean).toEqual(plainRank(w, method, a.tieBreaks, entries));
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });

  it('on a seeded round of 2,000 entries × 5 judges, every method, entries given or not', async () => {
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const w: World = { jury: [], sheets: [], times: new Map(), roundEntries: new Set() };
    for (let j = 0; j < 5; j++) w.jury.push(uuidOf(3, j));
    for (let e = 0; e < 2000; e++) {
      const id = uuidOf(4, e);
      w.times.set(
        id,
        random() < 0.05 ? null : 1_700_000_000_000 + Math.floor(random() * 50) * 60_000,
      );
      if (random() < 0.98) w.roundEntries.add(id);
      for (let j = 0; j < 5; j++) {
        if (random() < 0.03) continue;
        // Scores in steps of 0.5 on 6 criteria with weights 20/20/15×4, as the benchmark's.
        const steps = Array.from({ length: 6 }, () => Math.floor(random() * 21));
        const total = [20, 20, 15, 15, 15, 15].reduce((s, wt, k) => s + steps[k] * 5 * wt, 0) / 100;
        w.sheets.push({
          entryId: id,
          judgeId: w.jury[j],
          total: Math.round(total * 10_000) / 10_000,
          firstCriterion: steps[0] / 20,
        });
      }
    }
    // Any order of arrival.
    for (let i = w.sheets.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [w.sheets[i], w.sheets[k]] = [w.sheets[k], w.sheets[i]];
    }
    const entries = [...w.times.keys()]
      .filter((_, i) => i % 7 !== 0)
      .map((id) => ({ id, submittedAt: w.times.get(id) ? new Date(w.times.get(id)!) : null }));
    for (const method of METHODS)
      for (const given of [undefined, entries]) {
        const lean = await rankRound(sourceOf(w), 'round', method, DEFAULT_TIE_BREAKS, given);
        const plain = plainRank(w, method, DEFAULT_TIE_BREAKS, given);
        expect(lean).toEqual(plain);
        // Ties were there to break (z-scores hardly tie).
        if (method !== AggregationMethod.Normalized)
          expect(
            plain.filter((r) => r.decidedBy !== 'score' && r.decidedBy !== null).length,
          ).toBeGreaterThan(10);
      }
  });
});

describe('parseRankingMatrix', () => {
  it('reads ids, judges, totals and ratios exactly', () => {
    const a = uuidOf(5, 1);
    const b = uuidOf(5, 2);
    const j1 = uuidOf(6, 1);
    const j2 = uuidOf(6, 9);
    const m = parseRankingMatrix(
      [
        {
          judgeId: j1,
          ids: Buffer.concat([a, b].map(uuidBytes)),
          data: '87.5000 0.650000\n0.0000 0',
        },
        { judgeId: j2, ids: uuidBytes(a), data: '100.0000 1.000000' },
      ],
      { ids: Buffer.concat([b, uuidOf(5, 3)].map(uuidBytes)), at: '-1500,' },
    );
    expect(m.entryIds).toEqual([a, b]);
    expect(m.judgeIds).toEqual([j1, j2]);
    expect([...m.entry]).toEqual([0, 1, 0]);
    expect([...m.judge]).toEqual([0, 0, 1]);
    expect([...m.total]).toEqual([87.5, 0, 100]);
    expect([...m.first]).toEqual([0.65, 0, 1]);
    expect([...m.submittedAt!]).toEqual([NaN, -1500]);
    expect([...m.timed!]).toEqual([0, 1]);
  });

  it('reads ids from unaligned bytes and refuses a mismatch between ids and lines', () => {
    const a = uuidOf(7, 1);
    const ids = Buffer.concat([Buffer.from([0]), uuidBytes(a)]).subarray(1);
    const read = (data: string) => parseRankingMatrix([{ judgeId: 'j', ids, data }]);
    expect(read('1.0000 0.000000').entryIds).toEqual([a]);
    expect(() => read('1.0000 0.000000\n2.0000 0.000000')).toThrow();
    expect(() => read('')).toThrow();
    expect(() =>
      parseRankingMatrix([{ judgeId: 'j', ids: ids.subarray(1), data: '1 0' }]),
    ).toThrow();
  });
});
