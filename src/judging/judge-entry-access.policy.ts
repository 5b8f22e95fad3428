import { Injectable, OnModuleInit } from '@nestjs/common';
import { JudgeEntryAccess, JudgeEntryAccessRegistry } from '../entries/judge-entry-access';
import { conflictBetween, conflictEntry, conflictJudge } from './conflicts';
import { JudgingRepository } from './judging.repository';

/**
 * What a judge may read through the entries API: the entries they hold an active assignment for
 * and have no conflict of interest with (unit, owner, member or contact, declared recusal) in the
 * round of that assignment — the same rule the judging endpoints apply. Registered with the
 * entries feature at bootstrap.
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
    const rows = await this.repo.assignedEntries(judgeId, { entryId });
    if (!rows.length) return false;
    return (await this.readable(judgeId, rows[0].contestId, rows)).includes(entryId);
  }

  async readableEntryIds(judgeId: string, contestId: string): Promise<string[]> {
    const entries = await this.repo.assignedEntries(judgeId, { contestId });
    return entries.length ? this.readable(judgeId, contestId, entries) : [];
  }

  async mayViewInRound(judgeId: string, entryId: string, roundId: string): Promise<boolean> {
    const standing = await this.repo.judgeRoundStanding(roundId, judgeId, entryId);
    if (!standing || standing.closed || standing.panel === 'removed' || !standing.assigned)
      return false;
    return this.mayRead(judgeId, entryId);
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
    const j = conflictJudge(judge);
    // Readable when one of its assignments is free of conflict in that assignment's round.
    const ids = new Set<string>();
    for (const e of entries) {
      const scope = { rootPath: e.scopePath, depth: e.scopeDepth };
      if (conflictBetween(j, conflictEntry(e, scope), recusals) === null) ids.add(e.id);
    }
    return [...ids];
  }
}
