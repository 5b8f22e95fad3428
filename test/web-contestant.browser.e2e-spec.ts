import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { seedContest } from './entries.fixtures';
import {
  ALL_KINDS,
  makeAudio,
  makeClip,
  makePdf,
  removeDir,
  tempDir,
  waitForStatus,
} from './media-support';
import { photo, publishEntry } from './showcase-helpers';
import { launchChromium, phoneContext } from './support/browser';
import { createUser, insertUnit, PASSWORD } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, logIn as signIn, screenChecks } from './support/web-app';

jest.setTimeout(600_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
interface PageNode {
  textContent: string | null;
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
  value?: number;
  max?: number;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  documentElement: { scrollWidth: number; clientWidth: number };
};
declare const location: { hash: string };

/** A weak mobile link: 300 ms each way, about 1.2 MB/s up (a 30 MB clip takes ~25 s). */
const SLOW_MOBILE = {
  offline: false,
  latency: 300,
  downloadThroughput: 1_500_000,
  uploadThroughput: 1_200_000,
};

async function slowNetwork(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_MOBILE);
}

const { shot, step, waitText } = screenChecks('web', { waitMs: 120_000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const text = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', selector);

/** The share of the file sent, as the page's progress bar shows it. */
const sentShare = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector('.upload progress');
    return bar && bar.max ? (bar.value ?? 0) / bar.max : 0;
  });

async function waitSent(page: Page, share: number): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const bar = document.querySelector('.upload progress');
      return !!bar && !!bar.max && (bar.value ?? 0) / bar.max >= s;
    },
    share,
    { timeout: 300_000, polling: 100 },
  );
}

