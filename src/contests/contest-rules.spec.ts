import {
  allowedContestTransitions,
  allowedRoundTransitions,
  MediaFileFacts,
  MediaRuleSet,
  mediaCountProblem,
  mediaDurationProblem,
  mediaFileProblems,
  mediaKindProblem,
  mediaOrientationProblem,
  mediaResolutionProblem,
  mediaSizeProblem,
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

describe('media rules of a category', () => {
  const rules: MediaRuleSet = {
    kinds: ['video', 'image'],
    minCount: 1,
    maxCount: 3,
    maxSizeBytes: 1_000_000,
    minDurationSeconds: 300,
    maxDurationSeconds: 420,
    minResolution: 720,
    landscapeOnly: true,
  };

  it('counts files between the minimum and the maximum', () => {
    expect(mediaCountProblem(rules, 0)).toEqual({
      code: 'media.too_few',
      params: { min: 1, count: 0 },
    });
    expect(mediaCountProblem(rules, 1)).toBeNull();
    expect(mediaCountProblem(rules, 3)).toBeNull();
    expect(mediaCountProblem(rules, 4)).toEqual({ code: 'media.too_many', params: { max: 3 } });
  });

  it('a 5–7 minute landscape 720p clip under the size passes; each broken rule is named', () => {
    const clip: MediaFileFacts = {
      kind: 'video',
      sizeBytes: 999_999,
      width: 1280,
      height: 720,
      durationSeconds: 360,
    };
    expect(mediaFileProblems(rules, clip)).toEqual([]);
    expect(
      mediaFileProblems(rules, {
        kind: 'video',
        sizeBytes: 1_000_001,
        width: 480,
        height: 854,
        durationSeconds: 289.96,
      }).map((p) => [p.code, p.params]),
    ).toEqual([
      ['media.too_large', { max: 1_000_000 }],
      ['media.duration_too_short', { rule: 'minDurationSeconds', actual: 290, min: 300 }],
      ['media.resolution_too_low', { rule: 'minResolution', actual: 480, min: 720 }],
      ['media.landscape_required', { rule: 'landscapeOnly', orientation: 'portrait' }],
    ]);
    expect(mediaFileProblems(rules, { ...clip, durationSeconds: 421 })[0]).toEqual({
      code: 'media.duration_too_long',
      params: { rule: 'maxDurationSeconds', actual: 421, max: 420 },
    });
  });

  it('checks what applies to each kind: images have no duration or orientation, documents no size in pixels', () => {
    expect(
      mediaFileProblems(rules, { kind: 'image', sizeBytes: 10, width: 700, height: 1000 }),
    ).toEqual([
      {
        code: 'media.resolution_too_low',
        params: { rule: 'minResolution', actual: 700, min: 720 },
      },
    ]);
    expect(mediaFileProblems(rules, { kind: 'document', sizeBytes: 10 })).toEqual([
      { code: 'media.kind_not_allowed', params: { kind: 'document', allowed: ['video', 'image'] } },
    ]);
    expect(mediaKindProblem(rules, 'image')).toBeNull();
    expect(mediaSizeProblem(1_000_000, 1_000_000)).toBeNull();
    expect(mediaOrientationProblem({ ...rules, landscapeOnly: false }, 720, 1280)).toBeNull();
    expect(mediaResolutionProblem({ ...rules, minResolution: null }, 10, 10)).toBeNull();
    expect(mediaDurationProblem({ ...rules, minDurationSeconds: null }, 1)).toBeNull();
  });
});
