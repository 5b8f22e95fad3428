import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { RealtimeService } from '../src/realtime/realtime.service';
import { UserRole } from '../src/users/entities/user.entity';
import { SESSION_CHANGES_APPLICATION } from '../src/users/session-change.channel';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { createUser, insertUnit, login, TestUser } from './support/fixtures';
import { startEmbeddedTestApp, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import {
  Ack,
  castOverHttp,
  castOverSocket,
  connect,
  connected,
  deviceToken,
  openSession,
  waitFor,
} from './voting-helpers';

/**
 * Revocation reaches every instance and every open socket: two application instances on one
 * database, as behind a load balancer. The first pair has no Redis (PostgreSQL alone carries
 * the revocations), the second shares socket rooms through Redis.
 */

interface Reason {
  code: string;
  message: string;
}

/** Bounds of "eventually": a revocation must be seen well within a second. */
const TRIES = 20;
const PAUSE_MS = 50;
/** How long a socket may take to hear of a revocation made on the other instance. */
const HEAR_MS = 3_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `check` holds within TRIES tries PAUSE_MS apart. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < TRIES; i++) {
    if (await check()) return true;
    await pause(PAUSE_MS);
  }
  return false;
}

const me = (t: TestApp, auth: string) => t.http().get('/auth/me').set('Authorization', auth);

const join = (s: Socket, room: string) =>
  s.timeout(10_000).emitWithAck('room:join', { room }) as Promise<Ack>;

/** Every `event` the socket gets from now on. */
function record<T>(s: Socket, event: string): T[] {
  const got: T[] = [];
  s.on(event, (p: T) => got.push(p));
  return got;
}

/** An entry of `owner` created and submitted through `t`: `entry.changed` to the contest room. */
async function changeEntry(t: TestApp, c: SeededContest, owner: TestUser): Promise<string> {
  const created = await t
    .http()
    .post(`/contests/${c.contestId}/entries`)
    .set('Authorization', owner.auth)
    .send(draft(c.categories.solution, `Sổ tay chi hội ${randomUUID().slice(0, 6)}`));
  expect(created.status).toBe(201);
  await t
    .http()
    .post(`/entries/${created.body.id}/submit`)
    .set('Authorization', owner.auth)
    .expect(200);
  return created.body.id as string;
}

/**
 * Each socket of `stay` hears of the next entry change made through `t` and each socket of
 * `gone` does not (they share the room's delivery, so once `stay` has it, `gone` would have).
 */
async function entryChangeReaches(
  t: TestApp,
  c: SeededContest,
  owner: TestUser,
  stay: Socket[],
  gone: Socket[],
): Promise<void> {
  const leaked = gone.map((s) => record<{ entryId: string }>(s, 'entry.changed'));
  const heard = stay.map((s) =>
    waitFor<{ entryId: string; unitId?: string }>(s, 'entry.changed', () => true),
  );
  const entryId = await changeEntry(t, c, owner);
  for (const p of await Promise.all(heard)) expect(p).toMatchObject({ entryId });
  await pause(200);
  for (const l of leaked) expect(l).toEqual([]);
}

