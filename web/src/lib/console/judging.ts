import { api, type Round } from '../../api/client';

/**
 * What the judging endpoints answer (documented as plain objects in the OpenAPI document, so
 * typed here from the service's views).
 */
export interface AssignmentsView {
  roundId: string;
  quorum: number;
  panel: { judgeId: string; active: boolean }[];
  judges: { id: string; fullName: string }[];
  loads: Record<string, number>;
  conflicts: { entryId: string; judgeId: string; reason: 'unit' | 'owner' | 'member' | 'recusal' }[];
  entries: {
    entryId: string;
    title: string;
    unitName: string | null;
    categoryId: string;
    judges: { judgeId: string; sheetStatus: string | null; onPanel: boolean }[];
  }[];
  shortfalls: { entryId: string; needed: number; assigned: number; message: string }[];
  message: string | null;
}

export interface JudgeProgress {
  judgeId: string;
  fullName: string;
  assigned: number;
  drafts: number;
  submitted: number;
}

export interface ProgressView {
  roundId: string;
  quorum: number;
  judges: JudgeProgress[];
  entries: { total: number; complete: number };
  sheets: { assigned: number; submitted: number };
}

export type Method = 'mean' | 'median' | 'trimmed' | 'normalized';
export const METHODS: Method[] = ['mean', 'median', 'trimmed', 'normalized'];
export type TieBreak = 'firstCriterion' | 'firstPlaces' | 'earlierSubmission';

export interface ResultGroup {
  key: string;
  categoryId: string;
  categoryName: string;
  scopeUnitId: string | null;
  scopeUnitName: string | null;
  entries: number;
}

export interface ResultRow {
  rank: number;
  tied: boolean;
  group: string;
  entryId: string;
  publicId: string;
  title: string;
  unitName: string;
  score: number | null;
  sheets: number;
  quorumMet: boolean;
  decidedBy: string | null;
}

export interface RoundResults {
  roundId: string;
  method: Method;
  tieBreaks: TieBreak[];
  quorum: number;
  allowRevision: boolean;
  fixed: boolean;
  resultsFixedAt: string | null;
  publishedAt: string | null;
  groups: ResultGroup[];
  rows: ResultRow[];
}

export interface FinalRow extends ResultRow {
  juryScore: number | null;
  juryRank: number;
  juryTied: boolean;
  publicVotes: number | null;
  publicScore: number | null;
  finalScore: number | null;
  prize: string | null;
  prizeLabel: string | null;
}

export interface FinalResults {
  roundId: string;
  juryWeight: number;
  publicWeight: number;
  provisional: boolean;
  publicVote: { status: string; sessions: { id: string; title: string }[] };
  fixed: boolean;
  publishedAt: string | null;
  groups: ResultGroup[];
  rows: FinalRow[];
}

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

/** The judging endpoints answer plain objects: the body, typed by the caller. */
export async function judgingGet<T>(
  path:
    | '/judging/rounds/{roundId}/assignments'
    | '/judging/rounds/{roundId}/progress'
    | '/judging/rounds/{roundId}/results'
    | '/judging/rounds/{roundId}/final',
  roundId: string,
): Promise<T | null> {
  const { data } = await api.GET(path, { params: { path: { roundId } } });
  return (data as T | undefined) ?? null;
}
