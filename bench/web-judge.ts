/**
 * The judge's part of `npm run bench:web` (called by web.bench.ts with what it has set up):
 *
 *  first-load/judge/<route>  KB transferred from navigation until the screen is usable (cold
 *                            cache), beside a bare static copy of the same screen
 *  tti/judge/<route>         ms until usable under slow 3G and a 4× slower CPU; ratio ours / bare
 *  clip-start                ms from opening an entry until its clip plays (slow 3G, cold cache),
 *                            beside a bare <video> page over the same file (a signed address) in
 *                            the same run; ratio ours / bare
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as argon2 from 'argon2';
import type { Pool } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { emulateSlow3g } from '../test/support/browser';
import { sleep } from './support';

interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  httpOnly: boolean;
  sameSite: 'Strict';
}

export interface JudgeBenchDeps {
  browser: Browser;
  appUrl: string;
  db: Pool;
  /** The contest web.bench.ts seeded (open for entries, a category taking clips). */
  contestId: string;
  categoryId: string;
  /** The contestant's session cookies (cookie mode). */
  contestantCookies: Cookie[];
  password: string;
  login: (url: string, email: string) => Promise<Cookie[]>;
  measure: (
    context: BrowserContext,
    url: string,
    ready: string,
  ) => Promise<{ bytes: number; ms: number }>;
  bareCopy: (page: Page) => Promise<string>;
  startBare: (pages: Map<string, Buffer>) => Promise<{ url: string; server: Server }>;
  runs: number;
  log: (msg: string) => void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
declare const document: { querySelector(s: string): { currentTime: number } | null };

/** A 30 s 720p clip at about 2 Mbit/s, as a phone might send (about 7.5 MB). */
async function phoneClip(path: string): Promise<void> {
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=25:duration=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=30',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-b:v',
    '2M',
    '-maxrate',
    '2M',
    '-bufsize',
    '2M',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    path,
  ]);
}

async function call(
  appUrl: string,
  method: string,
  path: string,
  auth: { cookies?: Cookie[]; bearer?: string },
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the service's JSON, read field by field here
): Promise<any> {
  const headers: Record<string, string> = {};
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth.cookies) {
    headers.cookie = auth.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    headers['x-csrf-token'] = auth.cookies.find((c) => c.name === 'ht_csrf')?.value ?? '';
  }
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${appUrl}${path}`, { method, headers, body: payload });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** A judged round open now, a judge and an organizer, one entry with a clip assigned to the judge. */
async function seedJudging(d: JudgeBenchDeps) {
  const { db, appUrl, contestId, categoryId } = d;
  const hash = await argon2.hash(d.password, { type: argon2.argon2id });
  const judgeEmail = `giam-khao-${randomUUID().slice(0, 6)}@bench.hoithi.vn`;
  const organizerEmail = `btc-${randomUUID().slice(0, 6)}@bench.hoithi.vn`;
  const judgeId = randomUUID();
  const organizerId = randomUUID();
  await db.query(
    `INSERT INTO users (id, full_name, email, password_hash, role) VALUES
       ($1, 'Trần Văn Giám Khảo', $2, $5, 'judge'), ($3, 'Lê Thị Tổ Chức', $4, $5, 'organizer')`,
    [judgeId, judgeEmail, organizerId, organizerEmail, hash],
  );
  await db.query(
    `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'judge'), ($1, $3, 'organizer')`,
    [contestId, judgeId, organizerId],
  );
  const roundId = randomUUID();
  const hour = 3_600_000;
  await db.query(
    `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, grace_seconds, scope_depth, status)
     VALUES ($1, $2, 2, 'Sơ khảo', 'judging', $3, $4, 0, 0, 'pending')`,
    [
      roundId,
      contestId,
      new Date(Date.now() + 2 * 24 * hour),
      new Date(Date.now() + 5 * 24 * hour),
    ],
  );
  // the contestant's entry with a clip, submitted
  const files = mkdtempSync(join(tmpdir(), 'hoithi-judge-bench-'));
  try {
    const who = { cookies: d.contestantCookies };
    const entry = await call(appUrl, 'POST', `/contests/${contestId}/entries`, who, {
      categoryId,
      authorType: 'individual',
      title: 'Phóng sự: một buổi sinh hoạt chi hội',
      summary: 'Phóng sự ngắn về buổi sinh hoạt chi hội tháng Ba.',
      members: [{ name: 'Nguyễn Thị Hoa' }],
    });
    const clip = join(files, 'phong-su.mp4');
    await phoneClip(clip);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(clip)], { type: 'video/mp4' }), 'phong-su.mp4');
    const media = await call(appUrl, 'POST', `/media/uploads?entryId=${entry.id}`, who, form);
    for (let i = 0; ; i++) {
      const m = await call(appUrl, 'GET', `/media/${media.id}`, who);
      if (m.status === 'ready') break;
      if (m.status === 'rejected' || m.status === 'failed' || i > 600)
        throw new Error(`clip: ${JSON.stringify(m)}`);
      await sleep(500);
    }
    await call(appUrl, 'POST', `/entries/${entry.id}/submit`, who, {});
    const organizer = (await (
      await fetch(`${appUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: organizerEmail, password: d.password }),
      })
    ).json()) as { accessToken: string };
    const org = { bearer: organizer.accessToken };
    await call(appUrl, 'POST', `/entries/${entry.id}/screen`, org, { decision: 'eligible' });
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM contest_rounds WHERE contest_id = $1 AND kind = 'submission'`,
      [contestId],
    );
    await call(appUrl, 'POST', `/contests/${contestId}/rounds/${rows[0].id}/advance`, org, {
      entryIds: [entry.id],
    });
    await db.query(
      `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 hour', closes_at = now() + interval '2 days' WHERE id = $1`,
      [roundId],
    );
    await call(appUrl, 'PUT', `/judging/rounds/${roundId}/rubrics`, org, {
      criteria: [
        { key: 'noi-dung', name: 'Nội dung', weight: 50, max: 10, step: 0.5 },
        { key: 'hinh-thuc', name: 'Hình thức', weight: 50, max: 10, step: 0.5 },
      ],
    });
    await call(appUrl, 'POST', `/judging/rounds/${roundId}/assign`, org, { quorum: 1, seed: 'b' });
    return { roundId, entryId: entry.id as string, judgeEmail };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

