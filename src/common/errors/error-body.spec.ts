import { createServer, type AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { AppError } from './app-error';
import { renderError } from './error-body';

describe('renderError', () => {
  it('renders an AppError with its headers, in the chosen language', () => {
    const r = renderError(AppError.tooManyRequests(1.2, 'common.too_many_requests'), 'en', 'req-1');
    expect(r).toEqual({
      status: 429,
      headers: { 'Retry-After': '2' },
      unexpected: false,
      body: {
        statusCode: 429,
        code: 'common.too_many_requests',
        message: 'Too many requests; try again in 2 seconds.',
        requestId: 'req-1',
      },
    });
  });

  it.each([
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'common.uri_too_long'],
    ['FST_ERR_BAD_URL', 400, 'common.bad_url'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'common.body_too_large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'common.unsupported_media_type'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'common.malformed_json'],
  ])("maps Fastify's %s to %d %s without echoing the request", (code, status, appCode) => {
    const err = Object.assign(new Error(`'/users/${'a'.repeat(300)}' is bad`), {
      code,
      statusCode: status,
    });
    const r = renderError(err, 'vi', 'req-2', { bodyLimit: 1024 });
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(appCode);
    expect(r.body.message).not.toContain('aaaa');
  });

  it("answers a retryable 503 when the database pool's wait runs out", async () => {
    // a server that accepts and never answers: the pool's wait for a connection runs out
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const pool = new Pool({ host: '127.0.0.1', port, max: 1, connectionTimeoutMillis: 50 });
    // the first waits for the server, the second for the pool's only connection
    const errors = await Promise.all(
      [0, 1].map(() => pool.query('SELECT 1').catch((e: unknown) => e)),
    );
    await pool.end().catch(() => undefined);
    silent.close();
    expect(new Set(errors.map((e) => (e as Error).message)).size).toBe(2);
    for (const err of errors) {
      const r = renderError(err, 'en', 'req-9');
      expect([r.status, r.body.code, r.headers]).toEqual([
        503,
        'common.service_unavailable',
        { 'Retry-After': '1' },
      ]);
    }
  });

  it('hides unexpected errors behind a 500 and flags them for the log', () => {
    const r = renderError(new TypeError('secret detail'), 'vi', 'req-3');
    expect(r.status).toBe(500);
    expect(r.unexpected).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('secret detail');
  });
});
