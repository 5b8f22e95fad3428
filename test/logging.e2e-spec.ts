import { Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { RequestContext } from '../src/common/http/request-context';
import { startTestApp, TestApp } from './support/test-app';

describe('structured logs', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line));
    });
    t = await startTestApp({ LOG_LEVEL: 'info' }, undefined, { logStream: stream });
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with its request id, status and duration', async () => {
    await t.http().get('/health').set('X-Request-Id', 'log-test-0001').expect(200);
    await t
      .http()
      .post('/auth/login')
      .set('X-Request-Id', 'log-test-0002')
      .send({ identifier: 'x@y.vn', password: 'sai-mat-khau1' });
    await new Promise((r) => setTimeout(r, 50));
    const ok = lines.find((l) => l.requestId === 'log-test-0001' && l.msg === 'request completed');
    expect(ok).toMatchObject({
      level: 30,
      res: { statusCode: 200 },
      req: { method: 'GET', url: '/health' },
    });
    expect(typeof ok?.responseTime).toBe('number');
    const failed = lines.find(
      (l) => l.requestId === 'log-test-0002' && l.msg === 'request completed',
    );
    expect(failed).toMatchObject({ level: 40, res: { statusCode: 401 } });
    expect(JSON.stringify(lines)).not.toContain('sai-mat-khau1');
  });

  it('puts the request id on lines written by the code that serves the request', async () => {
    RequestContext.run('log-test-0003', () => new Logger('Entries').log('entry submitted'));
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.find((l) => l.msg === 'entry submitted')).toMatchObject({
      requestId: 'log-test-0003',
      context: 'Entries',
      level: 30,
    });
  });
});
