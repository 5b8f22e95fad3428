import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { loadConfig } from '../src/config/config';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { VerifiedPhoneTokens } from '../src/phone-verification/phone-tokens';
import { startTestApp, TestApp } from './support/test-app';
import { deviceToken, openSession } from './voting-helpers';

describe('Phone verification (log provider)', () => {
  let t: TestApp;
  let outbox: OtpOutbox;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      OTP_RESEND_SECONDS: '0',
      OTP_SEND_PER_PHONE: '3',
      OTP_SEND_PER_IP: '12',
      OTP_SEND_PER_DEVICE: '4',
      OTP_MAX_ATTEMPTS: '5',
    });
    outbox = t.app.get(OtpOutbox);
  });
  afterAll(() => t.close());

  let n = 100;
  const nextPhone = () => {
    n++;
    return {
      local: `0912 345 ${String(n).padStart(3, '0')}`,
      e164: `+84912345${String(n).padStart(3, '0')}`,
    };
  };
  const send = (phone: string, ip = '198.51.100.1', device?: string) => {
    const req = t.http().post('/phone-verification/send').set('X-Forwarded-For', ip);
    if (device) req.set('X-Voter-Token', device);
    return req.send({ phone });
  };
  const verify = (phone: string, code: string) =>
    t.http().post('/phone-verification/verify').set('Accept-Language', 'vi').send({ phone, code });

  it('sends a code stored only as a hash; any spelling of the number verifies it', async () => {
    const p = nextPhone();
    const sent = await send(p.local).expect(202);
    expect(sent.body).toMatchObject({ phone: p.e164, maxAttempts: 5 });
    const code = outbox.last(p.e164)!;
    expect(code).toMatch(/^\d{6}$/);
    const { rows } = await t.db.query('SELECT code_hash FROM phone_codes WHERE phone = $1', [
      p.e164,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].code_hash).not.toContain(code);
    const ok = await verify(`84${p.e164.slice(3)}`, code).expect(200);
    expect(ok.body.phone).toBe(p.e164);
    expect(await t.app.get(VerifiedPhoneTokens).resolve(ok.body.token)).toBe(p.e164);
    // a code works once
    await verify(p.local, code).expect(400);
  });

  it('stops guessing after the allowed tries, even for the right code', async () => {
    const p = nextPhone();
    await send(p.local).expect(202);
    const code = outbox.last(p.e164)!;
    const guesses = ['000000', '111111', '222222', '333333', '444444', '555555', '666666']
      .filter((g) => g !== code)
      .slice(0, 5);
    const answers = [];
    for (const g of guesses) answers.push((await verify(p.local, g)).body.code);
    expect(answers.slice(0, 4)).toEqual(Array(4).fill('phone_verification.wrong_code'));
    expect(answers[4]).toBe('phone_verification.too_many_attempts');
    const right = await verify(p.local, code);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('phone_verification.too_many_attempts');
    expect(right.body.message).toContain('sai quá số lần');
  });

  it('guessing in parallel cannot beat the try limit', async () => {
    const p = nextPhone();
    await send(p.local).expect(202);
    const code = outbox.last(p.e164)!;
    const guesses = Array.from({ length: 40 }, (_, i) => String(i).padStart(6, '0')).filter(
      (g) => g !== code,
    );
    const results = await Promise.all(guesses.map((g) => verify(p.local, g)));
    expect(results.filter((r) => r.body.code === 'phone_verification.wrong_code')).toHaveLength(4);
    const { rows } = await t.db.query('SELECT attempts FROM phone_codes WHERE phone = $1', [
      p.e164,
    ]);
    expect(rows[0].attempts).toBe(5);
    expect((await verify(p.local, code)).status).toBe(429);
  });

  it('limits sending per phone, even with concurrent requests', async () => {
    const p = nextPhone();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send(p.local, `203.0.113.${i + 1}`)),
    );
    expect(results.filter((r) => r.status === 202)).toHaveLength(3);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0].body.code).toBe('phone_verification.send_limited');
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(outbox.count(p.e164)).toBe(3);
  });

  it('limits sending per client address and per device', async () => {
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await send(nextPhone().local, ip)).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(12);
    expect(statuses.slice(12)).toEqual([429, 429]);

    const device = await deviceToken(t);
    const byDevice: number[] = [];
    for (let i = 0; i < 6; i++)
      byDevice.push((await send(nextPhone().local, `192.0.2.${100 + i}`, device)).status);
    expect(byDevice).toEqual([202, 202, 202, 202, 429, 429]);
  });

  it('refuses numbers that are not Vietnamese phones', async () => {
    const res = await send('+1 415 555 0100').expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'phone' });
    await verify('0912345678', '12345').expect(400);
  });

  it('a verified phone votes; every spelling of the number is the same voter', async () => {
    const f = await openSession(t, { entries: 2, policy: { perEntry: 1, identities: ['phone'] } });
    const p = nextPhone();
    const tokenFor = async (spelling: string) => {
      await send(spelling, `198.51.100.${n % 200}`).expect(202);
      const ok = await verify(spelling, outbox.last(p.e164)!).expect(200);
      return ok.body.token as string;
    };
    const vote = (phoneToken: string) =>
      t
        .http()
        .post(`/voting/sessions/${f.sessionId}/votes`)
        .set('Idempotency-Key', randomUUID())
        .send({ entryId: f.entryIds[0], phoneToken });
    // without a verified phone: refused with the reason
    const none = await vote('pv1.84912345678.zzzzzz.forged').expect(401);
    expect(none.body.code).toBe('voting.identity_required');
    await vote(await tokenFor(p.local)).expect(201);
    const again = await vote(await tokenFor(`+84 ${p.e164.slice(3)}`)).expect(409);
    expect(again.body.code).toBe('voting.limit_reached');
    const { rows } = await t.db.query('SELECT voter_key FROM votes WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(rows).toEqual([{ voter_key: `p:${p.e164}` }]);
  });

  it('verified-phone tokens cannot be forged', () => {
    const tokens = t.app.get(VerifiedPhoneTokens);
    const { token } = tokens.issue('+84912345678');
    expect(tokens.verify(token)).toBe('+84912345678');
    expect(tokens.verify(token.replace('84912345678', '84912345679'))).toBeNull();
    expect(tokens.verify(token.slice(0, -2) + 'xx')).toBeNull();
    expect(tokens.verify('pv1.84912345678.zzzz.abc')).toBeNull();
  });
});

