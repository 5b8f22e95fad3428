import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { seedVotingContest } from '../bench/voting-seed';
import {
  BatchOutcome,
  BatchOutcomeKind,
  BatchVote,
  castBatchWith,
} from '../src/voting/voting.repository';
import { legacyCastBatch } from './cast-batch-legacy';
import { createTestDatabase, TestDatabase } from './support/test-db';

jest.setTimeout(60_000);

/**
 * The batch statement returns rows only for the votes it did not count (and one per session);
 * the counted ones are answered from what was sent. Each batch here is run twice in one
 * transaction, first by the statement that answered every vote with a row of its own (rolled
 * back to a savepoint), then by the current one (committed): the answers must be the same, field
 * by field, down to the batch hash.
 */
describe('Batch intake answers', () => {
  let db: TestDatabase;
  /** A connection of its own (the test pool may have one only, as the embedded one has). */
  let client: Client;
  let entries: string[];
  let today: string;
  const s = {
    limits: randomUUID(), // perEntry 1, perSession 3, perDay 2; entries 0-2 (not 3)
    closed: randomUUID(),
    onStage: randomUUID(), // perEntry 2 only, entry 0 on stage
    sessionOnly: randomUUID(), // perSession 1 only
    unlimited: randomUUID(), // no limit at all
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeded = await seedVotingContest(db.pool, { entries: 4 });
    entries = seeded.entryIds;
    const add = async (
      id: string,
      state: string,
      policy: Record<string, unknown>,
      mode = 'all',
      onStage: string | null = null,
    ) => {
      await db.pool.query(
        `INSERT INTO voting_sessions (id, contest_id, round_id, title, state, policy, mode,
           on_stage_entry_id) VALUES ($1, $2, $3, 'Phiên', $4, $5, $6, $7)`,
        [id, seeded.contestId, seeded.roundId, state, policy, mode, onStage],
      );
      for (const [i, e] of entries.slice(0, 3).entries())
        await db.pool.query('INSERT INTO voting_session_entries VALUES ($1, $2, $3)', [id, e, i]);
    };
    const identities = ['device'];
    await add(s.limits, 'open', { perEntry: 1, perSession: 3, perDay: 2, identities });
    await add(s.closed, 'closed', { perEntry: 1, identities });
    await add(s.onStage, 'open', { perEntry: 2, identities }, 'on_stage', entries[0]);
    await add(s.sessionOnly, 'open', { perSession: 1, identities });
    await add(s.unlimited, 'open', { identities });
    const r = await db.pool.query<{ d: string }>(
      "SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS d",
    );
    today = r.rows[0].d;
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** The embedded database: one session, where a transaction keeps every other client waiting. */
  const oneSession = async () =>
    /PGlite/i.test((await db.pool.query<{ v: string }>('SELECT version() AS v')).rows[0].v);

  const vote = (
    sessionId: string,
    voter: string,
    entry: number,
    extra: Partial<BatchVote> = {},
  ): BatchVote => ({
    id: randomUUID(),
    sessionId,
    entryId: entries[entry],
    voterKey: `d:${voter}`,
    channel: 'socket',
    ...extra,
  });

  /** Both statements on the same state; the current one's answers are kept. */
  async function cast(votes: BatchVote[]): Promise<BatchOutcome[]> {
    await client.query('BEGIN');
    try {
      await client.query('SAVEPOINT reference');
      const reference = await legacyCastBatch(client, votes, 7);
      await client.query('ROLLBACK TO SAVEPOINT reference');
      const out = await castBatchWith(
        async (sql, params) => (await client.query(sql, params)).rows,
        votes,
        7,
      );
      await client.query('COMMIT');
      expect(out).toEqual(reference);
      expect(out).toHaveLength(votes.length);
      return out;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }

  const kinds = (out: BatchOutcome[]): BatchOutcomeKind[] => out.map((o) => o.kind);

  it('answers counted, held, refused and unknown votes as the full answer did', async () => {
    const first = [
      vote(s.limits, 'a', 0),
      vote(s.limits, 'b', 1, { flags: 'farm' }),
      vote(s.limits, 'c', 3),
      vote(s.closed, 'a', 0),
      vote(randomUUID(), 'd', 0, { flags: 'ip' }),
      vote(s.onStage, 'a', 1),
      vote(s.onStage, 'b', 0),
      vote(s.sessionOnly, 'a', 0),
      vote(s.unlimited, 'a', 0),
    ];
    const out1 = await cast(first);
    expect(kinds(out1)).toEqual([
      'counted',
      'counted',
      'not_votable',
      'closed',
      'no_session',
      'not_votable',
      'counted',
      'counted',
      'counted',
    ]);
    expect(out1.map((o) => o.held)).toEqual([
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    // The flagged vote is stored and held: in vote_flags with its reason, not in the tally.
    const tallied = await db.pool.query<{ entry_id: string; n: string }>(
      'SELECT entry_id, sum(votes) AS n FROM voting_tallies WHERE session_id = $1 GROUP BY 1',
      [s.limits],
    );
    expect(tallied.rows).toEqual([{ entry_id: entries[0], n: '1' }]);
    const held = await db.pool.query<{ vote_id: string; reasons: string[] }>(
      'SELECT vote_id, reasons FROM vote_flags WHERE session_id = $1',
      [s.limits],
    );
    expect(held.rows).toEqual([{ vote_id: first[1].id, reasons: ['farm'] }]);
    const head = await db.pool.query<{ hash: string }>(
      'SELECT hash FROM vote_chain_heads WHERE session_id = $1',
      [s.limits],
    );
    expect(out1[0]).toEqual({
      kind: 'counted',
      state: 'open',
      perEntry: 1,
      perSession: 3,
      perDay: 2,
      entrySlot: 0,
      sessionSlot: 0,
      daySlot: 0,
      day: today,
      batchHash: head.rows[0].hash,
      held: false,
    });
    expect(out1[8]).toMatchObject({ entrySlot: null, sessionSlot: null, daySlot: null });

    // retries, slots already taken, limits reached (also by the partial session key)
    const second = [
      { ...first[0] },
      vote(s.limits, 'a', 1, { entrySlot: 0, sessionSlot: 1, daySlot: 1, day: today }),
      vote(s.limits, 'b', 2),
      vote(s.sessionOnly, 'a', 1),
      vote(s.unlimited, 'a', 0),
      vote(s.onStage, 'b', 0),
      vote(s.limits, 'e', 0, { entrySlot: 0, sessionSlot: 2, daySlot: 1, day: today }),
      vote(s.limits, 'f', 1, { daySlot: 1, day: '2001-01-01' }),
    ];
    const out2 = await cast(second);
    expect(kinds(out2)).toEqual([
      'duplicate',
      'counted',
      'retry',
      'limit_session',
      'counted',
      'retry',
      'counted',
      'counted',
    ]);
    expect(out2[0].batchHash).toBe(out1[0].batchHash);
    expect(out2[1]).toMatchObject({ entrySlot: 0, sessionSlot: 1, daySlot: 1 });
    expect(out2[2]).toMatchObject({ entrySlot: 0, sessionSlot: 1, daySlot: 1 });
    expect(out2[5]).toMatchObject({ entrySlot: 1 });
    expect(out2[6]).toMatchObject({ entrySlot: 0, sessionSlot: 2, daySlot: 1 });
    expect(out2[7]).toMatchObject({ entrySlot: 0, sessionSlot: 0, daySlot: 0 });

    const third = [
      { ...first[0], entryId: entries[2] },
      vote(s.limits, 'e', 0),
      vote(s.limits, 'b', 2, { sessionSlot: 1, daySlot: 1, day: today }),
      vote(s.onStage, 'b', 0, { entrySlot: 1 }),
      vote(s.onStage, 'c', 0, { entrySlot: 5 }),
    ];
    const out3 = await cast(third);
    expect(kinds(out3)).toEqual(['mismatch', 'limit_entry', 'counted', 'counted', 'retry']);
    expect(out3[4]).toMatchObject({ entrySlot: 0 });

    const fourth = [vote(s.limits, 'b', 0, { sessionSlot: 2, daySlot: 2, day: today })];
    expect(kinds(await cast(fourth))).toEqual(['limit_day']);

    // what was counted is stored once, and the tallies agree
    const stored = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM votes WHERE session_id = ANY($1::uuid[])',
      [Object.values(s)],
    );
    const counted = [out1, out2, out3].flat().filter((o) => o.kind === 'counted').length;
    expect(stored.rows[0].n).toBe(counted);
  });

  it('keeps the session and day keys to the votes of sessions with such a limit', async () => {
    const defs = await db.pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'votes'`,
    );
    const def = (name: string) => defs.rows.find((r) => r.indexname === name)?.indexdef ?? '';
    expect(def('uq_votes_session_slot')).toContain('WHERE (session_slot IS NOT NULL)');
    expect(def('uq_votes_day_slot')).toContain('WHERE (day_slot IS NOT NULL)');
    expect(def('uq_votes_entry_slot')).not.toContain('WHERE');
  });

  it('a batch waits for a change of its session in progress, then reads the changed session', async () => {
    const seeded = await seedVotingContest(db.pool, { entries: 2 });
    const id = randomUUID();
    await db.pool.query(
      `INSERT INTO voting_sessions (id, contest_id, round_id, title, state, policy, day_keys)
       VALUES ($1, $2, $3, 'Phiên', 'open', $4, false)`,
      [id, seeded.contestId, seeded.roundId, { perEntry: 1, perDay: 2, identities: ['device'] }],
    );
    for (const [i, e] of seeded.entryIds.entries())
      await db.pool.query('INSERT INTO voting_session_entries VALUES ($1, $2, $3)', [id, e, i]);
    const batch = (voter: string) =>
      castBatchWith(
        async (sql, params) => (await db.pool.query(sql, params)).rows,
        [
          {
            id: randomUUID(),
            sessionId: id,
            entryId: seeded.entryIds[0],
            voterKey: voter,
            channel: 'socket',
          },
        ],
        8,
      );
    // No day slot while the day limit cannot bind.
    expect((await batch('d:first'))[0]).toMatchObject({
      kind: 'counted',
      perDay: null,
      daySlot: null,
    });

    const single = await oneSession();
    const change = new Client({ connectionString: db.url });
    await change.connect();
    try {
      await change.query('BEGIN');
      await change.query('SELECT id FROM voting_sessions WHERE id = $1 FOR UPDATE', [id]);
      await change.query('UPDATE voting_sessions SET day_keys = true WHERE id = $1', [id]);
      let committed = false;
      let answeredBeforeCommit = false;
      const pending = batch('d:second').then((out) => {
        answeredBeforeCommit = !committed;
        return out;
      });
      if (single) {
        // One session: by the end of a round trip of the change's, the batch has reached the
        // database, where it waits for the change's transaction to end before it runs at all.
        await change.query('SELECT 1');
      } else {
        // The batch waits on the session's row lock (not on a snapshot that misses the change).
        const watch = new Client({ connectionString: db.url });
        await watch.connect();
        const until = Date.now() + 20_000;
        let waiting = false;
        while (!waiting && Date.now() < until) {
          const { rows } = await watch.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND datname = current_database()`,
          );
          waiting = rows[0].n > 0;
          if (!waiting) await new Promise((r) => setTimeout(r, 20));
        }
        await watch.end();
        expect(waiting).toBe(true);
      }
      committed = true;
      await change.query('COMMIT');
      expect(answeredBeforeCommit).toBe(false);
      // Once the change is committed, the batch counts under it: the vote takes a day slot.
      expect((await pending)[0]).toMatchObject({ kind: 'counted', perDay: 2, daySlot: 0 });
    } finally {
      await change.end();
    }
    const { rows } = await db.pool.query(
      'SELECT voter_key, day_slot FROM votes WHERE session_id = $1 ORDER BY voter_key',
      [id],
    );
    expect(rows).toEqual([
      { voter_key: 'd:first', day_slot: null },
      { voter_key: 'd:second', day_slot: 0 },
    ]);
  });
});
