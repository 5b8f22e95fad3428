import { io, Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest } from './entries.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const open = (t: TestApp, token: string) =>
  new Promise<Socket>((resolve, reject) => {
    const s = io(t.url, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

describe('entry changes reach sockets after commit', () => {
  let t: TestApp;
  let organizer: TestUser, owner: TestUser, other: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const a = await insertUnit(t, { name: 'Xã Ea Tiêu' });
    const b = await insertUnit(t, { name: 'Xã Ea Ktur' });
    organizer = await createUser(t, UserRole.Organizer);
    owner = await createUser(t, UserRole.Contestant, { unitId: a.id });
    other = await createUser(t, UserRole.Contestant, { unitId: b.id });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it("tells the owner and the contest's organizers, nobody else", async () => {
    const c = await seedContest(t, { organizers: [organizer.id] });
    const [ownerSocket, orgSocket, otherSocket] = await Promise.all([
      open(t, owner.accessToken),
      open(t, organizer.accessToken),
      open(t, other.accessToken),
    ]);
    sockets.push(ownerSocket, orgSocket, otherSocket);
    expect(
      await orgSocket.emitWithAck('room:join', { room: `contest:${c.contestId}` }),
    ).toMatchObject({ ok: true });
    const denied = await otherSocket.emitWithAck('room:join', { room: `contest:${c.contestId}` });
    expect(denied).toMatchObject({ ok: false, error: { code: 'realtime.room_forbidden' } });
    const leaked: unknown[] = [];
    otherSocket.on('entry.changed', (e) => leaked.push(e));

    const created = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', owner.auth)
      .send(draft(c.categories.solution, 'Sổ tay chi hội trên Zalo'));
    expect(created.status).toBe(201);
    const toOwner = new Promise<Record<string, unknown>>((r) =>
      ownerSocket.once('entry.changed', r),
    );
    const toOrganizer = new Promise<Record<string, unknown>>((r) =>
      orgSocket.once('entry.changed', r),
    );
    expect(
      (await t.http().post(`/entries/${created.body.id}/submit`).set('Authorization', owner.auth))
        .status,
    ).toBe(200);
    await expect(toOwner).resolves.toMatchObject({
      entryId: created.body.id,
      status: 'submitted',
      action: 'submitted',
    });
    await expect(toOrganizer).resolves.toMatchObject({
      entryId: created.body.id,
      status: 'submitted',
      contestId: c.contestId,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(leaked).toEqual([]);
  });
});
