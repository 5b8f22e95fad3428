import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { arrayLiteral, textArrayBinary, uuidArrayBinary } from '../database/pg-array';
import { PreparedStatement } from '../database/prepared-statement';
import { EntryStatus } from '../entries/entry-state-machine';
import { VotingSession, VotingSessionEntry } from './entities/voting-session.entity';
import type { SlotBackfill } from './day-limit';

/**
 * A vote ready for the batch statement; the batcher guarantees one per voter per statement.
 * The slots are hints (the next free slot as this instance last saw it, 0 when unknown): the
 * unique keys decide, and a vote whose hinted slot was taken learns the next free one.
 */
export interface BatchVote {
  id: string;
  sessionId: string;
  entryId: string;
  voterKey: string;
  channel: string;
  entrySlot?: number;
  sessionSlot?: number;
  daySlot?: number;
  /** The calendar day `daySlot` was seen for. */
  day?: string;
  /** Fraud signals, comma-separated: a flagged vote is stored but held out of the tally. */
  flags?: string;
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
  /** Counted: the slots taken; retry: the next free ones. Null when no limit of that kind. */
  entrySlot: number | null;
  sessionSlot: number | null;
  daySlot: number | null;
  day: string | null;
  /** Hash of the chained batch that holds the vote (counted now, or before: a duplicate). */
  batchHash: string | null;
  /** Counted now but quarantined by a fraud signal. */
  held: boolean;
}

export interface SessionWithEntries {
  session: VotingSession;
  entryIds: string[];
  /** The contest's time zone. */
  timeZone: string;
}

/** Thrown inside the counting transaction to roll it back; carries the seconds to wait. */
class DeviceTokensRefused extends Error {
  constructor(readonly wait: number) {
    super('device tokens refused');
  }
}

/** Per slot kind: its column and the columns of the voter's scope it counts in. */
const BACKFILL_KINDS: Record<keyof SlotBackfill, { slot: string; scope: string[] }> = {
  entry: { slot: 'entry_slot', scope: ['voter_key', 'entry_id'] },
  session: { slot: 'session_slot', scope: ['voter_key'] },
  day: { slot: 'day_slot', scope: ['voter_key', 'vote_day'] },
};

/** Entry statuses that may receive public votes (submitted or later, still in the running). */
export const VOTABLE_ENTRY_STATUSES: readonly EntryStatus[] = [
  EntryStatus.Submitted,
  EntryStatus.Eligible,
  EntryStatus.Advanced,
  EntryStatus.Awarded,
];

/**
 * One statement writes a whole batch, set-based: the batch's sessions are read once (window,
 * mode, policy, the contest's time zone for the day), the votable entries are joined once, and
 * each vote is inserted into the slots it brings as hints; `ON CONFLICT DO NOTHING` lets the
 * unique keys refuse duplicates and slots already taken (here or by another instance), and the
 * tally shard of this intake lane grows by the batch's counts. Only the votes that were not
 * inserted are looked at again: whether their id is already stored (a retry of a counted vote,
 * or the same id with another body), and otherwise the next free slots (the lowest free ones,
 * vote_next_slot: a hole a wrong hint left is filled), so that a vote over a limit is refused
 * at once and one that lost a race is retried in the next batch with fresh slots. Rows come back only for those votes (and for votes of unknown sessions), plus one per
 * session of the batch (`ord` null: its state, policy, day and the new chain hash); a counted
 * vote is answered from its session's row and what was sent (castBatchWith).
 *
 * A session whose day limit cannot bind (`day_keys` false) is read as having none: its votes
 * take no day slot, one unique key fewer per vote. The batch holds its sessions' rows in KEY
 * SHARE until it commits, so a change of policy or entries (which locks the row FOR UPDATE)
 * waits for the batches in flight, and the batches after it read the changed row. A change that
 * limits a kind of slot the votes already cast lack leaves that kind pending (`slots_pending`)
 * for the background backfill (backfillChunk); meanwhile a vote of such a kind takes the slot
 * vote_next_slot gives, past the free ones the backfill will give the voter's earlier votes,
 * instead of its hint (such a session's batches pay one function call per vote and kind).
 * Nothing waits for the backfill.
 *
 * The flags go as an empty array when no vote of the batch carries a fraud signal (nearly every
 * batch), and the statement is planned for each batch with its parameters as constants: then
 * `cardinality($11)` is 0 when planning, the tally counts what was inserted as it is, and the
 * flags' insert and join are planned away.
 */
