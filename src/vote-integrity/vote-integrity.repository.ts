import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ChainBatch, ChainVote } from './chain';
import { VoteFlagStatus } from './entities/vote-flag.entity';

export interface FlagRow {
  voteId: string;
  entryId: string;
  voterKey: string;
  channel: string;
  reasons: string[];
  status: VoteFlagStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface ReceiptRow {
  voteId: string;
  sessionId: string;
  entryId: string;
  batchSeq: number | null;
  batchHash: string | null;
  status: VoteFlagStatus | null;
}

/** Shard of the tally rows that releases (and other corrections) add to. */
export const ADJUSTMENT_SHARD = 0;

/**
 * Shard of the tally rows that votes taken back into quarantine are subtracted from (its counts
 * are zero or negative; every other shard only grows). The sum of the absolute values over all
 * shards therefore only grows: it is the sequence number of the live tallies.
 */
export const RETRACTION_SHARD = -1;

/**
 * Retroactive quarantine, one statement: of the session's votes named (by id, or by voter), those
 * that count (no flag row) get a flag row with `reason` and are subtracted from the tally, in
 * the same transaction; those already held get `reason` added. The flag row's primary key makes
 * it idempotent under concurrency: a vote flagged by another sweep or by the intake meanwhile
 * conflicts and is left alone, so it is subtracted once, and only a vote that was added to the
 * tally is subtracted from it (tallies never go negative). Returns the votes quarantined now and
 * the ids that were found stored.
 */
const QUARANTINE_RETROACTIVELY = `
WITH cand AS MATERIALIZED (
  SELECT v.id, v.entry_id FROM votes v WHERE v.id = ANY($2::uuid[]) AND v.session_id = $1
  UNION
  SELECT v.id, v.entry_id FROM votes v WHERE v.session_id = $1 AND v.voter_key = ANY($3::text[])
), tagged AS (
  UPDATE vote_flags f SET reasons = array_append(f.reasons, $4::text)
  FROM cand WHERE f.vote_id = cand.id AND f.status = 'quarantined' AND NOT ($4 = ANY(f.reasons))
  RETURNING f.vote_id
), ins AS (
  INSERT INTO vote_flags (vote_id, session_id, entry_id, reasons)
  SELECT id, $1, entry_id, ARRAY[$4::text] FROM cand ORDER BY id
  ON CONFLICT (vote_id) DO NOTHING
  RETURNING vote_id, entry_id
), t AS (
  INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
  SELECT $1, entry_id, $5::int, -count(*) FROM ins GROUP BY entry_id ORDER BY entry_id
  ON CONFLICT (session_id, entry_id, shard)
  DO UPDATE SET votes = voting_tallies.votes + excluded.votes
)
SELECT true AS quarantined, vote_id AS id, entry_id FROM ins
UNION ALL
SELECT false, id, entry_id FROM cand WHERE id = ANY($2::uuid[])`;

@Injectable()
export class VoteIntegrityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The session's contest, and whether the user organizes it (null: no such session). */
  async sessionAccess(
    sessionId: string,
    userId: string,
  ): Promise<{ contestId: string; organizer: boolean } | null> {
    const rows: Array<{ contest_id: string; organizer: boolean }> = await this.dataSource.query(
      `SELECT s.contest_id, EXISTS (SELECT 1 FROM contest_memberships m
         WHERE m.contest_id = s.contest_id AND m.user_id = $2 AND m.role = 'organizer') AS organizer
       FROM voting_sessions s WHERE s.id = $1`,
      [sessionId, userId],
    );
    return rows[0] ? { contestId: rows[0].contest_id, organizer: rows[0].organizer } : null;
  }

