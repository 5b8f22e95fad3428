import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { removeDir, tempDir } from './media-support';
import { publishEntry, uploadFor } from './showcase-helpers';
import {
  aHumanMoment,
  emulateSlow3g,
  launchChromium,
  phoneContext,
  screenshot,
} from './support/browser';
import { seriousViolations } from './support/web-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, deviceToken, openSession } from './voting-helpers';

jest.setTimeout(180_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  naturalWidth?: number;
  complete?: boolean;
  scrollWidth: number;
  clientWidth: number;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  body: PageNode;
  documentElement: PageNode;
};
declare function getComputedStyle(node: PageNode): { backgroundColor: string };

/** A person needs a moment between the page appearing and a tap (faster is held as a bot's). */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('Pages in Chromium', () => {
  let db: TestDatabase;
  let t: TestApp;
  let port: number;
  let browser: Browser;
  let uploads: string;
  const env = () => ({ PORT: String(port), UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await freePort();
    uploads = tempDir('pages-browser');
    t = await startTestApp(env(), db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await db?.drop();
    removeDir(uploads);
  });

  /** Every picture on the page has loaded and nothing is wider than the screen. */
  async function picturesShown(p: Page, selector: string, count: number) {
    await p.waitForFunction(
      ([sel, n]) => {
        const imgs = Array.from(document.querySelectorAll(sel));
        return imgs.length === n && imgs.every((i) => i.complete && (i.naturalWidth ?? 0) > 0);
      },
      [selector, count] as const,
    );
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  }

  async function stage(sessionId: string, auth: string, entryId: string) {
    await t
      .http()
      .post(`/voting/sessions/${sessionId}/stage`)
      .set('Authorization', auth)
      .send({ entryId })
      .expect(200);
  }

  it('the home page fits a 360 px phone, in Vietnamese, with nothing serious for axe-core', async () => {
    const ctx = await phoneContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${t.url}/`);
    expect(await p.textContent('h1')).toBeTruthy();
    expect(await p.getAttribute('html', 'lang')).toBe('vi');
    // nothing wider than the phone
    expect(
      await p.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    expect(await seriousViolations(p)).toEqual([]);
    await screenshot(p, 'home-360');
    await p.goto(`${t.url}/?lang=en`);
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    await screenshot(p, 'home-360-english');
    await ctx.close();
  });

  it('a voter votes and sees the count move; a second browser sees it too', async () => {
    const f = await openSession(t, { entries: 2, mode: 'on_stage' });
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    const a = await (await phoneContext(browser)).newPage();
    const b = await (await phoneContext(browser)).newPage();
    await Promise.all([a.goto(`${t.url}/v/${f.sessionId}`), b.goto(`${t.url}/v/${f.sessionId}`)]);
    for (const p of [a, b]) {
      await p.waitForSelector('#vote:not([disabled])');
      await p.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Trực tiếp');
      await p.waitForFunction(() =>
        /^0\b/.test(document.querySelector('#count')?.textContent ?? ''),
      );
    }
    await aHumanMoment(a);
    await a.click('#vote');
    await a.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('đã được ghi nhận'),
    );
    await a.waitForFunction(() => /^1\b/.test(document.querySelector('#count')?.textContent ?? ''));
    await b.waitForFunction(() => /^1\b/.test(document.querySelector('#count')?.textContent ?? ''));
    await aHumanMoment(b);
    await b.click('#vote');
    await a.waitForFunction(() => /^2\b/.test(document.querySelector('#count')?.textContent ?? ''));
    await screenshot(a, 'vote-page-after-votes');
    await screenshot(b, 'vote-page-second-browser');
    // the same phone again: the limit is one vote per entry, said in Vietnamese
    await a.click('#vote');
    await a.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('hết lượt bình chọn'),
    );
    const { rows } = await t.db.query<{ id: string; created_at: Date }>(
      'SELECT id, created_at FROM votes WHERE session_id = $1',
      [f.sessionId],
    );
    expect(rows).toHaveLength(2);
    // The page makes time-ordered vote ids (UUIDv7): the time of the vote, then random bits.
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(r.id.replace(/-/g, '').slice(0, 12), 16);
      expect(Math.abs(ms - r.created_at.getTime())).toBeLessThan(60_000);
    }
    await a.context().close();
    await b.context().close();
  });

  it('published entries show their picture and clip on the voting page, the overlay, the share page and the results (360 px phone)', async () => {
    const f = await openSession(t, { entries: 3, mode: 'all' });
    const dir = tempDir('browser-clip');
    await uploadFor(t, f.entryIds[0], { kind: 'image' });
    await uploadFor(t, f.entryIds[1], { kind: 'clip', dir });
    removeDir(dir);
    const share = await publishEntry(t, f.organizer, f.entryIds[0]);
    await publishEntry(t, f.organizer, f.entryIds[1]);
    await t.db.query(`UPDATE entries SET title = $2 WHERE id = $1`, [
      f.entryIds[0],
      'Sinh hoạt chi hội qua nhóm Zalo ở buôn Ea Kao',
    ]);
    await stage(f.sessionId, f.organizer.auth, f.entryIds[1]);

    // The voting page: the clip on stage (nothing of it loads before it is played), small
    // pictures in the list, loaded lazily, with their size written out.
    const ctx = await phoneContext(browser);
    const p = await ctx.newPage();
    const transferred: number[] = [];
    const asked: string[] = [];
    p.on('request', (r) => asked.push(r.url()));
    p.on('response', (r) => {
      void r
        .request()
        .sizes()
        .then((s) => transferred.push(s.responseBodySize + s.responseHeadersSize))
        .catch(() => undefined);
    });
    await p.goto(`${t.url}/v/${f.sessionId}`);
    await p.waitForSelector('#pic video');
    expect(await p.getAttribute('#pic video', 'preload')).toBe('none');
    expect(await p.getAttribute('#pic video', 'poster')).toMatch(/^\/media\/.+\/thumb$/);
    await picturesShown(p, '#list img.thumb', 2);
    for (const img of await p.$$('#list img.thumb')) {
      expect(await img.getAttribute('loading')).toBe('lazy');
      expect(await img.getAttribute('width')).toBe('320');
    }
    expect(await p.textContent('#list')).toContain('Sinh hoạt chi hội qua nhóm Zalo ở buôn Ea Kao');
    await p.waitForFunction(() => document.querySelector('#conn')?.textContent === 'Trực tiếp');
    await screenshot(p, 'vote-page-pictures-360');
    expect(asked.filter((u) => u.endsWith('/preview'))).toEqual([]);
    expect(transferred.reduce((a, b) => a + b, 0)).toBeLessThan(100 * 1024);
    await ctx.close();

    // The overlay: the picture of the entry on stage beside its title.
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    const octx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const o = await octx.newPage();
    await o.goto(`${t.url}/overlay/${f.sessionId}?theme=dark&numbers=1`);
    await o.waitForFunction(
      (id) => document.querySelector('#stage')?.getAttribute('data-entry') === id,
      f.entryIds[0],
    );
    await picturesShown(o, '#simg', 1);
    await screenshot(o, 'overlay-picture');
    await octx.close();

    // The share page (what Zalo and Facebook show) and the results, on the same phone.
    const sctx = await phoneContext(browser);
    const s = await sctx.newPage();
    await s.goto(`${t.url}${share}`);
    await picturesShown(s, 'article img', 1);
    expect(await s.getAttribute('meta[property="og:image:width"]', 'content')).toBe('1200');
    expect(await s.textContent('h1')).toBe('Sinh hoạt chi hội qua nhóm Zalo ở buôn Ea Kao');
    await screenshot(s, 'share-page-360');
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    await s.goto(`${t.url}/results/${rows[0].slug}`);
    await picturesShown(s, 'img.thumb', 2);
    await screenshot(s, 'results-page-360');
    await sctx.close();
  });

  it('the overlay follows API votes and switches with the entry on stage', async () => {
    const f = await openSession(t, { entries: 3, mode: 'on_stage' });
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const o = await ctx.newPage();
    await o.goto(`${t.url}/overlay/${f.sessionId}?theme=dark&numbers=1`);
    await o.waitForFunction(
      (id) => document.querySelector('#stage')?.getAttribute('data-entry') === id,
      f.entryIds[0],
    );
    const bg = await o.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgba(0, 0, 0, 0)');
    for (let i = 0; i < 3; i++) {
      const res = await castOverHttp(t, f.sessionId, {
        entryId: f.entryIds[0],
        voterToken: await deviceToken(t),
      });
      expect(res.status).toBe(201);
    }
    await o.waitForFunction(
      (id) => document.querySelector(`#r-${id} .n`)?.textContent === '3',
      f.entryIds[0],
    );
    await screenshot(o, 'overlay-three-votes');
    await stage(f.sessionId, f.organizer.auth, f.entryIds[1]);
    await o.waitForFunction(
      (id) => document.querySelector('#stage')?.getAttribute('data-entry') === id,
      f.entryIds[1],
    );
    const title = await o.textContent('#stage');
    const { rows } = await t.db.query('SELECT title FROM entries WHERE id = $1', [f.entryIds[1]]);
    expect(title).toBe(rows[0].title);
    await screenshot(o, 'overlay-switched');
    await ctx.close();
  });

  it('the control page switches the entry on stage and releases a held vote', async () => {
    const f = await openSession(t, { entries: 2, mode: 'on_stage' });
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    // a vote cast 40 ms after its page appeared is held for review
    const late = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/votes`)
      .set('Idempotency-Key', '5f0c1d7e-8a43-4c51-9b1e-2b7c1e0d9a12')
      .set('X-Page-Elapsed', '40')
      .send({ entryId: f.entryIds[0], voterToken: await deviceToken(t) });
    expect(late.body).toMatchObject({ status: 'counted', held: true });
    const ctx = await browser.newContext({ viewport: { width: 900, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${t.url}/control/${f.sessionId}`);
    await p.fill('#lid', f.organizer.email);
    await p.fill('#lpw', 'matkhau2024');
    await p.click('#lform button[type=submit]');
    await p.waitForSelector('#queue input[type=checkbox]');
    expect(await p.textContent('#qcount')).toContain('1 phiếu bị giữ');
    await p.click(`[data-stage="${f.entryIds[1]}"]`);
    await p.waitForFunction(
      (id) => document.querySelector(`[data-stage="${id}"]`)?.getAttribute('disabled') !== null,
      f.entryIds[1],
    );
    const session = await t.http().get(`/voting/sessions/${f.sessionId}`).expect(200);
    expect(session.body.onStageEntryId).toBe(f.entryIds[1]);
    await p.click('#queue input[type=checkbox]');
    await p.click('#release');
    await p.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('Đã cho tính 1 phiếu'),
    );
    await screenshot(p, 'control-page');
    const tally = await t.http().get(`/voting/sessions/${f.sessionId}/tallies`).expect(200);
    expect(tally.body.tallies[f.entryIds[0]]).toBe(1);
    await ctx.close();
  });

  it('works under slow 3G and reconnects with a fresh count after the server restarts', async () => {
    const f = await openSession(t, { entries: 1, mode: 'on_stage' });
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    const ctx = await phoneContext(browser);
    const p = await ctx.newPage();
    await emulateSlow3g(p);
    const transferred: number[] = [];
    p.on('response', (r) => {
      void r
        .request()
        .sizes()
        .then((s) => transferred.push(s.responseBodySize + s.responseHeadersSize))
        .catch(() => undefined);
    });
    await p.goto(`${t.url}/v/${f.sessionId}`, { timeout: 60_000 });
    await p.waitForSelector('#vote:not([disabled])', { timeout: 60_000 });
    await p.click('#vote');
    await p.waitForFunction(
      () => (document.querySelector('#msg')?.textContent ?? '').includes('đã được ghi nhận'),
      undefined,
      { timeout: 60_000 },
    );
    await p.waitForFunction(
      () => /^1\b/.test(document.querySelector('#count')?.textContent ?? ''),
      undefined,
      {
        timeout: 60_000,
      },
    );
    await screenshot(p, 'vote-page-slow-3g');

    await t.close();
    await p.waitForFunction(() => document.querySelector('#conn')?.textContent !== 'Trực tiếp');
    t = await startTestApp(env(), db);
    // votes cast while the page was away reach it through the snapshot on reconnect
    for (let i = 0; i < 2; i++) {
      const res = await castOverHttp(t, f.sessionId, {
        entryId: f.entryIds[0],
        voterToken: await deviceToken(t),
      });
      expect(res.status).toBe(201);
    }
    await p.waitForFunction(
      () => document.querySelector('#conn')?.textContent === 'Trực tiếp',
      undefined,
      {
        timeout: 90_000,
      },
    );
    await p.waitForFunction(
      () => /^3\b/.test(document.querySelector('#count')?.textContent ?? ''),
      undefined,
      {
        timeout: 60_000,
      },
    );
    await screenshot(p, 'vote-page-after-restart');
    await ctx.close();
  });

  it('asks for a phone code when the session needs one: wrong code refused, right one votes', async () => {
    const f = await openSession(t, {
      entries: 1,
      mode: 'on_stage',
      policy: { perEntry: 1, identities: ['phone'] },
    });
    await stage(f.sessionId, f.organizer.auth, f.entryIds[0]);
    const ctx = await phoneContext(browser);
    const p = await ctx.newPage();
    await p.goto(`${t.url}/v/${f.sessionId}`);
    await p.waitForSelector('#phone:not(.hidden)');
    const phone = `0913${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    await p.fill('#pnum', phone.slice(0, 4) + ' ' + phone.slice(4, 7) + ' ' + phone.slice(7));
    await p.click('#send');
    await p.waitForSelector('#codebox:not(.hidden)');
    const e164 = `+84${phone.slice(1)}`;
    const code = t.app.get(OtpOutbox).last(e164)!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    await p.fill('#pcode', wrong);
    await p.click('#check');
    await p.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('không đúng'),
    );
    await screenshot(p, 'phone-wrong-code');
    await p.fill('#pcode', code);
    await p.click('#check');
    await p.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('Đã xác minh số điện thoại'),
    );
    await aHumanMoment(p);
    await p.click('#vote');
    await p.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('đã được ghi nhận'),
    );
    await screenshot(p, 'phone-verified-vote');
    const { rows } = await t.db.query('SELECT voter_key FROM votes WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(rows).toEqual([{ voter_key: `p:${e164}` }]);
    await ctx.close();
  });
});

describe('Phone code that expired, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ OTP_TTL_SECONDS: '1', OTP_RESEND_SECONDS: '0' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses an expired code with a clear sentence', async () => {
    const f = await openSession(t, {
      entries: 1,
      mode: 'on_stage',
      policy: { perEntry: 1, identities: ['phone'] },
    });
    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/stage`)
      .set('Authorization', f.organizer.auth)
      .send({ entryId: f.entryIds[0] })
      .expect(200);
    const p = await (await phoneContext(browser)).newPage();
    await p.goto(`${t.url}/v/${f.sessionId}`);
    await p.waitForSelector('#phone:not(.hidden)');
    await p.fill('#pnum', '0987 654 321');
    await p.click('#send');
    await p.waitForSelector('#codebox:not(.hidden)');
    const code = t.app.get(OtpOutbox).last('+84987654321')!;
    // let the 1-second code expire
    await new Promise((r) => setTimeout(r, 1500));
    await p.fill('#pcode', code);
    await p.click('#check');
    await p.waitForFunction(() =>
      (document.querySelector('#msg')?.textContent ?? '').includes('hết hạn'),
    );
    await screenshot(p, 'phone-expired-code');
    const votes = await t.db.query('SELECT count(*)::int AS n FROM votes');
    expect(votes.rows[0].n).toBe(0);
  });
});
