import { io, Socket } from 'socket.io-client';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, login, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const NEW_PASSWORD = 'matkhaumoi2025';

describe('forgotten password by phone code, profile and unit search', () => {
  let t: TestApp;
  let outbox: OtpOutbox;
  let unitId: string;
  let admin: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      OTP_RESEND_SECONDS: '0',
      OTP_SEND_PER_PHONE: '3',
      OTP_SEND_PER_IP: '3',
      OTP_MAX_ATTEMPTS: '3',
    });
    outbox = t.app.get(OtpOutbox);
    unitId = (await insertUnit(t, { name: 'Xã Hòa Vang' })).id;
    admin = await createUser(t, UserRole.Admin);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  let n = 200;
  /** A fresh number in three spellings. */
  const nextPhone = () => {
    n++;
    const tail = String(n).padStart(3, '0');
    return {
      spaced: `0912 345 ${tail}`,
      dashed: `84-912-345-${tail}`,
      e164: `+84912345${tail}`,
    };
  };
  let ipSeq = 1;
  const nextIp = () => `198.51.100.${ipSeq++}`;
  const forgot = (phone: string, ip = '203.0.113.9') =>
    t.http().post('/auth/password/forgot').set('X-Forwarded-For', ip).send({ phone });
  const reset = (phone: string, code: string, newPassword = NEW_PASSWORD) =>
    t.http().post('/auth/password/reset').send({ phone, code, newPassword });
  const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

  it('forgot → code from the log provider → reset: the old password and every old session are refused, the new password works', async () => {
    const p = nextPhone();
    const user = await createUser(t, UserRole.Contestant, { unitId, phone: p.spaced });
    const other = await login(t, user.email); // a second session
    const socket = io(t.url, {
      transports: ['websocket'],
      auth: { token: user.accessToken },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const told = new Promise<{ code: string }>((resolve) => socket.once('auth.revoked', resolve));

    const sent = await forgot(p.dashed, nextIp()).expect(202);
    expect(sent.body).toMatchObject({ phone: p.e164, maxAttempts: 3, resendAfter: 0 });
    const code = outbox.last(p.e164)!;
    expect(code).toMatch(/^\d{6}$/);

    await reset(p.e164, code).expect(204);
    // a code works once
    expect((await reset(p.e164, code).expect(400)).body.code).toBe('auth.reset_no_code');

    await t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ identifier: p.spaced, password: PASSWORD })
      .expect(401);
    const fresh = await t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ identifier: p.spaced, password: NEW_PASSWORD })
      .expect(200);
    await t
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${fresh.body.accessToken}`)
      .expect(200);
    for (const token of [user.accessToken, other.accessToken])
      await t.http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    for (const refreshToken of [user.refreshToken, other.refreshToken])
      await t.http().post('/auth/refresh').send({ refreshToken }).expect(401);
    expect((await told).code).toMatch(/^auth\./);
  });

  it('a reset lifts the lock that failed logins put on the account', async () => {
    const p = nextPhone();
    await createUser(t, UserRole.Contestant, { unitId, phone: p.e164 });
    const ip = nextIp();
    const attempt = (password: string, from = ip) =>
      t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', from)
        .send({ identifier: p.spaced, password });
    // LOGIN_MAX_FAILURES (5) wrong passwords from the member's own phone lock it out there
    for (let i = 0; i < 5; i++) await attempt('doan-sai-' + i).expect(401);
    const locked = await attempt(PASSWORD).expect(429);
    expect(locked.body.code).toBe('auth.locked');
    await forgot(p.spaced, nextIp()).expect(202);
    await reset(p.e164, outbox.last(p.e164)!).expect(204);
    await attempt(NEW_PASSWORD).expect(200);
  });

  it('answers a number without an account exactly as one with an account, and sends it nothing', async () => {
    const known = nextPhone();
    await createUser(t, UserRole.Contestant, { unitId, phone: known.e164 });
    const unknown = nextPhone();
    const a = await forgot(known.spaced, nextIp());
    const b = await forgot(unknown.spaced, nextIp());
    expect(b.status).toBe(a.status);
    expect(a.status).toBe(202);
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      phone: 'x',
      expiresAt: typeof body.expiresAt,
    });
    expect(shape(b.body)).toEqual(shape(a.body));
    expect(Object.keys(b.body).sort()).toEqual([
      'expiresAt',
      'maxAttempts',
      'phone',
      'resendAfter',
    ]);
    expect(outbox.count(known.e164)).toBe(1);
    expect(outbox.count(unknown.e164)).toBe(0);
    // the limits are the same too: both numbers are refused after the same count
    for (let i = 0; i < 2; i++) {
      await forgot(known.spaced, nextIp()).expect(202);
      await forgot(unknown.spaced, nextIp()).expect(202);
    }
    const limitedKnown = await forgot(known.spaced, nextIp()).expect(429);
    const limitedUnknown = await forgot(unknown.spaced, nextIp()).expect(429);
    for (const res of [limitedKnown, limitedUnknown]) {
      expect(res.body.code).toBe('phone_verification.send_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(outbox.count(known.e164)).toBe(3);
    // a guess for the number without an account is refused like any wrong code
    const guess = await reset(unknown.e164, '123456').expect(400);
    expect(guess.body.code).toBe('auth.reset_code_wrong');
  });

  it('limits sending per client address like phone verification codes', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 3; i++) await forgot(nextPhone().spaced, ip).expect(202);
    const refused = await forgot(nextPhone().spaced, ip).expect(429);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      code: 'phone_verification.send_limited',
    });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await forgot(nextPhone().spaced, nextIp()).expect(202);
  });

  it('a wrong code says how many tries are left; too many wrong codes lock the code; an expired one is refused', async () => {
    const p = nextPhone();
    await createUser(t, UserRole.Contestant, { unitId, phone: p.e164 });
    await forgot(p.spaced, nextIp()).expect(202);
    const code = outbox.last(p.e164)!;
    const first = await reset(p.spaced, wrongCode(code)).expect(400);
    expect(first.body).toMatchObject({ code: 'auth.reset_code_wrong' });
    expect(first.body.message).toContain('2');
    expect(first.body.errors).toEqual([
      expect.objectContaining({ field: 'code', code: 'auth.reset_code_wrong' }),
    ]);
    expect(first.headers['x-attempts-remaining']).toBe('2');
    const en = await t
      .http()
      .post('/auth/password/reset')
      .set('Accept-Language', 'en')
      .send({ phone: p.e164, code: wrongCode(code), newPassword: NEW_PASSWORD })
      .expect(400);
    expect(en.body.message).toMatch(/1 tries left/);
    const locked = await reset(p.e164, wrongCode(code)).expect(429);
    expect(locked.body.code).toBe('auth.reset_too_many_attempts');
    // the right code no longer helps; the password did not change
    expect((await reset(p.e164, code).expect(429)).body.code).toBe('auth.reset_too_many_attempts');
    await t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ identifier: p.e164, password: PASSWORD })
      .expect(200);

    // a new code, expired before use
    await forgot(p.spaced, nextIp()).expect(202);
    const late = outbox.last(p.e164)!;
    await t.db.query(
      `UPDATE phone_codes SET expires_at = now() - interval '1 second'
        WHERE phone = $1 AND purpose = 'reset' AND consumed_at IS NULL`,
      [p.e164],
    );
    expect((await reset(p.e164, late).expect(400)).body.code).toBe('auth.reset_code_expired');
  });

  it('a voting code is not a reset code; a weak new password is refused and the code stays usable', async () => {
    const p = nextPhone();
    await createUser(t, UserRole.Contestant, { unitId, phone: p.e164 });
    await t
      .http()
      .post('/phone-verification/send')
      .set('X-Forwarded-For', nextIp())
      .send({ phone: p.e164 })
      .expect(202);
    const votingCode = outbox.last(p.e164)!;
    expect((await reset(p.e164, votingCode).expect(400)).body.code).toBe('auth.reset_no_code');

    await forgot(p.e164, nextIp()).expect(202);
    const code = outbox.last(p.e164)!;
    const weak = await reset(p.e164, code, 'short').expect(400);
    expect(weak.body.errors).toEqual([
      expect.objectContaining({ field: 'newPassword', code: 'field.isStrongPassword' }),
    ]);
    const badPhone = await forgot('12345678', nextIp()).expect(400);
    expect(badPhone.body.errors[0]).toMatchObject({ field: 'phone' });
    await reset(p.e164, code).expect(204);
    // the voting code still works for voting: the reset did not retire it
    await t
      .http()
      .post('/phone-verification/verify')
      .send({ phone: p.e164, code: votingCode })
      .expect(200);
  });

  describe('PATCH /auth/me', () => {
    it('changes the own name, unit, email and phone, answering as GET /auth/me does', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const other = (await insertUnit(t, { name: 'Phường Hải Châu' })).id;
      const p = nextPhone();
      const change = {
        fullName: '  Trần Thị Lan ',
        unitId: other,
        email: 'Lan.Tran@Example.VN',
        phone: p.dashed,
      };
      // the email and the phone sign in and recover the account: the password is asked
      const before = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
      for (const [currentPassword, code] of [
        [undefined, 'users.password_required'],
        ['Sai-mat-khau-1', 'users.wrong_password'],
      ] as const) {
        const refused = await t
          .http()
          .patch('/auth/me')
          .set('Authorization', user.auth)
          .send({ ...change, currentPassword })
          .expect(400);
        expect(refused.body.errors).toEqual([
          expect.objectContaining({ field: 'currentPassword', code }),
        ]);
        const same = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
        expect(same.body).toEqual(before.body);
      }
      const res = await t
        .http()
        .patch('/auth/me')
        .set('Authorization', user.auth)
        .send({ ...change, currentPassword: PASSWORD })
        .expect(200);
      expect(res.body).toMatchObject({
        id: user.id,
        fullName: 'Trần Thị Lan',
        unitId: other,
        email: 'lan.tran@example.vn',
        phone: p.e164,
      });
      const got = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
      expect(got.body).toEqual(res.body);
      // only the fields sent change
      const renamed = await t
        .http()
        .patch('/auth/me')
        .set('Authorization', user.auth)
        .send({ fullName: 'Trần Thị Lan Anh' })
        .expect(200);
      expect(renamed.body).toMatchObject({ fullName: 'Trần Thị Lan Anh', unitId: other });
      // the new phone logs in
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', nextIp())
        .send({ identifier: p.spaced, password: PASSWORD })
        .expect(200);
    });

    it('refuses an email or phone held by another account, a unit that is missing or not active, and bad input, changing nothing', async () => {
      const p = nextPhone();
      const holder = await createUser(t, UserRole.Contestant, { unitId, phone: p.e164 });
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const patch = (body: unknown) =>
        t
          .http()
          .patch('/auth/me')
          .set('Authorization', user.auth)
          .send(body as object);
      expect((await patch({ email: holder.email.toUpperCase() }).expect(409)).body.code).toBe(
        'users.email_taken',
      );
      expect((await patch({ phone: p.spaced, fullName: 'Tên Mới' }).expect(409)).body.code).toBe(
        'users.phone_taken',
      );
      const gone = await insertUnit(t, { name: 'Xã Cũ' });
      await t.db.query(`UPDATE org_units SET status = 'dissolved' WHERE id = $1`, [gone.id]);
      for (const id of [gone.id, '7d0e4a0c-4a8b-4bb5-9b39-3c1c1e1e1e1e']) {
        const refused = await patch({ unitId: id }).expect(400);
        expect(refused.body.errors[0]).toMatchObject({
          field: 'unitId',
          code: 'users.unit_not_found',
        });
      }
      await patch({ email: 'not-an-email' }).expect(400);
      await patch({ phone: '12345' }).expect(400);
      await patch({ fullName: 'A' }).expect(400);
      await patch({ fullName: 'Tên\nhai dòng' }).expect(400);
      await patch({ role: 'admin' }).expect(400);
      await patch({ unitId: null }).expect(400);
      const me = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
      expect(me.body).toMatchObject({
        email: user.email,
        phone: null,
        unitId,
        role: 'contestant',
        fullName: 'Người dùng contestant',
      });
      await t.http().patch('/auth/me').send({ fullName: 'Ai đó' }).expect(401);
    });

    it('by cookie, needs the CSRF header', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const res = await t
        .http()
        .post('/auth/login')
        .set('X-Auth-Mode', 'cookie')
        .send({ identifier: user.email, password: PASSWORD })
        .expect(200);
      const raw = res.headers['set-cookie'] as unknown as string[];
      const jar = Object.fromEntries(
        raw.map((c) => c.split(';')[0].split('=') as [string, string]),
      );
      const cookie = Object.entries(jar)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      await t
        .http()
        .patch('/auth/me')
        .set('Cookie', cookie)
        .send({ fullName: 'Bị chặn' })
        .expect(403);
      const ok = await t
        .http()
        .patch('/auth/me')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', jar.ht_csrf)
        .send({ fullName: 'Được đổi' })
        .expect(200);
      expect(ok.body.fullName).toBe('Được đổi');
    });
  });

  it('any signed-in member finds units by name with or without diacritics, in any case, a page at a time', async () => {
    const names = [
      'Phường Hòa Khánh Bắc',
      'Phường Hòa Khánh Nam',
      'Phường Hòa Minh',
      'Xã Hòa Phước',
    ];
    for (const [i, name] of names.entries())
      await t
        .http()
        .post('/org-units')
        .set('Authorization', admin.auth)
        .send({ code: `PH-${i}`, name, kind: name.split(' ')[0] })
        .expect(201);
    const member = await createUser(t, UserRole.Contestant, { unitId });
    const search = (q: string, extra: Record<string, string | number> = {}) =>
      t
        .http()
        .get('/org-units')
        .set('Authorization', member.auth)
        .query({ q, ...extra })
        .expect(200);
    for (const q of ['phuong hoa', 'PHƯỜNG HÒA', 'Phuong  Hoa', 'phường hòa']) {
      const res = await search(q);
      expect((res.body.items as Array<{ name: string }>).map((u) => u.name).sort()).toEqual(
        names.slice(0, 3),
      );
    }
    expect((await search('hoa khanh')).body.items).toHaveLength(2);
    const first = await search('hoa', { limit: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search('hoa', { limit: 2, cursor: first.body.nextCursor as string });
    const seen = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
    expect(new Set(seen).size).toBe(seen.length);
    // someone signing up (no account yet) picks her unit with the same search
    const anonymous = await t.http().get('/org-units').query({ q: 'hoa khanh' }).expect(200);
    expect(anonymous.body.items).toHaveLength(2);
  });
});
