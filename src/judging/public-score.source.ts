import { Injectable } from '@nestjs/common';

/**
 * The public vote's share of the final result. The voting feature provides it: a score from 0 to
 * 100 per entry of the round. null = no public vote for this round: its weight counts as 0 and the
 * jury's as 100.
 */
export interface PublicScoreSource {
  scores(
    contestId: string,
    roundId: string,
    entryIds: string[],
  ): Promise<Map<string, number> | null>;
}

export const PUBLIC_SCORE_SOURCE = Symbol('PublicScoreSource');

/** Until the voting feature exists: no public vote. */
@Injectable()
export class NoPublicScores implements PublicScoreSource {
  scores(): Promise<Map<string, number> | null> {
    return Promise.resolve(null);
  }
}
