import { randomUUID } from 'node:crypto';
import { runCli } from '../src/cli';
import { UserRole } from '../src/users/entities/user.entity';
import { receiptCode } from '../src/vote-integrity/chain';
import { VoteIntegrityService } from '../src/vote-integrity/vote-integrity.service';
import { DeviceTokens } from '../src/voting/voter-identity';
import { createUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { castOverSocket, connect, connected, openSession } from './voting-helpers';

jest.setTimeout(180_000);

interface Tally {
  sessionId: string;
  seq: number;
  tallies: Record<string, number>;
}

function countPerEntry(casts: Array<{ entryId: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of casts) out[c.entryId] = (out[c.entryId] ?? 0) + 1;
  return out;
}

function sum(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** Waits (bounded) until `cond` holds; the failure is the assertion that follows. */
async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 20));
}

interface Cast {
  voteId: string;
  entryId: string;
  ip: string;
  fingerprint: string;
}

describe('Fraud signals and quarantine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  async function castAll(sessionId: string, casts: Cast[]) {
    const devices = t.app.get(DeviceTokens);
    const answers: number[] = [];
    for (let i = 0; i < casts.length; i += 50) {
      const chunk = casts.slice(i, i + 50);
      const res = await Promise.all(
        chunk.map((c) =>
          t
            .http()
            .post(`/voting/sessions/${sessionId}/votes`)
            .set('Idempotency-Key', c.voteId)
            .set('X-Forwarded-For', c.ip)
            .set('X-Client-Fingerprint', c.fingerprint)
            .send({ entryId: c.entryId, voterToken: devices.issue(Date.now() - 60_000).token }),
        ),
      );
      answers.push(...res.map((r) => r.status));
    }
    return answers;
  }

  async function flagsOf(ids: string[]) {
    const { rows } = await t.db.query<{ vote_id: string; reasons: string[]; status: string }>(
      'SELECT vote_id, reasons, status FROM vote_flags WHERE vote_id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.vote_id, r]));
  }

  async function publicTally(sessionId: string): Promise<Tally & { total: number }> {
    const res = await t.http().get(`/voting/sessions/${sessionId}/tallies`).expect(200);
    const body = res.body as Tally;
    const tallies = Object.fromEntries(Object.entries(body.tallies).filter(([, n]) => n !== 0));
    return { ...body, tallies, total: Object.values(tallies).reduce((a, b) => a + b, 0) };
  }

  async function receiptOf(voteId: string): Promise<string> {
    const { rows } = await t.db.query<{ hash: string }>(
      'SELECT b.hash FROM votes v JOIN vote_batches b ON b.id = v.batch_id WHERE v.id = $1',
      [voteId],
    );
    return receiptCode(voteId, rows[0].hash);
  }

  const integrity = () => t.app.get(VoteIntegrityService);

  it('quarantines all of a device farm and a crowded address, earlier votes too, and nothing beside them; releases count, voids never; all audited', async () => {
    const f = await openSession(t, { entries: 3 });
    const pick = (i: number) => f.entryIds[i % 3];
    // a viewer watching the live tally
    const viewer = connect(t.url);
    await connected(viewer);
    const joined = (await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` })) as {
      ok: boolean;
    };
    expect(joined.ok).toBe(true);
    let latest: Tally | null = null;
    viewer.on('voting:tally', (p: Tally) => {
      if (!latest || p.seq > latest.seq) latest = p;
    });
    // 300 device tokens from one browser fingerprint, each from its own address
    const farm: Cast[] = Array.from({ length: 300 }, (_, i) => ({
      voteId: randomUUID(),
      entryId: pick(i),
      ip: `45.${10 + (i >> 8)}.${i & 255}.7`,
      fingerprint: 'farm-fingerprint',
    }));
    // 200 voters behind one address, each with its own browser
    const crowd: Cast[] = Array.from({ length: 200 }, (_, i) => ({
      voteId: randomUUID(),
      entryId: pick(i),
      ip: '203.0.113.50',
      fingerprint: `crowd-${i}`,
    }));
    // ordinary viewers: their own address, network and browser
    const normal: Cast[] = Array.from({ length: 240 }, (_, i) => ({
      voteId: randomUUID(),
      entryId: pick(i + 1),
      ip: `14.${160 + (i % 8)}.${i}.9`,
      fingerprint: `viewer-${i}`,
    }));
    const normalPerEntry = countPerEntry(normal);
    // interleaved, as they would arrive
    const all: Cast[] = [];
    for (let i = 0; i < 300; i++) {
      all.push(farm[i]);
      if (crowd[i]) all.push(crowd[i]);
      if (normal[i]) all.push(normal[i]);
    }
    const statuses = await castAll(f.sessionId, all);
    expect(statuses.every((s) => s === 201)).toBe(true);
    // the sweeps run right after the batches commit; wait for the last of them
    await integrity().settle();

    // every vote is stored
    const stored = await t.db.query('SELECT count(*)::int AS n FROM votes WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(stored.rows[0].n).toBe(740);
    // the whole farm and the whole crowd are held, the first votes under each key too
    const farmFlags = await flagsOf(farm.map((c) => c.voteId));
    const crowdFlags = await flagsOf(crowd.map((c) => c.voteId));
    const normalFlags = await flagsOf(normal.map((c) => c.voteId));
    expect(farmFlags.size).toBe(300);
    expect([...farmFlags.values()].every((r) => r.reasons.includes('fingerprint_crowd'))).toBe(
      true,
    );
    expect(crowdFlags.size).toBe(200);
    expect([...crowdFlags.values()].every((r) => r.reasons.includes('ip_crowd'))).toBe(true);
    expect(
      [...farmFlags.values(), ...crowdFlags.values()].every((r) => r.status === 'quarantined'),
    ).toBe(true);
    expect(normalFlags.size).toBe(0);
    // the public tally is the ordinary viewers' votes, entry by entry
    const tally = await publicTally(f.sessionId);
    expect(tally.tallies).toEqual(normalPerEntry);
    // and the viewer's live tally came down to it (its sequence kept growing)
    await until(() => latest?.seq === tally.seq);
    expect(latest!.tallies).toEqual(normalPerEntry);
    // no tally row below zero but the retraction shard, which holds what the sweeps took back
    const shards = await t.db.query<{ shard: number; n: string }>(
      `SELECT shard, sum(votes) AS n FROM voting_tallies WHERE session_id = $1 GROUP BY shard`,
      [f.sessionId],
    );
    expect(shards.rows.filter((r) => Number(r.n) < 0).map((r) => r.shard)).toEqual([-1]);

    // each retroactive sweep is audited: the key, the signal, how many and which votes
    const sweeps = await t.db.query<{
      actor_id: string | null;
      after: { reason: string; key: string; count: number; voteIds: string[] };
    }>(
      `SELECT actor_id, after FROM audit_log WHERE subject_id = $1
       AND action = 'voting.votes_quarantined' ORDER BY id`,
      [f.sessionId],
    );
    const swept = (reason: string) =>
      sweeps.rows.filter((r) => r.after.reason === reason).flatMap((r) => r.after.voteIds);
    expect(sweeps.rows.every((r) => r.actor_id === null && r.after.count > 0)).toBe(true);
    // the first 20 devices of the fingerprint, the first 50 voters behind the address
    expect(swept('fingerprint_crowd')).toHaveLength(20);
    expect(new Set(farm.map((c) => c.voteId))).toEqual(
      new Set([...swept('fingerprint_crowd'), ...farm.map((c) => c.voteId)]),
    );
    expect(swept('ip_crowd')).toHaveLength(50);
    expect(sweeps.rows.find((r) => r.after.reason === 'ip_crowd')!.after.key).toBe(
      'ip:203.0.113.50',
    );
    // a receipt of a vote held after the fact says it is held
    const heldId = swept('ip_crowd')[0];
    const held = await t
      .http()
      .get(`/voting/receipts/${heldId}/${await receiptOf(heldId)}`)
      .expect(200);
    expect(held.body.status).toBe('quarantined');

    // the queue is for organizers only
    const stranger = await createUser(t, UserRole.Organizer);
    await t
      .http()
      .get(`/voting/sessions/${f.sessionId}/quarantine`)
      .set('Authorization', stranger.auth)
      .expect(403);
    const queue = await t
      .http()
      .get(`/voting/sessions/${f.sessionId}/quarantine?reason=ip_crowd&limit=500`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(queue.body.counts).toEqual({ quarantined: 500, released: 0, voided: 0 });
    expect(queue.body.items).toHaveLength(200);

    // release ten of the farm one by one, five held after the fact: they join the tally
    const farmSwept = swept('fingerprint_crowd');
    const atIntake = farm.map((c) => c.voteId).filter((id) => !farmSwept.includes(id));
    const release = [...farmSwept.slice(0, 5), ...atIntake.slice(0, 5)];
    for (const id of release) {
      const r = await t
        .http()
        .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
        .set('Authorization', f.organizer.auth)
        .send({ action: 'release', voteIds: [id], note: 'Đã gọi điện xác minh' })
        .expect(200);
      expect(r.body.decided).toBe(1);
    }
    const released = countPerEntry(farm.filter((c) => release.includes(c.voteId)));
    expect((await publicTally(f.sessionId)).tallies).toEqual(sum(normalPerEntry, released));
    // void the rest of the farm in bulk: they never count, not even if released later
    const voided = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'void', all: true, reason: 'fingerprint_crowd' })
      .expect(200);
    expect(voided.body.decided).toBe(290);
    const again = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'release', voteIds: [farmSwept[10], atIntake[10]] })
      .expect(200);
    expect(again.body.decided).toBe(0);
    expect((await publicTally(f.sessionId)).total).toBe(250);
    // release the crowd in bulk
    const crowdRelease = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'release', all: true })
      .expect(200);
    expect(crowdRelease.body.decided).toBe(200);
    expect(crowdRelease.body.counts).toEqual({ quarantined: 0, released: 210, voided: 290 });
    const final = await publicTally(f.sessionId);
    expect(final.tallies).toEqual(sum(sum(normalPerEntry, released), countPerEntry(crowd)));
    expect(final.total).toBe(450);
    await until(() => latest?.seq === final.seq);
    expect(latest!.tallies).toEqual(final.tallies);

    // decisions audited: who, what, how many
    const audit = await t.db.query(
      `SELECT action, actor_id, after, reason FROM audit_log WHERE subject_id = $1
       AND action IN ('voting.votes_released', 'voting.votes_voided') ORDER BY id`,
      [f.sessionId],
    );
    expect(audit.rows).toHaveLength(12);
    expect(audit.rows.every((r) => r.actor_id === f.organizer.id)).toBe(true);
    expect(audit.rows[0]).toMatchObject({
      action: 'voting.votes_released',
      reason: 'Đã gọi điện xác minh',
      after: { count: 1, voteIds: [release[0]] },
    });
    expect(audit.rows[10]).toMatchObject({ action: 'voting.votes_voided', after: { count: 290 } });
    expect(audit.rows[11]).toMatchObject({
      action: 'voting.votes_released',
      after: { count: 200 },
    });

    // a receipt of a voided vote says so, one held after the fact as well
    for (const voidedId of [atIntake[50], farmSwept[10]]) {
      const check = await t
        .http()
        .get(`/voting/receipts/${voidedId}/${await receiptOf(voidedId)}`)
        .expect(200);
      expect(check.body.status).toBe('voided');
    }
    await t.http().get(`/voting/receipts/${atIntake[50]}/AAAAAAAAAA`).expect(404);
    // a released one counts
    const counted = await t
      .http()
      .get(`/voting/receipts/${farmSwept[0]}/${await receiptOf(farmSwept[0])}`)
      .expect(200);
    expect(counted.body.status).toBe('counted');

    // the recount agrees with the live tally (held and voided votes excluded)
    const recount = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(recount.body).toMatchObject({ equal: true, votes: 740, notCounting: 290 });
    expect(recount.body.recomputed).toEqual(final.tallies);
    const stored2 = await t
      .http()
      .get(`/voting/sessions/${f.sessionId}/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(stored2.body.equal).toBe(true);
    viewer.disconnect();
  });

  it('takes a vote out of the tally once, however many sweeps race for it', async () => {
    const f = await openSession(t, { entries: 2 });
    const casts: Cast[] = Array.from({ length: 40 }, (_, i) => ({
      voteId: randomUUID(),
      entryId: f.entryIds[i % 2],
      ip: `14.200.${i}.1`,
      fingerprint: `solo-${i}`,
    }));
    expect((await castAll(f.sessionId, casts)).every((s) => s === 201)).toBe(true);
    const ids = casts.map((c) => c.voteId);
    const missing = randomUUID();
    const trip = (voteIds: string[]) => ({
      sessionId: f.sessionId,
      reason: 'ip_crowd' as const,
      key: 'ip:test',
      voteIds,
      voterKeys: [],
    });
    const voters = await t.db.query<{ voter_key: string }>(
      'SELECT voter_key FROM votes WHERE id = ANY($1::uuid[])',
      [ids.slice(25)],
    );
    // overlapping sweeps at once (by vote and by voter), plus one with a vote not stored (yet)
    const outcomes = await Promise.all([
      integrity().sweep(trip(ids)),
      integrity().sweep(trip(ids.slice(0, 30))),
      integrity().sweep({ ...trip([]), voterKeys: voters.rows.map((r) => r.voter_key) }),
      integrity().sweep(trip(ids.slice(10))),
      integrity().sweep(trip([...ids.slice(5, 15), missing])),
      integrity().sweep(trip(ids)),
    ]);
    expect(outcomes.reduce((n, o) => n + o.quarantined, 0)).toBe(40);
    expect(outcomes[4].missing).toEqual([missing]);
    expect((await publicTally(f.sessionId)).total).toBe(0);
    const flags = await flagsOf(ids);
    expect(flags.size).toBe(40);
    const audits = await t.db.query<{ n: string }>(
      `SELECT sum((after->>'count')::int) AS n FROM audit_log WHERE subject_id = $1
       AND action = 'voting.votes_quarantined'`,
      [f.sessionId],
    );
    expect(Number(audits.rows[0].n)).toBe(40);
    // a release and a sweep at once: released votes stay released, and count once
    await Promise.all([
      t
        .http()
        .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
        .set('Authorization', f.organizer.auth)
        .send({ action: 'release', all: true })
        .expect(200),
      integrity().sweep(trip(ids)),
    ]);
    expect((await integrity().sweep(trip(ids))).quarantined).toBe(0);
    const tally = await publicTally(f.sessionId);
    expect(tally.total).toBe(40);
    expect(tally.tallies).toEqual(countPerEntry(casts));
    const recount = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(recount.body).toMatchObject({ equal: true, votes: 40, notCounting: 0 });
  });
});

