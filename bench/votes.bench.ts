/**
 * npm run bench:votes — live voting figures beside references measured in the same run.
 *
 *  intake      votes/s acknowledged-and-committed over sockets (5% duplicates) for
 *              VOTES_BENCH_SECONDS (default 60) vs a bare socket.io server counting in memory
 *              under the same load for as long, half of it before ours and half after
 *  intake-pg   the same figure vs the raw `pg` batch insert rate (unnest, ON CONFLICT, RETURNING)
 *  fanout-p99  ms from a vote's acknowledgement to 10,000 viewers seeing it (VOTES_BENCH_VIEWERS)
 *  broadcast   ms for one tally broadcast to the viewers vs a bare socket.io broadcast
 *  rss-per-socket  KB of server RSS per connected idle viewer: the growth from VIEWERS/2 connected
 *              viewers to VIEWERS more (so V8's young generation, a per-process pool that a burst
 *              of connections or a vote flow grows to its cap once, is not charged to viewers;
 *              the fresh-instance figure that includes it is printed too), bare socket.io alike
 *  stored-equals-tallies  1 when the stored votes equal the live tallies
 *
 * Roles (argv[2]): main (default), bare, load, viewers. Clients run in child processes so no
 * process holds more than ~5,000 sockets (the machine allows ~20,000 open files per process).
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { Client, Pool } from 'pg';
import { Server } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { dayLimitMayBind } from '../src/voting/day-limit';
import { VoterIdentityKind } from '../src/voting/entities/voting-session.entity';
import { DeviceTokens } from '../src/voting/voter-identity';
import { freePort, scratchDatabase, sleep, uuidv7, waitForHealth } from './support';
import { seedVotingContest } from './voting-seed';

const ROOT = join(__dirname, '../..');
const SECONDS = Number(process.env.VOTES_BENCH_SECONDS ?? 60);
const VIEWERS = Number(process.env.VOTES_BENCH_VIEWERS ?? 10_000);
const FANOUT_SECONDS = Number(process.env.VOTES_BENCH_FANOUT_SECONDS ?? 15);
const LOADERS = Number(process.env.VOTES_BENCH_LOADERS ?? 3);
const SOCKETS_PER_LOADER = Number(process.env.VOTES_BENCH_SOCKETS ?? 20);
const WINDOW = Number(process.env.VOTES_BENCH_WINDOW ?? 50);
/** Distinct voters per load process (each votes once per entry before any votes again). */
/** Broadcasts timed for the `broadcast` figure, ours and bare alike. */
const BROADCASTS = 20;
const VOTERS = Number(process.env.VOTES_BENCH_VOTERS ?? 200_000);
const SECRET = (process.env.VOTES_BENCH_SECRET ??= randomBytes(32).toString('hex'));
const now = () => performance.timeOrigin + performance.now();
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A child that answers one JSON message per request over IPC. */
function child(role: string, args: Record<string, unknown>, execArgv?: string[]): ChildProcess {
  return fork(__filename, [role, JSON.stringify(args)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: execArgv ?? process.execArgv,
  });
}

interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
  youngGenerationBytes: number;
  sockets: number;
}

