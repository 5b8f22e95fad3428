import { Client } from 'pg';
import type { SlotHints } from '../src/voting/slot-hints';
import { DeviceTokens } from '../src/voting/voter-identity';
import { VotingService } from '../src/voting/voting.service';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, openSession, storedCounts } from './voting-helpers';

jest.setTimeout(180_000);

/** Waits (bounded) until `cond` holds; the failure is the assertion that follows. */
async function until(cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !(await cond()) && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 50));
}

/** Resolves with `p`, or with `fallback` when it takes longer than `ms` (a hung request). */
function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);
}

describe('voting slots', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A device token issued a minute ago, and the voter key it votes under. */
  function voter(): { token: string; key: string } {
    const issued = t.app.get(DeviceTokens).issue(Date.now() - 60_000);
    return { token: issued.token, key: `d:${issued.deviceId}` };
  }

  it('fills a hole a wrong hint left: the voter gets every vote the limits allow', async () => {
    const f = await openSession(t, {
      entries: 2,
      policy: { perEntry: 3, perSession: 5, identities: ['device'] },
    });
    const [e0, e1] = f.entryIds;
    // This instance's next-slot hints, where a wrong one can come from (two keys sharing a way).
    const hints = (t.app.get(VotingService).batcher as unknown as { hints: SlotHints }).hints;
    const statuses = async (token: string, entries: string[]) => {
      const out: Array<number | string> = [];
      for (const entryId of entries) {
        const r = await castOverHttp(t, f.sessionId, { entryId, voterToken: token });
        out.push(r.status === 201 ? 201 : `${r.status} ${r.body.message}`);
      }
      return out;
    };

    // Per entry: the first vote takes slot 0; a wrong hint sends the second to slot 2.
    const a = voter();
    expect(await statuses(a.token, [e0])).toEqual([201]);
    hints.set('entry', f.sessionId, a.key, e0, 2);
    expect(await statuses(a.token, [e0, e0, e0])).toEqual([
      201,
      201,
      '409 You have used all your votes (per entry: at most 3).',
    ]);

    // Per session: a wrong hint sends the second vote to slot 3 of 5.
    const b = voter();
    expect(await statuses(b.token, [e0])).toEqual([201]);
    hints.set('session', f.sessionId, b.key, '', 3);
    expect(await statuses(b.token, [e0, e1, e1, e1, e0])).toEqual([
      201,
      201,
      201,
      201,
      '409 You have used all your votes (per session: at most 5).',
    ]);

    const { rows } = await t.db.query<{ voter_key: string; entry: number[]; session: number[] }>(
      `SELECT voter_key, array_agg(entry_slot ORDER BY entry_slot) FILTER (WHERE entry_id = $2)
         AS entry, array_agg(session_slot ORDER BY session_slot) AS session
       FROM votes WHERE session_id = $1 GROUP BY voter_key`,
      [f.sessionId, e0],
    );
    const of = (key: string) => rows.find((r) => r.voter_key === key)!;
    expect(of(a.key)).toMatchObject({ entry: [0, 1, 2], session: [0, 1, 2] });
    expect(of(b.key).session).toEqual([0, 1, 2, 3, 4]);
    expect(await storedCounts(t, f.sessionId)).toEqual({ [e0]: 5, [e1]: 3 });
  });

  it('takes votes while the slots of a large vote are backfilled after a change of limits, and counts exactly', async () => {
    const server = process.env.HOITHI_TEST_DB_MODE === 'server';
    const ENTRIES = 5;
    // Fewer on the embedded database, which runs one statement at a time.
    const VOTERS = server ? 2000 : 400;
    const f = await openSession(t, { entries: ENTRIES, policy: { identities: ['device'] } });
    const voters = Array.from({ length: VOTERS }, voter);
    // Ten votes per voter cast before any limit (20,000 on a server): two per entry, the older
    // first.
    await t.db.query(
      `INSERT INTO votes (id, session_id, entry_id, voter_key, vote_day, channel, created_at)
       SELECT gen_random_uuid(), $1, ($3::uuid[])[1 + j / 2], d.key,
         (SELECT (now() AT TIME ZONE time_zone)::date FROM contests WHERE id = $4), 'http',
         now() - make_interval(secs => (3600 - j - d.n * 0.001)::float8)
       FROM unnest($2::text[]) WITH ORDINALITY AS d(key, n), generate_series(0, 9) j`,
      [f.sessionId, voters.map((v) => v.key), f.entryIds, f.contestId],
    );
    await t.db.query(
      `INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
       SELECT $1, e, 0, $3 FROM unnest($2::uuid[]) e`,
      [f.sessionId, f.entryIds, VOTERS * 2],
    );
    const counted: Record<string, number> = Object.fromEntries(
      f.entryIds.map((e) => [e, VOTERS * 2]),
    );

    // The backfill reaches the last voter (in key order) last: a reader holding one of that
    // voter's votes keeps it from finishing while votes are cast. (Not on the embedded
    // database: one session serves every connection there, so a transaction held by another
    // connection would hold everything; there the votes are cast while the backfill runs.)
    const last = [...voters].sort((x, y) => (x.key < y.key ? -1 : 1))[VOTERS - 1];
    const holder = new Client({ connectionString: t.databaseUrl });
    if (server) {
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(
        'SELECT id FROM votes WHERE session_id = $1 AND voter_key = $2 LIMIT 1 FOR UPDATE',
        [f.sessionId, last.key],
      );
    }
    try {
      const policy = { perEntry: 3, perSession: 12, perDay: 11, identities: ['device'] };
      const changed = await within<number | string>(
        t
          .http()
          .patch(`/voting/sessions/${f.sessionId}`)
          .set('Authorization', f.organizer.auth)
          .send({ policy })
          .then((r) => r.status),
        15_000,
        'no answer',
      );
      expect(changed).toBe(200);

      // Old voters (the last one among them) may cast one more for an entry (3) and one more
      // today (11); new voters three per entry. All answered while the backfill waits.
      // (the last voter once: were it also among every fiftieth, its two runs would race)
      const old = [last, ...voters.filter((v, i) => i % (VOTERS / 40) === 0 && v !== last)];
      const fresh = Array.from({ length: 5 }, voter);
      const cast = async (v: { token: string }, entries: string[]) => {
        const out: string[] = [];
        for (const entryId of entries) {
          const r = await castOverHttp(t, f.sessionId, { entryId, voterToken: v.token });
          if (r.status === 201) {
            out.push('counted');
            counted[entryId]++;
          } else out.push(r.body.message as string);
        }
        return out;
      };
      const [e0, e1] = f.entryIds;
      const answers = await Promise.all([
        ...old.map((v) => cast(v, [e0, e0, e1])),
        ...fresh.map((v) => cast(v, [e1, e1, e1, e1])),
      ]);
      const entryLimit = 'You have used all your votes (per entry: at most 3).';
      const dayLimit = 'You have used all your votes (per day: at most 11).';
      for (const a of answers.slice(0, old.length))
        expect(a).toEqual(['counted', entryLimit, dayLimit]);
      for (const a of answers.slice(old.length))
        expect(a).toEqual(['counted', 'counted', 'counted', entryLimit]);
      const pending = await t.db.query<{ slots_pending: number }>(
        'SELECT slots_pending FROM voting_sessions WHERE id = $1',
        [f.sessionId],
      );
      if (server) expect(pending.rows[0].slots_pending).not.toBe(0);
    } finally {
      if (server) {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    }

    // The backfill ends; every voter's slots of each kind are 0..n-1, the counts are the ones
    // cast and acknowledged, and the live tallies agree with the stored votes.
    const done = async () =>
      (
        await t.db.query<{ slots_pending: number }>(
          'SELECT slots_pending FROM voting_sessions WHERE id = $1',
          [f.sessionId],
        )
      ).rows[0].slots_pending === 0;
    await until(done);
    expect(await done()).toBe(true);
    const dense = await t.db.query<{ kind: string; bad: number }>(
      `WITH k AS (
         SELECT 'entry' AS kind, voter_key, entry_slot AS slot,
           row_number() OVER (PARTITION BY voter_key, entry_id ORDER BY entry_slot) - 1 AS rn
         FROM votes WHERE session_id = $1
         UNION ALL
         SELECT 'session', voter_key, session_slot,
           row_number() OVER (PARTITION BY voter_key ORDER BY session_slot) - 1
         FROM votes WHERE session_id = $1
         UNION ALL
         SELECT 'day', voter_key, day_slot,
           row_number() OVER (PARTITION BY voter_key, vote_day ORDER BY day_slot) - 1
         FROM votes WHERE session_id = $1
       )
       SELECT kind, count(*) FILTER (WHERE slot IS DISTINCT FROM rn)::int AS bad
       FROM k GROUP BY kind ORDER BY kind`,
      [f.sessionId],
    );
    expect(dense.rows).toEqual([
      { kind: 'day', bad: 0 },
      { kind: 'entry', bad: 0 },
      { kind: 'session', bad: 0 },
    ]);
    const perVoter = await t.db.query<{ most: number; per_entry: number }>(
      `SELECT max(n)::int AS most, max(per_entry)::int AS per_entry FROM (
         SELECT voter_key, sum(c) AS n, max(c) AS per_entry FROM (
           SELECT voter_key, entry_id, count(*) AS c FROM votes WHERE session_id = $1
           GROUP BY voter_key, entry_id) x GROUP BY voter_key) y`,
      [f.sessionId],
    );
    expect(perVoter.rows[0]).toEqual({ most: 11, per_entry: 3 });
    expect(await storedCounts(t, f.sessionId)).toEqual(counted);
    const recount = await t
      .http()
      .get(`/voting/sessions/${f.sessionId}/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(recount.body).toMatchObject({ equal: true, stored: counted });
  });
});
