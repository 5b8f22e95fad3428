import fc from 'fast-check';
import { RoundStatus } from '../contests/entities/round.entity';
import { AdvanceRound, advanceViolation, pickTopN } from './advancement-rules';

const H = 3_600_000;
const now = new Date('2026-03-10T03:00:00Z');
const round = (patch: Partial<AdvanceRound>): AdvanceRound => ({
  id: 'r',
  name: 'Vòng',
  status: RoundStatus.Open,
  opensAt: new Date(now.getTime() - 24 * H),
  closesAt: new Date(now.getTime() + 24 * H),
  resultsFixedAt: null,
  ...patch,
});

describe('advancement window and state', () => {
  const next = round({
    id: 'n',
    status: RoundStatus.Pending,
    opensAt: new Date(now.getTime() + 48 * H),
    closesAt: new Date(now.getTime() + 96 * H),
  });
  it.each([
    ['an open round, into a pending one', round({}), next, null],
    ['a closed round, into a pending one', round({ status: RoundStatus.Closed }), next, null],
    [
      'a round never opened',
      round({ status: RoundStatus.Pending }),
      next,
      'entries.advance_round_not_opened',
    ],
    [
      'an open round before its opening time',
      round({ opensAt: new Date(now.getTime() + H) }),
      next,
      'entries.advance_before_window',
    ],
    [
      'into a closed round',
      round({}),
      { ...next, status: RoundStatus.Closed },
      'entries.advance_target_closed',
    ],
    [
      'into a round whose results are fixed',
      round({}),
      { ...next, resultsFixedAt: now },
      'entries.advance_target_closed',
    ],
    [
      'into a round past its closing time',
      round({}),
      { ...next, closesAt: new Date(now.getTime() - 1) },
      'entries.advance_target_over',
    ],
  ])('from %s', (_what, from, to, code) => {
    expect(advanceViolation(from, to, now)?.code ?? null).toBe(code);
  });
});

describe('top N of each group', () => {
  it('forwards the entries whose rank in their group is at most N, ties at the cut together', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 6 })), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 4 }),
        (xs, n) => {
          const candidates = xs.map(([group, rank], i) => ({ id: `e${i}`, group, rank }));
          const pick = pickTopN(candidates, n);
          const expected = candidates.filter(
            (c) => 1 + candidates.filter((d) => d.group === c.group && d.rank < c.rank).length <= n,
          );
          expect(pick.chosen.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
          for (const group of ['a', 'b', 'c']) {
            const taken = expected.filter((c) => c.group === group);
            const tie = pick.ties.find((t) => t.group === group);
            expect(!!tie).toBe(taken.length > n);
            if (tie) {
              const last = Math.max(...taken.map((c) => c.rank));
              expect(tie.entryIds.sort()).toEqual(
                taken
                  .filter((c) => c.rank === last)
                  .map((c) => c.id)
                  .sort(),
              );
            }
          }
        },
      ),
    );
  });
});
