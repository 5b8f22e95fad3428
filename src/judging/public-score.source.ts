import type { EntityManager } from 'typeorm';

/** A voting session of the round, as the result reports it. */
export interface PublicVoteSession {
  id: string;
  title: string;
  state: string;
  /** No vote can arrive any more: closed, or past its closing time. */
  over: boolean;
  closesAt: string | null;
  /** Head of the session's hash chain when the votes were counted (null: no vote yet). */
  chainHead: { seq: number; hash: string } | null;
  /** Votes that count (never flagged, or released by an organizer). */
  counted: number;
  /** Votes held by a fraud signal and not decided: they do not count. */
  quarantined: number;
  /** Votes an organizer threw out: they never count. */
  voided: number;
}

/** The public vote of a round, read at one instant (one snapshot of the database). */
export interface PublicVoteRead {
  /** The round's voting sessions, oldest first (none: the round has no public vote). */
  sessions: PublicVoteSession[];
  /** Counted votes per entry over all the round's sessions; entries without one are absent. */
  votes: Map<string, number>;
  readAt: string;
}

/**
 * Where the results read the public vote of a round from (the voting feature provides it). With
 * `manager`, the read joins that transaction; with `settle` as well, the round's sessions are
 * locked until it ends and no vote batch is in flight while the votes are counted (for fixing
 * the results).
 */
export interface PublicScoreSource {
  read(roundId: string, manager?: EntityManager, settle?: boolean): Promise<PublicVoteRead>;
}

export const PUBLIC_SCORE_SOURCE = Symbol('PublicScoreSource');
