/**
 * HTTP benchmark (`npm run bench:http`): an authenticated read, GET /auth/me with a Bearer token
 * (the principal comes from the in-memory cache), on the built application run as in production
 * (NODE_ENV=production, a JWT_SECRET, LOG_LEVEL left at its production default "info", request
 * logs written to stdout, here /dev/null), against a bare Fastify server returning the same
 * JSON. Each server runs in its own child process; autocannon runs in this process. The last
 * line printed is one JSON object with the figures.
 *
 * Database: a scratch database on the PostgreSQL at BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) when it answers, dropped at the end; otherwise an
 * in-memory embedded PGlite served from this process.
 *
 * The two servers are measured in alternation, in BENCH_ROUNDS rounds (5) of BENCH_DURATION /
 * BENCH_ROUNDS seconds each, the order swapped every round: on a machine shared with other
 * work, a burst of load then falls on both rather than on whichever server was being measured
 * at that moment. Each rate is the server's requests over its whole measured time.
 *
 * Settings (environment): BENCH_DURATION seconds measured per server (10), BENCH_ROUNDS (5),
 * BENCH_WARMUP seconds (3), BENCH_CONNECTIONS (32); BENCH_RATE caps the request rate (unset: as fast as
 * each server answers), which makes the CPU per request of the two servers comparable on a busy machine.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { scratchDatabase, freePort, sleep } from './support';

const ROOT = join(__dirname, '..', '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 5)));
const TARGET_RATIO = 0.5;
/** A fixed request rate instead of as many as the server takes (for comparing CPU per request). */
const RATE = Number(process.env.BENCH_RATE ?? 0);

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  stderr: () => string;
}

async function startServer(name: string, script: string, env: Record<string, string>) {
  const port = await freePort();
  let stderr = '';
  // BENCH_PROFILE_DIR: write a CPU profile of each server (for finding where the time goes)
  const profile = process.env.BENCH_PROFILE_DIR
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`,
        `--cpu-prof-name=${name.replace(/\W+/g, '-')}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const server: Server = { name, url: `http://127.0.0.1:${port}`, child, stderr: () => stderr };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode}:\n${stderr}`);
    }
    try {
      const res = await fetch(`${server.url}/health/live`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer within 120 s:\n${stderr}`);
}

async function stopServer(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function json(res: Response, expected: number) {
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${res.url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** A contestant registered through the API under one union unit, logged in. */
async function contestantToken(app: Server, databaseUrl: string): Promise<string> {
  const unitId = randomUUID();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
     VALUES ($1, 'BENCH-01', 'Hội LHPN xã Bình Minh', 'hoi lhpn xa binh minh', 'Xã', NULL, $2, 0)`,
    [unitId, `${unitId}/`],
  );
  await db.end();
  const password = 'matkhau2024';
  const email = 'thi.sinh@bench.hoithi.vn';
  const headers = { 'content-type': 'application/json' };
  await json(
    await fetch(`${app.url}/auth/register`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fullName: 'Nguyễn Thị Hoa', email, password, unitId }),
    }),
    201,
  );
  const tokens = await json(
    await fetch(`${app.url}/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ identifier: email, password }),
    }),
    200,
  );
  return tokens.accessToken as string;
}

/** CPU time a process has used so far in ms, in user and in system mode; 0 without /proc. */
function cpuMs(pid: number | undefined): { user: number; system: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return { user: 0, system: 0 };
  }
}

async function measure(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  pid?: number,
) {
  const cpu0 = cpuMs(pid);
  const result = await autocannon({
    url: `${url}/auth/me`,
    headers,
    connections: CONNECTIONS,
    duration: seconds,
    ...(RATE ? { overallRate: RATE } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    requests: result.requests.total,
    seconds: result.duration,
    userMs: cpuMs(pid).user - cpu0.user,
    systemMs: cpuMs(pid).system - cpu0.system,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

type Run = Awaited<ReturnType<typeof measure>>;

/** Requests per second over all the runs, and the median latencies of the runs. */
function summary(runs: Run[]) {
  const median = (values: number[]) => values.slice().sort((a, b) => a - b)[values.length >> 1];
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const perRequest = (ms: number) => Math.round((ms * 1000) / requests);
  return {
    rps: Math.round(requests / seconds),
    /** Server CPU µs per request in user and in system mode (from /proc). */
    userUs: perRequest(runs.reduce((n, r) => n + r.userMs, 0)),
    systemUs: perRequest(runs.reduce((n, r) => n + r.systemMs, 0)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

async function main() {
  const db = await scratchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hoithi-bench-'));
  let ours: Server | undefined;
  let bare: Server | undefined;
  try {
    console.log(`database: ${db.kind}`);
    ours = await startServer('ours', join(ROOT, 'dist', 'src', 'main.js'), {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
    });
    const token = await contestantToken(ours, db.url);
    const auth = { authorization: `Bearer ${token}` };
    const meRes = await fetch(`${ours.url}/auth/me`, { headers: auth });
    const body = JSON.stringify(await json(meRes, 200));
    bare = await startServer('bare', join(ROOT, 'dist', 'bench', 'bare-server.js'), {
      BENCH_BODY: body,
    });
    const check = await fetch(`${bare.url}/auth/me`);
    if ((await check.text()) !== body) throw new Error('the bare server answers other JSON');

    const slice = DURATION / ROUNDS;
    console.log(
      `GET /auth/me (${body.length} bytes JSON), ${CONNECTIONS} connections, ` +
        `${WARMUP} s warm-up each, then ${ROUNDS} alternating rounds of ${slice} s each ` +
        `(${DURATION} s per server); ours: NODE_ENV=production, ` +
        `LOG_LEVEL=info (default), request logs to /dev/null`,
    );
    await measure(ours.url, auth, WARMUP);
    await measure(bare.url, auth, WARMUP);
    const oursUrl = ours.url;
    const bareUrl = bare.url;
    const oursRuns: Run[] = [];
    const bareRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const pair = [
        async () => oursRuns.push(await measure(oursUrl, auth, slice, ours!.child.pid)),
        async () => bareRuns.push(await measure(bareUrl, auth, slice, bare!.child.pid)),
      ];
      if (round % 2) pair.reverse();
      for (const run of pair) await run();
      const o = oursRuns[round];
      const b = bareRuns[round];
      console.log(
        `round ${round + 1}: ours ${Math.round(o.requests / o.seconds)} req/s, ` +
          `bare ${Math.round(b.requests / b.seconds)} req/s`,
      );
    }
    const o = summary(oursRuns);
    const b = summary(bareRuns);
    console.log(
      `ours: ${o.rps} req/s (p50 ${o.p50} ms, p99 ${o.p99} ms, server CPU per request ${o.userUs} µs user + ${o.systemUs} µs system)`,
    );
    console.log(
      `bare Fastify: ${b.rps} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms, server CPU per request ${b.userUs} µs user + ${b.systemUs} µs system)`,
    );
    const ratio = Math.round((o.rps / b.rps) * 1000) / 1000;
    console.log(
      `ratio ours/bare: ${ratio} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
    console.log(
      JSON.stringify({
        bench: 'http',
        metrics: [
          {
            name: 'read',
            unit: 'req/s',
            ours: o.rps,
            reference: b.rps,
            ratio,
            target: `ratio>=${TARGET_RATIO}`,
          },
        ],
      }),
    );
  } finally {
    await stopServer(ours);
    await stopServer(bare);
    await db.drop().catch((err: unknown) => console.error('could not drop the database:', err));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
