import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ChecklistRepository } from './checklist.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestStatus } from './entities/contest.entity';
import { RoundKind } from './entities/round.entity';

export type ChecklistKey =
  | 'categories'
  | 'submissionRound'
  | 'roundWindows'
  | 'rubrics'
  | 'description'
  | 'scope'
  | 'judges';

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

/** What is still missing before a contest can open (organizers). */
@Injectable()
export class ChecklistService {
  constructor(
    private readonly repository: ChecklistRepository,
    private readonly access: ContestAccessService,
  ) {}

  async get(contestId: string, actor: Principal, now = new Date()): Promise<Checklist> {
    const contest = await this.access.assertOrganizer(actor, contestId);
    const f = await this.repository.facts(contestId);
    const submission = f.rounds.filter((r) => r.kind === RoundKind.Submission);
    const scored = f.rounds.filter((r) => SCORED_ROUNDS.includes(r.kind));
    const items: ChecklistItem[] = [
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
    return {
      status: contest.status,
      ready: contest.status === ContestStatus.Draft && items.every((i) => i.done || !i.required),
      items,
    };
  }
}