describe('Web app: the contestant (Chromium, 360 px phone, Vietnamese)', () => {
  let t: TestApp;
  let browser: Browser;
  let web: { dir: string; remove(): void };
  let uploads: string;
  let files: string;
  let province: { id: string };
  let unit: { id: string; name: string };

  beforeAll(async () => {
    web = await buildWebApp();
    uploads = tempDir('web-browser-uploads');
    files = tempDir('web-browser-files');
    t = await startTestApp({ WEB_DIR: web.dir, UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    browser = await launchChromium();
    province = await insertUnit(t, { name: 'Tỉnh Phú Yên', kind: 'Tỉnh' });
    unit = await insertUnit(t, { name: 'Chi hội Phường Hòa Hiệp Bắc', parentId: province.id });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    web?.remove();
    removeDir(uploads);
    removeDir(files);
  });

  async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    return { context, page };
  }

  const logIn = (page: Page, identifier: string) => signIn(page, t.url, identifier, PASSWORD);

  it("serves at /app/ the page of the role's bundle with its script inside, allowed by hash alone, precompressed, and no fallback for API paths", async () => {
    const page = await t.http().get('/app/').set('Accept-Encoding', 'br').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toMatch(/Cookie/);
    const html = readFileSync(join(web.dir, 'contestant.html'), 'utf8');
    expect(html).toContain('data-bundle="contestant"');
    // one request: no script or style file, every inline element admitted by its own hash
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link[^>]*stylesheet/);
    const csp = page.headers['content-security-policy'];
    expect(csp).not.toContain('unsafe-inline');
    const inline = [...html.matchAll(/<(script|style)[^>]*>([\s\S]*?)<\/\1>/g)];
    expect(inline.length).toBeGreaterThanOrEqual(3); // early fetch, app, styles
    for (const [, tag, body] of inline) {
      const hash = createHash('sha256').update(body).digest('base64');
      expect(csp).toMatch(
        new RegExp(`${tag}-src 'self'[^;]*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`),
      );
    }
    // the same page again costs no body
    await t
      .http()
      .get('/app/')
      .set('Accept-Encoding', 'br')
      .set('If-None-Match', page.headers.etag)
      .expect(304);
    // the uploader's library is its own file, cached a year, precompressed
    const tus = /\/app\/(assets\/tus\.min-[\w-]+\.js)/.exec(html)![1];
    const js = await t.http().get(`/app/${tus}`).set('Accept-Encoding', 'gzip').expect(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // each role gets its bundle; a cookie that is not a token gets the visitor's
    const bundleFor = async (cookie: string) =>
      /data-bundle="(\w+)"/.exec(
        (await t.http().get('/app/').set('Cookie', cookie).expect(200)).text,
      )?.[1];
    const organizer = await createUser(t, UserRole.Organizer);
    const judge = await createUser(t, UserRole.Judge);
    const contestant = await createUser(t, UserRole.Contestant);
    expect(await bundleFor(`ht_access=${organizer.accessToken}`)).toBe('organizer');
    expect(await bundleFor(`ht_access=${judge.accessToken}`)).toBe('judge');
    expect(await bundleFor(`ht_access=${contestant.accessToken}`)).toBe('contestant');
    expect(await bundleFor('ht_access=not.a-token.at-all')).toBe('contestant');
    expect(await bundleFor('')).toBe('contestant');
    // the app's own paths get its page; missing files and the API's paths do not
    await t
      .http()
      .get('/app/contests/x')
      .expect(200)
      .expect('content-type', /text\/html/);
    await t.http().get('/app/contestant.html').expect(404);
    await t.http().get('/app/assets/missing-12345678.js').expect(404);
    await t.http().get('/contests-nope').expect(404).expect('content-type', /json/);
    await t.http().get('/auth/me').expect(401);
  });

  it('a new member signs up with her phone, fills her profile, creates a collective entry, uploads a 30 MB clip through two dropped connections and a reload, and submits it', async () => {
    const contest = await seedContest(t);
    const clip = await makeClip(files, 'sinh-hoat-chi-hoi.mp4', {
      width: 1280,
      height: 720,
      seconds: 10,
      args: [
        '-vf',
        'noise=alls=40:allf=t',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-b:v',
        '24M',
        '-maxrate',
        '24M',
        '-bufsize',
        '12M',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
      ],
    });
    const clipBytes = readFileSync(clip);
    expect(clipBytes.length).toBeGreaterThan(28 * 1024 * 1024);
    const sentSha = createHash('sha256').update(clipBytes).digest('hex');

    const { context, page } = await newPhone();
    await page.goto(`${t.url}/app/`);
    await page.waitForFunction(() => location.hash === '#/login');
    await step(page, '01-login');

    // sign up: the phone number as she types it, her unit found without diacritics
    await page.click('a[href="#/register"]');
    await page.waitForSelector('#fullName');
    await page.click('form button[type=submit]');
    await waitText(page, '#contact-error', 'Xin nhập số điện thoại hoặc email');
    await step(page, '02-register-errors');
    await page.fill('#fullName', 'Nguyễn Thị Hoa');
    await page.fill('#contact', '0912 345 678');
    await page.fill('#password', PASSWORD);
    await page.fill('#unit-search', 'hoa hiep bac');
    await page.waitForSelector('.choice');
    await shot(page, '03-register-unit-search');
    // by keyboard, as anyone who does not use a pointer would
    await page.focus('.choice');
    await page.keyboard.press('Enter');
    await waitText(page, '#unit-chosen', unit.name);
    await step(page, '03b-register-unit-chosen');
    await page.click('form button[type=submit]');
    await page.waitForFunction(() => location.hash === '#/profile');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'ht_access')?.httpOnly).toBe(true);

    // the profile: an email added
    await page.waitForSelector('#email');
    expect(await page.inputValue('#phone')).toBe('0912 345 678');
    await page.fill('#email', 'hoa.hoahiep@example.vn');
    // the email signs in too: changing it asks for the password, and says so when it is missing
    await page.waitForSelector('#currentPassword');
    await page.click('form button[type=submit]');
    await waitText(page, '#currentPassword-error', 'hãy nhập mật khẩu hiện tại');
    await step(page, '04a-profile-password-asked');
    await page.fill('#currentPassword', PASSWORD);
    await page.click('form button[type=submit]');
    await waitText(page, 'main', 'Đã lưu.');
    expect(await page.$('#currentPassword')).toBeNull();
    await step(page, '04-profile-saved');
    const { rows: users } = await t.db.query(
      `SELECT email, unit_id FROM users WHERE phone = '+84912345678'`,
    );
    expect(users[0]).toEqual({ email: 'hoa.hoahiep@example.vn', unit_id: unit.id });

    // the contest, its categories and rules, and a collective entry
    await page.click('nav a[href="#/contests"]');
    await page.click(`a[href="#/contests/${contest.contestId}"]`);
    await waitText(page, 'main', 'Hạn nộp bài');
    await step(page, '05-contest');
    await page.click(
      `a[href="#/contests/${contest.contestId}/new/${contest.categories.solution}"]`,
    );
    await page.waitForSelector('#title');
    await page.check('input[value=collective]');
    await page.fill('#title', 'Sinh hoạt chi hội qua nhóm Zalo');
    for (const name of ['Nguyễn Thị Hoa', 'Lê Thị Lan']) {
      await page.fill('#member-name', name);
      await page.click('button:has-text("Thêm")');
    }
    await step(page, '06-new-entry');
    await page.click('form button[type=submit]');
    // the entry opens under its contest (the screen asks for both at once)
    await page.waitForFunction(() => /^#\/contests\/[^/]+\/entries\/[^/]+$/.test(location.hash));
    const entryId = (await page.evaluate(() => location.hash)).split('/')[4];
    await waitText(page, '#missing', 'tóm tắt');

    // autosave of the draft
    await page.fill('#summary', 'Chi hội lập nhóm Zalo để sinh hoạt hằng tháng.');
    await waitText(page, '#save-state', 'Đã lưu tự động');
    const { rows: saved } = await t.db.query(`SELECT summary, members FROM entries WHERE id = $1`, [
      entryId,
    ]);
    expect(saved[0].summary).toBe('Chi hội lập nhóm Zalo để sinh hoạt hằng tháng.');
    expect(saved[0].members).toHaveLength(2);
    await step(page, '07-entry-draft');

    // the clip, over a slow link that drops twice, with the page reloaded once
    const tus: { method: string; offset: string | undefined }[] = [];
    context.on('request', (r) => {
      if (r.url().includes('/media/uploads/tus'))
        tus.push({ method: r.method(), offset: r.headers()['upload-offset'] });
    });
    await slowNetwork(page);
    await page.setInputFiles('#file-input', clip);
    await waitSent(page, 0.15);
    // only a picture here: the upload must not finish before the connection is cut (the same
    // screen is checked in full after the reload)
    await shot(page, '08-uploading');
    for (const at of [0.3, 0.45]) {
      await waitSent(page, at);
      await context.setOffline(true);
      await waitText(page, '.upload .state', 'Mất mạng');
      await shot(page, `09-offline-${at}`);
      await context.setOffline(false);
      await slowNetwork(page);
    }
    await waitSent(page, 0.6);
    const beforeReload = await sentShare(page);
    await page.reload();
    await slowNetwork(page);
    await waitText(page, 'main', 'Còn tệp gửi dở');
    await step(page, '10-after-reload');
    const patchesBefore = tus.filter((r) => r.method === 'PATCH').length;
    await page.setInputFiles('#file-input', clip);
    await waitText(page, '.upload', 'Đã gửi xong');
    // one upload made; after the reload it went on from where the service had got to
    expect(tus.filter((r) => r.method === 'POST')).toHaveLength(1);
    const resumed = tus.filter((r) => r.method === 'PATCH').slice(patchesBefore);
    expect(Number(resumed[0].offset)).toBeGreaterThan(clipBytes.length * beforeReload * 0.8);
    await page.waitForSelector('.media video', { timeout: 180_000 });
    await step(page, '11-clip-ready');
    const { rows: media } = await t.db.query(
      `SELECT sha256, size_bytes FROM media_items WHERE entry_id = $1 AND status = 'ready'`,
      [entryId],
    );
    expect(media).toHaveLength(1);
    expect(media[0].sha256).toBe(sentSha);

    // submit, with what will be frozen shown first
    await page.waitForSelector('#submit:not([disabled])');
    await page.click('#submit');
    await page.waitForSelector('dialog[open] #confirm');
    expect(await text(page, 'dialog')).toContain('sinh-hoat-chi-hoi.mp4');
    await step(page, '12-confirm-submit');
    await page.click('#confirm');
    await waitText(page, '#entry-status', 'Đã nộp');
    await step(page, '13-submitted');
    const { rows: entry } = await t.db.query(`SELECT status FROM entries WHERE id = $1`, [entryId]);
    expect(entry[0].status).toBe('submitted');
    await context.close();
  });

  it('after the deadline the app shows the entry as closed and the service refuses it too', async () => {
    const user = await createUser(t, UserRole.Contestant, {
      unitId: unit.id,
      fullName: 'Trần Thị Mai',
    });
    const contest = await seedContest(t);
    const created = await t
      .http()
      .post(`/contests/${contest.contestId}/entries`)
      .set('Authorization', user.auth)
      .send({
        categoryId: contest.categories.solution,
        authorType: 'individual',
        title: 'Bài nộp muộn',
        summary: 'Tóm tắt',
      })
      .expect(201);
    const entryId = created.body.id as string;
    await t.db.query(
      `UPDATE contest_rounds SET closes_at = now() - interval '1 minute' WHERE id = $1`,
      [contest.rounds.submission],
    );
    const { context, page } = await newPhone();
    await logIn(page, user.email);
    // opened from a link: the page itself starts the screen's requests (early-fetch.js) and the
    // app takes their answers instead of asking again: each is asked for once
    const asked: string[] = [];
    page.on('request', (r) => r.method() === 'GET' && asked.push(new URL(r.url()).pathname));
    await page.goto('about:blank');
    await page.goto(`${t.url}/app/#/contests/${contest.contestId}/entries/${entryId}`);
    await waitText(page, '#closed-notice', 'Đã hết hạn nộp bài');
    expect((await page.getAttribute('html', 'data-early'))?.split(' ')).toEqual([
      '/auth/me',
      `/entries/${entryId}`,
      `/media?entryId=${entryId}`,
      `/entries/${entryId}/rounds`,
      `/contests/${contest.contestId}`,
    ]);
    const times = (path: string) => asked.filter((p) => p === path).length;
    expect([
      times(`/contests/${contest.contestId}`),
      times(`/entries/${entryId}`),
      times('/media'),
    ]).toEqual([1, 1, 1]);
    expect(await page.$('#submit')).toBeNull();
    expect(await page.$('#file-input')).toBeNull();
    await step(page, '20-after-deadline');
    // in English on request: the same screen, the service's sentences too
    await page.click('button:has-text("English")');
    await waitText(page, '#closed-notice', 'Entries are closed');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await step(page, '21-after-deadline-english');
    await page.click('button:has-text("Tiếng Việt")');
    await waitText(page, '#closed-notice', 'Đã hết hạn nộp bài');
    const refused = await t
      .http()
      .post(`/entries/${entryId}/submit`)
      .set('Authorization', user.auth)
      .expect(409);
    expect(refused.body.message).toMatch(/hạn|đóng/i);
    await context.close();
  });

  it('a wrong type and a too-large file are explained before any byte is sent', async () => {
    const user = await createUser(t, UserRole.Contestant, {
      unitId: unit.id,
      fullName: 'Lê Thị Lan',
    });
    const contest = await seedContest(t);
    await t.db.query(
      `UPDATE contest_categories SET rules = jsonb_set(rules, '{media}', $2::jsonb) WHERE id = $1`,
      [
        contest.categories.solution,
        JSON.stringify({ kinds: ['video'], minCount: 1, maxCount: 2, maxSizeBytes: 2_000_000 }),
      ],
    );
    const created = await t
      .http()
      .post(`/contests/${contest.contestId}/entries`)
      .set('Authorization', user.auth)
      .send({
        categoryId: contest.categories.solution,
        authorType: 'individual',
        title: 'Bài có tệp sai',
        summary: 'Tóm tắt',
      })
      .expect(201);
    const entryId = created.body.id as string;
    const { context, page } = await newPhone();
    const sent: string[] = [];
    context.on('request', (r) => {
      if (r.url().includes('/media/uploads/tus')) sent.push(r.method());
    });
    await logIn(page, user.email);
    await page.goto(`${t.url}/app/#/entries/${entryId}`);
    await page.waitForSelector('#file-input', { state: 'attached' });

    const notes = join(files, `ghi-chu-${randomUUID().slice(0, 6)}.txt`);
    writeFileSync(notes, 'Biên bản sinh hoạt chi hội\n'.repeat(100));
    await page.setInputFiles('#file-input', notes);
    await page.waitForSelector('.upload .error');
    const typeMessage = await text(page, '.upload .error');
    await step(page, '30-wrong-type');

    const big = join(files, 'clip-qua-lon.mp4');
    writeFileSync(big, Buffer.alloc(3_000_000, 1));
    await page.setInputFiles('#file-input', big);
    await page.waitForFunction(() => document.querySelectorAll('.upload .error').length === 2);
    const sizeMessage = (
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('.upload .error')).map((n) => n.textContent ?? ''),
      )
    )[1];
    await step(page, '31-too-large');

    // the service's own sentences, in Vietnamese; no body was ever sent, nothing is kept
    expect(typeMessage).toMatch(/loại|định dạng/i);
    expect(sizeMessage).toMatch(/MB|dung lượng|lớn/i);
    expect(sent.filter((m) => m === 'PATCH')).toEqual([]);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM media_items WHERE entry_id = $1`,
      [entryId],
    );
    expect(rows[0].n).toBe(0);
    await context.close();
  });

  it("an entry's way through the rounds: previews of every kind, returned with a reason, fixed and sent again, advanced, and its public link once published", async () => {
    const organizer = await createUser(t, UserRole.Organizer);
    const user = await createUser(t, UserRole.Contestant, {
      unitId: unit.id,
      fullName: 'Đỗ Thị Hạnh',
    });
    const contest = await seedContest(t, { organizers: [organizer.id] });
    await t.db.query(
      `UPDATE contest_categories SET rules = jsonb_set(rules, '{media}', $2) WHERE id = $1`,
      [contest.categories.solution, JSON.stringify(ALL_KINDS)],
    );
    const as = (u: { auth: string }) => ({
      post: (path: string, body: Record<string, unknown> = {}) =>
        t.http().post(path).set('Authorization', u.auth).send(body),
    });
    const created = await as(user).post(`/contests/${contest.contestId}/entries`, {
      categoryId: contest.categories.solution,
      authorType: 'collective',
      title: 'Chi hội số hoá sổ sinh hoạt',
      summary: 'Chi hội ghi sổ sinh hoạt trên điện thoại.',
      members: [{ name: 'Đỗ Thị Hạnh' }, { name: 'Phạm Thị Nga' }],
    });
    expect(created.status).toBe(201);
    const entryId = created.body.id as string;
    // one file of each kind, sent through the API as any client could
    const sent: [Buffer, string][] = [
      [await photo(1200, 800), 'anh-buoi-sinh-hoat.jpg'],
      [
        readFileSync(await makeAudio(files, 'loi-gioi-thieu.m4a', 3, ['-c:a', 'aac'])),
        'loi-gioi-thieu.m4a',
      ],
      [makePdf(3), 'ke-hoach.pdf'],
      [
        readFileSync(
          await makeClip(files, 'doan-phim.mp4', { width: 640, height: 360, seconds: 2 }),
        ),
        'doan-phim.mp4',
      ],
    ];
    for (const [bytes, filename] of sent) {
      const up = await t
        .http()
        .post(`/media/uploads?entryId=${entryId}`)
        .set('Authorization', user.auth)
        .attach('file', bytes, { filename });
      expect(up.status).toBe(201);
      await waitForStatus(t, up.body.id as string, ['ready'], 120_000);
    }
    expect((await as(user).post(`/entries/${entryId}/submit`)).status).toBe(200);
    const reason = 'Thiếu ảnh chụp cả chi hội trong buổi sinh hoạt';
    expect(
      (await as(organizer).post(`/entries/${entryId}/screen`, { decision: 'returned', reason }))
        .status,
    ).toBe(200);

    const { context, page } = await newPhone();
    await logIn(page, user.email);
    await page.goto(`${t.url}/app/#/contests/${contest.contestId}/entries/${entryId}`);
    await waitText(page, '#returned-notice', reason);
    expect(await text(page, '#returned-notice')).toContain('nộp lại trước hạn');
    // every preview shows: the picture, the first page of the PDF, the clip's poster, the audio
    await page.waitForSelector('.media video[poster]');
    await page.waitForSelector('.media audio');
    for (const img of await page.$$('.media img')) await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('.media img')) as unknown as {
        complete: boolean;
        naturalWidth: number;
      }[];
      return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await page.getAttribute('.media img[alt^="Trang đầu"]', 'alt')).toContain(
      'ke-hoach.pdf',
    );
    await step(page, '30-returned-with-previews');

    // fixed and sent again before the deadline
    await page.fill('#summary', 'Chi hội ghi sổ sinh hoạt trên điện thoại; kèm ảnh cả chi hội.');
    await waitText(page, '#save-state', 'Đã lưu tự động');
    await page.click('#submit');
    await page.click('dialog[open] #confirm');
    await waitText(page, '#entry-status', 'Đã nộp');

    // accepted, forwarded to the commune round and published by the organizers
    expect(
      (await as(organizer).post(`/entries/${entryId}/screen`, { decision: 'eligible' })).status,
    ).toBe(200);
    const advanced = await as(organizer).post(
      `/contests/${contest.contestId}/rounds/${contest.rounds.submission}/advance`,
      { entryIds: [entryId] },
    );
    expect(advanced.body.advanced).toEqual([entryId]);
    const publicUrl = await publishEntry(t, organizer, entryId);
    await page.reload();
    await waitText(page, '#entry-rounds', 'Sơ khảo cấp xã');
    const lines = await page.$$eval('#entry-rounds li', (li) => li.map((n) => n.textContent ?? ''));
    expect(lines).toEqual([
      expect.stringMatching(/Nhận bài:\s+Được chọn vào vòng sau/),
      expect.stringMatching(/Sơ khảo cấp xã:\s+Đang ở vòng này/),
    ]);
    expect(await page.getAttribute('#public-link', 'href')).toBe(publicUrl);
    await step(page, '31-advanced-and-published');
    await page.click('#public-link');
    await page.waitForURL(`${t.url}${publicUrl}`);
    expect(await page.textContent('h1')).toContain('Chi hội số hoá sổ sinh hoạt');
    await shot(page, '32-public-page');
    await context.close();
  });

  it('forgot password: a code by text message (log provider), a new password, then logging in with it and out everywhere', async () => {
    const user = await createUser(t, UserRole.Contestant, {
      unitId: unit.id,
      fullName: 'Phạm Thị Thu',
      phone: '0987 654 321',
    });
    const { context, page } = await newPhone();
    await page.goto(`${t.url}/app/#/login`);
    await page.click('a[href="#/forgot"]');
    await page.fill('#phone', '0987-654-321');
    await step(page, '40-forgot-phone');
    await page.click('form button[type=submit]');
    await waitText(page, 'main', 'mã xác nhận');
    // the text message leaves after the answer (the answer never waits for the gateway)
    const outbox = t.app.get(OtpOutbox);
    for (let i = 0; i < 100 && !outbox.last('+84987654321'); i++) await sleep(50);
    const code = outbox.last('+84987654321')!;
    expect(code).toMatch(/^\d{6}$/);
    // a wrong code first: said in Vietnamese, with what to do
    await page.fill('#code', code === '000000' ? '111111' : '000000');
    await page.fill('#newPassword', 'matkhaumoi2027');
    await page.click('form button[type=submit]');
    await waitText(page, '#code-error', 'không đúng');
    await step(page, '41-forgot-wrong-code');
    await page.fill('#code', code);
    await page.click('form button[type=submit]');
    await waitText(page, 'main', 'Đã đặt mật khẩu mới');
    await step(page, '42-forgot-done');
    await page.click('a[href="#/login"]');
    await page.fill('#identifier', '+84 987 654 321');
    await page.fill('#password', 'matkhaumoi2027');
    await page.click('form button[type=submit]');
    await page.waitForFunction(() => location.hash === '#/contests');
    await shot(page, '43-logged-in-with-new-password');
    await t
      .http()
      .post('/auth/login')
      .send({ identifier: user.email, password: PASSWORD })
      .expect(401);

    // log out everywhere: this phone's cookies no longer work, nor does another session
    const other = await t
      .http()
      .post('/auth/login')
      .send({ identifier: user.email, password: 'matkhaumoi2027' })
      .expect(200);
    await page.click('nav a[href="#/profile"]');
    await page.click('button:has-text("Đăng xuất trên mọi máy")');
    await page.waitForFunction(() => location.hash === '#/login');
    await t
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${other.body.accessToken}`)
      .expect(401);
    await page.goto(`${t.url}/app/#/profile`);
    await page.waitForFunction(() => location.hash === '#/login');
    await context.close();
  });
});
