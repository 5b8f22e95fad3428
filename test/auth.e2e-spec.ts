import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, login, PASSWORD } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand, so the tests can forge what a library would refuse to produce. */
function forgeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret?: string,
): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  if (!secret) return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

const errorBody = (statusCode: number, code: string) => ({
  statusCode,
  code,
  message: expect.any(String) as unknown,
  requestId: expect.any(String) as unknown,
});

describe('auth', () => {
  let t: TestApp;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '1',
    });
    unitId = (await insertUnit(t, { name: 'Xã Hòa Xuân', kind: 'Xã' })).id;
  });
  afterAll(() => t.close());

  const me = (accessToken: string) =>
    t.http().get('/auth/me').set('Authorization', `Bearer ${accessToken}`);
  const refresh = (refreshToken: string) => t.http().post('/auth/refresh').send({ refreshToken });
  const loginFrom = (ip: string, identifier: string, password: string) =>
    t.http().post('/auth/login').set('X-Forwarded-For', ip).send({ identifier, password });

  describe('registration and login', () => {
    it('registers a contestant and logs in by email and by phone in every spelling', async () => {
      const reg = await t
        .http()
        .post('/auth/register')
        .send({
          fullName: 'Nguyễn Thị Hoa',
          email: 'Hoa.Nguyen@Example.VN',
          phone: '0912 345 678',
          password: PASSWORD,
          unitId,
        })
        .expect(201);
      expect(reg.body).toMatchObject({
        email: 'hoa.nguyen@example.vn',
        phone: '+84912345678',
        role: 'contestant',
        unitId,
        status: 'active',
      });
      expect(reg.body).not.toHaveProperty('passwordHash');

      for (const identifier of [
        'hoa.nguyen@example.vn',
        '  HOA.NGUYEN@example.vn ',
        '0912 345 678',
        '+84912345678',
        '84912345678',
        '0912-345-678',
      ]) {
        const res = await t.http().post('/auth/login').send({ identifier, password: PASSWORD });
        expect({ identifier, status: res.status }).toEqual({ identifier, status: 200 });
        expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
        const who = await me(res.body.accessToken).expect(200);
        expect(who.body).toMatchObject({ id: reg.body.id, phone: '+84912345678' });
      }
    });

    it('refuses a second account with the same phone in another spelling', async () => {
      const res = await t
        .http()
        .post('/auth/register')
        .send({ fullName: 'Trần Văn B', phone: '+84 912 345 678', password: PASSWORD, unitId })
        .expect(409);
      expect(res.body).toEqual(errorBody(409, 'users.phone_taken'));
    });

    it('cannot register as anything but a contestant', async () => {
      const res = await t
        .http()
        .post('/auth/register')
        .send({ fullName: 'Kẻ Gian', email: 'x@ex.vn', password: PASSWORD, unitId, role: 'admin' })
        .expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'role', code: 'field.unknown' }),
      ]);
    });

    it('gives the same answer for a wrong password and an unknown account', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const wrong = await loginFrom('10.9.0.1', user.email, 'wrong-password1').expect(401);
      const unknown = await loginFrom('10.9.0.2', 'nobody@example.vn', PASSWORD).expect(401);
      expect(wrong.body).toEqual(errorBody(401, 'auth.invalid_credentials'));
      expect(unknown.body.code).toBe(wrong.body.code);
      expect(unknown.body.message).toBe(wrong.body.message);
      expect(wrong.body.message).toBe('Tài khoản hoặc mật khẩu không đúng.');
    });

    it('answers in English with Accept-Language: en', async () => {
      const res = await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', '10.9.0.3')
        .set('Accept-Language', 'en-US,en;q=0.9')
        .send({ identifier: 'nobody@example.vn', password: 'x' })
        .expect(401);
      expect(res.body.message).toBe('The account or password is incorrect.');
      const forbidden = await t
        .http()
        .get('/users')
        .set('Accept-Language', 'en')
        .set('Authorization', (await createUser(t, UserRole.Judge)).auth)
        .expect(403);
      expect(forbidden.body.message).toBe('This is available to: administrator.');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, and reusing an old token revokes the whole family', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const other = await login(t, user.email); // a second, independent login session

      const second = await refresh(user.refreshToken).expect(200);
      expect(second.body.refreshToken).not.toBe(user.refreshToken);
      await me(second.body.accessToken).expect(200);
      const third = await refresh(second.body.refreshToken).expect(200);
      await me(third.body.accessToken).expect(200);

      // the first token was already exchanged: someone holds a copy
      const reused = await refresh(user.refreshToken).expect(401);
      expect(reused.body).toEqual(errorBody(401, 'auth.refresh_reused'));

      // every token of that family is dead, including the newest pair
      await me(third.body.accessToken).expect(401);
      await me(second.body.accessToken).expect(401);
      await me(user.accessToken).expect(401);
      const newest = await refresh(third.body.refreshToken).expect(401);
      expect(newest.body.code).toMatch(/^auth\.refresh_/);

      // the other login session of the same account is untouched
      await me(other.accessToken).expect(200);
      await refresh(other.refreshToken).expect(200);
    });

    it('refuses malformed and unknown refresh tokens', async () => {
      const bad = await refresh('not-a-token').expect(401);
      expect(bad.body).toEqual(errorBody(401, 'auth.refresh_invalid'));
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const [id] = user.refreshToken.split('.');
      await refresh(`${id}.${'A'.repeat(43)}`).expect(401); // right id, wrong secret
      await refresh(user.refreshToken).expect(200); // and that did not burn the real one
    });

    it('stores only a hash of the refresh token', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const [id, secret] = user.refreshToken.split('.');
      const { rows } = await t.db.query<{ token_hash: Buffer }>(
        'SELECT token_hash FROM refresh_tokens WHERE id = $1',
        [id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash.toString('utf8')).not.toContain(secret);
      expect(rows[0].token_hash.toString('base64url')).not.toBe(secret);
    });
  });

  describe('sessions', () => {
    it('logout ends that session: its refresh and access tokens stop working', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const other = await login(t, user.email);
      await t
        .http()
        .post('/auth/logout')
        .set('Authorization', user.auth)
        .send({ refreshToken: user.refreshToken })
        .expect(204);
      await me(user.accessToken).expect(401);
      await refresh(user.refreshToken).expect(401);
      await me(other.accessToken).expect(200);
    });

    it("logout refuses another account's refresh token and leaves it working", async () => {
      const a = await createUser(t, UserRole.Contestant, { unitId });
      const b = await createUser(t, UserRole.Contestant, { unitId });
      await t
        .http()
        .post('/auth/logout')
        .set('Authorization', a.auth)
        .send({ refreshToken: b.refreshToken })
        .expect(401);
      await me(b.accessToken).expect(200);
      await refresh(b.refreshToken).expect(200);
    });

    it('logout-all ends every session of the account', async () => {
      const user = await createUser(t, UserRole.Organizer);
      const second = await login(t, user.email);
      const bystander = await createUser(t, UserRole.Organizer);
      await t.http().post('/auth/logout-all').set('Authorization', user.auth).expect(204);
      await me(user.accessToken).expect(401);
      await me(second.accessToken).expect(401);
      await refresh(user.refreshToken).expect(401);
      await refresh(second.refreshToken).expect(401);
      await me(bystander.accessToken).expect(200);
      const again = await login(t, user.email);
      await me(again.accessToken).expect(200);
    });

    it('on one keep-alive connection, a revoked token stops at once and each token answers for its own account', async () => {
      const a = await createUser(t, UserRole.Contestant, { unitId });
      const b = await createUser(t, UserRole.Contestant, { unitId });
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const ports = new Set<number>();
      const get = (authorization: string) =>
        new Promise<{ status: number; body: { id?: string } }>((resolve, reject) => {
          const req = request(`${t.url}/auth/me`, { agent, headers: { authorization } }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { id?: string } }),
            );
          });
          req.on('socket', (socket) => {
            if (socket.localPort) ports.add(socket.localPort);
            else socket.once('connect', () => ports.add(socket.localPort!));
          });
          req.on('error', reject);
          req.end();
        });
      try {
        expect(await get(a.auth)).toMatchObject({ status: 200, body: { id: a.id } });
        expect(await get(a.auth)).toMatchObject({ status: 200, body: { id: a.id } });
        expect(await get(b.auth)).toMatchObject({ status: 200, body: { id: b.id } });
        expect(await get(a.auth)).toMatchObject({ status: 200, body: { id: a.id } });
        await t.http().post('/auth/logout-all').set('Authorization', a.auth).expect(204);
        expect(await get(a.auth)).toMatchObject({ status: 401 });
        expect(await get(b.auth)).toMatchObject({ status: 200, body: { id: b.id } });
        expect(ports.size).toBe(1);
      } finally {
        agent.destroy();
      }
    });

    it('a password change revokes every session and only the new password works', async () => {
      const user = await createUser(t, UserRole.Judge);
      const second = await login(t, user.email);
      const wrong = await t
        .http()
        .post('/auth/password')
        .set('Authorization', user.auth)
        .send({ currentPassword: 'not-it-123', newPassword: 'matkhaumoi2025' })
        .expect(400);
      expect(wrong.body.errors).toEqual([
        expect.objectContaining({ field: 'currentPassword', code: 'auth.wrong_password' }),
      ]);
      await me(user.accessToken).expect(200);

      const weak = await t
        .http()
        .post('/auth/password')
        .set('Authorization', user.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(weak.body.errors[0]).toMatchObject({
        field: 'newPassword',
        code: 'field.isStrongPassword',
      });

      await t
        .http()
        .post('/auth/password')
        .set('Authorization', user.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'matkhaumoi2025' })
        .expect(204);
      await me(user.accessToken).expect(401);
      await me(second.accessToken).expect(401);
      await refresh(user.refreshToken).expect(401);
      await refresh(second.refreshToken).expect(401);
      await loginFrom('10.9.1.1', user.email, PASSWORD).expect(401);
      const fresh = await loginFrom('10.9.1.1', user.email, 'matkhaumoi2025').expect(200);
      await me(fresh.body.accessToken).expect(200);
    });
  });

  describe('roles and tokens', () => {
    it('keeps admin routes from other kinds of account', async () => {
      for (const role of [UserRole.Contestant, UserRole.Organizer, UserRole.Judge]) {
        const user = await createUser(t, role, { unitId });
        const res = await t.http().get('/users').set('Authorization', user.auth).expect(403);
        expect(res.body).toEqual(errorBody(403, 'auth.role_required'));
        expect(res.body.message).toBe('Chức năng này dành cho: quản trị viên.');
      }
      const admin = await createUser(t, UserRole.Admin);
      const list = await t.http().get('/users').set('Authorization', admin.auth).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
    });

    it('requires a token on every non-public route', async () => {
      const none = await t.http().get('/auth/me').expect(401);
      expect(none.body).toEqual(errorBody(401, 'auth.token_invalid'));
      await t.http().get('/users').expect(401);
      await t.http().get('/auth/me').set('Authorization', 'Basic abc').expect(401);
      await t.http().get('/auth/me').set('Authorization', 'Bearer ').expect(401);
      await t.http().get('/auth/me').set('Authorization', 'Bearer a.b.c').expect(401);
    });

    it('rejects forged tokens: alg none, wrong signature, tampered claims, expired, wrong issuer', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const claims = claimsOf(user.accessToken);
      const secret = t.config.jwt.secret;
      const now = Math.floor(Date.now() / 1000);
      const forged = {
        algNone: forgeJwt({ alg: 'none', typ: 'JWT' }, claims),
        algNoneSigned: forgeJwt({ alg: 'none', typ: 'JWT' }, claims, secret),
        wrongSecret: forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'x'.repeat(64)),
        otherAlg: forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, secret),
        expired: forgeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { ...claims, iat: now - 3600, exp: now - 60 },
          secret,
        ),
        wrongIssuer: forgeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { ...claims, iss: 'elsewhere' },
          secret,
        ),
        noIssuer: forgeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: claims.sub, role: claims.role, sid: claims.sid, ver: claims.ver, exp: now + 600 },
          secret,
        ),
        tampered: (() => {
          const [h, , s] = user.accessToken.split('.');
          return `${h}.${b64({ ...claims, role: 'admin' })}.${s}`;
        })(),
      };
      for (const [name, token] of Object.entries(forged)) {
        const res = await me(token);
        expect({ name, status: res.status, code: res.body.code }).toEqual({
          name,
          status: 401,
          code: 'auth.token_invalid',
        });
      }
      // the real token still works, and the same claims re-signed with the real secret do too,
      // which shows the refusals above are about the forgery and not the claims
      await me(user.accessToken).expect(200);
      await me(forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, secret)).expect(200);
    });

    it('takes the role from the account, not from the token', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      const claims = claimsOf(user.accessToken);
      const boosted = forgeJwt(
        { alg: 'HS256', typ: 'JWT' },
        { ...claims, role: 'admin' },
        t.config.jwt.secret,
      );
      await t.http().get('/users').set('Authorization', `Bearer ${boosted}`).expect(403);
    });

    it('stops the tokens of a deleted account at once', async () => {
      const admin = await createUser(t, UserRole.Admin);
      const victim = await createUser(t, UserRole.Contestant, { unitId });
      await me(victim.accessToken).expect(200);
      await t.http().delete(`/users/${victim.id}`).set('Authorization', admin.auth).expect(204);
      const res = await me(victim.accessToken).expect(401);
      expect(res.body.code).toBe('auth.token_invalid');
      await refresh(victim.refreshToken).expect(401);
      await t
        .http()
        .post('/auth/login')
        .send({ identifier: victim.email, password: PASSWORD })
        .expect(401);
    });
  });

  describe('login throttling', () => {
    it('locks the account from one address after repeated failures, even for the right password, until it expires', async () => {
      const user = await createUser(t, UserRole.Contestant, { unitId });
      for (let i = 0; i < 3; i++) {
        await loginFrom('10.0.0.1', user.email, `wrong-${i}-pass`).expect(401);
      }
      const locked = await loginFrom('10.0.0.1', user.email, PASSWORD)
        .set('Accept-Language', 'en')
        .expect(429);
      expect(locked.body).toEqual(errorBody(429, 'auth.locked'));
      expect(locked.body.message).toMatch(/^Too many failed logins\. Try again in \d+ seconds\.$/);
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(t.config.login.lockoutSeconds);

      // the lock is for that address only: the owner elsewhere is not kept out
      await loginFrom('10.0.0.2', user.email, PASSWORD).expect(200);

      await sleep(retryAfter * 1000 + 300);
      await loginFrom('10.0.0.1', user.email, PASSWORD).expect(200);
    });
  });
});

