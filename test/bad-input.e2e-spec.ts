import type { Response } from 'supertest';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const BODY_LIMIT = 65_536;

/**
 * Hostile and careless input: every case gets a 4xx with the one error body, writes nothing,
 * and leaves the process serving.
 */
describe('bad input', () => {
  let t: TestApp;
  let admin: TestUser;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    admin = await createUser(t, UserRole.Admin);
    unitId = (await insertUnit(t, { name: 'Phường Tuy Hòa' })).id;
  });
  afterAll(() => t.close());

  const userCount = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0].n);

  const valid = () => ({
    fullName: 'Lê Thị Mai',
    email: `mai-${Math.random().toString(36).slice(2, 8)}@example.vn`,
    password: PASSWORD,
    unitId,
  });

  type Send = () => Promise<Response>;
  const raw = (path: string, body: string | Buffer, contentType = 'application/json'): Send => {
    return () =>
      t
        .http()
        .post(path)
        .set('Authorization', admin.auth)
        .set('Content-Type', contentType)
        .send(body);
  };

  /** Sends, checks the status and the error body, and that nothing changed and the app lives. */
  async function rejects(send: Send, status: number | number[], code?: string | RegExp) {
    const before = await userCount();
    const res = await send();
    const statuses = Array.isArray(status) ? status : [status];
    const seen = `${res.status} ${JSON.stringify(res.body)}`;
    expect(statuses.includes(res.status) ? 'expected status' : seen).toBe('expected status');
    expect(res.body).toEqual(
      expect.objectContaining({
        statusCode: res.status,
        code: code ?? expect.any(String),
        message: expect.any(String),
        requestId: expect.any(String),
      }),
    );
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body as object).sort()).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId', 'statusCode']),
    );
    expect(
      Object.keys(res.body as object).every((k) =>
        ['statusCode', 'code', 'message', 'errors', 'requestId'].includes(k),
      ),
    ).toBe(true);
    expect(await userCount()).toBe(before);
    await t.http().get('/health').expect(200);
    return res;
  }

  it('the valid request it is compared against succeeds (so the checks below can fail)', async () => {
    const before = await userCount();
    await t.http().post('/auth/register').send(valid()).expect(201);
    expect(await userCount()).toBe(before + 1);
  });

  describe('malformed JSON', () => {
    it.each([
      ['truncated', '{"fullName": "Lê Thị Mai",'],
      ['single quotes', "{'fullName': 'x'}"],
      ['trailing comma', '{"fullName": "x",}'],
      ['bare word', 'hello'],
      ['two documents', '{}{}'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ])('%s', async (_name, body) => {
      await rejects(raw('/auth/register', body), 400);
      await rejects(raw('/users', body), 400);
    });

    it('names the problem', async () => {
      const res = await rejects(raw('/auth/register', '{"a":'), 400, 'common.malformed_json');
      expect(res.body.message).toBe('Nội dung JSON không đúng cú pháp.');
    });
  });

  describe('wrong types and unknown fields', () => {
    it('reports every wrongly typed field', async () => {
      const res = await rejects(
        raw(
          '/auth/register',
          JSON.stringify({ fullName: 123, email: ['a@b.vn'], password: true, unitId: 7 }),
        ),
        400,
        'common.validation_failed',
      );
      const fields = new Set((res.body.errors as { field: string }[]).map((e) => e.field));
      expect([...fields].sort()).toEqual(['email', 'fullName', 'password', 'unitId']);
    });

    it('refuses numbers given as strings and objects given for strings', async () => {
      await rejects(
        raw('/users', JSON.stringify({ ...valid(), role: { $ne: null } })),
        400,
        'common.validation_failed',
      );
      await rejects(
        raw('/auth/login', JSON.stringify({ identifier: { $gt: '' }, password: PASSWORD })),
        400,
        'common.validation_failed',
      );
      await rejects(() => t.http().get('/users?limit=abc').set('Authorization', admin.auth), 400);
      await rejects(() => t.http().get('/users?limit=1e3').set('Authorization', admin.auth), 400);
      await rejects(
        () => t.http().get('/users?role=root').set('Authorization', admin.auth),
        400,
        'common.validation_failed',
      );
    });

    it('refuses unknown fields', async () => {
      const res = await rejects(
        raw('/auth/register', JSON.stringify({ ...valid(), isAdmin: true })),
        400,
        'common.validation_failed',
      );
      expect(res.body.errors).toEqual([
        { field: 'isAdmin', code: 'field.unknown', message: 'Trường này không được phép.' },
      ]);
      await rejects(
        raw('/auth/login', JSON.stringify({ identifier: admin.email, password: PASSWORD, x: 1 })),
        400,
      );
      await rejects(
        () => t.http().get('/users?sort=email').set('Authorization', admin.auth),
        400,
        'common.validation_failed',
      );
    });
  });

  describe('size and shape', () => {
    it('refuses a body over the limit with 413', async () => {
      const body = JSON.stringify({ ...valid(), fullName: 'a'.repeat(BODY_LIMIT) });
      const res = await rejects(raw('/auth/register', body), 413, 'common.body_too_large');
      expect(res.body.message).toContain(String(BODY_LIMIT));
      await rejects(raw('/auth/login', Buffer.alloc(BODY_LIMIT * 4, 0x20)), 413);
    });

    it('refuses a 10,000-deep body without walking it recursively', async () => {
      const deepArray = '['.repeat(10_000) + ']'.repeat(10_000);
      await rejects(raw('/auth/register', deepArray), 400, 'common.json_too_deep');
      const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      await rejects(raw('/users', deepObject), [400, 413]);
      const nested = `{"fullName":${'['.repeat(10_000)}${']'.repeat(10_000)},"password":"x"}`;
      await rejects(raw('/auth/login', nested), 400, 'common.json_too_deep');
    });

    it('refuses huge strings within the body limit', async () => {
      const huge = 'ệ'.repeat(20_000);
      await rejects(
        raw('/auth/register', JSON.stringify({ ...valid(), fullName: huge })),
        400,
        'common.validation_failed',
      );
      await rejects(
        raw('/auth/login', JSON.stringify({ identifier: huge, password: PASSWORD })),
        400,
        'common.validation_failed',
      );
      await rejects(
        raw('/auth/login', JSON.stringify({ identifier: admin.email, password: huge })),
        400,
        'common.validation_failed',
      );
      await rejects(
        raw('/auth/register', JSON.stringify({ ...valid(), password: `a1${huge}` })),
        400,
        'common.validation_failed',
      );
      await rejects(
        raw('/auth/refresh', JSON.stringify({ refreshToken: huge })),
        400,
        'common.validation_failed',
      );
    });

    it.each([
      ['an empty array', '[]'],
      ['an array of objects', JSON.stringify([valid()])],
      ['a string', '"hello"'],
      ['a number', '42'],
      ['true', 'true'],
      ['null', 'null'],
    ])('refuses %s as the body', async (_name, body) => {
      await rejects(raw('/auth/register', body), 400);
      await rejects(raw('/users', body), 400);
      await rejects(raw('/auth/login', body), 400);
      await rejects(raw('/auth/refresh', body), 400);
    });

    it('refuses an empty body', async () => {
      await rejects(raw('/auth/register', ''), 400);
      await rejects(raw('/auth/login', ''), 400);
      await rejects(() => t.http().post('/auth/register').set('Authorization', admin.auth), 400);
      await rejects(() => t.http().post('/users').set('Authorization', admin.auth), 400);
    });
  });

  describe('prototype pollution', () => {
    it.each([
      ['__proto__ at the top', '{"__proto__": {"role": "admin"}, "fullName": "x"}', '__proto__'],
      ['__proto__ nested', '{"fullName": "x", "a": {"b": [{"__proto__": {"x": 1}}]}}', '__proto__'],
      [
        'constructor.prototype',
        '{"constructor": {"prototype": {"role": "admin"}}, "fullName": "x"}',
        'constructor.prototype',
      ],
      [
        'constructor.prototype nested',
        '{"a": [{"constructor": {"prototype": {"x": 1}}}]}',
        'constructor.prototype',
      ],
      ['escaped __proto__', '{"\\u005f_proto__": {"role": "admin"}}', '__proto__'],
    ])('%s', async (_name, body, key) => {
      const res = await rejects(raw('/auth/register', body), 400, 'common.forbidden_key');
      expect(res.body.message).toContain(key);
      await rejects(raw('/users', body), 400, 'common.forbidden_key');
      await rejects(raw('/auth/login', body), 400, 'common.forbidden_key');
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });
  });

  describe('content types', () => {
    it.each([
      ['text/plain', JSON.stringify(valid())],
      ['application/x-www-form-urlencoded', 'fullName=x&email=a%40b.vn&password=matkhau2024'],
      ['application/xml', '<user><fullName>x</fullName></user>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      ],
      ['application/octet-stream', Buffer.from(JSON.stringify(valid()))],
    ])('refuses %s', async (type, body) => {
      await rejects(raw('/auth/register', body, type), [400, 415]);
      await rejects(raw('/users', body, type), [400, 415]);
      await rejects(raw('/auth/login', body, type), [400, 415]);
    });

    it.each([['application/xml'], ['text/plain'], ['text/plain; charset=utf-8']])(
      'answers 415 for %s, which the API does not read',
      async (type) => {
        const res = await rejects(
          raw('/auth/register', JSON.stringify(valid()), type),
          415,
          'common.unsupported_media_type',
        );
        expect(res.body.message).toBe('Kiểu nội dung không được hỗ trợ.');
      },
    );
  });

  describe('path parameters', () => {
    it.each([
      ['not-a-uuid'],
      ['123'],
      ["1' OR '1'='1"],
      ['00000000-0000-0000-0000-00000000000g'],
      ['..%2F..%2Fetc%2Fpasswd'],
    ])('refuses %s as a user id', async (id) => {
      await rejects(
        () => t.http().get(`/users/${id}`).set('Authorization', admin.auth),
        400,
        'common.invalid_uuid',
      );
      await rejects(
        () => t.http().delete(`/users/${id}`).set('Authorization', admin.auth),
        400,
        'common.invalid_uuid',
      );
    });

    it('refuses NUL in a user id by the text rule, naming the parameter', async () => {
      for (const send of [
        () => t.http().get('/users/%00').set('Authorization', admin.auth),
        () => t.http().delete('/users/%00').set('Authorization', admin.auth),
      ]) {
        const res = await rejects(send, 400, 'common.validation_failed');
        expect(res.body.errors).toEqual([
          { field: 'id', code: 'field.textControls', message: expect.any(String) },
        ]);
      }
    });

    it('refuses an overlong path parameter and an undecodable URL', async () => {
      // Fastify answers these before routing; see frameworkErrorHandler in src/common/errors
      for (const path of [`/users/${'a'.repeat(5000)}`, '/users/%E0%A4%A']) {
        const before = await userCount();
        const res = await t.http().get(path).set('Authorization', admin.auth);
        expect([400, 414]).toContain(res.status);
        expect(res.body).toEqual({
          statusCode: res.status,
          code: expect.stringMatching(/^common\./),
          message: expect.any(String),
          requestId: expect.any(String),
        });
        expect(JSON.stringify(res.body)).not.toContain('aaaaaaaaaa');
        expect(await userCount()).toBe(before);
        await t.http().get('/health').expect(200);
      }
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      await rejects(
        () =>
          t
            .http()
            .get('/users/6f1c0d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f')
            .set('Authorization', admin.auth),
        404,
        'users.not_found',
      );
    });
  });

  it('is still serving and consistent after all of the above', async () => {
    const before = await userCount();
    await t.http().post('/auth/register').send(valid()).expect(201);
    expect(await userCount()).toBe(before + 1);
    await t.http().get('/health').expect(200);
  });
});
