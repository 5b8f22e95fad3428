import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { seedVotingContest } from '../../bench/voting-seed';
import { loadConfig } from '../../src/config/config';
import { DeviceTokens } from '../../src/voting/voter-identity';
import { io, Socket } from 'socket.io-client';
import { AppProcess, PrivatePostgres, PrivateRedis, sleep } from './services';

interface Ack {
  ok: boolean;
  data?: { status: string };
  error?: { code: string; retryable?: boolean };
}

const JWT_SECRET = randomBytes(32).toString('hex');

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function createSession(dbUrl: string, entries = 4) {
  const id = randomUUID();
  const seeded = await seedVotingContest(
    { query: (text: string, params?: unknown[]) => sql(dbUrl, text, params) },
    { entries },
  );
  const entryIds = seeded.entryIds;
  await sql(
    dbUrl,
    `INSERT INTO voting_sessions (id, contest_id, round_id, title, state, policy)
     VALUES ($1, $2, $3, 'Fault drill', 'open', '{"perEntry": null, "perSession": null, "perDay": null, "identities": ["device"]}')`,
    [id, seeded.contestId, seeded.roundId],
  );
  for (const [i, e] of entryIds.entries())
    await sql(dbUrl, 'INSERT INTO voting_session_entries VALUES ($1, $2, $3)', [id, e, i]);
  return { id, entryIds };
}

/**
 * A device token the instances accept (same JWT_SECRET), issued a minute ago: a viewer who
 * opened the page before voting (a vote sooner than VOTE_MIN_HUMAN_MS after it is held).
 */
function deviceToken(): string {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET, DATA_DIR: '/tmp' });
  return new DeviceTokens(config).issue(Date.now() - 60_000).token;
}

function socketTo(url: string, voterToken: string): Promise<Socket> {
  const s = io(url, {
    transports: ['websocket'],
    auth: { voterToken },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/**
 * Voters sending votes without pause, each with its own vote id, as a phone app would: a vote
 * that got a retryable error or no answer is sent again with the same id.
 */
class Burst {
  readonly acked = new Set<string>();
  readonly sent = new Set<string>();
  readonly unsure = new Set<string>();
  retryableErrors = 0;
  otherErrors: string[] = [];
  private running = true;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly sockets: Socket[],
    private readonly sessionId: string,
    private readonly entryIds: string[],
    private readonly perSocket = 10,
  ) {}

  start(): void {
    for (const s of this.sockets)
      for (let i = 0; i < this.perSocket; i++) this.loops.push(this.loop(s));
  }

  private async loop(s: Socket): Promise<void> {
    while (this.running && s.connected) {
      const voteId = randomUUID();
      this.sent.add(voteId);
      const ok = await this.send(s, voteId);
      if (!ok) {
        this.unsure.add(voteId);
        await sleep(50);
      }
    }
  }

  async send(s: Socket, voteId: string): Promise<boolean> {
    try {
      const ack = (await s.timeout(5000).emitWithAck('vote:cast', {
        sessionId: this.sessionId,
        entryId: this.entryIds[voteId.charCodeAt(0) % this.entryIds.length],
        voteId,
      })) as Ack;
      if (ack.ok) {
        this.acked.add(voteId);
        this.unsure.delete(voteId);
        return true;
      }
      if (ack.error?.retryable) this.retryableErrors++;
      else this.otherErrors.push(ack.error?.code ?? 'unknown');
      return false;
    } catch {
      return false; // no answer: unknown outcome
    }
  }

  async waitAcked(n: number, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.acked.size < n && Date.now() < end) await sleep(20);
    if (this.acked.size < n) throw new Error(`only ${this.acked.size} of ${n} votes acknowledged`);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Sends every vote without a final answer again (same ids) until each is acknowledged. */
  async settle(s: Socket, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.unsure.size && Date.now() < end) {
      for (const id of [...this.unsure]) if (!(await this.send(s, id))) await sleep(100);
    }
    if (this.unsure.size)
      throw new Error(
        `${this.unsure.size} votes never acknowledged (connected: ${s.connected}, errors: ${this.otherErrors.slice(-5).join(', ')})`,
      );
  }
}

async function storedIds(dbUrl: string, sessionId: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }>(dbUrl, 'SELECT id FROM votes WHERE session_id = $1', [
    sessionId,
  ]);
  return new Set(rows.map((r) => r.id));
}

async function tallyTotal(dbUrl: string, sessionId: string): Promise<number> {
  const rows = await sql<{ n: string | null }>(
    dbUrl,
    'SELECT sum(votes) AS n FROM voting_tallies WHERE session_id = $1',
    [sessionId],
  );
  return Number(rows[0].n ?? 0);
}

