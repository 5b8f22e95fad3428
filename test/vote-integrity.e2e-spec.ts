import { randomUUID } from 'node:crypto';
import { runCli } from '../src/cli';
import { UserRole } from '../src/users/entities/user.entity';
import { receiptCode } from '../src/vote-integrity/chain';
import { DeviceTokens } from '../src/voting/voter-identity';
import { createUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { castOverSocket, connect, connected, openSession } from './voting-helpers';

jest.setTimeout(180_000);

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
            .send({ entryId: c.entryId, voterToken: devices.issue().token }),
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

  async function publicTally(sessionId: string): Promise<number> {
    const res = await t.http().get(`/voting/sessions/${sessionId}/tallies`).expect(200);
    return Object.values(res.body.tallies as Record<string, number>).reduce((a, b) => a + b, 0);
  }

  it('quarantines a device farm and a crowded address, not the traffic beside them; releases and voids are audited', async () => {
    const f = await openSession(t, { entries: 3 });
    const pick = (i: number) => f.entryIds[i % 3];
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
      entryId: pick(i),
      ip: `14.${160 + (i % 8)}.${i}.9`,
      fingerprint: `viewer-${i}`,
    }));
    // interleaved, as they would arrive
    const all: Cast[] = [];
    for (let i = 0; i < 300; i++) {
      all.push(farm[i]);
      if (crowd[i]) all.push(crowd[i]);
      if (normal[i]) all.push(normal[i]);
    }
    const statuses = await castAll(f.sessionId, all);
    expect(statuses.every((s) => s === 201)).toBe(true);

    // every vote is stored
    const stored = await t.db.query('SELECT count(*)::int AS n FROM votes WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(stored.rows[0].n).toBe(740);
    // the farm beyond 20 devices per fingerprint, the crowd beyond 50 voters per address
    const farmFlags = await flagsOf(farm.map((c) => c.voteId));
    const crowdFlags = await flagsOf(crowd.map((c) => c.voteId));
    const normalFlags = await flagsOf(normal.map((c) => c.voteId));
    expect(farmFlags.size).toBe(280);
    expect([...farmFlags.values()].every((r) => r.reasons.includes('fingerprint_crowd'))).toBe(
      true,
    );
    expect(crowdFlags.size).toBe(150);
    expect([...crowdFlags.values()].every((r) => r.reasons.includes('ip_crowd'))).toBe(true);
    expect(normalFlags.size).toBe(0);
    // quarantined votes are not in the public tally
    expect(await publicTally(f.sessionId)).toBe(740 - 430);

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
    expect(queue.body.counts).toEqual({ quarantined: 430, released: 0, voided: 0 });
    expect(queue.body.items).toHaveLength(150);

    // release ten of the farm one by one: they join the tally
    const release = [...farmFlags.keys()].slice(0, 10);
    for (const id of release) {
      const r = await t
        .http()
        .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
        .set('Authorization', f.organizer.auth)
        .send({ action: 'release', voteIds: [id], note: 'Đã gọi điện xác minh' })
        .expect(200);
      expect(r.body.decided).toBe(1);
    }
    expect(await publicTally(f.sessionId)).toBe(310 + 10);
    // void the rest of the farm in bulk: they never count, not even if released later
    const voided = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'void', all: true, reason: 'fingerprint_crowd' })
      .expect(200);
    expect(voided.body.decided).toBe(270);
    const again = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'release', voteIds: [...farmFlags.keys()].slice(10, 20) })
      .expect(200);
    expect(again.body.decided).toBe(0);
    expect(await publicTally(f.sessionId)).toBe(320);
    // release the crowd in bulk
    const crowdRelease = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/quarantine/decisions`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'release', all: true })
      .expect(200);
    expect(crowdRelease.body.decided).toBe(150);
    expect(crowdRelease.body.counts).toEqual({ quarantined: 0, released: 160, voided: 270 });
    expect(await publicTally(f.sessionId)).toBe(470);

    // audited: who, what, how many
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
    expect(audit.rows[10]).toMatchObject({ action: 'voting.votes_voided', after: { count: 270 } });

    // a receipt of a voided vote says so
    const voidedId = [...farmFlags.keys()][50];
    const { rows } = await t.db.query(
      'SELECT b.hash FROM votes v JOIN vote_batches b ON b.id = v.batch_id WHERE v.id = $1',
      [voidedId],
    );
    const check = await t
      .http()
      .get(`/voting/receipts/${voidedId}/${receiptCode(voidedId, rows[0].hash)}`)
      .expect(200);
    expect(check.body.status).toBe('voided');
    await t.http().get(`/voting/receipts/${voidedId}/AAAAAAAAAA`).expect(404);

    // the recount agrees with the live tally (held and voided votes excluded)
    const recount = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/integrity/recount`)
      .set('Authorization', f.organizer.auth)
      .expect(200);
    expect(recount.body).toMatchObject({ equal: true, votes: 740, notCounting: 270 });
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
            voterToken: devices.issue().token,
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
  });
});
