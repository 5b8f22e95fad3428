import { api, type Round, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

/** What the judging endpoints answer: the types generated from the service's OpenAPI document. */
export type AssignmentsView = Schemas['AssignmentsView'];
export type JudgeProgress = Schemas['JudgeProgressView'];
export type ProgressView = Schemas['JudgingProgressView'];
export type ResultGroup = Schemas['ResultGroupView'];
export type ResultRow = Schemas['ResultRowView'];
export type RoundResults = Schemas['RoundResultsView'];
export type FinalRow = Schemas['FinalRowView'];
export type FinalResults = Schemas['FinalResultsView'];

export type Method = Schemas['AggregationMethod'];
export const METHODS: Method[] = ['mean', 'median', 'trimmed', 'normalized'];
export type TieBreak = Schemas['TieBreak'];

/** Rounds a jury judges (judging and final), in order. */
export const judgedRounds = (rounds: Round[]) => rounds.filter((r) => r.kind === 'judging' || r.kind === 'final');

const ROUND_KEY = (contestId: string) => `hoithi.console.round.${contestId}`;

/**
 * The round to show first: the one last chosen in this contest's console (kept for the tab's
 * life, so judging and results show the same round), else the latest round already opened, else
 * the first.
 */
export function firstRound(contestId: string, rounds: Round[]): string {
  const kept = sessionStorage.getItem(ROUND_KEY(contestId));
  if (kept && rounds.some((r) => r.id === kept)) return kept;
  const opened = rounds.filter((r) => r.status !== 'pending' || r.resultsFixedAt);
  return (opened[opened.length - 1] ?? rounds[0])?.id ?? '';
}

export function rememberRound(contestId: string, roundId: string): void {
  if (roundId) sessionStorage.setItem(ROUND_KEY(contestId), roundId);
}

type JudgingGetPath =
  | '/judging/rounds/{roundId}/assignments'
  | '/judging/rounds/{roundId}/progress'
  | '/judging/rounds/{roundId}/results'
  | '/judging/rounds/{roundId}/final';

type Answer<P extends JudgingGetPath> =
  paths[P]['get']['responses'][200]['content']['application/json'];

/** A round's judging answer, typed by its path (null when refused or unreachable). */
export async function judgingGet<P extends JudgingGetPath>(path: P, roundId: string): Promise<Answer<P> | null> {
  const { data } = await api.GET(path as JudgingGetPath, { params: { path: { roundId } } });
  // the answer of the path asked (openapi-fetch types a union of paths as a union of answers)
  return (data as Answer<P> | undefined) ?? null;
}