describe('voting under faults (private PostgreSQL and Redis)', () => {
  const pg = new PrivatePostgres();
  const sockets: Socket[] = [];
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    await pg.init();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    for (const a of apps) await a.kill();
    pg.destroy();
  });

  const app = (env: Record<string, string> = {}) => {
    const a = new AppProcess({
      DATABASE_URL: pg.url,
      JWT_SECRET,
      SOCKET_EVENTS_PER_SECOND: '5000',
      SOCKET_BURST: '5000',
      VOTING_TALLY_INTERVAL_MS: '100',
      ...env,
    });
    apps.push(a);
    return a;
  };
  /** Sockets of one voting device (a retry must come from the voter that sent the vote). */
  let token: string | undefined;
  const voters = async (url: string, n: number) => {
    token ??= deviceToken();
    const list = await Promise.all(Array.from({ length: n }, () => socketTo(url, token!)));
    sockets.push(...list);
    return list;
  };

  it('keeps every acknowledged vote when an instance is killed with SIGKILL mid-burst', async () => {
    const instance = app();
    await instance.start();
    const session = await createSession(pg.url);
    const burst = new Burst(await voters(instance.url, 4), session.id, session.entryIds);
    burst.start();
    await burst.waitAcked(1500);
    await instance.kill('SIGKILL');
    await burst.stop();
    const ackedBeforeKill = new Set(burst.acked);

    await instance.start();
    const stored = await storedIds(pg.url, session.id);
    const lost = [...ackedBeforeKill].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);

    // Votes left without an answer are sent again: each is counted once, or was already.
    const [retrier] = await voters(instance.url, 1);
    await burst.settle(retrier);
    const after = await storedIds(pg.url, session.id);
    expect(after.size).toBe(burst.sent.size);
    expect(await tallyTotal(pg.url, session.id)).toBe(after.size);
    await instance.kill('SIGTERM');
  });

  it('answers retryable errors while PostgreSQL is down, loses nothing acknowledged and recovers without a restart', async () => {
    const instance = app();
    await instance.start();
    const session = await createSession(pg.url);
    const socks = await voters(instance.url, 3);
    const burst = new Burst(socks, session.id, session.entryIds);
    burst.start();
    await burst.waitAcked(800);
    pg.stop('fast');
    const errorsBefore = burst.retryableErrors;
    const end = Date.now() + 20_000;
    while (burst.retryableErrors < errorsBefore + 20 && Date.now() < end) await sleep(50);
    expect(burst.retryableErrors).toBeGreaterThanOrEqual(errorsBefore + 20);
    await pg.start();
    const ackedBeforeRestart = burst.acked.size;
    await burst.waitAcked(ackedBeforeRestart + 800);
    await burst.stop();
    await burst.settle(socks[0]);

    const stored = await storedIds(pg.url, session.id);
    expect([...burst.acked].filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBe(burst.sent.size);
    expect(await tallyTotal(pg.url, session.id)).toBe(stored.size);
    expect(burst.otherErrors).toEqual([]);
    const health = await fetch(`${instance.url}/health`);
    expect(health.status).toBe(200);
    await instance.kill('SIGTERM');
  });

  it('keeps counting while Redis is down, broadcasting locally, and shares rooms again when it is back', async () => {
    const redis = new PrivateRedis();
    await redis.start();
    try {
      const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'fault' };
      const a = app(env);
      const b = app(env);
      await Promise.all([a.start(), b.start()]);
      const session = await createSession(pg.url);
      const viewerA = io(a.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      const viewerB = io(b.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(viewerA, viewerB);
      const tallies = { a: 0, b: 0 };
      viewerA.on('voting:tally', (p: { seq: number }) => (tallies.a = Math.max(tallies.a, p.seq)));
      viewerB.on('voting:tally', (p: { seq: number }) => (tallies.b = Math.max(tallies.b, p.seq)));
      await viewerA.emitWithAck('room:join', { room: `session:${session.id}` });
      await viewerB.emitWithAck('room:join', { room: `session:${session.id}` });
      const [voter] = await voters(b.url, 1);
      const burst = new Burst([voter], session.id, session.entryIds, 1);
      const waitSeq = async (who: 'a' | 'b', n: number) => {
        const end = Date.now() + 20_000;
        while (tallies[who] < n && Date.now() < end) await sleep(20);
        return tallies[who];
      };

      expect(await burst.send(voter, randomUUID())).toBe(true);
      expect(await waitSeq('a', 1)).toBe(1); // crosses instances through Redis

      await redis.kill();
      for (let i = 0; i < 50; i++) expect(await burst.send(voter, randomUUID())).toBe(true);
      expect(await waitSeq('b', 51)).toBe(51); // B's own viewers still see it
      expect(await storedIds(pg.url, session.id)).toHaveProperty('size', 51);

      await redis.start();
      // Back: B resends its full state, and new votes reach A's viewers again.
      const end = Date.now() + 30_000;
      let n = 51;
      while (tallies.a < n && Date.now() < end) {
        if (await burst.send(voter, randomUUID())) n++;
        await sleep(300);
      }
      expect(tallies.a).toBeGreaterThanOrEqual(n);
      expect((await storedIds(pg.url, session.id)).size).toBe(n);
    } finally {
      await redis.kill();
    }
  });
});
