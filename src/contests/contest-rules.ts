import type { FieldError } from '../common/errors/app-error';
import { ContestSettings, ContestStatus } from './entities/contest.entity';
import { Round, RoundStatus } from './entities/round.entity';

/** Which status a contest may move to from each status; the order is the contest's life. */
export const CONTEST_TRANSITIONS: Readonly<Record<ContestStatus, readonly ContestStatus[]>> = {
  [ContestStatus.Draft]: [ContestStatus.Open],
  [ContestStatus.Open]: [ContestStatus.Judging],
  [ContestStatus.Judging]: [ContestStatus.Closed],
  [ContestStatus.Closed]: [ContestStatus.Published],
  [ContestStatus.Published]: [],
};

export function allowedContestTransitions(from: ContestStatus): readonly ContestStatus[] {
  return CONTEST_TRANSITIONS[from];
}

/** Organizers open and close rounds; a closed round reopens only until its results are fixed. */
export function allowedRoundTransitions(
  round: Pick<Round, 'status' | 'resultsFixedAt'>,
): readonly RoundStatus[] {
  switch (round.status) {
    case RoundStatus.Pending:
      return [RoundStatus.Open];
    case RoundStatus.Open:
      return [RoundStatus.Closed];
    case RoundStatus.Closed:
      return round.resultsFixedAt ? [] : [RoundStatus.Open];
  }
}

export const DEFAULT_SETTINGS: ContestSettings = {
  blindJudging: true,
  juryWeight: 100,
  publicWeight: 0,
  prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
};

/** Rules across settings fields that DTO validation cannot see one field at a time. */
export function settingsErrors(settings: ContestSettings, prefix = 'settings'): FieldError[] {
  const sum = settings.juryWeight + settings.publicWeight;
  if (sum === 100) return [];
  return [
    { field: `${prefix}.juryWeight`, code: 'contests.weights_sum', params: { sum } },
    { field: `${prefix}.publicWeight`, code: 'contests.weights_sum', params: { sum } },
  ];
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface RoundWindow {
  id?: string;
  position: number;
  opensAt: Date;
}

/**
 * Rounds follow each other: a round at a later position may not open before the round before
 * it opens. Returns the first pair out of order, if any.
 */
export function roundOrderViolation(
  rounds: readonly RoundWindow[],
): { earlier: RoundWindow; later: RoundWindow } | null {
  const sorted = [...rounds].sort((a, b) => a.position - b.position);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].opensAt.getTime() < sorted[i - 1].opensAt.getTime()) {
      return { earlier: sorted[i - 1], later: sorted[i] };
    }
  }
  return null;
}

// ---------------------------------------------------------------- a category's media rules

/** A category's media rules (Category.rules.media), as the media feature enforces them too. */
export interface MediaRuleSet {
  kinds: readonly string[];
  minCount: number;
  maxCount: number;
  maxSizeBytes: number;
  minDurationSeconds?: number | null;
  maxDurationSeconds?: number | null;
  minResolution?: number | null;
  landscapeOnly?: boolean;
}

/** A broken rule: a message code (`media.*`) and its parameters. */
export interface RuleProblem {
  code: string;
  params: Record<string, unknown>;
}

/** What is known of a stored file once processed (kind and size at once, the rest decoded). */
export interface MediaFileFacts {
  kind: string | null;
  sizeBytes: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

export function mediaKindProblem(rules: MediaRuleSet, kind: string): RuleProblem | null {
  if (rules.kinds.includes(kind)) return null;
  return { code: 'media.kind_not_allowed', params: { kind, allowed: [...rules.kinds] } };
}

/** `max` is the category's limit, or a lower ceiling of the service when it applies. */
export function mediaSizeProblem(sizeBytes: number, max: number): RuleProblem | null {
  return sizeBytes > max ? { code: 'media.too_large', params: { max } } : null;
}

export function mediaDurationProblem(rules: MediaRuleSet, seconds: number): RuleProblem | null {
  const actual = Math.round(seconds * 10) / 10;
  if (rules.minDurationSeconds && seconds < rules.minDurationSeconds)
    return {
      code: 'media.duration_too_short',
      params: { rule: 'minDurationSeconds', actual, min: rules.minDurationSeconds },
    };
  if (rules.maxDurationSeconds && seconds > rules.maxDurationSeconds)
    return {
      code: 'media.duration_too_long',
      params: { rule: 'maxDurationSeconds', actual, max: rules.maxDurationSeconds },
    };
  return null;
}

/** The shorter side against the category's minimum (720 = 720p). */
export function mediaResolutionProblem(
  rules: MediaRuleSet,
  width: number,
  height: number,
): RuleProblem | null {
  const shorter = Math.min(width, height);
  if (!rules.minResolution || shorter >= rules.minResolution) return null;
  return {
    code: 'media.resolution_too_low',
    params: { rule: 'minResolution', actual: shorter, min: rules.minResolution },
  };
}

export function mediaOrientation(width: number, height: number) {
  return width > height ? 'landscape' : width < height ? 'portrait' : 'square';
}

/** Clips only: a category may take landscape clips alone. */
export function mediaOrientationProblem(
  rules: MediaRuleSet,
  width: number,
  height: number,
): RuleProblem | null {
  const orientation = mediaOrientation(width, height);
  if (!rules.landscapeOnly || orientation === 'landscape') return null;
  return { code: 'media.landscape_required', params: { rule: 'landscapeOnly', orientation } };
}

/** How many files an entry holds against the category's minimum and maximum. */
export function mediaCountProblem(rules: MediaRuleSet, count: number): RuleProblem | null {
  if (count < rules.minCount)
    return { code: 'media.too_few', params: { min: rules.minCount, count } };
  if (count > rules.maxCount) return { code: 'media.too_many', params: { max: rules.maxCount } };
  return null;
}

/**
 * Every rule a processed file breaks, with the checks uploads and processing make (a category's
 * rules may have changed since the file came in): kind, size, duration of clips and audio,
 * resolution of images and clips, orientation of clips.
 */
export function mediaFileProblems(rules: MediaRuleSet, file: MediaFileFacts): RuleProblem[] {
  const problems: (RuleProblem | null)[] = [
    file.kind ? mediaKindProblem(rules, file.kind) : null,
    mediaSizeProblem(file.sizeBytes, rules.maxSizeBytes),
  ];
  if ((file.kind === 'video' || file.kind === 'audio') && file.durationSeconds !== undefined)
    problems.push(mediaDurationProblem(rules, file.durationSeconds));
  if ((file.kind === 'video' || file.kind === 'image') && file.width && file.height)
    problems.push(mediaResolutionProblem(rules, file.width, file.height));
  if (file.kind === 'video' && file.width && file.height)
    problems.push(mediaOrientationProblem(rules, file.width, file.height));
  return problems.filter((p): p is RuleProblem => p !== null);
}
