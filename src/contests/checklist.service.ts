import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ChecklistFacts, ChecklistRepository } from './checklist.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestStatus } from './entities/contest.entity';
import { RoundKind } from './entities/round.entity';

export const CHECKLIST_KEYS = [
  'categories',
  'submissionRound',
  'roundWindows',
  'rubrics',
  'description',
  'scope',
  'judges',
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

export interface ChecklistItem {
  key: ChecklistKey;
  done: boolean;
  /** Required items block opening; the others are advice. */
  required: boolean;
}

export interface Checklist {
  status: ContestStatus;
  /** Every required item is done and the contest is still a draft. */
  ready: boolean;
  items: ChecklistItem[];
}

const SCORED_ROUNDS: readonly RoundKind[] = [RoundKind.Judging, RoundKind.Final];

/**
 * The checklist's items from the contest's facts. The same items decide whether the contest may
 * open (ContestsService.changeStatus), so the console's checklist and the service never differ.
 */
export function checklistItems(f: ChecklistFacts, now: Date): ChecklistItem[] {
  const submission = f.rounds.filter((r) => r.kind === RoundKind.Submission);
  const scored = f.rounds.filter((r) => SCORED_ROUNDS.includes(r.kind));
  return [
    { key: 'categories', done: f.categories > 0, required: true },
    { key: 'submissionRound', done: submission.length > 0, required: true },
    {
      key: 'roundWindows',
      done:
        f.rounds.length > 0 &&
        f.rounds.every((r) => r.opensAt < r.closesAt) &&
        submission.every((r) => r.closesAt > now),
      required: true,
    },
    { key: 'rubrics', done: scored.every((r) => r.rubrics > 0), required: true },
    { key: 'description', done: f.description, required: false },
    {
      key: 'scope',
      done: f.ownerUnit || (f.rounds.length > 0 && f.rounds.every((r) => r.scoped)),
      required: false,
    },
    { key: 'judges', done: f.judges > 0, required: false },
  ];
}

/** The required items not yet done: what keeps the contest from opening. */
export function missingRequired(items: ChecklistItem[]): ChecklistKey[] {
  return items.filter((i) => i.required && !i.done).map((i) => i.key);
}

/** What is still missing before a contest can open (organizers). */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly repository: ChecklistRepository,
    private readonly access: ContestAccessService,
  ) {}

  async get(contestId: string, actor: Principal, now = new Date()): Promise<Checklist> {
    const contest = await this.access.assertOrganizer(actor, contestId);
    const items = checklistItems(await this.repository.facts(contestId), now);
    return {
      status: contest.status,
      ready: contest.status === ContestStatus.Draft && missingRequired(items).length === 0,
      items,
    };
  }
}