/** From navigation to the entry's clip playing (slow 3G, cold cache); `ready`: the <video>. */
async function clipStart(context: BrowserContext, url: string, video: string): Promise<number> {
  const page = await context.newPage();
  await emulateSlow3g(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
  await page.waitForSelector(video, { timeout: 180_000 });
  await page.evaluate(
    `(() => { const v = document.querySelector(${JSON.stringify(video)}); v.muted = true; return v.play(); })()`,
  );
  await page.waitForFunction((sel) => (document.querySelector(sel)?.currentTime ?? 0) > 0, video, {
    timeout: 300_000,
    polling: 20,
  });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

export async function benchJudge(d: JudgeBenchDeps): Promise<Record<string, unknown>[]> {
  const { roundId, entryId, judgeEmail } = await seedJudging(d);
  const cookies = await d.login(d.appUrl, judgeEmail);
  const newContext = async (signedIn: boolean) => {
    const ctx = await d.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'vi-VN',
    });
    if (signedIn) await ctx.addCookies(cookies.map((c) => ({ ...c, secure: false })));
    return ctx;
  };
  const routes = [
    { name: 'home', hash: '/judge', ready: '.judge-round a.primary' },
    { name: 'round', hash: `/judge/rounds/${roundId}`, ready: '.queue a' },
    {
      name: 'entry',
      hash: `/judge/rounds/${roundId}/entries/${entryId}`,
      ready: '#score-noi-dung',
    },
  ];
  const copies = new Map<string, Buffer>();
  for (const r of routes) {
    const ctx = await newContext(true);
    const page = await ctx.newPage();
    await page.goto(`${d.appUrl}/app/#${r.hash}`);
    await page.waitForSelector(r.ready);
    copies.set(`/${r.name}`, gzipSync(await d.bareCopy(page)));
    await ctx.close();
  }
  // the bare <video> page: the same file by a signed address of the judge's
  const media = await call(d.appUrl, 'GET', `/judging/rounds/${roundId}/entries/${entryId}/media`, {
    cookies,
  });
  // the file the app plays on a phone: the light copy when there is one
  const urls = media[0].urls as Record<string, string>;
  const src = `${d.appUrl}${urls.mobile ?? urls.preview}`;
  copies.set(
    '/video',
    gzipSync(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Video</title>` +
        `<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"></head>` +
        `<body><video controls playsinline preload="metadata" src="${src}"></video></body></html>`,
    ),
  );
  const bare = await d.startBare(copies);
  const metrics: Record<string, unknown>[] = [];
  try {
    for (const r of routes) {
      const ours: { bytes: number; ms: number }[] = [];
      const ref: { bytes: number; ms: number }[] = [];
      for (let i = 0; i < d.runs; i++) {
        const a = await newContext(false);
        ref.push(await d.measure(a, `${bare.url}/${r.name}`, r.ready));
        await a.close();
        const b = await newContext(true);
        ours.push(await d.measure(b, `${d.appUrl}/app/#${r.hash}`, r.ready));
        await b.close();
      }
      const oursKb = median(ours.map((x) => x.bytes)) / 1024;
      const refKb = median(ref.map((x) => x.bytes)) / 1024;
      const oursMs = median(ours.map((x) => x.ms));
      const refMs = median(ref.map((x) => x.ms));
      d.log(
        `judge ${r.name}: ours ${round(oursKb)} KB ${oursMs} ms; bare ${round(refKb)} KB ${refMs} ms`,
      );
      metrics.push(
        {
          name: `first-load/judge/${r.name}`,
          unit: 'KB',
          ours: round(oursKb),
          reference: round(refKb),
          ratio: round(oursKb / refKb, 2),
          target: 'ours<=150',
        },
        {
          name: `tti/judge/${r.name}`,
          unit: 'ms',
          ours: oursMs,
          reference: refMs,
          ratio: round(oursMs / refMs, 2),
          target: 'ratio<=2',
        },
      );
    }
    const ours: number[] = [];
    const ref: number[] = [];
    for (let i = 0; i < d.runs; i++) {
      const a = await newContext(false);
      ref.push(await clipStart(a, `${bare.url}/video`, 'video'));
      await a.close();
      const b = await newContext(true);
      ours.push(
        await clipStart(
          b,
          `${d.appUrl}/app/#/judge/rounds/${roundId}/entries/${entryId}`,
          '.judge-media video',
        ),
      );
      await b.close();
    }
    d.log(`clip-start: ours ${ours.join(', ')} ms; bare <video> ${ref.join(', ')} ms`);
    metrics.push({
      name: 'clip-start',
      unit: 'ms',
      ours: median(ours),
      reference: median(ref),
      ratio: round(median(ours) / median(ref), 2),
      target: 'ratio<=1.5',
    });
  } finally {
    bare.server.close();
  }
  return metrics;
}
