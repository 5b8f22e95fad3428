import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ContestMembership, ContestRole } from '../users/entities/contest-membership.entity';
import { VotingSession, VotingSessionEntry } from './entities/voting-session.entity';

/** A vote ready for the batch statement; the batcher guarantees one per voter per statement. */
export interface BatchVote {
  id: string;
  sessionId: string;
  entryId: string;
  voterKey: string;
  channel: string;
}

export type BatchOutcomeKind =
  | 'counted'
  | 'duplicate'
  | 'mismatch'
  | 'no_session'
  | 'closed'
  | 'not_votable'
  | 'limit_entry'
  | 'limit_session'
  | 'limit_day'
  | 'retry';

export interface BatchOutcome {
  kind: BatchOutcomeKind;
  state: string;
  perEntry: number | null;
  perSession: number | null;
  perDay: number | null;
}

export interface SessionWithEntries {
  session: VotingSession;
  entryIds: string[];
}

/**
 * One statement writes a whole batch: the window and the votable entries are checked against the
 * session row, each vote takes the next free slot of every limit, `ON CONFLICT DO NOTHING` lets
 * the unique keys refuse duplicates and slots taken concurrently (by another instance), and the
 * tally shard of this intake lane grows by the batch's counts. One answer per vote, in order.
 * A vote that lost a slot race comes back as `retry` and goes into the next batch, where the
 * slots it sees are fresh.
 */
const CAST_BATCH = `
WITH c AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[])
    AS c(id, session_id, entry_id, voter_key, channel, ord)
), x AS (
  SELECT c.*,
    s.id IS NOT NULL AS found,
    COALESCE(s.state::text, 'missing') AS state,
    COALESCE(
      (s.state = 'open' OR (s.state = 'scheduled' AND s.opens_at IS NOT NULL))
      AND (s.opens_at IS NULL OR s.opens_at <= now())
      AND (s.closes_at IS NULL OR now() < s.closes_at), false) AS is_open,
    COALESCE(se.entry_id IS NOT NULL AND (s.mode = 'all' OR s.on_stage_entry_id = c.entry_id),
      false) AS votable,
    (s.policy->>'perEntry')::int AS per_entry,
    (s.policy->>'perSession')::int AS per_session,
    (s.policy->>'perDay')::int AS per_day,
    (now() AT TIME ZONE COALESCE(s.time_zone, 'UTC'))::date AS vote_day,
    v.session_id IS NOT NULL AS seen,
    COALESCE(v.session_id = c.session_id AND v.entry_id = c.entry_id
      AND v.voter_key = c.voter_key, false) AS same
  FROM c
  LEFT JOIN voting_sessions s ON s.id = c.session_id
  LEFT JOIN voting_session_entries se ON se.session_id = c.session_id AND se.entry_id = c.entry_id
  LEFT JOIN LATERAL (
    SELECT w.session_id, w.entry_id, w.voter_key FROM votes w WHERE w.id = c.id
  ) v ON true
), y AS (
  SELECT x.id, x.session_id, x.entry_id, x.voter_key, x.channel, x.vote_day,
    x.per_entry, x.per_session, x.per_day,
    CASE WHEN x.per_entry IS NULL THEN NULL ELSE (
      SELECT COALESCE(max(w.entry_slot) + 1, 0) FROM votes w
      WHERE w.session_id = x.session_id AND w.voter_key = x.voter_key AND w.entry_id = x.entry_id
    ) END AS entry_slot,
    CASE WHEN x.per_session IS NULL THEN NULL ELSE (
      SELECT COALESCE(max(w.session_slot) + 1, 0) FROM votes w
      WHERE w.session_id = x.session_id AND w.voter_key = x.voter_key
    ) END AS session_slot,
    CASE WHEN x.per_day IS NULL THEN NULL ELSE (
      SELECT COALESCE(max(w.day_slot) + 1, 0) FROM votes w
      WHERE w.session_id = x.session_id AND w.voter_key = x.voter_key AND w.vote_day = x.vote_day
    ) END AS day_slot
  FROM x WHERE NOT x.seen AND x.is_open AND x.votable
), ins AS (
  INSERT INTO votes (id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day,
    day_slot, channel)
  SELECT id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day, day_slot, channel
  FROM y
  WHERE (entry_slot IS NULL OR entry_slot < per_entry)
    AND (session_slot IS NULL OR session_slot < per_session)
    AND (day_slot IS NULL OR day_slot < per_day)
  ORDER BY session_id, voter_key
  ON CONFLICT DO NOTHING
  RETURNING id, session_id, entry_id
), t AS (
  INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
  SELECT session_id, entry_id, $7::int, count(*) FROM ins
  GROUP BY session_id, entry_id ORDER BY session_id, entry_id
  ON CONFLICT (session_id, entry_id, shard)
  DO UPDATE SET votes = voting_tallies.votes + excluded.votes
)
SELECT x.ord,
  CASE
    WHEN ins.id IS NOT NULL THEN 'counted'
    WHEN x.seen AND x.same THEN 'duplicate'
    WHEN x.seen THEN 'mismatch'
    WHEN NOT x.found THEN 'no_session'
    WHEN NOT x.is_open THEN 'closed'
    WHEN NOT x.votable THEN 'not_votable'
    WHEN y.entry_slot >= y.per_entry THEN 'limit_entry'
    WHEN y.session_slot >= y.per_session THEN 'limit_session'
    WHEN y.day_slot >= y.per_day THEN 'limit_day'
    ELSE 'retry'
  END AS outcome,
  x.state, x.per_entry, x.per_session, x.per_day
FROM x LEFT JOIN y ON y.id = x.id LEFT JOIN ins ON ins.id = x.id`;

