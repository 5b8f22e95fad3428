import { io, Socket } from 'socket.io-client';
import { RealtimeService } from '../src/realtime/realtime.service';
import { RoomRegistry } from '../src/realtime/room-registry';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

function connect(t: TestApp, opts: { token?: string; origin?: string } = {}): Socket {
  return io(t.url, {
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.origin ? { origin: opts.origin } : undefined,
    reconnection: false,
    forceNew: true,
  });
}

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

const refused = (s: Socket) =>
  new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected, but should have been refused')));
    s.once('connect_error', resolve);
  });

const closed = (s: Socket) => new Promise<string>((resolve) => s.once('disconnect', resolve));

describe('realtime gateway', () => {
  let t: TestApp;
  let contestant: TestUser;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    t = await startTestApp({
      SOCKET_EVENTS_PER_SECOND: '5',
      SOCKET_BURST: '5',
      SOCKET_MAX_MESSAGE_BYTES: '4096',
    });
    const unit = await insertUnit(t, { name: 'Xã Hòa Bình' });
    contestant = await createUser(t, UserRole.Contestant, { unitId: unit.id });
    t.app.get(RoomRegistry).register('probe', {
      authorize: async (principal, id) => id === 'open' || principal?.role === UserRole.Admin,
      snapshot: async (_p, id) => ({ id, count: 7 }),
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it('lets anonymous viewers connect and join rooms they may read, with a snapshot', async () => {
    const s = track(connect(t));
    await connected(s);
    const ack = await s.emitWithAck('room:join', { room: 'probe:open' });
    expect(ack).toEqual({ ok: true, data: { id: 'open', count: 7 } });
    const denied = await s.emitWithAck('room:join', { room: 'probe:secret' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'realtime.room_forbidden' } });
    const unknown = await s.emitWithAck('room:join', { room: 'nothing:1' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'realtime.unknown_room' } });
    const bad = await s.emitWithAck('room:join', { room: { $ne: 1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'realtime.bad_payload' } });
  });

  it("delivers a user's own events to their sockets only", async () => {
    const mine = track(connect(t, { token: contestant.accessToken }));
    const other = track(connect(t));
    await Promise.all([connected(mine), connected(other)]);
    let otherGot = false;
    other.on('media.status', () => (otherGot = true));
    const got = new Promise((resolve) => mine.once('media.status', resolve));
    t.app.get(RealtimeService).toUser(contestant.id, 'media.status', { id: 'm1', status: 'ready' });
    await expect(got).resolves.toEqual({ id: 'm1', status: 'ready' });
    expect(otherGot).toBe(false);
  });

  it('refuses forged and expired tokens at the handshake', async () => {
    const forged = contestant.accessToken.slice(0, -4) + 'AAAA';
    const err = await refused(track(connect(t, { token: forged })));
    expect(err.data?.code).toBe('auth.token_invalid');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: contestant.id, role: 'admin' })).toString(
      'base64url',
    );
    const err2 = await refused(track(connect(t, { token: `${none}.${body}.` })));
    expect(err2.data?.code).toBe('auth.token_invalid');
  });

  it('refuses a foreign Origin', async () => {
    const err = await refused(track(connect(t, { origin: 'https://evil.example' })));
    expect(err).toBeInstanceOf(Error);
  });

  it('closes a socket that sends a message over the size limit', async () => {
    const s = track(connect(t));
    await connected(s);
    const gone = closed(s);
    s.emit('room:join', { room: 'probe:open', padding: 'x'.repeat(64 * 1024) });
    expect(await gone).toMatch(/transport close|server namespace disconnect|transport error/);
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('throttles a flood of events and then closes the socket', async () => {
    const s = track(connect(t));
    await connected(s);
    const gone = closed(s);
    const acks = await Promise.all(
      Array.from({ length: 8 }, () =>
        s
          .timeout(2000)
          .emitWithAck('room:join', { room: 'probe:open' })
          .catch(() => null),
      ),
    );
    expect(acks.filter((a) => a && (a as { ok: boolean }).ok).length).toBeLessThanOrEqual(5);
    expect(
      acks.some(
        (a) => a && (a as { error?: { code: string } }).error?.code === 'realtime.rate_limited',
      ),
    ).toBe(true);
    for (let i = 0; i < 20 && s.connected; i++) s.emit('room:join', { room: 'probe:open' });
    expect(await gone).toBe('io server disconnect');
  });
});