describe('Phone verification: expiry and the HTTP gateway', () => {
  let t: TestApp;
  let gateway: Server;
  const received: Array<{ auth?: string; body: Record<string, unknown> }> = [];
  let failNext = false;

  beforeAll(async () => {
    gateway = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.statusCode = failNext ? 502 : 200;
        failNext = false;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const port = (gateway.address() as { port: number }).port;
    t = await startTestApp({
      OTP_PROVIDER: 'http',
      OTP_HTTP_URL: `http://127.0.0.1:${port}/sms`,
      OTP_HTTP_TOKEN: 'gateway-secret-0123456789',
      OTP_TTL_SECONDS: '1',
      OTP_RESEND_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => gateway.close(r));
  });

  it('posts the code to the gateway with its secret, and refuses it once expired', async () => {
    await t.http().post('/phone-verification/send').send({ phone: '0987 000 111' }).expect(202);
    const msg = received[received.length - 1];
    expect(msg.auth).toBe('Bearer gateway-secret-0123456789');
    expect(msg.body).toMatchObject({ to: '+84987000111', ttlSeconds: 1 });
    expect(String(msg.body.text)).toContain(String(msg.body.code));
    await new Promise((r) => setTimeout(r, 1200));
    const res = await t
      .http()
      .post('/phone-verification/verify')
      .send({ phone: '0987000111', code: msg.body.code })
      .expect(410);
    expect(res.body.code).toBe('phone_verification.code_expired');
  });

  it('says so when the gateway fails, and the undelivered code cannot be used', async () => {
    failNext = true;
    const res = await t
      .http()
      .post('/phone-verification/send')
      .send({ phone: '0987 000 222' })
      .expect(503);
    expect(res.body.code).toBe('phone_verification.send_failed');
    const code = received[received.length - 1].body.code as string;
    await t
      .http()
      .post('/phone-verification/verify')
      .send({ phone: '0987000222', code })
      .expect(400);
  });

  it('refuses to boot with the HTTP provider but no gateway or secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', OTP_PROVIDER: 'http' })).toThrow(/OTP_HTTP_URL/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'test',
        OTP_PROVIDER: 'http',
        OTP_HTTP_URL: 'https://sms.example.vn',
      }),
    ).toThrow(/OTP_HTTP_TOKEN/);
    expect(() => loadConfig({ NODE_ENV: 'test', OTP_PROVIDER: 'sms' })).toThrow(/OTP_PROVIDER/);
  });
});