describe('revocation across two instances sharing PostgreSQL, without Redis', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);
  const open = async (t: TestApp, token?: string) => {
    const s = track(connect(t.url, token ? { token } : {}));
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      SOCKET_EVENTS_PER_SECOND: '1000',
      SOCKET_BURST: '1000',
      VOTING_TALLY_INTERVAL_MS: '100',
    };
    a = await startTestApp(env, db);
    b = await startTestApp(env, db);
    const unit = await insertUnit(a, { name: 'Xã Ea Tiêu' });
    admin = await createUser(a, UserRole.Admin);
    owner = await createUser(a, UserRole.Contestant, { unitId: unit.id });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a.close();
    await b.close();
    await db.drop();
  });

  it('refuses a session logged out on one instance on the other within a second', async () => {
    const user = await createUser(a, UserRole.Judge);
    await me(b, user.auth).expect(200); // the other instance holds the session's state
    await a
      .http()
      .post('/auth/logout')
      .set('Authorization', user.auth)
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    expect(await eventually(async () => (await me(b, user.auth)).status === 401)).toBe(true);
  });

  it('refuses every session of an account logged out everywhere, deleted or disabled, on the other instance within a second', async () => {
    const everywhere = await createUser(a, UserRole.Judge);
    const deleted = await createUser(a, UserRole.Judge);
    const disabled = await createUser(a, UserRole.Judge);
    const second = await login(a, everywhere.email);
    for (const auth of [
      everywhere.auth,
      `Bearer ${second.accessToken}`,
      deleted.auth,
      disabled.auth,
    ])
      await me(b, auth).expect(200);

    await a.http().post('/auth/logout-all').set('Authorization', everywhere.auth).expect(204);
    await a.http().delete(`/users/${deleted.id}`).set('Authorization', admin.auth).expect(204);
    await a
      .http()
      .patch(`/users/${disabled.id}`)
      .set('Authorization', admin.auth)
      .send({ status: 'disabled' })
      .expect(200);

    for (const auth of [
      everywhere.auth,
      `Bearer ${second.accessToken}`,
      deleted.auth,
      disabled.auth,
    ])
      expect(await eventually(async () => (await me(b, auth)).status === 401)).toBe(true);
  });

  it("after a logout, the session's socket on the other instance is told why, leaves the organizers' room, gets no hidden tally and casts no member vote", async () => {
    const organizer = await createUser(a, UserRole.Organizer);
    const f = await openSession(b, {
      organizer,
      hideTallies: true,
      policy: { perEntry: 1, identities: ['member', 'device'] },
    });
    const second = await login(a, organizer.email); // another session of the same organizer
    const revoked = await open(b, organizer.accessToken);
    const kept = await open(b, second.accessToken);
    const watcher = await open(b, admin.accessToken);
    for (const s of [revoked, kept, watcher])
      expect(await join(s, `session-admin:${f.sessionId}`)).toMatchObject({ ok: true });
    const told = waitFor<Reason>(revoked, 'auth.revoked', () => true, HEAR_MS);
    const keptTold = record<Reason>(kept, 'auth.revoked');

    await a
      .http()
      .post('/auth/logout')
      .set('Authorization', organizer.auth)
      .send({ refreshToken: organizer.refreshToken })
      .expect(204);
    await expect(told).resolves.toMatchObject({ code: 'auth.session_revoked' });
    expect((await told).message).toMatch(/đăng nhập/);

    expect(await join(revoked, `session-admin:${f.sessionId}`)).toMatchObject({
      ok: false,
      error: { code: 'realtime.room_forbidden' },
    });
    // the hidden tally goes to the organizers' room: the other session and the admin only
    const leaked = record(revoked, 'voting:tally');
    const seen = [kept, watcher].map((s) =>
      waitFor<{ seq: number }>(s, 'voting:tally', (p) => p.seq >= 1),
    );
    const device = await deviceToken(b);
    expect(
      (await castOverHttp(b, f.sessionId, { entryId: f.entryIds[0], voterToken: device })).status,
    ).toBe(201);
    await Promise.all(seen);
    await pause(200);
    expect(leaked).toEqual([]);
    expect(keptTold).toEqual([]);

    // a member vote needs a login: the logged-out socket's is refused and not stored
    const vote = await castOverSocket(revoked, { sessionId: f.sessionId, entryId: f.entryIds[1] });
    expect(vote).toMatchObject({ ok: false, error: { code: 'voting.identity_required' } });
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM votes WHERE session_id = $1 AND voter_key = $2`,
      [f.sessionId, `u:${organizer.id}`],
    );
    expect(rows[0].n).toBe(0);
    // the session that stayed keeps its rights
    expect(
      await castOverSocket(kept, { sessionId: f.sessionId, entryId: f.entryIds[1] }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("after a logout everywhere, the account's sockets on both instances leave the contest's room", async () => {
    const organizer = await createUser(a, UserRole.Organizer);
    const keeper = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [organizer.id, keeper.id] });
    const onA = await open(a, organizer.accessToken);
    const onB = await open(b, (await login(b, organizer.email)).accessToken);
    const control = await open(b, keeper.accessToken);
    for (const s of [onA, onB, control])
      expect(await join(s, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    const told = [onA, onB].map((s) => waitFor<Reason>(s, 'auth.revoked', () => true, HEAR_MS));

    await a.http().post('/auth/logout-all').set('Authorization', organizer.auth).expect(204);
    for (const r of await Promise.all(told)) expect(r.code).toBe('auth.session_revoked');

    await entryChangeReaches(b, c, owner, [control], [onB]);
    await entryChangeReaches(a, c, owner, [], [onA]);
    expect(await join(onB, `contest:${c.contestId}`)).toMatchObject({ ok: false });
  });

  it('after a refresh token is used twice, the sockets of that login session are told, and only those', async () => {
    const organizer = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [organizer.id] });
    const other = await login(a, organizer.email);
    const stolen = await open(b, organizer.accessToken);
    const kept = await open(b, other.accessToken);
    for (const s of [stolen, kept])
      expect(await join(s, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    const told = waitFor<Reason>(stolen, 'auth.revoked', () => true, HEAR_MS);
    const keptTold = record<Reason>(kept, 'auth.revoked');

    await a.http().post('/auth/refresh').send({ refreshToken: organizer.refreshToken }).expect(200);
    const reused = await a
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: organizer.refreshToken });
    expect(reused.body.code).toBe('auth.refresh_reused');
    await expect(told).resolves.toMatchObject({ code: 'auth.session_revoked' });

    await entryChangeReaches(b, c, owner, [kept], [stolen]);
    expect(keptTold).toEqual([]);
  });

  it("after an account is deleted, its socket on the other instance is told and gets neither its own events nor the contest's", async () => {
    const organizer = await createUser(a, UserRole.Organizer);
    const keeper = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [organizer.id, keeper.id] });
    const s = await open(b, organizer.accessToken);
    const control = await open(b, keeper.accessToken);
    for (const x of [s, control])
      expect(await join(x, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    const told = waitFor<Reason>(s, 'auth.revoked', () => true, HEAR_MS);

    await a.http().delete(`/users/${organizer.id}`).set('Authorization', admin.auth).expect(204);
    await expect(told).resolves.toMatchObject({ code: 'auth.account_deleted' });

    await entryChangeReaches(b, c, owner, [control], [s]);
    // and nothing addressed to the account reaches the socket (it left the user's room)
    const own = record(s, 'judging.queue');
    b.app
      .get(RealtimeService)
      .toUser(organizer.id, 'judging.queue', { roundId: 'r', added: [], removed: [] });
    await pause(200);
    expect(own).toEqual([]);
  });

  it('after a change of role, the socket on the other instance keeps its login but leaves the rooms the new role may not read', async () => {
    const demoted = await createUser(a, UserRole.Admin);
    const keeper = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [keeper.id] });
    const s = await open(b, demoted.accessToken);
    const control = await open(b, keeper.accessToken);
    for (const x of [s, control])
      expect(await join(x, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    await b.http().get('/users').set('Authorization', demoted.auth).expect(200);
    const left = waitFor<Reason & { room: string }>(s, 'room:left', () => true, HEAR_MS);
    const revoked = record(s, 'auth.revoked');

    await a
      .http()
      .patch(`/users/${demoted.id}`)
      .set('Authorization', admin.auth)
      .send({ role: 'organizer' })
      .expect(200);
    await expect(left).resolves.toMatchObject({
      room: `contest:${c.contestId}`,
      code: 'realtime.room_revoked',
    });
    expect(revoked).toEqual([]);

    await entryChangeReaches(b, c, owner, [control], [s]);
    expect(await join(s, `contest:${c.contestId}`)).toMatchObject({
      ok: false,
      error: { code: 'realtime.room_forbidden' },
    });
    // over HTTP, the other instance answers as the new role within a second
    expect(
      await eventually(
        async () =>
          (await b.http().get('/users').set('Authorization', demoted.auth)).status === 403,
      ),
    ).toBe(true);
    await me(b, demoted.auth).expect(200);
  });

  it("after a removal from a contest, the member's socket on the other instance leaves the contest's room at once", async () => {
    const keeper = await createUser(a, UserRole.Organizer);
    const removed = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [keeper.id] });
    const added = await a
      .http()
      .post(`/contests/${c.contestId}/members`)
      .set('Authorization', keeper.auth)
      .send({ userId: removed.id, role: 'organizer' })
      .expect(201);
    const s = await open(b, removed.accessToken);
    const control = await open(b, keeper.accessToken);
    for (const x of [s, control])
      expect(await join(x, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    // the other instance holds the member's roles
    await b
      .http()
      .get(`/contests/${c.contestId}/members`)
      .set('Authorization', removed.auth)
      .expect(200);
    const left = waitFor<Reason & { room: string }>(s, 'room:left', () => true, HEAR_MS);

    await a
      .http()
      .delete(`/contests/${c.contestId}/members/${added.body.id}`)
      .set('Authorization', keeper.auth)
      .expect(204);
    await expect(left).resolves.toMatchObject({
      room: `contest:${c.contestId}`,
      code: 'realtime.room_revoked',
    });

    await entryChangeReaches(b, c, owner, [control], [s]);
    expect(await join(s, `contest:${c.contestId}`)).toMatchObject({ ok: false });
    expect(
      await eventually(
        async () =>
          (
            await b
              .http()
              .get(`/contests/${c.contestId}/members`)
              .set('Authorization', removed.auth)
          ).status === 403,
      ),
    ).toBe(true);
  });

  it('listens again after its connection to PostgreSQL is cut, and revocations reach the other instance as before', async () => {
    const listeners = async () =>
      (
        await db.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = $1`,
          [SESSION_CHANGES_APPLICATION],
        )
      ).rows.map((r) => r.pid);
    const cut = await listeners();
    expect(cut).toHaveLength(2); // one per instance, outside the pool
    await db.pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [cut]);
    expect(
      await eventually(async () => {
        const now = await listeners();
        return now.length === 2 && now.every((pid) => !cut.includes(pid));
      }),
    ).toBe(true);

    const organizer = await createUser(a, UserRole.Organizer);
    const s = await open(b, organizer.accessToken);
    await me(b, organizer.auth).expect(200);
    const told = waitFor<Reason>(s, 'auth.revoked', () => true, HEAR_MS);
    await a
      .http()
      .post('/auth/logout')
      .set('Authorization', organizer.auth)
      .send({ refreshToken: organizer.refreshToken })
      .expect(204);
    await expect(told).resolves.toMatchObject({ code: 'auth.session_revoked' });
    expect(await eventually(async () => (await me(b, organizer.auth)).status === 401)).toBe(true);
  });
});

