import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { runCli } from '../src/cli';
import { JobsService } from '../src/jobs/jobs.service';
import { UserRole } from '../src/users/entities/user.entity';
import { putEntry, removeDir, tempDir, waitForStatus } from './media-support';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

async function until(what: string, check: () => Promise<boolean>) {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still waiting for ${what}`);
}

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/**
 * What an operator needs of the job queue, over HTTP (administrators only) and on the command
 * line: jobs by queue, state and age; dead jobs with their errors; retrying and discarding them.
 */
describe('job queue administration', () => {
  let t: TestApp;
  let jobs: JobsService;
  let admin: TestUser;
  let organizer: TestUser;
  let uploads: string;
  let cliEnv: Record<string, string>;
  let broken = true;
  const ran: string[] = [];

  beforeAll(async () => {
    uploads = tempDir('jobs-admin');
    t = await startTestApp({
      JOB_POLL_MS: '50',
      JOB_MAX_ATTEMPTS: '1',
      UPLOADS_DIR: uploads,
    });
    jobs = t.app.get(JobsService);
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer);
    cliEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: t.databaseUrl,
      UPLOADS_DIR: uploads,
      LANG: 'en_US.UTF-8',
    };
    for (const queue of ['test.flaky', 'test.other']) {
      jobs.register(queue, (payload) => {
        ran.push(String(payload.n));
        return broken ? Promise.reject(new Error(`kaput ${String(payload.n)}`)) : Promise.resolve();
      });
    }
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  /** The counts as the database has them, computed here. */
  const direct = async () =>
    (
      await t.db.query<{ queue: string; state: string; n: number }>(
        `SELECT queue, state, count(*)::int AS n FROM jobs WHERE queue LIKE 'test.%'
          GROUP BY queue, state ORDER BY queue, state`,
      )
    ).rows;

  it('shows jobs by queue, state and age; lists the dead ones with their errors; administrators only', async () => {
    for (const n of ['a', 'b']) await jobs.enqueue('test.flaky', { n });
    await jobs.enqueue('test.other', { n: 'c' });
    // a queue nobody takes (no handler here): it waits, due
    await jobs.enqueue('test.untaken', { n: 'd' });
    jobs.poke();
    await until(
      'three dead jobs',
      async () =>
        (await direct()).some((r) => r.queue === 'test.other' && r.state === 'dead') &&
        (await direct()).some((r) => r.queue === 'test.flaky' && r.state === 'dead' && r.n === 2),
    );

    const res = await t.http().get('/admin/jobs').set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    const mine = (res.body.counts as { queue: string; state: string; count: number }[]).filter(
      (c) => c.queue.startsWith('test.'),
    );
    expect(mine.map((c) => ({ queue: c.queue, state: c.state, n: c.count }))).toEqual(
      await direct(),
    );
    const untaken = res.body.counts.find((c: { queue: string }) => c.queue === 'test.untaken');
    expect(untaken).toMatchObject({ state: 'queued', count: 1, due: 1 });
    expect(untaken.oldestDueAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(untaken.oldestAgeSeconds).toBeGreaterThanOrEqual(0);

    const dead = await t
      .http()
      .get('/admin/jobs/list?state=dead&queue=test.flaky')
      .set('Authorization', admin.auth);
    expect(dead.status).toBe(200);
    expect(dead.body.items).toHaveLength(2);
    expect(dead.body.items.map((j: { lastError: string }) => j.lastError).sort()).toEqual([
      'Error: kaput a',
      'Error: kaput b',
    ]);

    expect((await t.http().get('/admin/jobs').set('Authorization', organizer.auth)).status).toBe(
      403,
    );
    expect((await t.http().get('/admin/jobs')).status).toBe(401);
    const bad = await t
      .http()
      .get('/admin/jobs/list?state=lost&limit=0')
      .set('Authorization', admin.auth);
    expect(bad.status).toBe(400);
  });

  it('retries and discards dead jobs one at a time, audited; refuses jobs that are not dead', async () => {
    broken = false;
    const ids = async (queue: string, state: string) =>
      (
        await t.db.query<{ id: string }>(
          'SELECT id FROM jobs WHERE queue = $1 AND state = $2 ORDER BY payload->>$3',
          [queue, state, 'n'],
        )
      ).rows.map((r) => r.id);
    const [a, b] = await ids('test.flaky', 'dead');
    const [untaken] = await ids('test.untaken', 'queued');

    const retried = await t.http().post(`/admin/jobs/${a}/retry`).set('Authorization', admin.auth);
    expect(retried.status).toBe(204);
    await until('the retried job', async () => (await ids('test.flaky', 'done')).includes(a));
    const row = await t.db.query('SELECT attempts, state FROM jobs WHERE id = $1', [a]);
    expect(row.rows[0]).toEqual({ attempts: 1, state: 'done' });

    expect(
      (await t.http().delete(`/admin/jobs/${b}`).set('Authorization', admin.auth)).status,
    ).toBe(204);
    expect((await t.db.query('SELECT 1 FROM jobs WHERE id = $1', [b])).rowCount).toBe(0);

    const audit = await t.db.query<{ action: string; subject_id: string; actor_id: string }>(
      `SELECT action, subject_id, actor_id FROM audit_log WHERE subject_type = 'job' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'jobs.retried', subject_id: a, actor_id: admin.id },
      { action: 'jobs.discarded', subject_id: b, actor_id: admin.id },
    ]);

    const notDead = await t
      .http()
      .post(`/admin/jobs/${untaken}/retry`)
      .set('Authorization', admin.auth)
      .set('Accept-Language', 'en');
    expect(notDead.status).toBe(409);
    expect(notDead.body.code).toBe('jobs.not_dead');
    expect(notDead.body.message).toMatch(/^Only a dead job/);
    const vi = await t.http().delete(`/admin/jobs/${untaken}`).set('Authorization', admin.auth);
    expect(vi.status).toBe(409);
    expect(vi.body.message).toMatch(/^Chỉ làm lại hoặc bỏ được công việc đã hỏng hẳn/);
    const unknown = await t
      .http()
      .post(`/admin/jobs/${randomUUID()}/retry`)
      .set('Authorization', admin.auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('jobs.not_found');
    // nothing changed by the refusals
    expect(await ids('test.untaken', 'queued')).toEqual([untaken]);
  });

  it('a media file whose processing was given up on is processed again when its job is retried', async () => {
    const owner = await createUser(t, UserRole.Contestant);
    const entryId = putEntry(t, { ownerId: owner.id });
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#a35' },
    })
      .png()
      .toBuffer();
    const up = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', png, { filename: 'anh.png' });
    expect(up.status).toBe(201);
    const mediaId = up.body.id as string;
    await waitForStatus(t, mediaId, ['ready']);
    // as a job whose attempts ran out leaves it: the job dead, the file failed, no versions
    await t.db.query(
      `UPDATE media_items SET status = 'failed', reason = '{"code":"media.processing_failed"}',
              derivatives = '{}' WHERE id = $1`,
      [mediaId],
    );
    const job = await t.db.query<{ id: string }>(
      `UPDATE jobs SET state = 'dead', last_error = 'Error: worker lost' WHERE payload->>'mediaId' = $1
       RETURNING id`,
      [mediaId],
    );
    const res = await t
      .http()
      .post(`/admin/jobs/${job.rows[0].id}/retry`)
      .set('Authorization', admin.auth);
    expect(res.status).toBe(204);
    await waitForStatus(t, mediaId, ['ready']);
    const item = await t.db.query<{ derivatives: Record<string, unknown>; reason: unknown }>(
      'SELECT derivatives, reason FROM media_items WHERE id = $1',
      [mediaId],
    );
    expect(Object.keys(item.rows[0].derivatives).sort()).toEqual(['preview', 'thumb']);
    expect(item.rows[0].reason).toBeNull();
  });

  it('the same from the command line: summary, dead list, retry and discard of all dead jobs', async () => {
    broken = true;
    for (const n of ['e', 'f']) await jobs.enqueue('test.other', { n });
    jobs.poke();
    await until('two more dead jobs', async () =>
      (await direct()).some((r) => r.queue === 'test.other' && r.state === 'dead' && r.n === 3),
    );

    const summary = await cli(['jobs'], cliEnv);
    expect(summary.code).toBe(0);
    expect(summary.out.find((l) => l.startsWith('test.other'))).toMatch(
      /^test\.other — dead: 3 jobs, the oldest \d+ s old$/,
    );
    expect(summary.out.find((l) => l.startsWith('test.untaken — queued: 1 jobs'))).toMatch(
      /; 1 due, the oldest due waiting for \d+ s$/,
    );
    const vi = await cli(['jobs'], { ...cliEnv, LANG: 'vi_VN.UTF-8' });
    expect(vi.out.find((l) => l.startsWith('test.other'))).toMatch(
      /^test\.other — hỏng hẳn: 3 việc, cũ nhất \d+ giây$/,
    );

    const list = await cli(['jobs', 'list', '--queue', 'test.other'], cliEnv);
    expect(list.code).toBe(0);
    expect(list.out.map((l) => (JSON.parse(l) as { queue: string; state: string }).state)).toEqual([
      'dead',
      'dead',
      'dead',
    ]);

    broken = false;
    const retry = await cli(['jobs', 'retry', '--dead', '--queue', 'test.other'], cliEnv);
    expect(retry).toMatchObject({ code: 0, out: ['Put 3 dead jobs back in the queue.'] });
    // the command's process takes no job; the service's worker does
    await until('the retried jobs', async () =>
      (await direct()).some((r) => r.queue === 'test.other' && r.state === 'done' && r.n === 3),
    );

    broken = true;
    await jobs.enqueue('test.flaky', { n: 'g' });
    jobs.poke();
    await until('a dead job', async () =>
      (await direct()).some((r) => r.queue === 'test.flaky' && r.state === 'dead'),
    );
    const discard = await cli(['jobs', 'discard', '--dead'], cliEnv);
    expect(discard).toMatchObject({ code: 0, out: ['Discarded 1 dead jobs.'] });
    expect((await direct()).filter((r) => r.state === 'dead')).toEqual([]);

    const usage = await cli(['jobs', 'retry'], cliEnv);
    expect(usage.code).toBe(1);
    expect(usage.err[0]).toMatch(/^Usage: jobs/);
  });
});
