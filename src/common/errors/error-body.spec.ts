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

  it('hides unexpected errors behind a 500 and flags them for the log', () => {
    const r = renderError(new TypeError('secret detail'), 'vi', 'req-3');
    expect(r.status).toBe(500);
    expect(r.unexpected).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('secret detail');
  });
});