  async queue(
    sessionId: string,
    status: VoteFlagStatus,
    limit: number,
    reason?: string,
    after?: { createdAt: Date; voteId: string },
  ): Promise<FlagRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT f.vote_id, f.entry_id, v.voter_key, v.channel, f.reasons, f.status, f.decided_by,
              f.decided_at, f.created_at
       FROM vote_flags f JOIN votes v ON v.id = f.vote_id
       WHERE f.session_id = $1 AND f.status = $2
         AND ($3::text IS NULL OR $3 = ANY(f.reasons))
         AND ($4::timestamptz IS NULL OR (f.created_at, f.vote_id) > ($4, $5::uuid))
       ORDER BY f.created_at, f.vote_id LIMIT $6`,
      [sessionId, status, reason ?? null, after?.createdAt ?? null, after?.voteId ?? null, limit],
    );
    return rows.map((r) => ({
      voteId: r.vote_id as string,
      entryId: r.entry_id as string,
      voterKey: r.voter_key as string,
      channel: r.channel as string,
      reasons: r.reasons as string[],
      status: r.status as VoteFlagStatus,
      decidedBy: r.decided_by as string | null,
      decidedAt: r.decided_at as Date | null,
      createdAt: r.created_at as Date,
    }));
  }

  async counts(sessionId: string): Promise<Record<VoteFlagStatus, number>> {
    const rows: Array<{ status: VoteFlagStatus; n: string }> = await this.dataSource.query(
      'SELECT status, count(*) AS n FROM vote_flags WHERE session_id = $1 GROUP BY status',
      [sessionId],
    );
    const out = { quarantined: 0, released: 0, voided: 0 } as Record<VoteFlagStatus, number>;
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /**
   * Moves quarantined votes of the session (the given ones, or all, or all with a reason) to
   * `to`; returns those moved. Rows locked by the update: two organizers deciding the same vote
   * at once decide it once.
   */
  async decide(
    m: EntityManager,
    sessionId: string,
    to: VoteFlagStatus,
    actorId: string,
    voteIds: string[] | null,
    reason: string | null,
  ): Promise<Array<{ voteId: string; entryId: string }>> {
    const rows: [Array<{ vote_id: string; entry_id: string }>, number] = await m.query(
      `UPDATE vote_flags SET status = $2, decided_by = $3, decided_at = now()
       WHERE session_id = $1 AND status = 'quarantined'
         AND ($4::uuid[] IS NULL OR vote_id = ANY($4::uuid[]))
         AND ($5::text IS NULL OR $5 = ANY(reasons))
       RETURNING vote_id, entry_id`,
      [sessionId, to, actorId, voteIds, reason],
    );
    return rows[0].map((r) => ({ voteId: r.vote_id, entryId: r.entry_id }));
  }

  /** Adds to the session's tallies (one row per entry in the adjustment shard). */
  async addToTallies(m: EntityManager, sessionId: string, perEntry: Map<string, number>) {
    if (!perEntry.size) return;
    await m.query(
      `INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
       SELECT $1, e, $4, n FROM unnest($2::uuid[], $3::bigint[]) AS t(e, n)
       ORDER BY e
       ON CONFLICT (session_id, entry_id, shard)
       DO UPDATE SET votes = voting_tallies.votes + excluded.votes`,
      [sessionId, [...perEntry.keys()], [...perEntry.values()], ADJUSTMENT_SHARD],
    );
  }

  /** See QUARANTINE_RETROACTIVELY. */
  async quarantineRetroactively(
    m: EntityManager,
    sessionId: string,
    reason: string,
    voteIds: string[],
    voterKeys: string[],
  ): Promise<{ quarantined: Array<{ voteId: string; entryId: string }>; found: Set<string> }> {
    const rows: Array<{ quarantined: boolean; id: string; entry_id: string }> = await m.query(
      QUARANTINE_RETROACTIVELY,
      [sessionId, voteIds, voterKeys, reason, RETRACTION_SHARD],
    );
    const quarantined: Array<{ voteId: string; entryId: string }> = [];
    const found = new Set<string>();
    for (const r of rows) {
      if (r.quarantined) quarantined.push({ voteId: r.id, entryId: r.entry_id });
      else found.add(r.id);
    }
    return { quarantined, found };
  }

  /** The contest a session belongs to (null: no such session). */
  async contestOf(sessionId: string): Promise<string | null> {
    const rows: Array<{ contest_id: string }> = await this.dataSource.query(
      'SELECT contest_id FROM voting_sessions WHERE id = $1',
      [sessionId],
    );
    return rows[0]?.contest_id ?? null;
  }

  async receipt(voteId: string): Promise<ReceiptRow | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT v.id, v.session_id, v.entry_id, b.seq, b.hash, f.status
       FROM votes v LEFT JOIN vote_batches b ON b.id = v.batch_id
       LEFT JOIN vote_flags f ON f.vote_id = v.id WHERE v.id = $1`,
      [voteId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      voteId: r.id as string,
      sessionId: r.session_id as string,
      entryId: r.entry_id as string,
      batchSeq: (r.seq as number | null) ?? null,
      batchHash: (r.hash as string | null) ?? null,
      status: (r.status as VoteFlagStatus | null) ?? null,
    };
  }

  async head(sessionId: string): Promise<{ seq: number; hash: string } | null> {
    const rows: Array<{ seq: number; hash: string }> = await this.dataSource.query(
      'SELECT seq, hash FROM vote_chain_heads WHERE session_id = $1',
      [sessionId],
    );
    return rows[0] ?? null;
  }

  /** Heads of several sessions at once. */
  async heads(sessionIds: string[]): Promise<Map<string, { seq: number; hash: string }>> {
    if (!sessionIds.length) return new Map();
    const rows: Array<{ session_id: string; seq: number; hash: string }> =
      await this.dataSource.query(
        'SELECT session_id, seq, hash FROM vote_chain_heads WHERE session_id = ANY($1::uuid[])',
        [sessionIds],
      );
    return new Map(rows.map((r) => [r.session_id, { seq: r.seq, hash: r.hash }]));
  }

  /** Batches of the chain in order, from `afterSeq`, with their votes as stored now. */
  async batchesWithVotes(
    sessionId: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<{ batch: ChainBatch; votes: ChainVote[] }>> {
    const batches: Array<{
      id: string;
      seq: number;
      prev_hash: string;
      hash: string;
      vote_count: number;
    }> = await this.dataSource.query(
      `SELECT id, seq, prev_hash, hash, vote_count FROM vote_batches
       WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    );
    if (!batches.length) return [];
    // A batch's votes share its created_at (one transaction's now()): the BRIN index on it
    // narrows the search to the heap ranges written while these batches were, in insertion
    // order, with no index entry per vote on batch_id.
    const votes: Array<{ batch_id: string; id: string; entry_id: string; voter_key: string }> =
      await this.dataSource.query(
        `SELECT v.batch_id, v.id, v.entry_id, v.voter_key FROM votes v
         WHERE v.batch_id = ANY($1::uuid[])
           AND v.created_at BETWEEN (SELECT min(b.created_at) FROM vote_batches b
               WHERE b.id = ANY($1::uuid[]))
             AND (SELECT max(b.created_at) FROM vote_batches b WHERE b.id = ANY($1::uuid[]))`,
        [batches.map((b) => b.id)],
      );
    const byBatch = new Map<string, ChainVote[]>(batches.map((b) => [b.id, []]));
    for (const v of votes)
      byBatch.get(v.batch_id)!.push({ id: v.id, entryId: v.entry_id, voterKey: v.voter_key });
    return batches.map((b) => ({
      batch: {
        seq: b.seq,
        prevHash: b.prev_hash,
        hash: b.hash,
        voteCount: b.vote_count,
      },
      votes: byBatch.get(b.id)!,
    }));
  }

  /**
   * Votes of the session written outside the chain (by hand: the intake always chains): no
   * batch of the session, or not written with it (a batch's votes share its created_at, which
   * is how batchesWithVotes finds them).
   */
  async unchained(sessionId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM votes v WHERE v.session_id = $1
         AND (v.batch_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM vote_batches b WHERE b.id = v.batch_id AND b.session_id = v.session_id
             AND b.created_at = v.created_at))`,
      [sessionId],
    );
    return Number(rows[0].n);
  }

  /** Votes that do not count: still quarantined, or voided. */
  async notCounting(sessionId: string): Promise<Set<string>> {
    const rows: Array<{ vote_id: string }> = await this.dataSource.query(
      `SELECT vote_id FROM vote_flags WHERE session_id = $1 AND status <> 'released'`,
      [sessionId],
    );
    return new Set(rows.map((r) => r.vote_id));
  }

  /** The live tallies as viewers see them (sum of the tally shards). */
  async liveTallies(sessionId: string): Promise<Map<string, number>> {
    const rows: Array<{ entry_id: string; n: string }> = await this.dataSource.query(
      `SELECT entry_id, sum(votes) AS n FROM voting_tallies WHERE session_id = $1
       GROUP BY entry_id`,
      [sessionId],
    );
    return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.entry_id, Number(r.n)]));
  }
}
