/**
 * npm run bench:pages — the voting page under emulated slow 3G in Chromium, beside a static HTML
 * page with one button served by a bare Node server in the same run:
 *
 *  first-load    KB transferred (compressed, headers included) from navigation until the page
 *                is ready to vote, ours vs the bare page
 *  time-to-vote  ms from navigation to the vote acknowledged as counted (the button pressed as
 *                soon as it is usable), ours vs the bare page (median of PAGES_BENCH_RUNS)
 *
 * Each run is a fresh browser context (cold cache, no stored device token).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import * as argon2 from 'argon2';
import { Pool } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { emulateSlow3g, launchChromium } from '../test/support/browser';
import { scratchDatabase, sleep, startBuiltService } from './support';
import { seedVotingContest } from './voting-seed';

const RUNS = Number(process.env.PAGES_BENCH_RUNS ?? 3);
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The reference: one static page, one button, a POST that counts in memory. */
const BARE_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Bình chọn</title>
<link rel="icon" href="data:,"></head><body>
<button id="vote">Bình chọn</button><div id="msg"></div>
<script>document.getElementById('vote').onclick=function(){fetch('/vote',{method:'POST'})
.then(function(r){return r.json()}).then(function(d){document.getElementById('msg').textContent=
'Đã ghi nhận '+d.count})}</script></body></html>`;

function startBare(): Promise<{ url: string; server: Server }> {
  let count = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/vote') {
      req.resume();
      req.on('end', () => {
        count++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ count }));
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(BARE_PAGE);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, server });
    }),
  );
}

const startApp = (dbUrl: string) => startBuiltService(dbUrl);

interface Run {
  bytes: number;
  ms: number;
}

/** Navigation → button usable → pressed → counted; bytes until the button was usable. */
async function measure(
  browser: Browser,
  url: string,
  ready: string,
  done: (page: Page) => Promise<unknown>,
): Promise<Run> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 760 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await emulateSlow3g(page);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let counting = true;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    if (counting) bytes += e.encodedDataLength;
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForSelector(ready, { timeout: 120_000 });
  await page.click(ready);
  await done(page);
  const ms = Date.now() - t0;
  // everything the page loaded before the vote (a late script still counts as first load)
  await page.waitForLoadState('load');
  counting = false;
  await ctx.close();
  return { bytes, ms };
}

async function main() {
  const database = await scratchDatabase();
  const dbUrl = database.url;
  let app: { url: string; proc: ChildProcess } | undefined;
  let browser: Browser | undefined;
  const bare = await startBare();
  try {
    app = await startApp(dbUrl);
    const db = new Pool({ connectionString: dbUrl, max: 2 });
    const { contestId, roundId, entryIds } = await seedVotingContest(db, { entries: 4 });
    const adminId = randomUUID();
    const email = `bench-${adminId.slice(0, 8)}@bench.hoithi.vn`;
    await db.query(
      `INSERT INTO users (id, full_name, email, password_hash, role)
       VALUES ($1, 'Ban tổ chức', $2, $3, 'admin')`,
      [adminId, email, await argon2.hash('matkhau2024', { type: argon2.argon2id })],
    );
    const login = (await (
      await fetch(`${app.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: email, password: 'matkhau2024' }),
      })
    ).json()) as { accessToken: string };
    const auth = {
      'content-type': 'application/json',
      authorization: `Bearer ${login.accessToken}`,
    };
    const created = (await (
      await fetch(`${app.url}/voting/sessions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          contestId,
          roundId,
          title: 'Chung kết — bình chọn trực tiếp',
          entryIds,
          mode: 'on_stage',
          policy: { perEntry: 1, identities: ['device'] },
        }),
      })
    ).json()) as { id: string };
    const sessionId = created.id;
    for (const [path, body] of [
      ['state', { action: 'open' }],
      ['stage', { entryId: entryIds[0] }],
    ] as const) {
      const res = await fetch(`${app.url}/voting/sessions/${sessionId}/${path}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
    browser = await launchChromium();
    const ours: Run[] = [];
    const ref: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      ref.push(
        await measure(browser, `${bare.url}/`, '#vote', (p) =>
          p.waitForFunction(
            '/Đã ghi nhận/.test(document.querySelector("#msg").textContent)',
            undefined,
            {
              timeout: 120_000,
            },
          ),
        ),
      );
      ours.push(
        await measure(browser, `${app.url}/v/${sessionId}`, '#vote:not([disabled])', (p) =>
          p.waitForFunction(
            '/đã được ghi nhận/.test(document.querySelector("#msg").textContent)',
            undefined,
            {
              timeout: 120_000,
            },
          ),
        ),
      );
      log(
        `run ${i + 1}: ours ${ours[i].ms} ms ${(ours[i].bytes / 1024).toFixed(1)} KB; ` +
          `bare ${ref[i].ms} ms ${(ref[i].bytes / 1024).toFixed(1)} KB`,
      );
    }
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM votes WHERE session_id = $1',
      [sessionId],
    );
    if (rows[0].n !== RUNS) throw new Error(`expected ${RUNS} stored votes, found ${rows[0].n}`);
    await db.end();
    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    const oursKb = median(ours.map((r) => r.bytes)) / 1024;
    const refKb = median(ref.map((r) => r.bytes)) / 1024;
    const oursMs = median(ours.map((r) => r.ms));
    const refMs = median(ref.map((r) => r.ms));
    console.log(
      JSON.stringify({
        bench: 'pages',
        metrics: [
          {
            name: 'first-load',
            unit: 'KB',
            ours: round(oursKb),
            reference: round(refKb),
            ratio: round(oursKb / refKb, 2),
            target: 'ours<100',
          },
          {
            name: 'time-to-vote',
            unit: 'ms',
            ours: round(oursMs, 0),
            reference: round(refMs, 0),
            ratio: round(oursMs / refMs, 2),
            target: 'ratio<2',
          },
        ],
      }),
    );
  } finally {
    await browser?.close();
    bare.server.close();
    app?.proc.kill('SIGTERM');
    await sleep(500);
    await database.drop().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
