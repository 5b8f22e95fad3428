import { randomUUID } from 'node:crypto';
import { DeviceTokens } from '../src/voting/voter-identity';
import { startTestApp, TestApp } from './support/test-app';
import { castOverSocket, connect, connected, openSession } from './voting-helpers';

jest.setTimeout(120_000);

describe('device tokens and the too-fast signal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      VOTING_DEVICE_TOKENS_PER_IP: '5',
      VOTING_DEVICE_TOKENS_PER_FINGERPRINT: '3',
      VOTING_DEVICE_TOKEN_WINDOW_SECONDS: '600',
    });
  });
  afterAll(() => t.close());

  let next = 0;
  /** A client address of its own for each call (the token limits are per address). */
  const address = () => `203.0.113.${++next}`;
  const mint = (ip: string, headers: Record<string, string> = {}) =>
    t.http().post('/voting/device-token').set('X-Forwarded-For', ip).set(headers);

  async function flagsOf(voteId: string): Promise<string[] | null> {
    const { rows } = await t.db.query<{ reasons: string[] }>(
      'SELECT reasons FROM vote_flags WHERE vote_id = $1',
      [voteId],
    );
    return rows[0]?.reasons ?? null;
  }

  it('holds a vote cast as its device token was issued, whatever the client says', async () => {
    const f = await openSession(t, { entries: 1 });
    const vote = async (token: string, elapsed?: string) => {
      const voteId = randomUUID();
      const req = t
        .http()
        .post(`/voting/sessions/${f.sessionId}/votes`)
        .set('Idempotency-Key', voteId)
        .set('X-Forwarded-For', address());
      if (elapsed !== undefined) req.set('X-Page-Elapsed', elapsed);
      const res = await req.send({ entryId: f.entryIds[0], voterToken: token });
      expect(res.status).toBe(201);
      return { held: res.body.held === true, reasons: await flagsOf(voteId) };
    };
    const fresh = async () => (await mint(address()).expect(201)).body.token as string;
    const devices = t.app.get(DeviceTokens);
    const aMinuteAgo = () => devices.issue(Date.now() - 60_000).token;

    // Just issued: too fast without the header, and with one that says the page is old.
    expect(await vote(await fresh())).toEqual({ held: true, reasons: ['too_fast'] });
    expect(await vote(await fresh(), '999999')).toEqual({ held: true, reasons: ['too_fast'] });
    // Issued a minute ago: counted; the client's figure may still make it faster.
    expect(await vote(aMinuteAgo())).toEqual({ held: false, reasons: null });
    expect(await vote(aMinuteAgo(), '5000')).toEqual({ held: false, reasons: null });
    expect(await vote(aMinuteAgo(), '10')).toEqual({ held: true, reasons: ['too_fast'] });

    // The same over a socket, whose payload says the page appeared long ago.
    const s = connect(t.url);
    await connected(s);
    try {
      const ack = await s.timeout(20_000).emitWithAck('vote:cast', {
        sessionId: f.sessionId,
        entryId: f.entryIds[0],
        voteId: randomUUID(),
        voterToken: devices.issue().token,
        elapsedMs: 999_999,
      });
      expect(ack).toMatchObject({ ok: true, data: { status: 'counted', held: true } });
      const later = await castOverSocket(s, {
        sessionId: f.sessionId,
        entryId: f.entryIds[0],
        voterToken: aMinuteAgo(),
      });
      expect(later.data).toMatchObject({ status: 'counted' });
      expect(later.data?.held).toBeUndefined();
    } finally {
      s.disconnect();
    }
  });

  it('issues a handful of tokens per address, then refuses with 429 and Retry-After', async () => {
    const ip = address();
    const answers = await Promise.all(Array.from({ length: 12 }, () => mint(ip)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      const after = Number(r.headers['retry-after']);
      expect(after).toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThanOrEqual(600);
      expect(r.body).toMatchObject({
        statusCode: 429,
        code: 'voting.device_tokens_limited',
        message: `Mạng hoặc trình duyệt của bạn đã lấy quá nhiều mã thiết bị bình chọn, vui lòng thử lại sau ${after} giây.`,
      });
      expect(r.body.token).toBeUndefined();
    }
    const en = await mint(ip, { 'Accept-Language': 'en' }).expect(429);
    expect(en.body.message).toBe(
      `Too many voting device tokens were requested from your network or browser; try again in ${en.headers['retry-after']} seconds.`,
    );
    // Refusals count for nothing; another address is not held back.
    const { rows } = await t.db.query<{ minted: number }>(
      'SELECT minted FROM device_token_mints WHERE key = $1',
      [`i:${ip}`],
    );
    expect(rows).toEqual([{ minted: 5 }]);
    await mint(address()).expect(201);
  });

  it('counts an IPv6 /64 as one address, and a browser fingerprint across addresses', async () => {
    const v6 = await Promise.all(
      Array.from({ length: 6 }, (_, i) => mint(`2001:db8:7:1::${(i + 1).toString(16)}`)),
    );
    expect(v6.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429]);
    await mint('2001:db8:7:2::1').expect(201);

    const fingerprint = { 'X-Client-Fingerprint': 'cung-mot-trinh-duyet' };
    const same = [];
    for (let i = 0; i < 4; i++) same.push((await mint(address(), fingerprint)).status);
    expect(same).toEqual([201, 201, 201, 429]);
    // A malformed fingerprint is ignored, like the votes' own.
    await mint(address(), { 'X-Client-Fingerprint': 'not a fingerprint!' }).expect(201);
  });
});