@Injectable()
export class VotingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(VotingSession) private readonly sessions: Repository<VotingSession>,
    @InjectRepository(VotingSessionEntry) private readonly entries: Repository<VotingSessionEntry>,
    @InjectRepository(ContestMembership)
    private readonly memberships: Repository<ContestMembership>,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async isOrganizer(contestId: string, userId: string): Promise<boolean> {
    return this.memberships.exists({
      where: { contestId, userId, role: ContestRole.Organizer },
    });
  }

  async insertSession(
    manager: EntityManager,
    data: Partial<VotingSession>,
    entryIds: string[],
  ): Promise<VotingSession> {
    const session = await manager
      .getRepository(VotingSession)
      .save(manager.create(VotingSession, data));
    await this.replaceEntries(manager, session.id, entryIds);
    return session;
  }

  async replaceEntries(manager: EntityManager, sessionId: string, entryIds: string[]) {
    await manager.delete(VotingSessionEntry, { sessionId });
    if (entryIds.length) {
      await manager.insert(
        VotingSessionEntry,
        entryIds.map((entryId, position) => ({ sessionId, entryId, position })),
      );
    }
  }

  async findSession(id: string, manager?: EntityManager): Promise<SessionWithEntries | null> {
    const m = manager ?? this.dataSource.manager;
    const session = await m.getRepository(VotingSession).findOne({ where: { id } });
    if (!session) return null;
    const rows = await m
      .getRepository(VotingSessionEntry)
      .find({ where: { sessionId: id }, order: { position: 'ASC' } });
    return { session, entryIds: rows.map((r) => r.entryId) };
  }

  /** Locks the session row for a change made in `manager`'s transaction. */
  lockSession(manager: EntityManager, id: string): Promise<VotingSession | null> {
    return manager
      .getRepository(VotingSession)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateSession(
    manager: EntityManager,
    id: string,
    patch: Partial<VotingSession>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(VotingSession)
      .set({ ...patch, revision: () => 'revision + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async listByRound(contestId: string, roundId?: string): Promise<VotingSession[]> {
    return this.sessions.find({
      where: roundId ? { contestId, roundId } : { contestId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Current revision of each session (sessions that no longer exist are absent). */
  async revisions(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; revision: number }> = await this.dataSource.query(
      'SELECT id, revision FROM voting_sessions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.revision]));
  }

  /** Writes one batch; answers in the order of `votes`. Commits before it resolves. */
  async castBatch(votes: BatchVote[], shard: number): Promise<BatchOutcome[]> {
    const rows: Array<{
      ord: number;
      outcome: BatchOutcomeKind;
      state: string;
      per_entry: number | null;
      per_session: number | null;
      per_day: number | null;
    }> = await this.dataSource.query(CAST_BATCH, [
      votes.map((v) => v.id),
      votes.map((v) => v.sessionId),
      votes.map((v) => v.entryId),
      votes.map((v) => v.voterKey),
      votes.map((v) => v.channel),
      votes.map((_, i) => i),
      shard,
    ]);
    const out = new Array<BatchOutcome>(votes.length);
    for (const r of rows) {
      out[r.ord] = {
        kind: r.outcome,
        state: r.state,
        perEntry: r.per_entry,
        perSession: r.per_session,
        perDay: r.per_day,
      };
    }
    return out;
  }

  /** Counted votes per entry, from the tally shards (cheap: a few rows per entry). */
  async tallies(sessionIds: string[]): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (!sessionIds.length) return result;
    const rows: Array<{ session_id: string; entry_id: string; votes: string }> =
      await this.dataSource.query(
        `SELECT session_id, entry_id, sum(votes)::bigint AS votes FROM voting_tallies
         WHERE session_id = ANY($1::uuid[]) GROUP BY session_id, entry_id`,
        [sessionIds],
      );
    for (const id of sessionIds) result.set(id, new Map());
    for (const r of rows) result.get(r.session_id)!.set(r.entry_id, Number(r.votes));
    return result;
  }

  /** Counted votes per entry, counted from the stored votes themselves. */
  async recount(sessionId: string): Promise<Map<string, number>> {
    const rows: Array<{ entry_id: string; votes: string }> = await this.dataSource.query(
      'SELECT entry_id, count(*) AS votes FROM votes WHERE session_id = $1 GROUP BY entry_id',
      [sessionId],
    );
    return new Map(rows.map((r) => [r.entry_id, Number(r.votes)]));
  }

  async synchronousCommit(): Promise<string> {
    const rows: Array<{ synchronous_commit: string }> =
      await this.dataSource.query('SHOW synchronous_commit');
    return rows[0]?.synchronous_commit ?? 'unknown';
  }
}