/** Memory after a full collection, as the application's stats endpoint reports it. */
function memory(sockets: number): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const young = getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('new_'))
    .reduce((sum, space) => sum + space.physical_space_size, 0);
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, youngGenerationBytes: young, sockets };
}
function next<T>(c: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    c.once('message', (m) => resolve(m as T));
    c.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

// ---- roles ---------------------------------------------------------------------------------

/** The reference: socket.io alone, counting votes in memory (with dedup by id), same acks. */
async function bare(): Promise<void> {
  const port = await freePort();
  const http = createServer();
  const server = new Server(http, {
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
  });
  const seen = new Set<string>();
  let counted = 0;
  server.on('connection', (socket) => {
    socket.on('room:join', (b: { room: string }, ack: (a: unknown) => void) => {
      void socket.join(b.room);
      ack({ ok: true });
    });
    socket.on('vote:cast', (v: { voteId: string }, ack: (a: unknown) => void) => {
      if (seen.has(v.voteId))
        return ack({ ok: true, data: { voteId: v.voteId, status: 'already_counted' } });
      seen.add(v.voteId);
      counted++;
      ack({ ok: true, data: { voteId: v.voteId, status: 'counted' } });
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  process.send!({ port });
  process.on('message', (m: { cmd: string; room?: string; payload?: unknown }) => {
    if (m.cmd === 'broadcast') {
      // Like ours: one broadcast every tally interval, to idle sockets.
      void (async () => {
        const times: number[] = [];
        for (let i = 0; i < BROADCASTS; i++) {
          await sleep(300);
          const t0 = performance.now();
          server.to(m.room!).emit('voting:tally', m.payload);
          times.push(performance.now() - t0);
        }
        process.send!({ times, counted });
      })();
    } else if (m.cmd === 'memory') process.send!(memory(server.engine.clientsCount));
    else if (m.cmd === 'stop') process.exit(0);
  });
}

/**
 * Voters: raw sockets each keeping WINDOW votes in flight, sent back to back (a vote goes out
 * as soon as one is acknowledged; no timers, no per-vote JSON). Voter i of VOTERS votes for the entries in turn, a
 * new voter for each vote until all have voted once; 5% of votes resend an acknowledged one.
 * Vote ids are UUIDv7, as the voting page makes them.
 * Bare and ours get exactly this load.
 */
async function load(args: { url: string; sessionId: string; entryIds: string[]; seconds: number }) {
  const tokens = new DeviceTokens({
    voting: { deviceSecret: SECRET, deviceTokenTtlDays: 1 },
  } as never);
  const sockets = await Promise.all(
    Array.from({ length: SOCKETS_PER_LOADER }, () => rawSocket(args.url)),
  );
  // Every voter holds a device token before the clock starts, as a phone gets one once from
  // the service before it votes: the timed load only sends votes.
  // Issued a minute before the votes, as to viewers who opened the page earlier: a vote sooner
  // than VOTE_MIN_HUMAN_MS after its token would be held as too fast.
  const issuedAt = Date.now() - 60_000;
  const voterTokens = Array.from({ length: VOTERS }, () => tokens.issue(issuedAt).token);
  process.send!({ ready: true });
  await new Promise((r) => process.once('message', r));
  const recent: string[] = [];
  let counted = 0;
  let duplicates = 0;
  let errors = 0;
  let k = 0;
  const acks: number[] = [];
  const keepAcks = args.seconds <= 30;
  const end = Date.now() + args.seconds * 1000;
  const cpu0 = process.cpuUsage();
  const head = `["vote:cast",{"sessionId":"${args.sessionId}","voteId":"`;
  const nextVote = (): string => {
    if (recent.length > 100 && Math.random() < 0.05)
      return recent[Math.floor(Math.random() * recent.length)];
    const i = k++;
    const voter = i % VOTERS;
    const entryId = args.entryIds[Math.floor(i / VOTERS) % args.entryIds.length];
    const token = voterTokens[voter];
    return `${head}${uuidv7()}","entryId":"${entryId}","voterToken":"${token}"}]`;
  };
  let open = 0;
  await new Promise<void>((done) => {
    for (const s of sockets) {
      const pending = new Map<number, string>();
      let nextId = 0;
      const send = () => {
        if (Date.now() >= end) {
          if (--open === 0) done();
          return;
        }
        const vote = nextVote();
        const id = nextId++;
        pending.set(id, vote);
        s.send(`42${id}${vote}`);
      };
      // The votes sent in answer to the acknowledgements of one read leave in one write: the
      // acknowledgements of a batch arrive together, and a write per vote would make this
      // process (which shares the two cores with the server it measures) pay a loopback send
      // per vote. Bare and ours alike.
      const tcp = (s as unknown as { _socket: import('node:net').Socket })._socket;
      let corked = false;
      const uncork = () => {
        corked = false;
        tcp.uncork();
      };
      s.on('message', (raw: Buffer, binary: boolean) => {
        if (binary) return;
        if (!corked) {
          corked = true;
          tcp.cork();
          process.nextTick(uncork);
        }
        const msg = raw.toString();
        if (msg === '2') return s.send('3');
        if (!msg.startsWith('43')) return;
        const id = parseInt(msg.slice(2, 12), 10);
        const vote = pending.get(id);
        if (vote === undefined) return;
        pending.delete(id);
        if (!msg.includes('"ok":true')) errors++;
        else if (msg.includes('"counted"')) {
          counted++;
          if (keepAcks) acks.push(now());
          if (recent.length < 10_000) recent.push(vote);
          else recent[Math.floor(Math.random() * recent.length)] = vote;
        } else duplicates++;
        send();
      });
      for (let w = 0; w < WINDOW; w++) {
        open++;
        send();
      }
    }
  });
  sockets.forEach((s) => s.close());
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  process.send!({ counted, duplicates, errors, acks, cpuUs }, () => process.exit(0));
}

/**
 * A socket.io client reduced to what the load needs, over `ws`: it speaks the engine.io 4 and
 * socket.io 5 text protocol itself (open, namespace connect, pong, `42<id>[...]` events and
 * `43<id>[...]` acknowledgements read with string tests), so that a load process costs less per
 * vote than the server it measures.
 */
function rawSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    const onMessage = (raw: Buffer) => {
      const msg = raw.toString();
      if (msg.startsWith('0')) ws.send('40');
      else if (msg.startsWith('40')) {
        ws.off('message', onMessage);
        resolve(ws);
      } else if (msg.startsWith('44')) reject(new Error(msg));
    };
    ws.on('message', onMessage);
    ws.once('error', reject);
  });
}

/** Viewers: `count` sockets in the session room, recording when each tally `seq` arrives. */
async function viewers(args: { url: string; sessionId: string; count: number }) {
  const arrivals = new Map<number, number[]>();
  const sockets: Socket[] = [];
  for (let i = 0; i < args.count; i += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, args.count - i) }, async () => {
        const s = io(args.url, { transports: ['websocket'], reconnection: false, forceNew: true });
        await new Promise<void>(
          (res, rej) => (s.once('connect', () => res()), s.once('connect_error', rej)),
        );
        await s.emitWithAck('room:join', { room: `session:${args.sessionId}` });
        let last = -1;
        s.on('voting:tally', (p: { seq: number }) => {
          if (p.seq <= last) return;
          last = p.seq;
          const t = now();
          const list = arrivals.get(p.seq);
          if (list) list.push(t);
          else arrivals.set(p.seq, [t]);
        });
        return s;
      }),
    );
    sockets.push(...batch);
  }
  process.send!({ ready: true });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'report') {
      const out: Array<[number, number]> = [];
      for (const [seq, times] of arrivals) out.push([seq, pct(times, 99)]);
      process.send!({ arrivals: out });
      arrivals.clear();
    } else if (m.cmd === 'stop') {
      sockets.forEach((s) => s.disconnect());
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---- main ----------------------------------------------------------------------------------

/** A checkpoint, when the role may ask for one (a superuser or pg_checkpoint). */
async function checkpoint(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CHECKPOINT');
  } catch (err) {
    log(`no checkpoint before the timed writes: ${(err as Error).message}`);
  } finally {
    await c.end();
  }
}

