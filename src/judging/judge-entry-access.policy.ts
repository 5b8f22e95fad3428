import { Injectable, OnModuleInit } from '@nestjs/common';
import { JudgeEntryAccess, JudgeEntryAccessRegistry } from '../entries/judge-entry-access';
import { conflictOf } from './conflicts';
import { JudgingRepository } from './judging.repository';

/**
 * What a judge may read through the entries API: the entries they hold an active assignment for
 * and have no conflict of interest with (unit, owner, member or contact, declared recusal) — the
 * same rule the judging endpoints apply. Registered with the entries feature at bootstrap.
 */
@Injectable()
export class JudgingEntryAccessPolicy implements JudgeEntryAccess, OnModuleInit {
  constructor(
    private readonly repo: JudgingRepository,
    private readonly registry: JudgeEntryAccessRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async mayRead(judgeId: string, entryId: string): Promise<boolean> {
    const [entry] = await this.repo.assignedEntries(judgeId, { entryId });
    if (!entry) return false;
    return (await this.readable(judgeId, entry.contestId, [entry])).length === 1;
  }

  async readableEntryIds(judgeId: string, contestId: string): Promise<string[]> {
    const entries = await this.repo.assignedEntries(judgeId, { contestId });
    return entries.length ? this.readable(judgeId, contestId, entries) : [];
  }

  private async readable(
    judgeId: string,
    contestId: string,
    entries: Awaited<ReturnType<JudgingRepository['assignedEntries']>>,
  ): Promise<string[]> {
    const [judge, recusals] = await Promise.all([
      this.repo.contestJudge(contestId, judgeId),
      this.repo.judgeRecusals(judgeId),
    ]);
    if (!judge) return [];
    return entries.filter((e) => conflictOf(judge, e, recusals) === null).map((e) => e.id);
  }
}