export const CAST_BATCH = `
WITH c AS (
  SELECT id, session_id, entry_id, voter_key, channel, (n - 1)::int AS ord, entry_hint,
    session_hint, day_hint, hint_day, COALESCE(flags, '') AS flags
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[],
    $8::int[], $9::date[], $11::text[]) WITH ORDINALITY
    AS c(id, session_id, entry_id, voter_key, channel, entry_hint, session_hint, day_hint,
      hint_day, flags, n)
), s AS MATERIALIZED (
  SELECT s.id, s.state::text AS state, s.mode, s.on_stage_entry_id,
    ((s.state = 'open' OR (s.state = 'scheduled' AND s.opens_at IS NOT NULL))
      AND (s.opens_at IS NULL OR s.opens_at <= now())
      AND (s.closes_at IS NULL OR now() < s.closes_at)) AS is_open,
    (s.policy->>'perEntry')::int AS per_entry,
    (s.policy->>'perSession')::int AS per_session,
    CASE WHEN s.day_keys THEN (s.policy->>'perDay')::int END AS per_day,
    s.slots_pending AS pending,
    (now() AT TIME ZONE k.time_zone)::date AS vote_day,
    gen_random_uuid() AS batch_id
  FROM voting_sessions s JOIN contests k ON k.id = s.contest_id
  WHERE s.id = ANY($12::uuid[])
  FOR KEY SHARE OF s
), e AS MATERIALIZED (
  SELECT se.session_id, se.entry_id FROM voting_session_entries se
  WHERE se.session_id IN (SELECT id FROM s)
), x AS MATERIALIZED (
  SELECT c.id, c.session_id, c.entry_id, c.voter_key, c.channel, c.ord, c.flags, s.batch_id,
    s.id IS NOT NULL AS found,
    COALESCE(s.state, 'missing') AS state,
    COALESCE(s.is_open, false) AS is_open,
    COALESCE(e.entry_id IS NOT NULL AND (s.mode = 'all' OR s.on_stage_entry_id = c.entry_id),
      false) AS votable,
    s.per_entry, s.per_session, s.per_day, s.vote_day, s.pending,
    CASE WHEN s.per_entry IS NOT NULL THEN
      CASE WHEN s.pending & 1 = 0 THEN COALESCE(c.entry_hint, 0) ELSE vote_next_slot('e',
        c.session_id, c.voter_key, c.entry_id, s.vote_day, s.per_entry, true) END
    END AS entry_slot,
    CASE WHEN s.per_session IS NOT NULL THEN
      CASE WHEN s.pending & 2 = 0 THEN COALESCE(c.session_hint, 0) ELSE vote_next_slot('s',
        c.session_id, c.voter_key, c.entry_id, s.vote_day, s.per_session, true) END
    END AS session_slot,
    CASE WHEN s.per_day IS NOT NULL THEN
      CASE WHEN s.pending & 4 <> 0 THEN vote_next_slot('d', c.session_id, c.voter_key,
          c.entry_id, s.vote_day, s.per_day, true)
        WHEN c.hint_day = s.vote_day THEN COALESCE(c.day_hint, 0) ELSE 0 END
    END AS day_slot
  FROM c
  LEFT JOIN s ON s.id = c.session_id
  LEFT JOIN e ON e.session_id = c.session_id AND e.entry_id = c.entry_id
), ins AS (
  INSERT INTO votes (id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day,
    day_slot, channel, batch_id)
  SELECT id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day, day_slot, channel,
    batch_id
  FROM x
  WHERE x.is_open AND x.votable
    AND (entry_slot IS NULL OR entry_slot < per_entry)
    AND (session_slot IS NULL OR session_slot < per_session)
    AND (day_slot IS NULL OR day_slot < per_day)
  ORDER BY session_id, voter_key
  ON CONFLICT DO NOTHING
  RETURNING id, session_id, entry_id, voter_key, batch_id
), t AS (
  INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
  SELECT ins.session_id, ins.entry_id, $10::int, count(*) FROM ins
  WHERE cardinality($11::text[]) = 0
    OR NOT EXISTS (SELECT 1 FROM x WHERE x.flags <> '' AND x.id = ins.id)
  GROUP BY ins.session_id, ins.entry_id ORDER BY ins.session_id, ins.entry_id
  ON CONFLICT (session_id, entry_id, shard)
  DO UPDATE SET votes = voting_tallies.votes + excluded.votes
), fl AS (
  INSERT INTO vote_flags (vote_id, session_id, entry_id, reasons)
  SELECT ins.id, ins.session_id, ins.entry_id, string_to_array(x.flags, ',')
  FROM ins JOIN x ON x.id = ins.id WHERE cardinality($11::text[]) > 0 AND x.flags <> ''
), d AS (
  SELECT ins.session_id, ins.batch_id, count(*)::int AS n,
    convert_to(string_agg(ins.id::text || '|' || ins.entry_id::text || '|' || ins.voter_key,
      E'\n' ORDER BY ins.id), 'UTF8') AS body
  FROM ins GROUP BY ins.session_id, ins.batch_id
), h AS (
  INSERT INTO vote_chain_heads AS hd (session_id, seq, prev_hash, hash, updated_at)
  SELECT d.session_id, 1, g.genesis, encode(sha256(decode(g.genesis, 'hex') || d.body), 'hex'),
    now()
  FROM d CROSS JOIN LATERAL (SELECT encode(sha256(convert_to('hoi-thi:chain:' ||
    d.session_id::text, 'UTF8')), 'hex') AS genesis) g
  ORDER BY d.session_id
  ON CONFLICT (session_id) DO UPDATE SET seq = hd.seq + 1, prev_hash = hd.hash,
    hash = encode(sha256(decode(hd.hash, 'hex') ||
      (SELECT d2.body FROM d d2 WHERE d2.session_id = hd.session_id)), 'hex'),
    updated_at = now()
  RETURNING session_id, seq, prev_hash, hash
), vb AS (
  INSERT INTO vote_batches (id, session_id, seq, prev_hash, hash, vote_count)
  SELECT d.batch_id, h.session_id, h.seq, h.prev_hash, h.hash, d.n
  FROM h JOIN d ON d.session_id = h.session_id
), lost AS MATERIALIZED (
  SELECT x.*, v.session_id IS NOT NULL AS seen, v.batch_id AS prior_batch,
    COALESCE(v.session_id = x.session_id AND v.entry_id = x.entry_id
      AND v.voter_key = x.voter_key, false) AS same
  FROM x LEFT JOIN votes v ON v.id = x.id
  WHERE x.found AND NOT EXISTS (SELECT 1 FROM ins WHERE ins.id = x.id)
), fresh AS (
  SELECT l.id,
    CASE WHEN l.per_entry IS NOT NULL THEN vote_next_slot('e', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_entry, l.pending & 1 <> 0) END AS next_entry,
    CASE WHEN l.per_session IS NOT NULL THEN vote_next_slot('s', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_session, l.pending & 2 <> 0) END AS next_session,
    CASE WHEN l.per_day IS NOT NULL THEN vote_next_slot('d', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_day, l.pending & 4 <> 0) END AS next_day
  FROM lost l WHERE NOT l.seen AND l.is_open AND l.votable
)
SELECT l.ord, NULL::uuid AS session_id,
  CASE
    WHEN l.seen AND l.same THEN 'duplicate'
    WHEN l.seen THEN 'mismatch'
    WHEN NOT l.is_open THEN 'closed'
    WHEN NOT l.votable THEN 'not_votable'
    WHEN f.next_entry >= l.per_entry THEN 'limit_entry'
    WHEN f.next_session >= l.per_session THEN 'limit_session'
    WHEN f.next_day >= l.per_day THEN 'limit_day'
    ELSE 'retry'
  END AS outcome,
  l.state, l.per_entry, l.per_session, l.per_day, l.vote_day::text AS day,
  COALESCE(f.next_entry, l.entry_slot) AS entry_slot,
  COALESCE(f.next_session, l.session_slot) AS session_slot,
  COALESCE(f.next_day, l.day_slot) AS day_slot,
  (SELECT pb.hash FROM vote_batches pb WHERE pb.id = l.prior_batch) AS batch_hash,
  false AS held, NULL::smallint AS pending
FROM lost l LEFT JOIN fresh f ON f.id = l.id
UNION ALL
SELECT x.ord, NULL, 'no_session', x.state, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  x.flags <> '', NULL
FROM x WHERE NOT x.found
UNION ALL
SELECT NULL, s.id, NULL, s.state, s.per_entry, s.per_session, s.per_day, s.vote_day::text, NULL,
  NULL, NULL, h.hash, NULL, s.pending
FROM s LEFT JOIN h ON h.session_id = s.id`;