/** Share of the machine's CPU time that was idle over `ms`. */
async function idleShare(ms: number): Promise<number> {
  const read = async () => {
    const fields = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0].trim().split(/\s+/);
    const ticks = fields.slice(1).map(Number);
    return { idle: ticks[3] + ticks[4], total: ticks.reduce((a, b) => a + b, 0) };
  };
  const a = await read();
  await sleep(ms);
  const b = await read();
  return (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/**
 * Before a timed phase: the votes written so far vacuumed and analyzed, a checkpoint, and the
 * machine idle (at most 30 s of waiting), so that no phase runs beside the database's
 * background work left by the one before it (autovacuum after a million inserts, the
 * checkpointer), which would slow whichever phase came next.
 */
async function settle(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('VACUUM (ANALYZE)');
  } finally {
    await c.end();
  }
  await checkpoint(url);
  const until = Date.now() + 30_000;
  let idle = 0;
  while (Date.now() < until && (idle = await idleShare(1000)) < 0.9);
  if (idle < 0.9)
    log(`the machine is still busy before a timed phase (${Math.round(idle * 100)}% idle)`);
}

async function rawPgRate(url: string, seconds: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 2 });
  await pool.query(
    'CREATE TABLE bench_raw (id uuid PRIMARY KEY, session_id uuid, entry_id uuid, voter text)',
  );
  await checkpoint(url);
  const end = now() + seconds * 1000;
  let rows = 0;
  const lane = async () => {
    while (now() < end) {
      const ids = Array.from({ length: 1000 }, () => uuidv7());
      const r = await pool.query(
        `INSERT INTO bench_raw SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])
         ON CONFLICT DO NOTHING RETURNING id`,
        [ids, ids.map(() => ids[0]), ids.map(() => ids[1]), ids.map((x) => `d:${x}`)],
      );
      rows += r.rowCount ?? 0;
    }
  };
  const t0 = now();
  await Promise.all([lane(), lane()]);
  const rate = rows / ((now() - t0) / 1000);
  // Gone before anything else is timed: no autovacuum of it running under a later phase.
  await pool.query('DROP TABLE bench_raw');
  await pool.end();
  return rate;
}

