import { randomBytes, randomUUID } from 'node:crypto';
import { VoteIntegrityService } from '../src/vote-integrity/vote-integrity.service';
import { DeviceTokens } from '../src/voting/voter-identity';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { openSession } from './voting-helpers';

jest.setTimeout(180_000);

type Kind = 'crowd' | 'farm' | 'viewer';
interface Cast {
  kind: Kind;
  voteId: string;
  entryId: string;
  ip: string;
  fingerprint: string;
}

/**
 * Two instances on one database and one Redis (under a key prefix of this file's own), behind
 * a load balancer that sends every other vote to each: the fraud signals count the votes of
 * both, so a crowd split between them is held as one instance receiving it all would hold it.
 */
describe('fraud signals across two instances', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `hoithi-test-${randomBytes(4).toString('hex')}`,
      TRUST_PROXY: 'true',
      VOTE_MAX_VOTERS_PER_IP: '10',
      VOTE_MAX_DEVICES_PER_FINGERPRINT: '8',
    };
    a = await startTestApp(env, db);
    b = await startTestApp(env, db);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  /**
   * 16 voters behind one address (over 10, but 8 per instance), 12 devices of one browser
   * fingerprint (over 8, but 6 per instance), each from an address of its own, and 20 ordinary
   * viewers, interleaved as they would arrive.
   */
  function load(entryIds: string[]): Cast[] {
    const cast = (kind: Kind, i: number, ip: string, fingerprint: string): Cast => ({
      kind,
      voteId: randomUUID(),
      entryId: entryIds[i % entryIds.length],
      ip,
      fingerprint,
    });
    const crowd = Array.from({ length: 16 }, (_, i) =>
      cast('crowd', i, '198.51.100.77', `crowd-${i}`),
    );
    const farm = Array.from({ length: 12 }, (_, i) =>
      cast('farm', i, `45.67.${i}.8`, 'one-browser-fingerprint'),
    );
    const viewers = Array.from({ length: 20 }, (_, i) =>
      cast('viewer', i + 1, `14.161.${i}.9`, `viewer-${i}`),
    );
    const all: Cast[] = [];
    for (let i = 0; i < 20; i++)
      for (const list of [crowd, farm, viewers]) if (list[i]) all.push(list[i]);
    return all;
  }

  /** Sends the votes ten at a time, each to `route(i)`; every one is stored (201). */
  async function send(sessionId: string, casts: Cast[], route: (i: number) => TestApp) {
    const devices = a.app.get(DeviceTokens);
    for (let i = 0; i < casts.length; i += 10) {
      const answers = await Promise.all(
        casts.slice(i, i + 10).map((c, k) =>
          route(i + k)
            .http()
            .post(`/voting/sessions/${sessionId}/votes`)
            .set('Idempotency-Key', c.voteId)
            .set('X-Forwarded-For', c.ip)
            .set('X-Client-Fingerprint', c.fingerprint)
            .send({ entryId: c.entryId, voterToken: devices.issue(Date.now() - 60_000).token }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    }
  }

  /** Each vote's reasons for being held (empty: it counts), once the sweeps have run. */
  async function held(casts: Cast[], expected: number): Promise<Map<string, string[]>> {
    const read = async () => {
      const { rows } = await db.pool.query<{ vote_id: string; reasons: string[] }>(
        `SELECT vote_id, reasons FROM vote_flags WHERE vote_id = ANY($1::uuid[])
           AND status = 'quarantined'`,
        [casts.map((c) => c.voteId)],
      );
      return new Map(rows.map((r) => [r.vote_id, [...r.reasons].sort()]));
    };
    let flags = await read();
    for (let i = 0; i < 40 && flags.size < expected; i++) {
      await Promise.all([a, b].map((x) => x.app.get(VoteIntegrityService).settle()));
      await new Promise((r) => setTimeout(r, 250));
      flags = await read();
    }
    return flags;
  }

  const counted = (casts: Cast[]) => {
    const out: Record<string, number> = {};
    for (const c of casts) if (c.kind === 'viewer') out[c.entryId] = (out[c.entryId] ?? 0) + 1;
    return out;
  };

  async function tallies(app: TestApp, sessionId: string) {
    const res = await app.http().get(`/voting/sessions/${sessionId}/tallies`).expect(200);
    const body = res.body as { tallies: Record<string, number> };
    return Object.fromEntries(Object.entries(body.tallies).filter(([, n]) => n !== 0));
  }

  it('holds a crowd and a device farm split between the instances as one instance would', async () => {
    // One instance receiving it all: the reference.
    const one = await openSession(a, { entries: 3 });
    const alone = load(one.entryIds);
    await send(one.sessionId, alone, () => a);
    // The same load, every other vote to each instance.
    const two = await openSession(a, { entries: 3 });
    const split = load(two.entryIds);
    await send(two.sessionId, split, (i) => (i % 2 ? b : a));

    const reasonsByKind = (casts: Cast[], flags: Map<string, string[]>) => {
      const out: Record<Kind, string[][]> = { crowd: [], farm: [], viewer: [] };
      for (const c of casts) out[c.kind].push(flags.get(c.voteId) ?? []);
      return out;
    };
    const expected = {
      crowd: alone.filter((c) => c.kind === 'crowd').map(() => ['ip_crowd']),
      farm: alone.filter((c) => c.kind === 'farm').map(() => ['fingerprint_crowd']),
      viewer: alone.filter((c) => c.kind === 'viewer').map(() => []),
    };
    expect(reasonsByKind(alone, await held(alone, 28))).toEqual(expected);
    expect(reasonsByKind(split, await held(split, 28))).toEqual(expected);

    // Only the ordinary viewers count, on both instances, and the stored votes agree.
    for (const app of [a, b]) expect(await tallies(app, two.sessionId)).toEqual(counted(split));
    expect(await tallies(a, one.sessionId)).toEqual(counted(alone));
    const recount = await b
      .http()
      .post(`/voting/sessions/${two.sessionId}/integrity/recount`)
      .set('Authorization', two.organizer.auth)
      .expect(200);
    expect(recount.body).toMatchObject({ equal: true, votes: 48, notCounting: 28 });
  });
});
