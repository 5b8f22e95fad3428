import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, login } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import {
  Ack,
  castOverHttp,
  castOverSocket,
  connect,
  connected,
  deviceToken,
  openSession,
  storedCounts,
  tallySums,
  waitFor,
} from './voting-helpers';

/**
 * Two application instances on one database and one Redis (the shared one, under a key prefix
 * of this file's own), as behind a load balancer.
 */
describe('live voting across two instances', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `hoithi-test-${randomBytes(4).toString('hex')}`,
      SOCKET_EVENTS_PER_SECOND: '1000',
      SOCKET_BURST: '1000',
      VOTING_TALLY_INTERVAL_MS: '200',
    };
    a = await startTestApp(env, db);
    b = await startTestApp(env, db);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a.close();
    await b.close();
    await db.drop();
  });

  it('counts the same vote sent 50 times at once (HTTP and sockets, both instances) exactly once', async () => {
    const f = await openSession(a, { policy: { perEntry: 5, identities: ['device'] } });
    const token = await deviceToken(a);
    const onA = track(connect(a.url, { voterToken: token }));
    const onB = track(connect(b.url, { voterToken: token }));
    await Promise.all([connected(onA), connected(onB)]);
    const voteId = randomUUID();
    const vote = { sessionId: f.sessionId, entryId: f.entryIds[0], voteId };
    const answers: Array<Promise<string>> = [];
    for (let i = 0; i < 50; i++) {
      const app = i % 2 ? a : b;
      if (i % 4 < 2) {
        answers.push(
          castOverHttp(
            app,
            f.sessionId,
            { entryId: f.entryIds[0], voterToken: token },
            voteId,
          ).then((r) =>
            r.status === 201 ? 'counted' : r.status === 200 ? r.body.status : `${r.status}`,
          ),
        );
      } else {
        answers.push(
          castOverSocket(i % 2 ? onA : onB, vote).then((r: Ack) => r.data?.status ?? r.error!.code),
        );
      }
    }
    const results = await Promise.all(answers);
    expect(results.filter((r) => r === 'counted')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_counted')).toHaveLength(49);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM votes WHERE id = $1', [
      voteId,
    ]);
    expect(rows[0].n).toBe(1);
    expect(await tallySums(a, f.sessionId)).toEqual({ [f.entryIds[0]]: 1 });
  });

  it('lets a voter allowed 3 votes count exactly 3 of 20 sent in parallel to both instances', async () => {
    const f = await openSession(a, {
      entries: 5,
      policy: { perEntry: 2, perSession: 3, identities: ['member'] },
    });
    const voter = await createUser(a, UserRole.Contestant);
    const onB = await login(b, voter.email);
    const sA = track(connect(a.url, { token: voter.accessToken }));
    const sB = track(connect(b.url, { token: onB.accessToken }));
    await Promise.all([connected(sA), connected(sB)]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const entryId = f.entryIds[i % 5];
        if (i % 4 === 0) {
          return castOverHttp(a, f.sessionId, { entryId }, randomUUID(), voter.auth).then((r) =>
            r.status === 201 ? 'counted' : (r.body.code as string),
          );
        }
        if (i % 4 === 1) {
          return castOverHttp(
            b,
            f.sessionId,
            { entryId },
            randomUUID(),
            `Bearer ${onB.accessToken}`,
          ).then((r) => (r.status === 201 ? 'counted' : (r.body.code as string)));
        }
        return castOverSocket(i % 2 ? sB : sA, { sessionId: f.sessionId, entryId }).then(
          (r) => r.data?.status ?? r.error!.code,
        );
      }),
    );
    expect(results.filter((r) => r === 'counted')).toHaveLength(3);
    expect(results.filter((r) => r === 'voting.limit_reached')).toHaveLength(17);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n, count(DISTINCT session_slot)::int AS slots FROM votes WHERE session_id = $1',
      [f.sessionId],
    );
    expect(rows[0]).toEqual({ n: 3, slots: 3 });
  });

  it('shows a viewer on instance A a vote cast on instance B', async () => {
    const f = await openSession(a);
    const viewer = track(connect(a.url));
    await connected(viewer);
    const joined = (await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` })) as {
      data: { tally: { seq: number } };
    };
    expect(joined.data.tally.seq).toBe(0);
    const seen = waitFor<{ seq: number; tallies: Record<string, number> }>(
      viewer,
      'voting:tally',
      (p) => p.seq === 1,
    );
    const voter = track(connect(b.url, { voterToken: await deviceToken(b) }));
    await connected(voter);
    const ack = await castOverSocket(voter, { sessionId: f.sessionId, entryId: f.entryIds[2] });
    expect(ack.ok).toBe(true);
    expect((await seen).tallies[f.entryIds[2]]).toBe(1);
  });

  it('applies a pause made on one instance to votes on the other at once', async () => {
    const f = await openSession(a);
    const voter = track(connect(b.url, { voterToken: await deviceToken(b) }));
    await connected(voter);
    expect(
      (await castOverSocket(voter, { sessionId: f.sessionId, entryId: f.entryIds[0] })).ok,
    ).toBe(true);
    const viewer = track(connect(b.url));
    await connected(viewer);
    await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` });
    const announced = waitFor<{ state: string }>(
      viewer,
      'voting:session',
      (p) => p.state === 'paused',
    );
    await a
      .http()
      .post(`/voting/sessions/${f.sessionId}/state`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'pause' })
      .expect(200);
    const refused = await castOverSocket(voter, { sessionId: f.sessionId, entryId: f.entryIds[1] });
    expect(refused.error?.code).toBe('voting.window_closed');
    await announced;
    expect(await storedCounts(a, f.sessionId)).toEqual({ [f.entryIds[0]]: 1 });
  });
});
