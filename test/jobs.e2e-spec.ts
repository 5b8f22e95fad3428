import { JobsService } from '../src/jobs/jobs.service';
import { startTestApp, TestApp } from './support/test-app';

/** Waits until `check` holds (polling), or fails with `what` after a generous bound. */
async function until(what: string, check: () => Promise<boolean>) {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still waiting for ${what}`);
}

describe('durable jobs', () => {
  let t: TestApp;
  let jobs: JobsService;

  beforeAll(async () => {
    t = await startTestApp({
      JOB_POLL_MS: '100',
      MEDIA_WORKER_CONCURRENCY: '3',
      JOB_MAX_ATTEMPTS: '2',
    });
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t?.close();
  });

  const states = async (queue: string) => {
    const { rows } = await t.db.query<{ state: string; attempts: number; n: number }>(
      `SELECT state, attempts, count(*)::int AS n FROM jobs WHERE queue = $1
        GROUP BY state, attempts ORDER BY state, attempts`,
      [queue],
    );
    return rows;
  };

  it('every job runs once and is done; never more at once than the concurrency', async () => {
    const ran = new Map<number, number>();
    let now = 0;
    let most = 0;
    jobs.register('test.batch', async (payload) => {
      now++;
      most = Math.max(most, now);
      const n = Number(payload.n);
      ran.set(n, (ran.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
      now--;
    });
    for (let n = 0; n < 25; n++) await jobs.enqueue('test.batch', { n });
    jobs.poke();
    // Every job finished (whatever its attempts): before any is claimed, all 25 are 'queued'.
    await until('the batch', async () =>
      (await states('test.batch')).every((s) => s.state === 'done' || s.state === 'dead'),
    );
    expect(await states('test.batch')).toEqual([{ state: 'done', attempts: 1, n: 25 }]);
    expect([...ran.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect([...ran.values()].every((c) => c === 1)).toBe(true);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('a failing job is retried, then kept as dead with its error, and its dead handler runs once', async () => {
    const dead: string[] = [];
    let attempts = 0;
    jobs.register(
      'test.failing',
      () => {
        attempts++;
        return Promise.reject(new Error('kaput'));
      },
      (payload, error) => {
        dead.push(`${String(payload.what)}: ${error}`);
        return Promise.resolve();
      },
    );
    await jobs.enqueue('test.failing', { what: 'x' });
    jobs.poke();
    await until('the dead letter', async () => dead.length > 0);
    expect(attempts).toBe(2);
    expect(dead).toEqual(['x: Error: kaput']);
    const { rows } = await t.db.query(
      `SELECT state, attempts, last_error FROM jobs WHERE queue = 'test.failing'`,
    );
    expect(rows).toEqual([{ state: 'dead', attempts: 2, last_error: 'Error: kaput' }]);
  });

  it('pausing waits for the running jobs and starts no other; starting again takes the rest', async () => {
    let running = 0;
    let startedWhilePaused = 0;
    let paused = false;
    jobs.register('test.pause', async () => {
      if (paused) startedWhilePaused++;
      running++;
      await new Promise((r) => setTimeout(r, 50));
      running--;
    });
    for (let n = 0; n < 12; n++) await jobs.enqueue('test.pause', { n });
    jobs.poke();
    await until('a first job to finish', async () =>
      (await states('test.pause')).some((s) => s.state === 'done'),
    );
    await jobs.pause();
    paused = true;
    expect(running).toBe(0);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM jobs WHERE queue = 'test.pause' AND state = 'active'`,
    );
    expect(rows[0].n).toBe(0);
    paused = false;
    jobs.start();
    await until('the rest', async () => {
      const s = await states('test.pause');
      return s.length === 1 && s[0].state === 'done' && s[0].n === 12;
    });
    expect(startedWhilePaused).toBe(0);
  });
});
