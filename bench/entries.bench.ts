/**
 * Entries benchmark (`npm run bench:entries`): the typical organizer list query (first page of
 * submitted entries, newest submission first, 50 a page) and a search ("phu yen"), over a contest
 * of 5,000 entries across 200 units, through the built application run as in production (its own
 * child process, autocannon in this process), beside the same SQL run straight on `pg` in the
 * same run (a pool of the application's size, as many concurrent loops, for the same duration).
 * The query writes the whole page (the response body); the raw side decodes it to the same bytes
 * the application sends, and before measuring, the endpoint's body is checked to be byte for byte
 * the reference query's.
 * The last line printed is one JSON object with the figures.
 *
 * Database: a scratch database on the PostgreSQL at BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) when it answers, dropped at the end; otherwise an
 * in-memory embedded PGlite served from this process.
 *
 * Settings (environment): BENCH_DURATION seconds measured per side (10), BENCH_WARMUP seconds (3),
 * BENCH_CONNECTIONS (32), BENCH_POOL (10, the application's DB_POOL_SIZE and the raw pool),
 * BENCH_SLICES (5: each side's measured time is cut in this many alternating slices),
 * BENCH_CASES (list,search: the cases to run).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { foldVietnamese } from '../src/common/validation/text';
import { buildEntryListQuery, EntryListFilter, pageBody } from '../src/entries/entry-list.query';
import { EntryStatus } from '../src/entries/entry-state-machine';
import { scratchDatabase, freePort, sleep } from './support';

const ROOT = join(__dirname, '..', '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const ENTRIES = 5000;
const UNITS = 200;
const TARGET_RATIO = 0.5;

interface Server {
  url: string;
  child: ChildProcess;
}

async function startApp(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  let stderr = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const server: Server = { url: `http://127.0.0.1:${port}`, child };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${server.url}/health/live`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not answer within 120 s:\n${stderr}`);
}

async function stopApp(server: Server | undefined) {
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

const WORDS = [
  'Sinh hoạt chi hội qua nhóm Zalo',
  'Ứng dụng mã QR trong thu hội phí',
  'Livestream hội nghị hội viên',
  'Bản tin điện tử hàng tuần',
  'Trò chơi trực tuyến cho hội viên',
  'Podcast tuyên truyền pháp luật',
  'Infographic chuyển đổi số',
  'Khảo sát ý kiến bằng Google Forms',
];
const PLACES = ['Phú Yên', 'Đắk Lắk', 'Hòa Bình', 'Tân Lập', 'Ea Kao', 'Buôn Đôn', 'Cư M’gar'];

/** The contest, 200 units under one province, 5,000 entries, an organizer; returns ids. */
async function seed(app: Server, databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const province = randomUUID();
  await db.query(
    `INSERT INTO org_units (id, code, name, name_search, kind, path, depth)
     VALUES ($1, 'BENCH-P', 'Hội LHPN tỉnh Đắk Lắk', 'hoi lhpn tinh dak lak', 'Tỉnh', $2, 0)`,
    [province, `${province}/`],
  );
  const units: { id: string; name: string }[] = [];
  for (let i = 0; i < UNITS; i++) {
    const id = randomUUID();
    const name = `Hội LHPN xã ${PLACES[i % PLACES.length]} ${i + 1}`;
    units.push({ id, name });
    await db.query(
      `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
       VALUES ($1, $2, $3, $4, 'Xã', $5, $6, 1)`,
      [id, `BENCH-${i}`, name, foldVietnamese(name), province, `${province}/${id}/`],
    );
  }
  const contestId = randomUUID();
  await db.query(
    `INSERT INTO contests (id, slug, title, status, settings) VALUES ($1, 'bench', 'Hội thi bench', 'open', $2)`,
    [
      contestId,
      JSON.stringify({
        blindJudging: false,
        juryWeight: 70,
        publicWeight: 30,
        prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
      }),
    ],
  );
  const categoryId = randomUUID();
  await db.query(
    `INSERT INTO contest_categories (id, contest_id, code, name, rules) VALUES ($1, $2, 'GP', 'Giải pháp', $3)`,
    [
      categoryId,
      contestId,
      JSON.stringify({
        entrants: 'both',
        maxEntriesPerUnit: 100,
        requiredFields: [],
        media: { kinds: [], minCount: 0, maxCount: 0, maxSizeBytes: 0 },
      }),
    ],
  );
  // The organizer: registered through the API, then made an organizer of the contest.
  const password = 'matkhau2024';
  const email = 'to.chuc@bench.hoithi.vn';
  const headers = { 'content-type': 'application/json' };
  const user = await json(
    await fetch(`${app.url}/auth/register`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fullName: 'Trần Thị Mai', email, password, unitId: province }),
    }),
    201,
  );
  const userId = (user.id ?? user.user?.id) as string | undefined;
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
  const organizerId = userId ?? rows[0].id;
  await db.query(`UPDATE users SET role = 'organizer' WHERE id = $1`, [organizerId]);
  await db.query(
    `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'organizer')`,
    [contestId, organizerId],
  );
  const statuses = [
    EntryStatus.Submitted,
    EntryStatus.Submitted,
    EntryStatus.Submitted,
    EntryStatus.Eligible,
    EntryStatus.Draft,
  ];
  const start = Date.now() - 30 * 86_400_000;
  const cols: unknown[][] = Array.from({ length: 11 }, () => []);
  for (let i = 0; i < ENTRIES; i++) {
    const unit = units[i % UNITS];
    const status = statuses[i % statuses.length];
    const title = `${WORDS[i % WORDS.length]} ở ${PLACES[(i * 7) % PLACES.length]} (${i + 1})`;
    const summary = `Bài dự thi của ${unit.name}: ${WORDS[(i + 3) % WORDS.length].toLowerCase()}.`;
    const members = [{ name: `Nguyễn Thị ${['Hoa', 'Lan', 'Mai', 'Hạnh'][i % 4]}` }];
    const row = [
      randomUUID(),
      unit.id,
      unit.name,
      title,
      summary,
      status,
      status === EntryStatus.Draft ? null : new Date(start + i * 500_000),
      status === EntryStatus.Draft ? 0 : 1,
      randomBytes(8).toString('base64url').slice(0, 11),
      foldVietnamese([title, summary, unit.name, ...members.map((m) => m.name)].join(' ')),
      JSON.stringify(members),
    ];
    row.forEach((v, k) => cols[k].push(v));
  }
  await db.query(
    `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, unit_name_at_submission,
                          owner_id, author_type, title, summary, status, submitted_at, version, public_id,
                          search_text, members)
     SELECT id, $1, $2, unit_id, unit_name, CASE WHEN status = 'draft' THEN NULL ELSE unit_name END,
            $3, 'collective', title, summary, status::entry_status, submitted_at, version, public_id,
            search_text, members::jsonb
       FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::timestamptz[], $11::int[], $12::text[], $13::text[], $14::text[])
         AS t(id, unit_id, unit_name, title, summary, status, submitted_at, version, public_id,
              search_text, members)`,
    [contestId, categoryId, organizerId, ...cols],
  );
  await db.query('ANALYZE');
  await db.end();
  const tokens = await json(
    await fetch(`${app.url}/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ identifier: email, password }),
    }),
    200,
  );
  return { contestId, token: tokens.accessToken as string };
}

interface Figures {
  rps: number;
  p99: number;
}

/** One measured slice of HTTP load: requests completed, seconds, p99 (ms). */
async function httpSlice(url: string, token: string, seconds: number) {
  const result = await autocannon({
    url,
    headers: { authorization: `Bearer ${token}` },
    connections: CONNECTIONS,
    duration: seconds,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0)
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return { requests: result.requests.total, seconds: result.duration, p99: result.latency.p99 };
}

/** One slice of the same SQL straight on pg: POOL loops sharing a pool of POOL connections. */
async function rawSlice(pool: Pool, filter: EntryListFilter, seconds: number, latencies: number[]) {
  const { sql, params } = buildEntryListQuery(filter);
  const query = { text: sql, values: params, rowMode: 'array' as const };
  const start = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        const { rows } = await pool.query<[string]>(query);
        // The response body's bytes, as the service gets them.
        if (pageBody(rows[0][0]).length === 0) throw new Error('empty page');
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

/**
 * Both sides, in SLICES alternating slices (ours, raw, ours, raw...) of DURATION / SLICES
 * seconds each after a warm-up of each: a change in the machine's other load falls on both
 * sides alike instead of on whichever ran when it happened. Rates are totals over the summed
 * slice times; the HTTP p99 is the worst slice's, the raw p99 that of every query.
 */
async function measure(
  url: string,
  token: string,
  pool: Pool,
  filter: EntryListFilter,
): Promise<{ ours: Figures; ref: Figures }> {
  await httpSlice(url, token, WARMUP);
  await rawSlice(pool, filter, WARMUP, []);
  const slice = DURATION / SLICES;
  let ourRequests = 0;
  let ourSeconds = 0;
  let ourP99 = 0;
  let rawSeconds = 0;
  const latencies: number[] = [];
  for (let i = 0; i < SLICES; i++) {
    const h = await httpSlice(url, token, slice);
    ourRequests += h.requests;
    ourSeconds += h.seconds;
    ourP99 = Math.max(ourP99, h.p99);
    rawSeconds += await rawSlice(pool, filter, slice, latencies);
  }
  latencies.sort((a, b) => a - b);
  return {
    ours: { rps: Math.round(ourRequests / ourSeconds), p99: ourP99 },
    ref: {
      rps: Math.round(latencies.length / rawSeconds),
      p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] * 100) / 100,
    },
  };
}

async function main() {
  const db = await scratchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hoithi-bench-'));
  let app: Server | undefined;
  const pool = new Pool({ connectionString: db.url, max: POOL });
  try {
    console.log(`database: ${db.kind}`);
    app = await startApp({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      DB_POOL_SIZE: String(POOL),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
    });
    const { contestId, token } = await seed(app, db.url);
    const cases: { name: string; query: string; filter: EntryListFilter }[] = [
      {
        name: 'list',
        query: 'status=submitted&sort=-submittedAt&limit=50',
        filter: { contestId, status: EntryStatus.Submitted, sort: '-submittedAt', limit: 50 },
      },
      {
        name: 'search',
        query: 'q=phu%20yen&sort=-submittedAt&limit=50',
        filter: { contestId, q: 'phu yen', sort: '-submittedAt', limit: 50 },
      },
    ];
    console.log(
      `${ENTRIES} entries across ${UNITS} units; ${CONNECTIONS} HTTP connections, app pool ${POOL}, ` +
        `raw pool ${POOL}; ${WARMUP} s warm-up then ${DURATION} s each in ${SLICES} alternating slices`,
    );
    const only = process.env.BENCH_CASES?.split(',');
    const metrics = [];
    for (const c of cases.filter((x) => !only || only.includes(x.name))) {
      const url = `${app.url}/contests/${contestId}/entries?${c.query}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body}`);
      const { sql, params } = buildEntryListQuery(c.filter);
      const raw = await pool.query<[string]>({ text: sql, values: params, rowMode: 'array' });
      const page = JSON.parse(body) as { items: unknown[] };
      console.log(
        `${c.name}: GET ${url.replace(app.url, '')} → ${page.items.length} items, ${Buffer.byteLength(body)} bytes`,
      );
      // The endpoint answers exactly the reference query's body (the page written by the query):
      // the raw side does all the data work ours does, no less.
      if (body !== pageBody(raw.rows[0][0]).toString('utf8'))
        throw new Error(`${c.name}: the endpoint's body differs from the reference query's`);
      const { ours, ref } = await measure(url, token, pool, c.filter);
      const ratio = Math.round((ours.rps / ref.rps) * 1000) / 1000;
      console.log(
        `${c.name}: ours ${ours.rps} req/s (p99 ${ours.p99} ms); raw pg ${ref.rps} q/s (p99 ${ref.p99} ms); ` +
          `ratio ${ratio} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
      );
      metrics.push({
        name: c.name,
        unit: 'req/s',
        ours: ours.rps,
        reference: ref.rps,
        ratio,
        target: `ratio>=${TARGET_RATIO}`,
      });
    }
    console.log(JSON.stringify({ bench: 'entries', metrics }));
  } finally {
    await pool.end();
    await stopApp(app);
    await db.drop().catch((err: unknown) => console.error('could not drop the database:', err));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
