import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { insertEntry, seedVotingContest } from '../bench/voting-seed';
import {
  castOverHttp,
  castOverSocket,
  connect,
  connected,
  deviceToken,
  openSession,
  slotsBackfilled,
  storedCounts,
  tallySums,
  waitFor,
} from './voting-helpers';

interface Tally {
  sessionId: string;
  seq: number;
  tallies: Record<string, number>;
}

describe('live voting (one instance)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    t = await startTestApp({
      SOCKET_EVENTS_PER_SECOND: '2000',
      SOCKET_BURST: '2000',
      SOCKET_MAX_MESSAGE_BYTES: '4096',
      VOTING_TALLY_INTERVAL_MS: '100',
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it('counts a vote over HTTP once; a retry says already counted; another body is refused', async () => {
    const f = await openSession(t);
    const token = await deviceToken(t);
    const voteId = randomUUID();
    const first = await castOverHttp(
      t,
      f.sessionId,
      { entryId: f.entryIds[0], voterToken: token },
      voteId,
    );
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ voteId, status: 'counted', receipt: expect.any(String) });
    const again = await castOverHttp(
      t,
      f.sessionId,
      { entryId: f.entryIds[0], voterToken: token },
      voteId,
    );
    expect(again.status).toBe(200);
    // a retry gets the same receipt
    expect(again.body).toEqual({ voteId, status: 'already_counted', receipt: first.body.receipt });
    const other = await castOverHttp(
      t,
      f.sessionId,
      { entryId: f.entryIds[1], voterToken: token },
      voteId,
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('voting.idempotency_mismatch');
    const noKey = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/votes`)
      .send({ entryId: f.entryIds[0], voterToken: token });
    expect(noKey.body.code).toBe('voting.idempotency_key_required');
    expect(await storedCounts(t, f.sessionId)).toEqual({ [f.entryIds[0]]: 1 });
    expect(await tallySums(t, f.sessionId)).toEqual({ [f.entryIds[0]]: 1 });
  });

  it('says why a vote is refused: identity, window, entry, limit', async () => {
    const f = await openSession(t, {
      open: false,
      policy: { perEntry: 2, perSession: 3, identities: ['device'] },
    });
    const token = await deviceToken(t);
    const vote = (entryId: string, voterToken?: string) =>
      castOverHttp(t, f.sessionId, { entryId, ...(voterToken ? { voterToken } : {}) });

    const noId = await vote(f.entryIds[0]);
    expect([noId.status, noId.body.code]).toEqual([401, 'voting.identity_required']);
    const forged = await vote(f.entryIds[0], token.slice(0, -3) + 'abc');
    expect(forged.body.code).toBe('voting.identity_required');
    const member = await createUser(t, UserRole.Contestant);
    const memberOnly = await castOverHttp(
      t,
      f.sessionId,
      { entryId: f.entryIds[0] },
      randomUUID(),
      member.auth,
    );
    expect(memberOnly.body.code).toBe('voting.identity_required'); // the session takes devices only

    const closed = await vote(f.entryIds[0], token);
    expect([closed.status, closed.body.code]).toEqual([409, 'voting.window_closed']);
    expect(closed.body.message).toMatch(/not open/);
    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/state`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'open' })
      .expect(200);

    const stranger = await vote(randomUUID(), token);
    expect(stranger.body.code).toBe('voting.entry_not_votable');
    expect((await vote(f.entryIds[0], token)).status).toBe(201);
    expect((await vote(f.entryIds[0], token)).status).toBe(201);
    const perEntry = await vote(f.entryIds[0], token);
    expect([perEntry.body.code, perEntry.body.message]).toEqual([
      'voting.limit_reached',
      'You have used all your votes (per entry: at most 2).',
    ]);
    expect((await vote(f.entryIds[1], token)).status).toBe(201);
    const perSession = await vote(f.entryIds[2], token);
    expect(perSession.body.message).toBe('You have used all your votes (per session: at most 3).');

    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/state`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'pause' })
      .expect(200);
    const paused = await vote(f.entryIds[2], await deviceToken(t));
    expect(paused.body.code).toBe('voting.window_closed');
    expect(await storedCounts(t, f.sessionId)).toEqual({ [f.entryIds[0]]: 2, [f.entryIds[1]]: 1 });
  });

  it('limits votes per day in the contest time zone', async () => {
    const f = await openSession(t, {
      policy: { perDay: 2, identities: ['member'] },
      timeZone: 'Pacific/Kiritimati',
    });
    const view = await t.http().get(`/voting/sessions/${f.sessionId}`).expect(200);
    expect(view.body.timeZone).toBe('Pacific/Kiritimati');
    const member = await createUser(t, UserRole.Contestant);
    const results = [];
    for (const e of [0, 1, 2])
      results.push(
        await castOverHttp(t, f.sessionId, { entryId: f.entryIds[e] }, randomUUID(), member.auth),
      );
    expect(results.map((r) => r.status)).toEqual([201, 201, 409]);
    expect(results[2].body.message).toBe('You have used all your votes (per day: at most 2).');
    const { rows } = await t.db.query(
      `SELECT DISTINCT vote_day::text AS d, (now() AT TIME ZONE 'Pacific/Kiritimati')::date::text AS today, voter_key FROM votes WHERE session_id = $1`,
      [f.sessionId],
    );
    expect(rows).toEqual([{ d: rows[0].today, today: rows[0].today, voter_key: `u:${member.id}` }]);
  });

  it('writes no day slots while the day limit cannot bind, and counts the votes cast once it can', async () => {
    // One vote per entry, three entries, three a day: the day limit cannot stop anyone.
    const f = await openSession(t, {
      entries: 3,
      policy: { perEntry: 1, perDay: 3, identities: ['device'] },
    });
    const [a, b] = [await deviceToken(t), await deviceToken(t)];
    const vote = (entryId: string, voterToken: string) =>
      castOverHttp(t, f.sessionId, { entryId, voterToken });
    for (const e of f.entryIds) expect((await vote(e, a)).status).toBe(201);
    expect((await vote(f.entryIds[0], b)).status).toBe(201);
    const slots = async () =>
      (
        await t.db.query<{ day_slot: number | null }>(
          'SELECT day_slot FROM votes WHERE session_id = $1 ORDER BY voter_key, day_slot',
          [f.sessionId],
        )
      ).rows.map((r) => r.day_slot);
    const keyed = async () =>
      (
        await t.db.query<{ day_keys: boolean; entries_ever: number }>(
          'SELECT day_keys, entries_ever FROM voting_sessions WHERE id = $1',
          [f.sessionId],
        )
      ).rows[0];
    expect(await slots()).toEqual([null, null, null, null]);
    expect(await keyed()).toEqual({ day_keys: false, entries_ever: 3 });

    // Two more entries: five votes would be possible, so the day limit can bind now.
    const { rows } = await t.db.query<{ category_id: string; unit_id: string; owner_id: string }>(
      'SELECT category_id, unit_id, owner_id FROM entries WHERE id = $1',
      [f.entryIds[0]],
    );
    const more = [];
    for (const title of ['Tiết mục bốn', 'Tiết mục năm'])
      more.push(
        await insertEntry(t.db, {
          contestId: f.contestId,
          categoryId: rows[0].category_id,
          unitId: rows[0].unit_id,
          ownerId: rows[0].owner_id,
          title,
          status: 'eligible',
          roundId: f.roundId,
        }),
      );
    await t
      .http()
      .patch(`/voting/sessions/${f.sessionId}`)
      .set('Authorization', f.organizer.auth)
      .send({ entryIds: [...f.entryIds, ...more] })
      .expect(200);
    expect(await keyed()).toEqual({ day_keys: true, entries_ever: 5 });
    await slotsBackfilled(t, f.sessionId);
    // The votes already cast took their day slots, voter by voter in the order cast.
    const bySlots = await t.db.query<{ n: number; slots: number[] }>(
      `SELECT count(*)::int AS n, array_agg(day_slot ORDER BY day_slot) AS slots FROM votes
        WHERE session_id = $1 GROUP BY voter_key ORDER BY n`,
      [f.sessionId],
    );
    expect(bySlots.rows).toEqual([
      { n: 1, slots: [0] },
      { n: 3, slots: [0, 1, 2] },
    ]);
    const over = await vote(more[0], a);
    expect([over.status, over.body.message]).toEqual([
      409,
      'You have used all your votes (per day: at most 3).',
    ]);
    expect((await vote(more[0], b)).status).toBe(201);
    expect(await storedCounts(t, f.sessionId)).toEqual({
      [f.entryIds[0]]: 2,
      [f.entryIds[1]]: 1,
      [f.entryIds[2]]: 1,
      [more[0]]: 1,
    });
  });

  it('counts the votes already cast against limits set during the vote', async () => {
    const f = await openSession(t, { entries: 3, policy: { identities: ['device'] } });
    const token = await deviceToken(t);
    const vote = (entryId: string) => castOverHttp(t, f.sessionId, { entryId, voterToken: token });
    expect((await vote(f.entryIds[0])).status).toBe(201);
    expect((await vote(f.entryIds[0])).status).toBe(201);
    expect((await vote(f.entryIds[1])).status).toBe(201);
    await t
      .http()
      .patch(`/voting/sessions/${f.sessionId}`)
      .set('Authorization', f.organizer.auth)
      .send({ policy: { perEntry: 2, perSession: 4, perDay: 3, identities: ['device'] } })
      .expect(200);
    await slotsBackfilled(t, f.sessionId);
    const { rows } = await t.db.query(
      `SELECT entry_slot, session_slot, day_slot FROM votes WHERE session_id = $1
        ORDER BY session_slot`,
      [f.sessionId],
    );
    // In the order cast: two for the first entry, then one for the second.
    expect(rows).toEqual([
      { entry_slot: 0, session_slot: 0, day_slot: 0 },
      { entry_slot: 1, session_slot: 1, day_slot: 1 },
      { entry_slot: 0, session_slot: 2, day_slot: 2 },
    ]);
    const perEntry = await vote(f.entryIds[0]);
    expect(perEntry.body.message).toBe('You have used all your votes (per entry: at most 2).');
    const perDay = await vote(f.entryIds[2]);
    expect(perDay.body.message).toBe('You have used all your votes (per day: at most 3).');
    expect(await storedCounts(t, f.sessionId)).toEqual({
      [f.entryIds[0]]: 2,
      [f.entryIds[1]]: 1,
    });
  });

  it('offers only entries of the contest that are in the round and still in the running', async () => {
    const f = await openSession(t, { entries: 3, mode: 'on_stage' });
    const other = await seedVotingContest(t.db, { entries: 1 });
    const { rows } = await t.db.query<{ category_id: string; unit_id: string; owner_id: string }>(
      'SELECT category_id, unit_id, owner_id FROM entries WHERE id = $1',
      [f.entryIds[0]],
    );
    const base = {
      contestId: f.contestId,
      categoryId: rows[0].category_id,
      unitId: rows[0].unit_id,
      ownerId: rows[0].owner_id,
    };
    const draftEntry = await insertEntry(t.db, {
      ...base,
      title: 'Bản nháp',
      status: 'draft',
      roundId: f.roundId,
    });
    const notInRound = await insertEntry(t.db, {
      ...base,
      title: 'Chưa vào vòng',
      status: 'eligible',
    });
    const advancedOut = await insertEntry(t.db, {
      ...base,
      title: 'Đã bị loại ở vòng',
      status: 'eligible',
      roundId: f.roundId,
      roundStatus: 'eliminated',
    });
    const create = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/voting/sessions')
        .set('Authorization', f.organizer.auth)
        .set('Accept-Language', 'en')
        .send({
          contestId: f.contestId,
          roundId: f.roundId,
          title: 'Bình chọn',
          policy: { perEntry: 1, identities: ['device'] },
          ...body,
        });
    for (const bad of [other.entryIds[0], draftEntry, notInRound, advancedOut]) {
      const res = await create({ entryIds: [f.entryIds[0], bad] });
      expect([res.status, res.body.code]).toEqual([400, 'common.validation_failed']);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'entryIds[1]', code: 'voting.entry_not_in_round' }),
      ]);
    }
    const foreignRound = await create({ roundId: other.roundId });
    expect(foreignRound.status).toBe(400);
    expect(foreignRound.body.errors[0].code).toBe('voting.round_not_in_contest');
    const strangerContest = await create({ contestId: other.contestId, roundId: other.roundId });
    expect(strangerContest.status).toBe(403);

    const all = await create({});
    expect(all.status).toBe(201);
    expect([...all.body.entryIds].sort()).toEqual([...f.entryIds].sort());

    const patch = await t
      .http()
      .patch(`/voting/sessions/${f.sessionId}`)
      .set('Authorization', f.organizer.auth)
      .send({ entryIds: [f.entryIds[0], other.entryIds[0]] });
    expect(patch.status).toBe(400);

    // Disqualified after the list was made: it can no longer go on stage.
    await t.db.query(`UPDATE entries SET status = 'disqualified' WHERE id = $1`, [f.entryIds[2]]);
    const stage = (entryId: string) =>
      t
        .http()
        .post(`/voting/sessions/${f.sessionId}/stage`)
        .set('Authorization', f.organizer.auth)
        .send({ entryId });
    const refused = await stage(f.entryIds[2]);
    expect([refused.status, refused.body.code]).toEqual([400, 'voting.entry_not_in_round']);
    expect((await stage(f.entryIds[1])).status).toBe(200);
  });

  it('takes votes over sockets with an acknowledgement, and in on-stage mode only for the entry on stage', async () => {
    const f = await openSession(t, {
      mode: 'on_stage',
      policy: { perEntry: 1, identities: ['device'] },
    });
    const token = await deviceToken(t);
    const s = track(connect(t.url, { voterToken: token }));
    await connected(s);
    const none = await castOverSocket(s, { sessionId: f.sessionId, entryId: f.entryIds[0] });
    expect(none.error?.code).toBe('voting.entry_not_votable');

    const viewer = track(connect(t.url));
    await connected(viewer);
    const joined = (await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` })) as {
      ok: boolean;
      data: { session: { onStageEntryId: string | null }; tally: Tally };
    };
    expect(joined.ok).toBe(true);
    expect(joined.data.session.onStageEntryId).toBeNull();
    const switched = waitFor<{ onStageEntryId: string }>(
      viewer,
      'voting:session',
      (p) => p.onStageEntryId === f.entryIds[1],
    );
    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/stage`)
      .set('Authorization', f.organizer.auth)
      .send({ entryId: f.entryIds[1] })
      .expect(200);
    await switched;

    const voteId = randomUUID();
    // listening before the vote: the tally may go out before the acknowledgement is read
    const tallied = waitFor<Tally>(viewer, 'voting:tally', (p) => p.seq >= 1);
    const ok = await castOverSocket(s, { sessionId: f.sessionId, entryId: f.entryIds[1], voteId });
    expect(ok).toEqual({
      ok: true,
      data: {
        voteId,
        status: 'counted',
        receipt: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/),
      },
    });
    const dup = await castOverSocket(s, { sessionId: f.sessionId, entryId: f.entryIds[1], voteId });
    expect(dup).toEqual({
      ok: true,
      data: { voteId, status: 'already_counted', receipt: ok.data!.receipt },
    });
    const off = await castOverSocket(s, { sessionId: f.sessionId, entryId: f.entryIds[0] });
    expect(off.error?.code).toBe('voting.entry_not_votable');
    const tally = await tallied;
    expect(tally.tallies[f.entryIds[1]]).toBe(1);
  });

  it('hides live numbers from the public but not from organizers', async () => {
    const f = await openSession(t, { hideTallies: true });
    const viewer = track(connect(t.url));
    const organizer = track(connect(t.url, { token: f.organizer.accessToken }));
    await Promise.all([connected(viewer), connected(organizer)]);
    const pub = (await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` })) as {
      data: { tally: unknown };
    };
    expect(pub.data.tally).toBeNull();
    const denied = await viewer.emitWithAck('room:join', { room: `session-admin:${f.sessionId}` });
    expect(denied).toMatchObject({ ok: false, error: { code: 'realtime.room_forbidden' } });
    const adm = (await organizer.emitWithAck('room:join', {
      room: `session-admin:${f.sessionId}`,
    })) as { ok: boolean; data: { tally: Tally } };
    expect(adm.ok).toBe(true);
    let publicTallies = 0;
    viewer.on('voting:tally', () => publicTallies++);
    const seen = waitFor<Tally>(organizer, 'voting:tally', (p) => p.seq === 2);
    const token = await deviceToken(t);
    await castOverHttp(t, f.sessionId, { entryId: f.entryIds[0], voterToken: token }).expect(201);
    await castOverHttp(t, f.sessionId, { entryId: f.entryIds[1], voterToken: token }).expect(201);
    expect((await seen).tallies).toMatchObject({ [f.entryIds[0]]: 1, [f.entryIds[1]]: 1 });
    const shown = waitFor<Tally>(viewer, 'voting:tally', (p) => p.seq === 2);
    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/visibility`)
      .set('Authorization', f.organizer.auth)
      .send({ hideTallies: false })
      .expect(200);
    await shown;
    expect(publicTallies).toBe(1);
    const httpView = await t.http().get(`/voting/sessions/${f.sessionId}/tallies`).expect(200);
    expect(httpView.body.seq).toBe(2);
  });

  it('gives a viewer that was away during 1,000 votes a snapshot equal to the database', async () => {
    const f = await openSession(t, {
      entries: 4,
      policy: { perEntry: 1000, identities: ['device'] },
    });
    const viewer = track(connect(t.url));
    await connected(viewer);
    await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` });
    viewer.disconnect();
    const voters = track(connect(t.url));
    await connected(voters);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => deviceToken(t)));
    const acks = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        castOverSocket(voters, {
          sessionId: f.sessionId,
          entryId: f.entryIds[i % 4],
          voterToken: tokens[i % 10],
        }),
      ),
    );
    expect(acks.filter((a) => a.ok).length).toBe(1000);
    const back = track(connect(t.url));
    await connected(back);
    const snap = (await back.emitWithAck('room:join', { room: `session:${f.sessionId}` })) as {
      data: { tally: Tally };
    };
    const stored = await storedCounts(t, f.sessionId);
    expect(snap.data.tally.tallies).toEqual(stored);
    expect(snap.data.tally.seq).toBe(1000);
    expect(Object.values(stored).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  describe('bad input on sockets', () => {
    it('refuses votes for another contest’s entry or a closed session and stores nothing', async () => {
      const a = await openSession(t);
      const b = await openSession(t);
      const s = track(connect(t.url, { voterToken: await deviceToken(t) }));
      await connected(s);
      const cross = await castOverSocket(s, { sessionId: a.sessionId, entryId: b.entryIds[0] });
      expect(cross.error?.code).toBe('voting.entry_not_votable');
      await t
        .http()
        .post(`/voting/sessions/${b.sessionId}/state`)
        .set('Authorization', b.organizer.auth)
        .send({ action: 'close' })
        .expect(200);
      const closed = await castOverSocket(s, { sessionId: b.sessionId, entryId: b.entryIds[0] });
      expect(closed.error?.code).toBe('voting.window_closed');
      const missing = await castOverSocket(s, { sessionId: randomUUID(), entryId: b.entryIds[0] });
      expect(missing.error?.code).toBe('voting.session_not_found');
      const junk = (await s.emitWithAck('vote:cast', {
        sessionId: a.sessionId,
        entryId: { $gt: '' },
        voteId: 'x',
      })) as { error: { code: string } };
      expect(junk.error.code).toBe('voting.bad_vote');
      const noIdentity = track(connect(t.url));
      await connected(noIdentity);
      const anon = await castOverSocket(noIdentity, {
        sessionId: a.sessionId,
        entryId: a.entryIds[0],
      });
      expect(anon.error?.code).toBe('voting.identity_required');
      expect(await storedCounts(t, a.sessionId)).toEqual({});
      expect(await storedCounts(t, b.sessionId)).toEqual({});
    });

    it('refuses a forged or expired token and a foreign origin at the handshake', async () => {
      const member = await createUser(t, UserRole.Contestant);
      const forged = track(connect(t.url, { token: member.accessToken.slice(0, -4) + 'AAAA' }));
      await expect(connected(forged)).rejects.toMatchObject({
        data: { code: 'auth.token_invalid' },
      });
      const claims = JSON.parse(
        Buffer.from(member.accessToken.split('.')[1], 'base64url').toString(),
      ) as Record<string, unknown>;
      const expiredToken = t.app
        .get(JwtService)
        .sign(
          { sub: claims.sub, role: claims.role, sid: claims.sid, ver: claims.ver },
          { expiresIn: -60 },
        );
      const expired = track(connect(t.url, { token: expiredToken }));
      await expect(connected(expired)).rejects.toMatchObject({
        data: { code: 'auth.token_invalid' },
      });
      const foreign = track(connect(t.url, {}, { origin: 'https://evil.example' }));
      await expect(connected(foreign)).rejects.toBeInstanceOf(Error);
    });

    it('closes a socket that sends 1 MB or a truncated packet; the instance stays healthy', async () => {
      const f = await openSession(t);
      const big = track(connect(t.url));
      await connected(big);
      const gone = new Promise((r) => big.once('disconnect', r));
      big.emit('vote:cast', {
        sessionId: f.sessionId,
        entryId: f.entryIds[0],
        voteId: randomUUID(),
        pad: 'x'.repeat(1024 * 1024),
      });
      await gone;
      const raw = track(connect(t.url));
      await connected(raw);
      const gone2 = new Promise((r) => raw.once('disconnect', r));
      // an engine.io message frame ("4") holding a truncated socket.io event packet
      (raw.io.engine as unknown as { write(d: string): void }).write(
        '2["vote:cast",{"sessionId":"',
      );
      await gone2;
      expect(await storedCounts(t, f.sessionId)).toEqual({});
      const health = await t.http().get('/health').expect(200);
      expect(health.body.status).toBe('ok');
    });

    it('throttles a flood of votes from one socket, then closes it', async () => {
      const small = await startTestApp(
        { SOCKET_EVENTS_PER_SECOND: '5', SOCKET_BURST: '5' },
        undefined,
      );
      try {
        const f = await openSession(small);
        const s = connect(small.url, { voterToken: await deviceToken(small) });
        await connected(s);
        const gone = new Promise<string>((r) => s.once('disconnect', r));
        const acks = await Promise.all(
          Array.from({ length: 8 }, () =>
            s
              .timeout(3000)
              .emitWithAck('vote:cast', {
                sessionId: f.sessionId,
                entryId: f.entryIds[0],
                voteId: randomUUID(),
              })
              .catch(() => null),
          ),
        );
        const codes = acks.map(
          (a) => (a as { ok: boolean; error?: { code: string } } | null)?.error?.code ?? 'ok',
        );
        expect(codes).toContain('realtime.rate_limited');
        for (let i = 0; i < 20 && s.connected; i++) s.emit('vote:cast', {});
        expect(await gone).toBe('io server disconnect');
        const { rows } = await small.db.query('SELECT count(*)::int AS n FROM votes');
        expect(rows[0].n).toBeLessThanOrEqual(1); // one voter, one vote per entry
      } finally {
        await small.close();
      }
    });
  });
});