async function startApp(dbUrl: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const nodeArgs = ['--expose-gc', ...(process.env.VOTES_BENCH_APP_NODE_ARGS ?? '').split(' ')];
  const proc = spawn(
    process.execPath,
    [...nodeArgs.filter(Boolean), join(ROOT, 'dist/src/main.js')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: dbUrl,
        DB_POOL_SIZE: '10',
        JWT_SECRET: SECRET,
        VOTING_DEVICE_SECRET: SECRET,
        SEED_DEMO: 'false',
        SOCKET_EVENTS_PER_SECOND: '10000',
        SOCKET_BURST: '100000',
        VOTING_STATS_ENDPOINT: 'true',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  return { url, proc };
}

async function stats(url: string) {
  return (await (await fetch(`${url}/voting/stats`)).json()) as Memory & {
    batches: { batches: number; votes: number; ms: number };
    broadcasts: number;
    broadcastMs: number[];
  };
}

/**
 * RSS per idle viewer: memory with no viewers, with VIEWERS/2 first viewers and with VIEWERS
 * more; `kb` is the growth per measured viewer, `freshKb` the growth per first viewer (which
 * includes V8's young generation growing to its working size).
 */
async function perViewer(
  read: () => Promise<Memory>,
  connect: (count: number) => Promise<ChildProcess[]>,
) {
  const m0 = await read();
  const a = await connect(Math.round(VIEWERS / 2));
  const m1 = await read();
  const b = await connect(VIEWERS);
  const m2 = await read();
  const per = (x: Memory, y: Memory, key: keyof Memory) =>
    (y[key] - x[key]) / 1024 / (y.sockets - x.sockets);
  return {
    kb: per(m1, m2, 'rssBytes'),
    heapKb: per(m1, m2, 'heapUsedBytes'),
    freshKb: per(m0, m1, 'rssBytes'),
    youngMb: [m0, m1, m2].map((m) => m.youngGenerationBytes / 2 ** 20),
    sockets: [m1.sockets - m0.sockets, m2.sockets - m1.sockets],
    viewers: [...a, ...b],
    first: a.length,
  };
}

function describeMemory(m: Awaited<ReturnType<typeof perViewer>>): string {
  const young = m.youngMb.map((x) => x.toFixed(0)).join(' → ');
  return (
    `RSS per idle viewer ${m.kb.toFixed(1)} KB (heap ${m.heapKb.toFixed(1)} KB) over ` +
    `${m.sockets[1]} viewers after ${m.sockets[0]} first ones; the first ones: ` +
    `${m.freshKb.toFixed(1)} KB each with the young generation growing (${young} MB)`
  );
}

async function runIntake(url: string, sessionId: string, entryIds: string[], seconds: number) {
  const loaders = Array.from({ length: LOADERS }, () =>
    child('load', { url, sessionId, entryIds, seconds }),
  );
  await Promise.all(loaders.map((c) => next(c)));
  const t0 = now();
  const results = loaders.map((c) =>
    next<{ counted: number; duplicates: number; errors: number; acks: number[]; cpuUs: number }>(c),
  );
  loaders.forEach((c) => c.send({ go: true }));
  const all = await Promise.all(results);
  const elapsed = (now() - t0) / 1000;
  const sum = (k: 'counted' | 'duplicates' | 'errors' | 'cpuUs') =>
    all.reduce((a, r) => a + r[k], 0);
  return {
    /** CPU of the load generators per answered vote (µs): the same code for bare and ours. */
    loadCpuPerVote: sum('cpuUs') / (sum('counted') + sum('duplicates') + sum('errors')),
    counted: sum('counted'),
    duplicates: sum('duplicates'),
    errors: sum('errors'),
    elapsed,
    acks: all.flatMap((r) => r.acks),
  };
}

async function main(): Promise<void> {
  const database = await scratchDatabase();
  const dbUrl = database.url;
  const children: ChildProcess[] = [];
  let app: { url: string; proc: ChildProcess } | undefined;
  try {
    log('raw pg batch insert reference (10 s)');
    const pgRate = await rawPgRate(dbUrl, Math.min(10, SECONDS));

    log('bare socket.io reference');
    const bareProc = child('bare', {}, [...process.execArgv, '--expose-gc']);
    children.push(bareProc);
    const { port: barePort } = await next<{ port: number }>(bareProc);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    // The reference runs half its time before ours and half after: the speed of this kind of
    // machine drifts by ±15% over tens of seconds (a fixed CPU-bound loop, timed again and
    // again, says so), and a reference taken only before ours would carry that drift into the
    // ratio.
    const bareIntake = async (seconds: number, when: string) => {
      const r = await runIntake(bareUrl, randomUUID(), [randomUUID()], seconds);
      log(
        `bare ${when}: ${Math.round(r.counted / r.elapsed)} votes/s (load generators: ${r.loadCpuPerVote.toFixed(1)} µs of CPU per vote)`,
      );
      return r;
    };
    await settle(dbUrl);
    const bareBefore = await bareIntake(SECONDS / 2, 'before ours');

    app = await startApp(dbUrl);
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    const sessionId = randomUUID();
    const seeded = await seedVotingContest(db, { entries: 10 });
    const entryIds = seeded.entryIds;
    // As the service makes it: one vote per entry and 50 a day over 10 entries, a day limit
    // that cannot bind (so votes take no day slot, see VotingSession.dayKeys).
    const policy = {
      perEntry: 1,
      perSession: null,
      perDay: 50,
      identities: [VoterIdentityKind.Device],
    };
    await db.query(
      `INSERT INTO voting_sessions (id, contest_id, round_id, title, state, policy, day_keys,
         entries_ever) VALUES ($1, $2, $3, 'Bench', 'open', $4, $5, $6)`,
      [
        sessionId,
        seeded.contestId,
        seeded.roundId,
        policy,
        dayLimitMayBind(policy, entryIds.length),
        entryIds.length,
      ],
    );
    for (const [i, e] of entryIds.entries())
      await db.query('INSERT INTO voting_session_entries VALUES ($1, $2, $3)', [sessionId, e, i]);

    // Memory first, on the fresh instance: RSS after a full collection with no viewers, with
    // VIEWERS/2 (the first), and with VIEWERS more (the measured); the per-viewer figure is the
    // growth over the measured ones.
    const perProc = 5000;
    const spawnViewers = (url: string, count = VIEWERS) =>
      Array.from({ length: Math.ceil(count / perProc) }, (_, i) =>
        child('viewers', { url, sessionId, count: Math.min(perProc, count - i * perProc) }),
      );
    const connect = async (url: string, count?: number) => {
      const procs = spawnViewers(url, count);
      children.push(...procs);
      await Promise.all(procs.map((c) => next(c)));
      await sleep(2000);
      return procs;
    };
    const disconnect = async (procs: ChildProcess[]) => {
      procs.forEach((c) => c.send({ cmd: 'stop' }));
      await Promise.all(procs.map((c) => new Promise((r) => c.once('exit', r))));
    };
    await sleep(1000);
    const ourMemory = await perViewer(
      () => stats(app!.url),
      (count) => connect(app!.url, count),
    );
    log(`ours: ${describeMemory(ourMemory)}`);
    await disconnect(ourMemory.viewers);
    const rssPerSocket = ourMemory.kb;

    // As pgbench does before a run: the timed writes start after a vacuum and a checkpoint,
    // not at a point of the database's checkpoint cycle left by what ran before (the raw
    // reference too).
    await settle(dbUrl);
    log(`intake for ${SECONDS} s`);
    const intake = await runIntake(app.url, sessionId, entryIds, SECONDS);
    const rate = intake.counted / intake.elapsed;
    const b = (await stats(app.url)).batches;
    log(
      `batches: ${b.batches}, ${(b.votes / b.batches).toFixed(0)} votes and ${(b.ms / b.batches).toFixed(1)} ms each`,
    );
    log(
      `ours: ${Math.round(rate)} votes/s (${intake.duplicates} duplicates answered, ${intake.errors} errors; load generators: ${intake.loadCpuPerVote.toFixed(1)} µs of CPU per vote)`,
    );
    await settle(dbUrl);
    const bareAfter = await bareIntake(SECONDS / 2, 'after ours');
    const bareRate =
      (bareBefore.counted + bareAfter.counted) / (bareBefore.elapsed + bareAfter.elapsed);
    log(`bare: ${Math.round(bareRate)} votes/s over both halves`);
    await sleep(500);
    const stored = await db.query<{ entry_id: string; n: string }>(
      'SELECT entry_id, count(*) AS n FROM votes WHERE session_id = $1 GROUP BY entry_id',
      [sessionId],
    );
    const shown = await db.query<{ entry_id: string; n: string }>(
      'SELECT entry_id, sum(votes) AS n FROM voting_tallies WHERE session_id = $1 GROUP BY entry_id',
      [sessionId],
    );
    const storedMap = new Map(stored.rows.map((r) => [r.entry_id, Number(r.n)]));
    const storedTotal = [...storedMap.values()].reduce((a, b) => a + b, 0);
    const equal =
      shown.rows.every((r) => storedMap.get(r.entry_id) === Number(r.n)) &&
      shown.rows.length === storedMap.size &&
      storedTotal === intake.counted;
    log(
      `stored ${storedTotal}, acknowledged as counted ${intake.counted}, tallies equal: ${equal}`,
    );

    log(`fan-out: connecting ${VIEWERS} viewers`);
    const viewerProcs = await connect(app.url);

    const broadcastsBefore = (await stats(app.url)).broadcasts;
    process.env.VOTES_BENCH_SOCKETS = '5';
    const flow = await runIntake(app.url, sessionId, entryIds, FANOUT_SECONDS);
    await sleep(1500);
    const reports = await Promise.all(
      viewerProcs.map((c) => {
        const r = next<{ arrivals: Array<[number, number]> }>(c);
        c.send({ cmd: 'report' });
        return r;
      }),
    );
    const ackTimes = flow.acks.sort((a, b) => a - b);
    const base = intake.counted;
    // The k-th acknowledged vote is visible once a viewer holds a tally with seq >= base + k.
    const firstSeen = new Map<number, number>();
    for (const r of reports)
      for (const [seq, t] of r.arrivals) firstSeen.set(seq, Math.max(firstSeen.get(seq) ?? 0, t));
    const seqs = [...firstSeen.keys()].sort((a, b) => a - b);
    const latencies: number[] = [];
    let j = 0;
    ackTimes.forEach((ackAt, k) => {
      while (j < seqs.length && seqs[j] < base + k + 1) j++;
      if (j < seqs.length) latencies.push(firstSeen.get(seqs[j])! - ackAt);
    });
    const fanoutP99 = pct(latencies, 99);
    const during = await stats(app.url);
    const busy = during.broadcastMs.slice(-Math.max(0, during.broadcasts - broadcastsBefore));
    log(
      `fan-out p99 ${fanoutP99.toFixed(0)} ms over ${latencies.length} votes; broadcast p50 while votes flow ${pct(busy, 50).toFixed(1)} ms (${busy.length} broadcasts)`,
    );
    // The broadcast itself, as the bare one is measured: one vote per tally interval, so each
    // tick sends one coalesced tally to the idle viewers; timed inside the server.
    const devices = new DeviceTokens({
      voting: { deviceSecret: SECRET, deviceTokenTtlDays: 1 },
    } as never);
    for (let i = 0; i < BROADCASTS; i++) {
      const voter = devices.issue(Date.now() - 60_000).token;
      await fetch(`${app.url}/voting/sessions/${sessionId}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ entryId: entryIds[i % entryIds.length], voterToken: voter }),
      });
      await sleep(300);
    }
    const after = await stats(app.url);
    const ours = after.broadcastMs.slice(
      -Math.min(BROADCASTS, after.broadcasts - during.broadcasts),
    );
    const ourBroadcast = pct(ours, 50);
    log(`broadcast p50 ${ourBroadcast.toFixed(1)} ms (${ours.length} broadcasts to idle viewers)`);

    await disconnect(viewerProcs);
    const bareMemory = await perViewer(
      () => {
        const m = next<Memory>(bareProc);
        bareProc.send({ cmd: 'memory' });
        return m;
      },
      (count) => connect(bareUrl, count),
    );
    log(`bare socket.io: ${describeMemory(bareMemory)}`);
    // The bare broadcast goes to as many viewers as ours did: the first ones leave.
    await disconnect(bareMemory.viewers.slice(0, bareMemory.first));
    const bareViewers = bareMemory.viewers.slice(bareMemory.first);
    const entries: Record<string, number> = {};
    entryIds.forEach((e, i) => (entries[e] = 1000 + i));
    const r = next<{ times: number[] }>(bareProc);
    bareProc.send({
      cmd: 'broadcast',
      room: `session:${sessionId}`,
      payload: { sessionId, seq: 123456, tallies: entries },
    });
    const bareBroadcast = pct((await r).times, 50);
    await disconnect(bareViewers);
    bareProc.send({ cmd: 'stop' });
    log(`bare broadcast p50 ${bareBroadcast.toFixed(1)} ms`);

    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    const result = {
      bench: 'votes',
      metrics: [
        {
          name: 'intake',
          unit: 'votes/s',
          ours: round(rate, 0),
          reference: round(bareRate, 0),
          ratio: round(rate / bareRate, 2),
          referenceBefore: round(bareBefore.counted / bareBefore.elapsed, 0),
          referenceAfter: round(bareAfter.counted / bareAfter.elapsed, 0),
          target: 'ours>=20000 && ratio>=0.5',
        },
        {
          name: 'intake-pg',
          unit: 'votes/s',
          ours: round(rate, 0),
          reference: round(pgRate, 0),
          ratio: round(rate / pgRate, 2),
          target: 'reported',
        },
        {
          name: 'fanout-p99',
          unit: 'ms',
          ours: round(fanoutP99, 0),
          viewers: VIEWERS,
          target: 'ours<=1000',
        },
        {
          name: 'broadcast',
          unit: 'ms',
          ours: round(ourBroadcast, 1),
          reference: round(bareBroadcast, 1),
          ratio: round(ourBroadcast / bareBroadcast, 2),
          target: 'ratio<=1.7',
        },
        {
          name: 'rss-per-socket',
          unit: 'KB',
          ours: round(rssPerSocket, 1),
          bareSocketIo: round(bareMemory.kb, 1),
          freshInstance: round(ourMemory.freshKb, 1),
          target: 'ours<=15',
        },
        { name: 'stored-equals-tallies', unit: 'bool', ours: equal ? 1 : 0, target: 'ours==1' },
      ],
    };
    await db.end();
    console.log(JSON.stringify(result));
  } finally {
    children.forEach((c) => c.exitCode === null && c.kill());
    app?.proc.kill('SIGTERM');
    await sleep(500);
    await database.drop().catch(() => undefined);
  }
}

const role = process.argv[2] ?? 'main';
const args = process.argv[3] ? (JSON.parse(process.argv[3]) as Record<string, unknown>) : {};
const run = { main, bare, load, viewers }[role] as (a: never) => Promise<void>;
run(args as never).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
