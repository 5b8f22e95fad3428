import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  PublicScoreSource,
  PublicVoteRead,
  PublicVoteSession,
} from '../judging/public-score.source';
import { PublicScoresRepository } from './public-scores.repository';

/**
 * The public vote of a round, as the results take it: the round's voting sessions with the
 * chain heads of the votes counted, and the counted votes per entry over all of them (a vote
 * held by a fraud signal or voided by an organizer does not count; a released one does).
 */
@Injectable()
export class PublicScoresService implements PublicScoreSource {
  constructor(private readonly repository: PublicScoresRepository) {}

  async read(roundId: string, manager?: EntityManager, settle = false): Promise<PublicVoteRead> {
    const rows = await this.repository.read(roundId, manager, settle);
    const counted = new Map<string, number>();
    const votes = new Map<string, number>();
    for (const [sessionId, entryId, n] of rows.counts) {
      const count = Number(n);
      counted.set(sessionId, (counted.get(sessionId) ?? 0) + count);
      votes.set(entryId, (votes.get(entryId) ?? 0) + count);
    }
    const sessions: PublicVoteSession[] = rows.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      state: s.state,
      over: s.over,
      closesAt: s.closes_at === null ? null : new Date(s.closes_at).toISOString(),
      chainHead: s.seq === null || s.hash === null ? null : { seq: s.seq, hash: s.hash },
      counted: counted.get(s.id) ?? 0,
      quarantined: Number(s.quarantined),
      voided: Number(s.voided),
    }));
    return { sessions, votes, readAt: new Date(rows.readAt).toISOString() };
  }
}
