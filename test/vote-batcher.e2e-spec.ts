import { randomUUID } from 'node:crypto';
import { seedVotingContest } from '../bench/voting-seed';
import { VoteBatcher, VoteResult } from '../src/voting/vote-batcher';
import { BatchVote, castBatchWith, VotingRepository } from '../src/voting/voting.repository';
import { createTestDatabase, TestDatabase } from './support/test-db';

jest.setTimeout(120_000);

/**
 * The batcher against a real database: a voter's next vote carries the slots this instance
 * saw it take, so it is written by the first statement that holds it; with no hint (a hint
 * table too small, or a new instance) it costs a retry and is still answered and counted
 * exactly as the policy says.
 */
describe('Vote batcher slot hints', () => {
  let db: TestDatabase;
  let entries: string[];
  let contest: { contestId: string; roundId: string };
  /** Votes sent to the database, retries included. */
  let sent = 0;

  const repository = {
    castBatch: (votes: BatchVote[], shard: number) => {
      sent += votes.length;
      return castBatchWith(
        async (sql, params) => (await db.pool.query(sql, params)).rows,
        votes,
        shard,
      );
    },
  } as unknown as VotingRepository;

  const batcher = (hintCapacity: number) =>
    new VoteBatcher(
      repository,
      { batchMax: 500, batchWaitMs: 2, concurrency: 2, queueMax: 100_000, hintCapacity },
      () => undefined,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeded = await seedVotingContest(db.pool, { entries: 4 });
    entries = seeded.entryIds;
    contest = seeded;
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A session where a voter may vote twice per entry, 5 times in all and 4 times a day. */
  async function session(): Promise<string> {
    const id = randomUUID();
    await db.pool.query(
      `INSERT INTO voting_sessions (id, contest_id, round_id, title, state, policy)
       VALUES ($1, $2, $3, 'Phiên', 'open', $4)`,
      [
        id,
        contest.contestId,
        contest.roundId,
        { perEntry: 2, perSession: 5, perDay: 4, identities: ['device'] },
      ],
    );
    for (const [i, e] of entries.entries())
      await db.pool.query('INSERT INTO voting_session_entries VALUES ($1, $2, $3)', [id, e, i]);
    return id;
  }

  /** Each voter votes `rounds` times (entry = round % 4), all voters at once per round. */
  async function rounds(b: VoteBatcher, sessionId: string, voters: string[], n: number) {
    const kinds: string[][] = [];
    for (let r = 0; r < n; r++) {
      const results: VoteResult[] = await Promise.all(
        voters.map((v) =>
          b.submit({
            id: randomUUID(),
            sessionId,
            entryId: entries[r % 2],
            voterKey: `d:${v}`,
            channel: 'socket',
          }),
        ),
      );
      kinds.push(results.map((x) => x.kind));
    }
    return kinds;
  }

  async function stored(sessionId: string): Promise<number> {
    const r = await db.pool.query('SELECT count(*)::int AS n FROM votes WHERE session_id = $1', [
      sessionId,
    ]);
    return r.rows[0].n;
  }

  it('writes a voter’s later votes at the first attempt when it remembers their slots', async () => {
    const id = await session();
    const voters = Array.from({ length: 300 }, (_, i) => `hinted-${i}`);
    const b = batcher(65_536);
    sent = 0;
    // Entries 0, 1, 0, 1, 0: two per entry are allowed, four a day, so the fifth is refused.
    const kinds = await rounds(b, id, voters, 5);
    await b.stop();
    for (const k of kinds.slice(0, 4)) expect(new Set(k)).toEqual(new Set(['counted']));
    expect(new Set(kinds[4])).toEqual(new Set(['limit_entry']));
    expect(await stored(id)).toBe(4 * voters.length);
    // Every vote went to the database once: no retry for a taken slot.
    expect(sent).toBe(5 * voters.length);
  });

  it('counts exactly the same when its hints are lost, at the price of retries', async () => {
    const id = await session();
    const voters = Array.from({ length: 300 }, (_, i) => `forgotten-${i}`);
    // Room for a few dozen hints only, for 300 voters: most are evicted.
    const small = batcher(64);
    sent = 0;
    const first = await rounds(small, id, voters, 2);
    await small.stop();
    // A new instance knows nothing of what was written before.
    const fresh = batcher(65_536);
    const later = await rounds(fresh, id, voters, 3);
    await fresh.stop();
    for (const k of [...first, ...later.slice(0, 2)])
      expect(new Set(k)).toEqual(new Set(['counted']));
    expect(new Set(later[2])).toEqual(new Set(['limit_entry']));
    expect(await stored(id)).toBe(4 * voters.length);
    expect(sent).toBeGreaterThan(5 * voters.length + voters.length);
  });
});
