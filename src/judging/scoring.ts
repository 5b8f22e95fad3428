import type { FieldError } from '../common/errors/app-error';

/** One criterion (tiêu chí) of a rubric. Scores run from 0 to max in multiples of step. */
export interface Criterion {
  /** Stable key within the rubric (c1, c2, … unless given). */
  key: string;
  name: string;
  description: string;
  /** Relative weight; the weights of a rubric sum to 100, or are normalized to 100. */
  weight: number;
  max: number;
  step: number;
}

/** A sheet's total runs from 0 to this (the rubric's range), whatever the criteria's maxima. */
export const RUBRIC_RANGE = 100;

/**
 * Scores are exact decimals with at most two places, handled as integer hundredths: 7.5 → 750.
 * Returns null when the number has more than two decimal places (or is not finite).
 */
export function toHundredths(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const scaled = Math.round(value * 100);
  // A number with ≤ 2 decimals is within float noise of its scaled integer.
  if (Math.abs(value * 100 - scaled) > 1e-7 * Math.max(1, Math.abs(value * 100))) return null;
  return scaled;
}

export const fromHundredths = (h: number): number => h / 100;
/** The decimal string stored for a score (exact: "7.50"). */
export const hundredthsToDecimal = (h: number): string => (h / 100).toFixed(2);

/** Weights scaled so that they sum to 100 exactly as given when they already do. */
export function normalizedWeights(criteria: readonly Pick<Criterion, 'weight'>[]): number[] {
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  return criteria.map((c) => (sum > 0 ? (c.weight * 100) / sum : 0));
}

export function weightsAreNormalized(criteria: readonly Pick<Criterion, 'weight'>[]): boolean {
  const sumH = criteria.reduce((s, c) => s + (toHundredths(c.weight) ?? 0), 0);
  return sumH !== 10000;
}

/** Field errors of a rubric's criteria (empty when valid). */
export function validateCriteria(criteria: readonly Criterion[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!criteria.length) errors.push({ field: 'criteria', code: 'judging.criteria_empty' });
  const keys = new Set<string>();
  criteria.forEach((c, i) => {
    if (keys.has(c.key))
      errors.push({ field: `criteria.${i}.key`, code: 'judging.criterion_duplicate' });
    keys.add(c.key);
    const max = toHundredths(c.max);
    const step = toHundredths(c.step);
    const weight = toHundredths(c.weight);
    if (weight === null || weight <= 0)
      errors.push({ field: `criteria.${i}.weight`, code: 'judging.weight_invalid' });
    if (max === null || max <= 0)
      errors.push({ field: `criteria.${i}.max`, code: 'judging.max_invalid' });
    if (step === null || step <= 0)
      errors.push({ field: `criteria.${i}.step`, code: 'judging.step_invalid' });
    else if (max !== null && max > 0 && max % step !== 0)
      errors.push({
        field: `criteria.${i}.step`,
        code: 'judging.step_not_divisor',
        params: { max: c.max, step: c.step },
      });
  });
  return errors;
}

/**
 * Checks the scores of a sheet against the rubric: every key known, each a number from 0 to max
 * in multiples of step (exact, in hundredths); with `complete`, every criterion scored.
 * Returns the scores in hundredths and the field errors.
 */
export function validateScores(
  criteria: readonly Criterion[],
  scores: Record<string, unknown>,
  complete: boolean,
): { hundredths: Record<string, number>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const hundredths: Record<string, number> = {};
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  for (const key of Object.keys(scores)) {
    if (!byKey.has(key))
      errors.push({ field: `scores.${key}`, code: 'judging.criterion_unknown', params: { key } });
  }
  for (const c of criteria) {
    const field = `scores.${c.key}`;
    const raw = scores[c.key];
    if (raw === undefined || raw === null) {
      if (complete) errors.push({ field, code: 'judging.score_missing', params: { name: c.name } });
      continue;
    }
    if (typeof raw !== 'number') {
      errors.push({ field, code: 'judging.score_not_number' });
      continue;
    }
    const h = toHundredths(raw);
    const max = toHundredths(c.max)!;
    const step = toHundredths(c.step)!;
    if (h === null || h % step !== 0) {
      errors.push({ field, code: 'judging.score_off_step', params: { step: c.step } });
      continue;
    }
    if (h < 0) {
      errors.push({ field, code: 'judging.score_negative' });
      continue;
    }
    if (h > max) {
      errors.push({ field, code: 'judging.score_above_max', params: { max: c.max } });
      continue;
    }
    hundredths[c.key] = h;
  }
  return { hundredths, errors };
}

/**
 * A complete sheet's total on 0..RUBRIC_RANGE: Σ (score / max) × normalized weight, rounded to
 * four decimals (what is stored). Monotone in every score.
 */
export function sheetTotal(
  criteria: readonly Criterion[],
  hundredths: Record<string, number>,
): number {
  const weights = normalizedWeights(criteria);
  let total = 0;
  criteria.forEach((c, i) => {
    total += ((hundredths[c.key] ?? 0) / toHundredths(c.max)!) * weights[i];
  });
  // Normalized weights sum to 100 = RUBRIC_RANGE.
  return Math.round(total * 10000) / 10000;
}
