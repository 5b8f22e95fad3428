import { Injectable } from '@nestjs/common';

/**
 * Which entries a judge may read through the entries API. Judging decides (assignment, conflicts
 * of interest, recusals); entries only asks, so the entries feature does not depend on judging.
 */
export interface JudgeEntryAccess {
  /** Whether the judge may read this entry. */
  mayRead(judgeId: string, entryId: string): Promise<boolean>;
  /** Every entry of the contest the judge may read. */
  readableEntryIds(judgeId: string, contestId: string): Promise<string[]>;
  /**
   * Whether the judge may look at the entry for judging it in that round now: the round open
   * (not closed), the judge still on its panel, assigned and free of conflict.
   */
  mayViewInRound(judgeId: string, entryId: string, roundId: string): Promise<boolean>;
}

/** Nothing is readable until a policy is registered. */
const DENY_ALL: JudgeEntryAccess = {
  mayRead: () => Promise.resolve(false),
  readableEntryIds: () => Promise.resolve([]),
  mayViewInRound: () => Promise.resolve(false),
};

/**
 * Holds the judges' access policy: judging registers its own at bootstrap; until then (or in an
 * application without judging) judges read no entry.
 */
@Injectable()
export class JudgeEntryAccessRegistry implements JudgeEntryAccess {
  private policy: JudgeEntryAccess = DENY_ALL;

  register(policy: JudgeEntryAccess): void {
    this.policy = policy;
  }

  mayRead(judgeId: string, entryId: string): Promise<boolean> {
    return this.policy.mayRead(judgeId, entryId);
  }

  readableEntryIds(judgeId: string, contestId: string): Promise<string[]> {
    return this.policy.readableEntryIds(judgeId, contestId);
  }

  mayViewInRound(judgeId: string, entryId: string, roundId: string): Promise<boolean> {
    return this.policy.mayViewInRound(judgeId, entryId, roundId);
  }
}
