import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface PublicVoteSessionRow {
  id: string;
  title: string;
  state: string;
  over: boolean;
  closes_at: string | null;
  seq: number | null;
  hash: string | null;
  quarantined: number;
  voided: number;
}

export interface PublicVoteRows {
  sessions: PublicVoteSessionRow[];
  /** [session id, entry id, counted votes] */
  counts: [string, string, number][];
  readAt: Date;
}

/**
 * A round's public vote in one statement, so one snapshot: its sessions (oldest first) with
 * their chain heads and held/voided votes, and the counted votes per session and entry. A vote
 * counts when it has no flag or its flag was released (quarantined and voided votes are stored
 * but never count); counted from the votes themselves, not from the live tallies.
 */
const READ_PUBLIC_VOTE = `
WITH s AS MATERIALIZED (
  SELECT s.id, s.title, s.state::text AS state, s.closes_at, s.created_at,
    (s.state = 'closed' OR (s.closes_at IS NOT NULL AND s.closes_at <= now())) AS over
  FROM voting_sessions s WHERE s.round_id = $1
), c AS (
  SELECT v.session_id, v.entry_id, count(*) AS n FROM votes v
  WHERE v.session_id IN (SELECT id FROM s)
    AND NOT EXISTS (SELECT 1 FROM vote_flags f WHERE f.vote_id = v.id AND f.status <> 'released')
  GROUP BY v.session_id, v.entry_id
), f AS (
  SELECT f.session_id,
    count(*) FILTER (WHERE f.status = 'quarantined') AS quarantined,
    count(*) FILTER (WHERE f.status = 'voided') AS voided
  FROM vote_flags f WHERE f.session_id IN (SELECT id FROM s) GROUP BY f.session_id
)
SELECT
  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'state', s.state,
      'over', s.over, 'closes_at', s.closes_at, 'seq', h.seq, 'hash', h.hash,
      'quarantined', coalesce(f.quarantined, 0), 'voided', coalesce(f.voided, 0))
      ORDER BY s.created_at, s.id), '[]'::json)
   FROM s LEFT JOIN vote_chain_heads h ON h.session_id = s.id
   LEFT JOIN f ON f.session_id = s.id) AS sessions,
  (SELECT coalesce(json_agg(json_build_array(c.session_id, c.entry_id, c.n)), '[]'::json)
   FROM c) AS counts,
  now() AS read_at`;

/** The only code that reads the public vote of a round for the results. */
@Injectable()
export class PublicScoresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The round's public vote (READ_PUBLIC_VOTE). With `settle` (inside `manager`'s transaction):
   * the round's sessions are locked first, which waits for the vote batches in flight (they
   * hold the sessions' rows in KEY SHARE until they commit) and keeps new ones out until the
   * transaction ends; the votes are then counted by a statement that sees every batch that
   * committed.
   */
  async read(roundId: string, manager?: EntityManager, settle = false): Promise<PublicVoteRows> {
    const m = manager ?? this.dataSource.manager;
    if (settle)
      await m.query(`SELECT id FROM voting_sessions WHERE round_id = $1 ORDER BY id FOR UPDATE`, [
        roundId,
      ]);
    const rows: {
      sessions: PublicVoteSessionRow[];
      counts: [string, string, number][];
      read_at: Date;
    }[] = await m.query(READ_PUBLIC_VOTE, [roundId]);
    return { sessions: rows[0].sessions, counts: rows[0].counts, readAt: rows[0].read_at };
  }
}