describe('auth: lockouts cannot keep the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: '2',
      LOGIN_MAX_FAILURES_PER_IP: '6',
      LOGIN_LOCKOUT_SECONDS: '60',
    });
  });
  afterAll(() => t.close());

  const loginFrom = (ip: string, identifier: string, password: string) =>
    t.http().post('/auth/login').set('X-Forwarded-For', ip).send({ identifier, password });

  it('counts failures by email and by phone against the same account', async () => {
    const user = await createUser(t, UserRole.Contestant, { phone: '0987 654 321' });
    await loginFrom('10.3.0.1', user.email, 'wrong-pass-1').expect(401);
    await loginFrom('10.3.0.1', '84987654321', 'wrong-pass-2').expect(401);
    const res = await loginFrom('10.3.0.1', '+84987654321', PASSWORD).expect(429);
    expect(res.body.code).toBe('auth.locked');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(1);
  });

  it('a distributed attack locks new addresses briefly, but not an address the owner has used', async () => {
    const user = await createUser(t, UserRole.Contestant);
    await loginFrom('10.1.0.1', user.email, PASSWORD).expect(200); // the owner's usual address
    for (const ip of ['10.1.1.1', '10.1.1.2', '10.1.1.3', '10.1.1.4']) {
      await loginFrom(ip, user.email, 'guess-one-1').expect(401);
      await loginFrom(ip, user.email, 'guess-two-2').expect(401);
      await loginFrom(ip, user.email, PASSWORD).expect(429); // that address is done
    }
    const elsewhere = await loginFrom('10.1.2.1', user.email, PASSWORD).expect(429);
    // the account-wide lock is short and does not grow
    expect(Number(elsewhere.headers['retry-after'])).toBeLessThanOrEqual(60);
    await loginFrom('10.1.0.1', user.email, PASSWORD).expect(200);
  });

  it('locks an address that sprays many accounts, for every account, but not other addresses', async () => {
    const user = await createUser(t, UserRole.Contestant);
    for (const victim of ['a@ex.vn', 'b@ex.vn', 'c@ex.vn']) {
      await loginFrom('10.2.0.1', victim, 'guess-one-1').expect(401);
      await loginFrom('10.2.0.1', victim, 'guess-two-2').expect(401);
    }
    const res = await loginFrom('10.2.0.1', user.email, PASSWORD).expect(429);
    expect(res.body.code).toBe('auth.locked');
    await loginFrom('10.2.0.2', user.email, PASSWORD).expect(200);
  });
});