describe('Hash chain, receipts and recount', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SOCKET_EVENTS_PER_SECOND: '10000', SOCKET_BURST: '100000' });
  });
  afterAll(() => t.close());

  it('recounts 10,000 votes equal to the live tally, and detects a vote changed by hand', async () => {
    const f = await openSession(t, { entries: 5 });
    const devices = t.app.get(DeviceTokens);
    const sockets = Array.from({ length: 8 }, () => connect(t.url));
    await Promise.all(sockets.map(connected));
    const TOTAL = 10_000;
    let next = 0;
    let counted = 0;
    let firstAck: { voteId: string; receipt?: string } | undefined;
    await Promise.all(
      sockets.map(async (s) => {
        const inflight = new Set<Promise<void>>();
        while (next < TOTAL) {
          const i = next++;
          const p = castOverSocket(s, {
            sessionId: f.sessionId,
            entryId: f.entryIds[i % 5],
            voterToken: devices.issue(Date.now() - 60_000).token,
          }).then((ack) => {
            if (ack.ok && ack.data?.status === 'counted') {
              counted++;
              firstAck ??= ack.data as { voteId: string; receipt?: string };
            }
          });
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
          if (inflight.size >= 100) await Promise.race(inflight);
        }
        await Promise.all(inflight);
      }),
    );
    sockets.forEach((s) => s.disconnect());
    expect(counted).toBe(TOTAL);

    // the receipt in the acknowledgement checks out
    expect(firstAck!.receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const receipt = await t
      .http()
      .get(`/voting/receipts/${firstAck!.voteId}/${firstAck!.receipt}`)
      .expect(200);
    expect(receipt.body).toMatchObject({ status: 'counted', sessionId: f.sessionId });

    const recount = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(recount.body.equal).toBe(true);
    expect(recount.body.votes).toBe(TOTAL);
    expect(recount.body.chain.valid).toBe(true);
    expect(recount.body.chain.batches).toBeGreaterThan(1);
    const live = (await t.http().get(`/voting/sessions/${f.sessionId}/tallies`).expect(200)).body;
    expect(recount.body.recomputed).toEqual(live.tallies);
    expect(Object.values(live.tallies as Record<string, number>).reduce((a, b) => a + b)).toBe(
      TOTAL,
    );

    // the same from the command line
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.databaseUrl, LANG: 'en' };
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runCli(['recount', f.sessionId], env, io)).toBe(0);
    expect(out[0]).toContain('the tallies equal the live ones');

    // someone changes one stored vote by hand
    const victim = await t.db.query<{ id: string; entry_id: string }>(
      'SELECT id, entry_id FROM votes WHERE session_id = $1 LIMIT 1 OFFSET 4321',
      [f.sessionId],
    );
    const other = f.entryIds.find((e) => e !== victim.rows[0].entry_id)!;
    await t.db.query('UPDATE votes SET entry_id = $2 WHERE id = $1', [victim.rows[0].id, other]);
    const seq = await t.db.query<{ seq: number }>(
      'SELECT b.seq FROM votes v JOIN vote_batches b ON b.id = v.batch_id WHERE v.id = $1',
      [victim.rows[0].id],
    );
    const broken = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(broken.body.equal).toBe(false);
    expect(broken.body.chain.valid).toBe(false);
    expect(broken.body.chain.problems).toEqual([
      { seq: seq.rows[0].seq, problem: 'hash_mismatch' },
    ]);
    expect(broken.body.differences).toHaveLength(2);
    expect(await runCli(['recount', f.sessionId], env, io)).toBe(2);
    expect(err[0]).toContain('MISMATCH');

    // a vote slipped in by hand is outside the chain
    await t.db.query('UPDATE votes SET entry_id = $2 WHERE id = $1', [
      victim.rows[0].id,
      victim.rows[0].entry_id,
    ]);
    await t.db.query(
      `INSERT INTO votes (id, session_id, entry_id, voter_key, vote_day, channel)
       VALUES ($1, $2, $3, 'd:forged', now()::date, 'http')`,
      [randomUUID(), f.sessionId, f.entryIds[0]],
    );
    const forged = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(forged.body.chain.problems).toEqual([]);
    expect(forged.body.chain.unchained).toBe(1);
    expect(forged.body.equal).toBe(false);

    // ... and so is one slipped in later under a chained batch's id
    const batch = await t.db.query<{ id: string }>(
      'SELECT id FROM vote_batches WHERE session_id = $1 AND seq = 2',
      [f.sessionId],
    );
    await t.db.query(
      `INSERT INTO votes (id, session_id, entry_id, voter_key, vote_day, channel, batch_id)
       VALUES ($1, $2, $3, 'd:forged-2', now()::date, 'http', $4)`,
      [randomUUID(), f.sessionId, f.entryIds[0], batch.rows[0].id],
    );
    const later = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(later.body.chain.valid).toBe(false);
    expect(later.body.chain.unchained).toBe(2);

    // ... or with the batch's own time: the batch no longer adds up
    await t.db.query(
      `INSERT INTO votes (id, session_id, entry_id, voter_key, vote_day, channel, batch_id,
         created_at)
       SELECT $1, $2, $3, 'd:forged-3', now()::date, 'http', b.id, b.created_at
       FROM vote_batches b WHERE b.id = $4`,
      [randomUUID(), f.sessionId, f.entryIds[0], batch.rows[0].id],
    );
    const same = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(same.body.chain.problems).toEqual([{ seq: 2, problem: 'count_mismatch' }]);
  });
});

