import { startTestApp, TestApp } from './support/test-app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers readiness with the database checked', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.database.status).toBe('ok');
    expect(res.body.checks.storage.status).toBe('ok');
  });

  it('answers liveness', async () => {
    const res = await t.http().get('/health/live').expect(200, { status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the OpenAPI description with every route', async () => {
    const res = await t.http().get('/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/auth/refresh', '/users', '/health']),
    );
    await t.http().get('/docs').expect(200);
  });

  it('puts the request id on the response and in error bodies', async () => {
    const res = await t
      .http()
      .get('/no-such-route')
      .set('X-Request-Id', 'client-req-12345')
      .expect(404);
    expect(res.headers['x-request-id']).toBe('client-req-12345');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'common.route_not_found',
      message: 'Không có đường dẫn GET /no-such-route.',
      requestId: 'client-req-12345',
    });
  });
});
