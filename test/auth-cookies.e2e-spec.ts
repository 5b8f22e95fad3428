import * as tus from 'tus-js-client';
import { io, Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { RoomRegistry } from '../src/realtime/room-registry';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, PASSWORD } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { makePdf, putEntry, removeDir, tempDir } from './media-support';

interface SetCookie {
  value: string;
  attrs: Record<string, string | true>;
}

/** The cookies a response sets, by name, with their attributes (lower-cased names). */
function setCookies(res: Response): Record<string, SetCookie> {
  const raw = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Record<string, SetCookie> = {};
  for (const line of list) {
    const [pair, ...rest] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const attrs: Record<string, string | true> = {};
    for (const a of rest) {
      const i = a.indexOf('=');
      if (i < 0) attrs[a.toLowerCase()] = true;
      else attrs[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
    }
    out[pair.slice(0, eq)] = { value: decodeURIComponent(pair.slice(eq + 1)), attrs };
  }
  return out;
}

/** A browser's cookie jar, reduced to what these tests need (paths are not modelled). */
class Jar {
  constructor(public values: Record<string, string> = {}) {}
  take(res: Response): this {
    for (const [name, c] of Object.entries(setCookies(res))) {
      if (c.attrs['max-age'] === '0' || c.value === '') delete this.values[name];
      else this.values[name] = c.value;
    }
    return this;
  }
  header(only?: string[]): string {
    return Object.entries(this.values)
      .filter(([n]) => !only || only.includes(n))
      .map(([n, v]) => `${n}=${v}`)
      .join('; ');
  }
  get csrf(): string {
    return this.values.ht_csrf;
  }
}

describe('browser sessions in cookies', () => {
  let t: TestApp;
  let unitId: string;
  let uploads: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    uploads = tempDir('cookie-uploads');
    t = await startTestApp({ TRUST_PROXY: 'true', UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    unitId = (await insertUnit(t, { name: 'Phường Hòa Khánh' })).id;
    t.app.get(RoomRegistry).register('whoami', {
      authorize: async (principal) => principal !== null,
      snapshot: async (principal) => ({ id: principal?.id ?? null }),
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
    removeDir(uploads);
  });

  const cookieLogin = async (identifier: string, password = PASSWORD) => {
    const res = await t
      .http()
      .post('/auth/login')
      .set('X-Auth-Mode', 'cookie')
      .send({ identifier, password })
      .expect(200);
    return { res, jar: new Jar().take(res) };
  };
  const me = (jar: Jar) => t.http().get('/auth/me').set('Cookie', jar.header());

  it('login in cookie mode sets the three cookies and answers the user without any token', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { res, jar } = await cookieLogin(user.email);
    expect(res.body).toEqual({
      user: expect.objectContaining({ id: user.id, email: user.email, unitId }) as unknown,
      expiresIn: t.config.jwt.accessTtlSeconds,
      refreshExpiresIn: t.config.jwt.refreshTtlSeconds,
      accessExpiresAt: expect.any(String) as unknown,
      refreshExpiresAt: expect.any(String) as unknown,
    });
    expect(JSON.stringify(res.body)).not.toContain(jar.values.ht_access);
    expect(JSON.stringify(res.body)).not.toContain(jar.values.ht_refresh);
    const set = setCookies(res);
    expect(set.ht_access.attrs).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: '/',
      'max-age': String(t.config.jwt.accessTtlSeconds),
    });
    expect(set.ht_refresh.attrs).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: '/auth',
      'max-age': String(t.config.jwt.refreshTtlSeconds),
    });
    expect(set.ht_csrf.attrs).toMatchObject({ samesite: 'Strict', path: '/' });
    expect(set.ht_csrf.attrs.httponly).toBeUndefined();
    expect(set.ht_csrf.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // plain http in tests: not Secure; over https (behind the trusted proxy): Secure
    expect(set.ht_access.attrs.secure).toBeUndefined();
    const overHttps = await t
      .http()
      .post('/auth/login')
      .set('X-Auth-Mode', 'cookie')
      .set('X-Forwarded-Proto', 'https')
      .send({ identifier: user.email, password: PASSWORD })
      .expect(200);
    for (const c of Object.values(setCookies(overHttps))) expect(c.attrs.secure).toBe(true);

    const got = await me(jar).expect(200);
    expect(got.body).toMatchObject({ id: user.id, email: user.email });
    // Bearer keeps working beside it
    await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
  });

  it('register in cookie mode logs the new account in', async () => {
    const res = await t
      .http()
      .post('/auth/register')
      .set('X-Auth-Mode', 'cookie')
      .send({ fullName: 'Lê Thị Mai', phone: '0913 111 222', password: PASSWORD, unitId })
      .expect(201);
    expect(res.body.user).toMatchObject({ phone: '+84913111222', role: 'contestant', unitId });
    expect(res.body).not.toHaveProperty('accessToken');
    const jar = new Jar().take(res);
    expect(Object.keys(jar.values).sort()).toEqual(['ht_access', 'ht_csrf', 'ht_refresh']);
    await me(jar).expect(200);
  });

  it('an unsafe request by cookie without the CSRF header, or with a wrong one, is refused and changes nothing', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { jar } = await cookieLogin(user.email);
    const change = { currentPassword: PASSWORD, newPassword: 'matkhaumoi2025' };
    const missing = await t
      .http()
      .post('/auth/password')
      .set('Cookie', jar.header())
      .send(change)
      .expect(403);
    expect(missing.body).toMatchObject({ statusCode: 403, code: 'auth.csrf_invalid' });
    expect(missing.body.message).toMatch(/CSRF/);
    const wrong = await t
      .http()
      .post('/auth/password')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', 'x'.repeat(43))
      .set('Accept-Language', 'en')
      .send(change)
      .expect(403);
    expect(wrong.body).toMatchObject({ code: 'auth.csrf_invalid' });
    expect(wrong.body.message).toMatch(/CSRF protection token/);
    // another session's CSRF token does not match this session's cookie
    const other = await cookieLogin(user.email);
    // each login gets its own CSRF token, even when the browser still holds an older one
    const relogin = await t
      .http()
      .post('/auth/login')
      .set('X-Auth-Mode', 'cookie')
      .set('Cookie', jar.header(['ht_csrf']))
      .send({ identifier: user.email, password: PASSWORD })
      .expect(200);
    expect(setCookies(relogin).ht_csrf.value).not.toBe(jar.csrf);
    await t
      .http()
      .post('/auth/password')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', other.jar.csrf === jar.csrf ? 'y'.repeat(43) : other.jar.csrf)
      .send(change)
      .expect(403);
    // nothing changed: the old password still logs in, the new one does not
    await t
      .http()
      .post('/auth/login')
      .send({ identifier: user.email, password: 'matkhaumoi2025' })
      .expect(401);
    await t
      .http()
      .post('/auth/login')
      .send({ identifier: user.email, password: PASSWORD })
      .expect(200);
    await me(jar).expect(200);
    // safe methods need no header; with the right header the unsafe request goes through
    await t
      .http()
      .post('/auth/password')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', jar.csrf)
      .send(change)
      .expect(204);
  });

  it('refresh by cookie rotates the cookies; the old refresh cookie is refused afterwards and ends the session', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { jar } = await cookieLogin(user.email);
    const before = { ...jar.values };
    // without the CSRF header: refused, nothing rotated
    await t
      .http()
      .post('/auth/refresh')
      .set('X-Auth-Mode', 'cookie')
      .set('Cookie', jar.header())
      .expect(403);
    const res = await t
      .http()
      .post('/auth/refresh')
      .set('X-Auth-Mode', 'cookie')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', jar.csrf)
      .expect(200);
    expect(res.body.user).toMatchObject({ id: user.id });
    expect(res.body).not.toHaveProperty('refreshToken');
    jar.take(res);
    expect(jar.values.ht_refresh).not.toBe(before.ht_refresh);
    expect(jar.csrf).toBe(before.ht_csrf);
    await me(jar).expect(200);

    // the old refresh cookie again: a reuse, which ends the login session for both holders
    const reused = await t
      .http()
      .post('/auth/refresh')
      .set('X-Auth-Mode', 'cookie')
      .set('Cookie', new Jar(before).header())
      .set('X-CSRF-Token', before.ht_csrf)
      .expect(401);
    expect(reused.body.code).toBe('auth.refresh_reused');
    await me(jar).expect(401);
  });

  it('logout by cookie clears the cookies and the access cookie is refused afterwards; logout-all too', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { jar } = await cookieLogin(user.email);
    const kept = new Jar({ ...jar.values });
    await t.http().post('/auth/logout').set('Cookie', jar.header()).expect(403);
    const out = await t
      .http()
      .post('/auth/logout')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', jar.csrf)
      .expect(204);
    const cleared = setCookies(out);
    for (const name of ['ht_access', 'ht_refresh', 'ht_csrf']) {
      expect(cleared[name]).toBeDefined();
      expect(cleared[name].value).toBe('');
    }
    expect(cleared.ht_refresh.attrs.path).toBe('/auth');
    await me(kept).expect(401);
    const refreshed = await t
      .http()
      .post('/auth/refresh')
      .set('X-Auth-Mode', 'cookie')
      .set('Cookie', kept.header())
      .set('X-CSRF-Token', kept.csrf)
      .expect(401);
    expect(refreshed.body.code).toBe('auth.refresh_invalid');
    // a refused cookie refresh tells the browser to forget the cookies scripts cannot remove
    expect(setCookies(refreshed).ht_refresh?.value).toBe('');

    const a = await cookieLogin(user.email);
    const b = await cookieLogin(user.email);
    const all = await t
      .http()
      .post('/auth/logout-all')
      .set('Cookie', a.jar.header())
      .set('X-CSRF-Token', a.jar.csrf)
      .expect(204);
    expect(setCookies(all).ht_access.value).toBe('');
    await me(a.jar).expect(401);
    await me(b.jar).expect(401);
  });

  it('a socket authenticates with the access cookie; a stale cookie leaves an anonymous viewer', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { jar } = await cookieLogin(user.email);
    const open = (cookie?: string) => {
      const s = io(t.url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : undefined,
        reconnection: false,
        forceNew: true,
      });
      sockets.push(s);
      return new Promise<Socket>((resolve, reject) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    };
    const s = await open(jar.header());
    expect(await s.emitWithAck('room:join', { room: 'whoami:x' })).toEqual({
      ok: true,
      data: { id: user.id },
    });
    const anonymous = await open();
    expect(await anonymous.emitWithAck('room:join', { room: 'whoami:x' })).toMatchObject({
      ok: false,
    });
    // the login ends: the open socket is told, and a new one with the old cookie is anonymous
    const told = new Promise<{ code: string }>((resolve) => s.once('auth.revoked', resolve));
    await t
      .http()
      .post('/auth/logout')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', jar.csrf)
      .expect(204);
    expect((await told).code).toBe('auth.session_revoked');
    const stale = await open(jar.header());
    expect(await stale.emitWithAck('room:join', { room: 'whoami:x' })).toMatchObject({
      ok: false,
    });
  });

  it('tus uploads and media reads work with the cookie; tus without the CSRF header is refused', async () => {
    const user = await createUser(t, UserRole.Contestant, { unitId });
    const { jar } = await cookieLogin(user.email);
    const entryId = putEntry(t, { ownerId: user.id });
    const pdf = makePdf(1);
    const upload = (headers: Record<string, string>) =>
      new Promise<{ url: string | null; error?: Error }>((resolve) => {
        const u: tus.Upload = new tus.Upload(pdf, {
          endpoint: `${t.url}/media/uploads/tus`,
          chunkSize: 64 * 1024,
          retryDelays: null,
          storeFingerprintForResuming: false,
          headers,
          metadata: { entryId, filename: 'ke-hoach.pdf', filetype: 'application/pdf' },
          onSuccess: () => resolve({ url: u.url }),
          onError: (error) => resolve({ url: u.url, error }),
        });
        u.start();
      });
    const refused = await upload({ Cookie: jar.header() });
    expect(refused.error?.message).toMatch(/403/);
    expect(refused.error?.message).toContain('auth.csrf_invalid');
    const list0 = await t
      .http()
      .get('/media')
      .query({ entryId })
      .set('Cookie', jar.header())
      .expect(200);
    expect(list0.body).toEqual([]);

    const done = await upload({ Cookie: jar.header(), 'X-CSRF-Token': jar.csrf });
    expect(done.error).toBeUndefined();
    const list = await t
      .http()
      .get('/media')
      .query({ entryId })
      .set('Cookie', jar.header())
      .expect(200);
    expect(list.body).toHaveLength(1);
    const mediaId = (list.body as Array<{ id: string }>)[0].id;
    await t.http().get(`/media/${mediaId}`).set('Cookie', jar.header()).expect(200);
    // the draft's file is the owner's: nobody else sees it
    expect((await t.http().get('/media').query({ entryId })).body as unknown[]).toHaveLength(0);
  });

  it('documents cookie mode, the CSRF header and the account routes in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    const params = (path: string, method: string) =>
      (doc.paths[path][method].parameters ?? []).map((p) => p.name);
    for (const path of ['/auth/login', '/auth/register', '/auth/refresh'])
      expect(params(path, 'post')).toContain('X-Auth-Mode');
    for (const [path, method] of [
      ['/auth/refresh', 'post'],
      ['/auth/logout', 'post'],
      ['/auth/logout-all', 'post'],
      ['/auth/me', 'patch'],
    ])
      expect(params(path, method)).toContain('X-CSRF-Token');
    expect(doc.paths['/auth/password/forgot'].post).toBeDefined();
    expect(doc.paths['/auth/password/reset'].post).toBeDefined();
    expect(doc.components.schemas.CookieSessionView).toBeDefined();
    expect(doc.components.schemas.UpdateProfileDto).toBeDefined();
    expect(doc.components.securitySchemes.cookie).toMatchObject({
      in: 'cookie',
      name: 'ht_access',
    });
  });
});