describe('revocation across two instances sharing socket rooms through Redis', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `hoithi-test-${randomBytes(4).toString('hex')}`,
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

  it("stops a removed organizer's socket on one instance getting the contest's entry changes made on the other", async () => {
    const unit = await insertUnit(a, { name: 'Xã Ea Ktur' });
    const owner = await createUser(a, UserRole.Contestant, { unitId: unit.id });
    const keeper = await createUser(a, UserRole.Organizer);
    const removed = await createUser(a, UserRole.Organizer);
    const c = await seedContest(a, { organizers: [keeper.id, removed.id] });
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id FROM contest_memberships WHERE contest_id = $1 AND user_id = $2`,
      [c.contestId, removed.id],
    );
    const s = connect(b.url, { token: removed.accessToken });
    const control = connect(b.url, { token: keeper.accessToken });
    sockets.push(s, control);
    await Promise.all([connected(s), connected(control)]);
    for (const x of [s, control])
      expect(await join(x, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    // entry changes made on A reach B's sockets through Redis
    await entryChangeReaches(a, c, owner, [control, s], []);
    const left = waitFor<Reason & { room: string }>(s, 'room:left', () => true, HEAR_MS);

    await a
      .http()
      .delete(`/contests/${c.contestId}/members/${rows[0].id}`)
      .set('Authorization', keeper.auth)
      .expect(204);
    await expect(left).resolves.toMatchObject({ room: `contest:${c.contestId}` });
    await entryChangeReaches(a, c, owner, [control], [s]);
  });
});

describe('revocation on the embedded database (one process)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startEmbeddedTestApp();
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it("tells a logged-out socket why and takes it out of the organizers' room", async () => {
    const organizer = await createUser(t, UserRole.Organizer);
    const c = await seedContest(t, { organizers: [organizer.id] });
    const s = connect(t.url, { token: organizer.accessToken });
    sockets.push(s);
    await connected(s);
    expect(await join(s, `contest:${c.contestId}`)).toMatchObject({ ok: true });
    const told = waitFor<Reason>(s, 'auth.revoked', () => true, HEAR_MS);
    const left = waitFor<Reason & { room: string }>(s, 'room:left', () => true, HEAR_MS);
    await t
      .http()
      .post('/auth/logout')
      .set('Authorization', organizer.auth)
      .set('Accept-Language', 'en')
      .send({ refreshToken: organizer.refreshToken })
      .expect(204);
    await expect(told).resolves.toMatchObject({ code: 'auth.session_revoked' });
    await expect(left).resolves.toMatchObject({ room: `contest:${c.contestId}` });
    expect(await join(s, `contest:${c.contestId}`)).toMatchObject({ ok: false });
    await me(t, organizer.auth).expect(401);
  });
});
