import fc from 'fast-check';
import { combinedScore, prizeForRank, publicScores, standingsInGroups } from './standings';

interface Item {
  id: string;
  group: string;
  score: number;
  tb: number;
}

const itemsArb = fc
  .array(
    fc.record({
      group: fc.constantFrom('a', 'b', 'c'),
      score: fc.integer({ min: 0, max: 3 }),
      tb: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 40 },
  )
  .map((xs) => xs.map((x, i) => ({ ...x, id: `e${String(i).padStart(3, '0')}` })));

/** Strict order as the results make it: score, then the tie-break, then the id. */
const strict = (a: Item, b: Item) =>
  b.score - a.score || b.tb - a.tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const separating = (a: Item, b: Item) =>
  a.score !== b.score ? 'score' : a.tb !== b.tb ? 'tb' : null;
const better = (x: Item, y: Item) => x.score > y.score || (x.score === y.score && x.tb > y.tb);

describe('standings in groups', () => {
  it('rank = 1 + the entries of the group strictly better; equals share it and are marked tied', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const sorted = [...items].sort(strict);
        const out = standingsInGroups(sorted, (x) => x.group, separating);
        sorted.forEach((x, i) => {
          const group = items.filter((y) => y.group === x.group);
          const above = group.filter((y) => better(y, x));
          const same = group.filter((y) => y.id !== x.id && !better(y, x) && !better(x, y));
          expect(out[i].rank).toBe(above.length + 1);
          expect(out[i].tied).toBe(same.length > 0);
          // Decided by: nothing for the first of the group and for a tie, else the key that
          // separates it from the worst of those above it.
          if (!above.length || same.some((y) => sorted.indexOf(y) < i))
            expect(out[i].decidedBy).toBeNull();
          else {
            const prev = [...above].sort(strict)[above.length - 1];
            expect(out[i].decidedBy).toBe(prev.score !== x.score ? 'score' : 'tb');
          }
        });
      }),
    );
  });

  it('two entries with two votes each are both first', () => {
    const sorted: Item[] = [
      { id: 'x', group: 'g', score: 2, tb: 0 },
      { id: 'y', group: 'g', score: 2, tb: 0 },
      { id: 'z', group: 'g', score: 1, tb: 0 },
    ];
    expect(standingsInGroups(sorted, (x) => x.group, separating)).toEqual([
      { rank: 1, decidedBy: null, tied: true },
      { rank: 1, decidedBy: null, tied: true },
      { rank: 3, decidedBy: 'score', tied: false },
    ]);
  });
});

describe('prizes by rank', () => {
  const tiers = { first: 1, second: 2, third: 3, consolation: 5 };
  it('gives the tier holding the place of the rank', () => {
    const expected = [
      'first',
      'second',
      'second',
      'third',
      'third',
      'third',
      'consolation',
      'consolation',
      'consolation',
      'consolation',
      'consolation',
      null,
      null,
    ];
    expect(expected.map((_, i) => prizeForRank(i + 1, tiers))).toEqual(expected);
  });
  it('tied entries share the prize of their rank', () => {
    // Ranks 1, 1, 3: both firsts take the first prize, the third place the second prize.
    expect([1, 1, 3].map((r) => prizeForRank(r, tiers))).toEqual(['first', 'first', 'second']);
    expect(prizeForRank(1, { first: 0, second: 0, third: 0, consolation: 0 })).toBeNull();
  });
});

describe('public score', () => {
  it('is 100 × votes ÷ the most votes in the group; 0 where the group has none', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.nat({ max: 50 })), { maxLength: 20 }),
        (xs) => {
          const ids = xs.map((_, i) => `e${i}`);
          const votes = new Map(xs.map(([, v], i) => [ids[i], v]));
          const groups = ['a', 'b'].map((g) => ids.filter((_, i) => xs[i][0] === g));
          const out = publicScores(votes, groups);
          xs.forEach(([g, v], i) => {
            const top = Math.max(0, ...xs.filter((x) => x[0] === g).map((x) => x[1]));
            const want = top === 0 ? 0 : (100 * v) / top;
            expect(Math.abs(out.get(ids[i])! - want)).toBeLessThanOrEqual(0.00005);
          });
        },
      ),
    );
  });
  it('counts an entry without a vote as 0 votes', () => {
    const out = publicScores(new Map([['x', 40]]), [['x', 'y']]);
    expect([out.get('x'), out.get('y')]).toEqual([100, 0]);
  });
});

describe('combined score', () => {
  it('weights the jury and the public, rounded to 4 decimals; no jury score, no result', () => {
    expect(combinedScore(80, 50, 70, 30)).toBe(71);
    expect(combinedScore(77.77777, 33.3333, 70, 30)).toBe(64.4444);
    expect(combinedScore(null, 100, 70, 30)).toBeNull();
    expect(combinedScore(88.123456, 0, 100, 0)).toBe(88.1235);
  });
});
