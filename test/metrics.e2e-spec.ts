import { createServer } from 'node:net';
import { photo } from './showcase-helpers';
import { putEntry, removeDir, tempDir, waitForStatus } from './media-support';
import { createUser } from './support/fixtures';
import { Scrape } from './support/prometheus';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, connect, connected, deviceToken, openSession } from './voting-helpers';
import { UserRole } from '../src/users/entities/user.entity';
import { randomUUID } from 'node:crypto';

async function scrape(t: TestApp): Promise<Scrape> {
  const res = await t.http().get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Scrape(res.text);
}

/** Polls (bounded) until `check` holds on a fresh scrape. */
async function until(t: TestApp, check: (s: Scrape) => boolean, what: string): Promise<Scrape> {
  for (let i = 0; i < 100; i++) {
    const s = await scrape(t);
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`metrics never showed ${what}`);
}

describe('GET /metrics', () => {
  let t: TestApp;
  let uploads: string;
  beforeAll(async () => {
    uploads = tempDir('metrics-uploads');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    removeDir(uploads);
  });

  it('reports the process, HTTP requests by route and status, and the database', async () => {
    const before = await scrape(t);
    for (let i = 0; i < 3; i++) await t.http().get('/health/live').expect(200);
    await t.http().get('/no/such/route').expect(404);
    const after = await scrape(t);

    const live = { method: 'GET', route: '/health/live', status: '200' };
    const metric = 'hoithi_http_request_duration_seconds';
    expect(after.family(metric).type).toBe('HISTOGRAM');
    expect(after.histogram(metric, live).count - before.histogram(metric, live).count).toBe(3);
    expect(after.histogram(metric, live).sum).toBeGreaterThan(0);
    // an unknown URL is one series, not one per URL
    expect(after.histogram(metric, { route: 'unmatched', status: '404' }).count).toBeGreaterThan(
      before.histogram(metric, { route: 'unmatched', status: '404' }).count,
    );
    expect(JSON.stringify(after.family(metric))).not.toContain('/no/such/route');

    // prom-client's defaults: event-loop lag, heap
    expect(after.family('nodejs_eventloop_lag_seconds').type).toBe('GAUGE');
    expect(after.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // the pool and the statements
    expect(after.value('hoithi_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(after.value('hoithi_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    expect(after.histogram('hoithi_db_query_duration_seconds').count).toBeGreaterThan(
      before.histogram('hoithi_db_query_duration_seconds').count,
    );
  });

  it('counts votes received, counted and refused by reason, their batches, the queue, sockets and broadcasts', async () => {
    const f = await openSession(t, { entries: 2 });
    const viewer = connect(t.url);
    await connected(viewer);
    await viewer.emitWithAck('room:join', { room: `session:${f.sessionId}` });
    const before = await scrape(t);
    expect(before.value('hoithi_sockets_connected')).toBeGreaterThanOrEqual(1);

    const voter = await deviceToken(t);
    const first = await castOverHttp(t, f.sessionId, { entryId: f.entryIds[0], voterToken: voter });
    expect(first.status).toBe(201);
    const again = await castOverHttp(t, f.sessionId, { entryId: f.entryIds[0], voterToken: voter });
    expect(again.status).toBe(409);

    const after = await until(
      t,
      (s) =>
        s.histogram('hoithi_tally_broadcast_duration_seconds').count >
        before.histogram('hoithi_tally_broadcast_duration_seconds').count,
      'a tally broadcast',
    );
    const delta = (name: string, labels: Record<string, string> = {}) =>
      after.value(name, labels) - before.value(name, labels);
    expect(after.family('hoithi_votes_received_total').type).toBe('COUNTER');
    expect(delta('hoithi_votes_received_total')).toBe(2);
    expect(delta('hoithi_votes_total', { outcome: 'counted' })).toBe(1);
    expect(delta('hoithi_votes_total', { outcome: 'refused' })).toBe(1);
    expect(delta('hoithi_vote_refusals_total', { reason: 'limit_entry' })).toBe(1);
    const batches = (s: Scrape) => s.histogram('hoithi_vote_batch_size');
    expect(batches(after).count - batches(before).count).toBe(2);
    expect(batches(after).sum - batches(before).sum).toBe(2);
    expect(after.histogram('hoithi_vote_batch_duration_seconds').count).toBeGreaterThanOrEqual(2);
    expect(after.family('hoithi_vote_queue_length').type).toBe('GAUGE');
    expect(after.value('hoithi_vote_queue_length')).toBe(0);

    viewer.close();
    await until(
      t,
      (s) => s.value('hoithi_sockets_connected') < after.value('hoithi_sockets_connected'),
      'the socket gone',
    );
  });

  it('counts upload bytes, stored uploads and failures by code, and the media jobs by queue and state', async () => {
    const owner = await createUser(t, UserRole.Contestant);
    const entryId = putEntry(t, { ownerId: owner.id });
    const before = await scrape(t);

    const bytes = await photo(800, 600);
    const up = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', bytes, { filename: 'anh.jpg' });
    expect(up.status).toBe(201);
    await waitForStatus(t, up.body.id as string, ['ready'], 60_000);
    const refused = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', Buffer.from('MZ not a picture at all'), { filename: 'anh.jpg' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const code = refused.body.code as string;

    const after = await scrape(t);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('hoithi_upload_bytes_total', { path: 'multipart' })).toBeGreaterThanOrEqual(
      bytes.length,
    );
    expect(delta('hoithi_uploads_total', { path: 'multipart' })).toBe(1);
    expect(delta('hoithi_upload_failures_total', { path: 'multipart', code })).toBe(1);
    const jobs = after.family('hoithi_jobs');
    const done = jobs.metrics.filter((m) => m.labels?.state === 'done');
    expect(done.reduce((n, m) => n + Number(m.value), 0)).toBeGreaterThanOrEqual(1);
    expect(after.families.has('hoithi_jobs_due')).toBe(true);
    expect(after.families.has('hoithi_job_oldest_age_seconds')).toBe(true);
  });
});

describe('who may read /metrics', () => {
  const token = `metrics-${randomUUID()}`;
  const production = { NODE_ENV: 'production', JWT_SECRET: randomUUID() + randomUUID() };

  it('needs the bearer token when METRICS_TOKEN is set, and is not served in production without a token or port', async () => {
    const t = await startTestApp({ METRICS_TOKEN: token, ...production });
    try {
      const none = await t.http().get('/metrics').expect(401);
      expect(none.body.code).toBe('metrics.token_required');
      await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-123456').expect(401);
      const ok = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(new Scrape(ok.text).families.has('hoithi_votes_received_total')).toBe(true);
    } finally {
      await t.close();
    }
    const closed = await startTestApp(production);
    try {
      await closed.http().get('/metrics').expect(404);
    } finally {
      await closed.close();
    }
  });

  it('is served on METRICS_PORT only when that is set, each instance its own', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const t = await startTestApp({ METRICS_PORT: String(port), ...production });
    const other = await startTestApp({});
    try {
      await t.http().get('/metrics').expect(404);
      for (let i = 0; i < 2; i++) await t.http().get('/health/live').expect(200);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      const s = new Scrape(await res.text());
      const live = { method: 'GET', route: '/health/live', status: '200' };
      expect(s.histogram('hoithi_http_request_duration_seconds', live).count).toBe(2);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      // the other instance counts only its own requests
      const mine = new Scrape((await other.http().get('/metrics').expect(200)).text);
      expect(mine.histogram('hoithi_http_request_duration_seconds', live).count).toBe(0);
    } finally {
      await t.close();
      await other.close();
    }
    // closed with its application: the port is free again
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((r) => again.close(r));
  });
});
