import {
  Criterion,
  sheetTotal,
  toHundredths,
  validateCriteria,
  validateScores,
  weightsAreNormalized,
} from './scoring';

const C: Criterion[] = [
  { key: 'c1', name: 'Nội dung', description: '', weight: 60, max: 10, step: 0.5 },
  { key: 'c2', name: 'Hình thức', description: '', weight: 40, max: 5, step: 0.25 },
];

describe('scores as exact decimals', () => {
  it('reads at most two decimals', () => {
    expect(toHundredths(7.5)).toBe(750);
    expect(toHundredths(0.1 + 0.2)).toBe(30);
    expect(toHundredths(7.555)).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
  });

  it('refuses off-step, negative, above max, unknown and (when complete) missing scores', () => {
    const codes = (s: Record<string, unknown>, complete = true) =>
      validateScores(C, s, complete).errors.map((e) => `${e.field}:${e.code}`);
    expect(codes({ c1: 7.5, c2: 4.75 })).toEqual([]);
    expect(codes({ c1: 7.3, c2: 1 })).toEqual(['scores.c1:judging.score_off_step']);
    expect(codes({ c1: -0.5, c2: 1 })).toEqual(['scores.c1:judging.score_negative']);
    expect(codes({ c1: 10.5, c2: 1 })).toEqual(['scores.c1:judging.score_above_max']);
    expect(codes({ c1: 1, c2: 1, c9: 1 })).toEqual(['scores.c9:judging.criterion_unknown']);
    expect(codes({ c1: 1 })).toEqual(['scores.c2:judging.score_missing']);
    expect(codes({ c1: 1 }, false)).toEqual([]);
    expect(codes({ c1: '5', c2: 1 })).toEqual(['scores.c1:judging.score_not_number']);
  });

  it('totals weight each criterion by its share of 100', () => {
    expect(sheetTotal(C, { c1: 1000, c2: 500 })).toBe(100);
    expect(sheetTotal(C, { c1: 500, c2: 0 })).toBe(30);
    expect(sheetTotal(C, { c1: 750, c2: 125 })).toBe(55);
    // Weights 3 and 2 are shown normalized (60 / 40) and give the same totals.
    const scaled = C.map((c, i) => ({ ...c, weight: [3, 2][i] }));
    expect(weightsAreNormalized(scaled)).toBe(true);
    expect(weightsAreNormalized(C)).toBe(false);
    expect(sheetTotal(scaled, { c1: 750, c2: 125 })).toBe(55);
  });

  it('validates criteria', () => {
    expect(validateCriteria(C)).toEqual([]);
    expect(validateCriteria([{ ...C[0], step: 0.3 }]).map((e) => e.code)).toEqual([
      'judging.step_not_divisor',
    ]);
    expect(validateCriteria([C[0], C[0]]).map((e) => e.code)).toEqual([
      'judging.criterion_duplicate',
    ]);
    expect(validateCriteria([]).map((e) => e.code)).toEqual(['judging.criteria_empty']);
  });
});