describe('Socket voters behind a reverse proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', VOTE_MAX_VOTERS_PER_IP: '3' });
  });
  afterAll(() => t.close());

  it("judges each socket voter by the client address the proxy forwards, not the proxy's", async () => {
    const f = await openSession(t, { entries: 2 });
    const devices = t.app.get(DeviceTokens);
    // Six voters behind one forwarded address (over the limit of 3), six behind their own.
    const crowd = Array.from({ length: 6 }, () => '198.51.100.20');
    const apart = Array.from({ length: 6 }, (_, i) => `203.0.113.${i + 1}`);
    const voters = [...crowd, ...apart].map((ip) => ({
      ip,
      voteId: randomUUID(),
      socket: connect(t.url, {}, { headers: { 'x-forwarded-for': `${ip}, 10.0.0.2` } }),
    }));
    await Promise.all(voters.map((v) => connected(v.socket)));
    try {
      for (const [i, v] of voters.entries()) {
        const ack = await castOverSocket(v.socket, {
          sessionId: f.sessionId,
          entryId: f.entryIds[i % 2],
          voteId: v.voteId,
          voterToken: devices.issue(Date.now() - 60_000).token,
        });
        expect(ack.ok).toBe(true);
      }
    } finally {
      for (const v of voters) v.socket.disconnect();
    }

    const flagged = async () => {
      const { rows } = await t.db.query<{ vote_id: string; reasons: string[] }>(
        'SELECT vote_id, reasons FROM vote_flags WHERE vote_id = ANY($1::uuid[])',
        [voters.map((v) => v.voteId)],
      );
      return new Map(rows.map((r) => [r.vote_id, r.reasons]));
    };
    // The votes cast before the address tripped are held by the sweep that follows the trip.
    let flags = await flagged();
    for (const end = Date.now() + 20_000; flags.size < crowd.length && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 50));
      flags = await flagged();
    }
    for (const v of voters.slice(0, crowd.length))
      expect(flags.get(v.voteId)).toEqual(expect.arrayContaining(['ip_crowd']));
    for (const v of voters.slice(crowd.length)) expect(flags.has(v.voteId)).toBe(false);

    const tally = await t.http().get(`/voting/sessions/${f.sessionId}/tallies`).expect(200);
    const total = Object.values(tally.body.tallies as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBe(apart.length);
  });
});
