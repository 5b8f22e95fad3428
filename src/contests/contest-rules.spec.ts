import {
  allowedContestTransitions,
  allowedRoundTransitions,
  roundOrderViolation,
  settingsErrors,
  SLUG_PATTERN,
  DEFAULT_SETTINGS,
} from './contest-rules';
import { ContestStatus } from './entities/contest.entity';
import { RoundStatus } from './entities/round.entity';

describe('contest status transitions', () => {
  it('moves forward one step at a time, published is final', () => {
    expect(allowedContestTransitions(ContestStatus.Draft)).toEqual([ContestStatus.Open]);
    expect(allowedContestTransitions(ContestStatus.Open)).toEqual([ContestStatus.Judging]);
    expect(allowedContestTransitions(ContestStatus.Judging)).toEqual([ContestStatus.Closed]);
    expect(allowedContestTransitions(ContestStatus.Closed)).toEqual([ContestStatus.Published]);
    expect(allowedContestTransitions(ContestStatus.Published)).toEqual([]);
  });

  it('never allows going back or staying put', () => {
    const order = Object.values(ContestStatus);
    for (const from of order) {
      for (const to of allowedContestTransitions(from)) {
        expect(order.indexOf(to)).toBe(order.indexOf(from) + 1);
      }
    }
  });
});

describe('round status transitions', () => {
  it('opens, closes, and reopens only until results are fixed', () => {
    expect(allowedRoundTransitions({ status: RoundStatus.Pending, resultsFixedAt: null })).toEqual([
      RoundStatus.Open,
    ]);
    expect(allowedRoundTransitions({ status: RoundStatus.Open, resultsFixedAt: null })).toEqual([
      RoundStatus.Closed,
    ]);
    expect(allowedRoundTransitions({ status: RoundStatus.Closed, resultsFixedAt: null })).toEqual([
      RoundStatus.Open,
    ]);
    expect(
      allowedRoundTransitions({ status: RoundStatus.Closed, resultsFixedAt: new Date() }),
    ).toEqual([]);
  });
});

describe('settings', () => {
  it('accepts weights adding up to 100', () => {
    expect(settingsErrors(DEFAULT_SETTINGS)).toEqual([]);
    expect(settingsErrors({ ...DEFAULT_SETTINGS, juryWeight: 70, publicWeight: 30 })).toEqual([]);
  });

  it('names both weights when they do not add up to 100', () => {
    const errors = settingsErrors({ ...DEFAULT_SETTINGS, juryWeight: 70, publicWeight: 20 });
    expect(errors.map((e) => e.field)).toEqual(['settings.juryWeight', 'settings.publicWeight']);
    expect(errors[0]).toMatchObject({ code: 'contests.weights_sum', params: { sum: 90 } });
  });
});

describe('slug', () => {
  it('allows lower-case ascii words joined by single dashes', () => {
    for (const ok of ['hoi-thi-2026', 'a', 'cntt', '2026'])
      expect(SLUG_PATTERN.test(ok)).toBe(true);
    for (const bad of ['Hoi-thi', 'hội-thi', 'hoi_thi', '-hoi', 'hoi-', 'hoi--thi', 'hoi thi', ''])
      expect(SLUG_PATTERN.test(bad)).toBe(false);
  });
});

describe('round order', () => {
  const at = (iso: string) => new Date(iso);

  it('accepts rounds opening in the order of their positions (ties allowed)', () => {
    expect(
      roundOrderViolation([
        { position: 3, opensAt: at('2026-05-01T00:00:00Z') },
        { position: 1, opensAt: at('2026-03-01T00:00:00Z') },
        { position: 2, opensAt: at('2026-03-01T00:00:00Z') },
      ]),
    ).toBeNull();
  });

  it('names the first pair out of order', () => {
    const violation = roundOrderViolation([
      { position: 1, opensAt: at('2026-03-01T00:00:00Z') },
      { position: 2, opensAt: at('2026-04-01T00:00:00Z') },
      { position: 3, opensAt: at('2026-03-15T00:00:00Z') },
    ]);
    expect(violation?.earlier.position).toBe(2);
    expect(violation?.later.position).toBe(3);
  });
});
