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