@Injectable()
export class VotingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(VotingSession) private readonly sessions: Repository<VotingSession>,
    @InjectRepository(VotingSessionEntry) private readonly entries: Repository<VotingSessionEntry>,
  ) {}

  /** CAST_BATCH, prepared on each connection of the pool under TypeORM (the same connections). */
  private readonly castStatement = new PreparedStatement<CastRow>(
    () => (this.dataSource.driver as PostgresDriver).master as Pool,
    'vote_cast_batch',
    CAST_BATCH,
  );

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
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

  /** Sets the session's entries; answers how many of them it did not offer until now. */
  async replaceEntries(
    manager: EntityManager,
    sessionId: string,
    entryIds: string[],
  ): Promise<number> {
    const removed = await manager
      .createQueryBuilder()
      .delete()
      .from(VotingSessionEntry)
      .where('session_id = :sessionId', { sessionId })
      .returning('entry_id')
      .execute();
    const had = new Set((removed.raw as Array<{ entry_id: string }>).map((r) => r.entry_id));
    if (entryIds.length) {
      await manager.insert(
        VotingSessionEntry,
        entryIds.map((entryId, position) => ({ sessionId, entryId, position })),
      );
    }
    return [...new Set(entryIds)].filter((e) => !had.has(e)).length;
  }

  /**
   * The upper end of the next chunk of a session's backfill: the voter key of the `size`-th
   * vote after `after` in key order (null: the rest of the session fits in one chunk). A chunk
   * holds whole voters.
   */
  async backfillChunkEnd(sessionId: string, after: string, size: number): Promise<string | null> {
    const rows: Array<{ voter_key: string }> = await this.dataSource.query(
      `SELECT voter_key FROM votes WHERE session_id = $1 AND voter_key > $2
       ORDER BY voter_key OFFSET $3 LIMIT 1`,
      [sessionId, after, size],
    );
    return rows[0]?.voter_key ?? null;
  }

  /**
   * Gives the votes of one chunk of voters (keys after `after`, up to `upTo` included; null: to
   * the end) that hold no slot of `kind` their slots: the lowest free ones of the voter's scope
   * (the entry, the session, the day), in the order the votes were cast. The batch statement
   * keeps exactly those slots free meanwhile (vote_next_slot), so votes cast during the
   * backfill neither meet these nor go past a limit. One statement, on its own: the votes are
   * not locked beyond it and the intake goes on.
   */
  async backfillChunk(
    sessionId: string,
    kind: keyof SlotBackfill,
    after: string,
    upTo: string | null,
  ): Promise<number> {
    const { slot, scope } = BACKFILL_KINDS[kind];
    const same = scope.map((c) => `w.${c} = g.${c}`).join(' AND ');
    const cols = scope.join(', ');
    const res: [unknown[], number] = await this.dataSource.query(
      `WITH n AS MATERIALIZED (
         SELECT id, ${cols}, row_number() OVER (PARTITION BY ${cols} ORDER BY created_at, id) AS rn
         FROM votes
         WHERE session_id = $1 AND voter_key > $2 AND ($3::text IS NULL OR voter_key <= $3)
           AND ${slot} IS NULL
       ), g AS (
         SELECT ${cols}, count(*)::int AS k FROM n GROUP BY ${cols}
       ), f AS (
         SELECT g.${scope.join(', g.')}, fs.slot,
           row_number() OVER (PARTITION BY g.${scope.join(', g.')} ORDER BY fs.slot) AS rn
         FROM g CROSS JOIN LATERAL (
           SELECT s AS slot FROM generate_series(0, g.k - 1 + (
             SELECT count(*)::int FROM votes w
             WHERE w.session_id = $1 AND ${same} AND w.${slot} IS NOT NULL)) s
           WHERE NOT EXISTS (SELECT 1 FROM votes w
             WHERE w.session_id = $1 AND ${same} AND w.${slot} = s)
         ) fs
       )
       UPDATE votes v SET ${slot} = f.slot
       FROM n JOIN f USING (${cols}, rn)
       WHERE v.id = n.id AND v.${slot} IS NULL`,
      [sessionId, after, upTo],
    );
    return res[1] ?? 0;
  }

  /**
   * Counts one device token for each key (an address, a fingerprint) in its current window of
   * `windowSeconds`, unless that takes a key over its limit: then nothing is counted, and the
   * answer is the seconds until the fullest such key's window ends. Null: counted, go ahead.
   * Rows locked for the transaction: concurrent requests for one key are counted one by one,
   * by every instance alike.
   */
  countDeviceToken(
    keys: string[],
    limits: number[],
    windowSeconds: number,
  ): Promise<number | null> {
    return this.dataSource
      .transaction(async (m) => {
        const rows: Array<{ key: string; minted: number; wait: number }> = await m.query(
          `INSERT INTO device_token_mints AS t (key, minted, window_started_at)
         SELECT k, 1, now() FROM unnest($1::text[]) k ORDER BY k
         ON CONFLICT (key) DO UPDATE SET
           minted = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2::float8)
             THEN 1 ELSE t.minted + 1 END,
           window_started_at = CASE
             WHEN t.window_started_at <= now() - make_interval(secs => $2::float8)
             THEN now() ELSE t.window_started_at END
         RETURNING key, minted, extract(epoch FROM t.window_started_at
           + make_interval(secs => $2::float8) - now())::float8 AS wait`,
          [keys, windowSeconds],
        );
        let wait: number | null = null;
        for (const r of rows) {
          if (r.minted > limits[keys.indexOf(r.key)]) wait = Math.max(wait ?? 0, r.wait);
        }
        // Rolled back: a refused request counts for nothing.
        if (wait !== null) throw new DeviceTokensRefused(wait);
        return null;
      })
      .catch((err: unknown) => {
        if (err instanceof DeviceTokensRefused) return err.wait;
        throw err;
      });
  }

  /** Forgets device-token counts whose window is over. */
  async purgeDeviceTokenCounts(windowSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM device_token_mints
       WHERE window_started_at < now() - make_interval(secs => $1::float8)`,
      [windowSeconds],
    );
  }

  /** Sessions with slot kinds still to be backfilled. */
  async pendingBackfills(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM voting_sessions WHERE slots_pending <> 0',
    );
    return rows.map((r) => r.id);
  }

  /** The kinds a session has still to backfill, and the sequence they were set at. */
  async backfillState(sessionId: string): Promise<{ pending: number; seq: number } | null> {
    const rows: Array<{ slots_pending: number; slots_pending_seq: number }> =
      await this.dataSource.query(
        'SELECT slots_pending, slots_pending_seq FROM voting_sessions WHERE id = $1',
        [sessionId],
      );
    return rows[0] ? { pending: rows[0].slots_pending, seq: rows[0].slots_pending_seq } : null;
  }

  /**
   * Marks the backfill done unless a change set new kinds since `seq` was read (then false: it
   * starts over). Neither the revision nor the session lock: batches in flight do not wait.
   */
  async finishBackfill(sessionId: string, seq: number): Promise<boolean> {
    const res: [unknown[], number] = await this.dataSource.query(
      'UPDATE voting_sessions SET slots_pending = 0 WHERE id = $1 AND slots_pending_seq = $2',
      [sessionId, seq],
    );
    return (res[1] ?? 0) > 0;
  }

  async findSession(id: string, manager?: EntityManager): Promise<SessionWithEntries | null> {
    const m = manager ?? this.dataSource.manager;
    const session = await m
      .getRepository(VotingSession)
      .findOne({ where: { id }, relations: { contest: true } });
    if (!session) return null;
    const rows = await m
      .getRepository(VotingSessionEntry)
      .find({ where: { sessionId: id }, order: { position: 'ASC' } });
    const timeZone = session.contest?.timeZone ?? 'Asia/Ho_Chi_Minh';
    delete session.contest;
    return { session, entryIds: rows.map((r) => r.entryId), timeZone };
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
  castBatch(votes: BatchVote[], shard: number): Promise<BatchOutcome[]> {
    return castBatchWith((_sql, params) => this.castStatement.rows(params), votes, shard);
  }

  /**
   * Which of `entryIds` may be voted for in a session of the round (all such entries when
   * `entryIds` is absent): entries of the contest, active in the round, submitted or later and
   * not withdrawn, disqualified or eliminated. In the order given (or by title). Inside a
   * transaction, pass its `manager`: a read on another connection would not see the
   * transaction's own changes, and on the embedded database (one session for every
   * connection) it would wait for the transaction to end, which waits for it.
   */
  async votableEntries(
    contestId: string,
    roundId: string,
    entryIds?: string[],
    manager?: EntityManager,
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT e.id FROM entries e
       JOIN entry_rounds er ON er.entry_id = e.id AND er.round_id = $2 AND er.status = 'active'
       WHERE e.contest_id = $1 AND e.status = ANY($4::entry_status[])
         AND ($3::uuid[] IS NULL OR e.id = ANY($3::uuid[]))
       ORDER BY e.title, e.id`,
      [contestId, roundId, entryIds ?? null, VOTABLE_ENTRY_STATUSES],
    );
    if (!entryIds) return rows.map((r) => r.id);
    const found = new Set(rows.map((r) => r.id));
    return entryIds.filter((id) => found.has(id));
  }

  /**
   * Counted votes per entry, from the tally shards (cheap: a few rows per entry). With `seqs`,
   * also each session's tally sequence: the sum of the shards' absolute values, which grows with
   * every vote counted or released and every vote taken back into quarantine (the retraction
   * shard is the only one that goes below zero).
   */
  async tallies(
    sessionIds: string[],
    seqs?: Map<string, number>,
  ): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (!sessionIds.length) return result;
    const rows: Array<{ session_id: string; entry_id: string; votes: string; changes: string }> =
      await this.dataSource.query(
        `SELECT session_id, entry_id, sum(votes)::bigint AS votes,
           sum(abs(votes))::bigint AS changes FROM voting_tallies
         WHERE session_id = ANY($1::uuid[]) GROUP BY session_id, entry_id`,
        [sessionIds],
      );
    for (const id of sessionIds) {
      result.set(id, new Map());
      seqs?.set(id, 0);
    }
    for (const r of rows) {
      result.get(r.session_id)!.set(r.entry_id, Number(r.votes));
      seqs?.set(r.session_id, seqs.get(r.session_id)! + Number(r.changes));
    }
    return result;
  }

  /** Counted votes per entry, counted from the stored votes themselves. */
  async recount(sessionId: string): Promise<Map<string, number>> {
    // Quarantined and voided votes are stored but not counted (vote integrity).
    const rows: Array<{ entry_id: string; votes: string }> = await this.dataSource.query(
      `SELECT v.entry_id, count(*) AS votes FROM votes v WHERE v.session_id = $1
         AND NOT EXISTS (SELECT 1 FROM vote_flags f WHERE f.vote_id = v.id AND f.status <> 'released')
       GROUP BY v.entry_id`,
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

/** A row of CAST_BATCH: a vote that was not counted (`ord` set), or a session of the batch. */
export interface CastRow {
  ord: number | null;
  session_id: string | null;
  outcome: BatchOutcomeKind | null;
  state: string;
  per_entry: number | null;
  per_session: number | null;
  per_day: number | null;
  day: string | null;
  entry_slot: number | null;
  session_slot: number | null;
  day_slot: number | null;
  batch_hash: string | null;
  held: boolean | null;
  /** A session's row: its slot kinds still to be backfilled (see VotingSession.slotsPending). */
  pending?: number | null;
}

/**
 * CAST_BATCH's parameters for `votes`, one array per column: ids, keys and channels in binary
 * form (copied by the server, not parsed), flags as an array literal (see database/pg-array).
 * The batch's distinct sessions go as a twelfth array: the statement locks and reads those rows
 * from it instead of from the votes (the votes' rows are then read once, not kept in a CTE of
 * their own for a second pass). Columns that are all empty go as empty arrays (unnest pads them
 * with nulls): most votes carry no hint and no fraud signal, and each element costs encoding
 * here and parsing there.
 */
export function castBatchParams(votes: BatchVote[], shard: number): unknown[] {
  const n = votes.length;
  const ids = new Array<string>(n);
  const sessions = new Array<string>(n);
  const entries = new Array<string>(n);
  const voters = new Array<string>(n);
  const channels = new Array<string>(n);
  const entryHints = new Array<number | null>(n);
  const sessionHints = new Array<number | null>(n);
  const dayHints = new Array<number | null>(n);
  const days = new Array<string | null>(n);
  const flags = new Array<string>(n);
  let hinted = false;
  let flagged = false;
  for (let i = 0; i < n; i++) {
    const v = votes[i];
    ids[i] = v.id;
    sessions[i] = v.sessionId;
    entries[i] = v.entryId;
    voters[i] = v.voterKey;
    channels[i] = v.channel;
    entryHints[i] = v.entrySlot ?? null;
    sessionHints[i] = v.sessionSlot ?? null;
    dayHints[i] = v.daySlot ?? null;
    days[i] = v.day ?? null;
    flags[i] = v.flags ?? '';
    hinted ||= v.entrySlot != null || v.sessionSlot != null || v.daySlot != null;
    flagged ||= !!v.flags;
  }
  return [
    uuidArrayBinary(ids),
    uuidArrayBinary(sessions),
    uuidArrayBinary(entries),
    textArrayBinary(voters),
    textArrayBinary(channels),
    hinted ? entryHints : [],
    hinted ? sessionHints : [],
    hinted ? dayHints : [],
    hinted ? days : [],
    shard,
    flagged ? arrayLiteral(flags) : [],
    uuidArrayBinary([...new Set(sessions)]),
  ];
}

/** The answer a row of the batch statement gives for its vote. */
export function outcomeOfRow(r: Omit<CastRow, 'ord' | 'session_id'>): BatchOutcome {
  return {
    kind: r.outcome!,
    state: r.state,
    perEntry: r.per_entry,
    perSession: r.per_session,
    perDay: r.per_day,
    entrySlot: r.entry_slot,
    sessionSlot: r.session_slot,
    daySlot: r.day_slot,
    day: r.day,
    batchHash: r.batch_hash,
    held: r.held!,
  };
}

/**
 * Runs CAST_BATCH through `query` and answers in the order of `votes`. The statement returns a
 * row only for each vote that was not counted, and one per session of the batch; a counted vote
 * (most of them) is answered from its session's row and what was sent: the slots it took are
 * its hints (0 without one, and the day slot only when the hint was for the session's day), and
 * it is held when it carried a fraud signal. Fewer rows to build, send and parse.
 */
export async function castBatchWith(
  query: (sql: string, params: unknown[]) => Promise<CastRow[]>,
  votes: BatchVote[],
  shard: number,
): Promise<BatchOutcome[]> {
  const n = votes.length;
  const rows = await query(CAST_BATCH, castBatchParams(votes, shard));
  const out = new Array<BatchOutcome>(n);
  const bySession = new Map<string, CastRow>();
  for (const r of rows) {
    if (r.ord === null) {
      bySession.set(r.session_id!, r);
      continue;
    }
    out[r.ord] = outcomeOfRow(r);
  }
  for (let i = 0; i < n; i++) {
    if (out[i]) continue;
    const v = votes[i];
    // Session ids come back in PostgreSQL's spelling of a uuid (lower case).
    const s = bySession.get(v.sessionId) ?? bySession.get(v.sessionId.toLowerCase());
    if (!s) throw new Error(`CAST_BATCH gave no answer for vote ${i}`);
    // A kind being backfilled took the slot vote_next_slot chose, not the hint: unknown here.
    const pending = s.pending ?? 0;
    out[i] = {
      kind: 'counted',
      state: s.state,
      perEntry: s.per_entry,
      perSession: s.per_session,
      perDay: s.per_day,
      entrySlot: s.per_entry === null || pending & 1 ? null : (v.entrySlot ?? 0),
      sessionSlot: s.per_session === null || pending & 2 ? null : (v.sessionSlot ?? 0),
      daySlot: s.per_day === null || pending & 4 ? null : v.day === s.day ? (v.daySlot ?? 0) : 0,
      day: s.day,
      batchHash: s.batch_hash,
      held: !!v.flags,
    };
  }
  return out;
}
