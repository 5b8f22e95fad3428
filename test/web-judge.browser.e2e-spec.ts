import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MediaUrlSigner } from '../src/media/media-url.signer';
import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, JudgingScenario, RUBRIC } from './judging.fixtures';
import sharp from 'sharp';
import {
  makeClip,
  makePagedPdf,
  readBytes,
  removeDir,
  tempDir,
  waitForStatus,
} from './media-support';
import { launchChromium, phoneContext } from './support/browser';
import { createUser, PASSWORD, TestUser } from './support/fixtures';
import { AnswerDoc, answerProblems } from './support/openapi-answers';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, logIn as signIn, screenChecks } from './support/web-app';

jest.setTimeout(900_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
interface PageNode {
  textContent: string | null;
  complete: boolean;
  naturalWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageNode | null;
  tagName: string;
  className: string;
  src: string;
  currentTime: number;
  muted: boolean;
  error: unknown;
  getBoundingClientRect(): { right: number };
  play(): Promise<void>;
  addEventListener(type: string, fn: () => void): void;
}
declare const document: {
  title: string;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  createElement(tag: string): PageNode;
  body: { appendChild(n: PageNode): void };
  documentElement: { scrollWidth: number; clientWidth: number; outerHTML: string };
};
declare const location: { hash: string };
declare const caches: {
  match(url: string): Promise<unknown>;
};
declare const navigator: { serviceWorker: { controller: unknown } };
declare const window: { dispatchEvent(e: unknown): void };
declare const Event: new (type: string) => unknown;

const { shot, step, waitText } = screenChecks('judge', { waitMs: 45_000, any: true });

/** A name as a PDF's metadata usually holds it: without its Vietnamese marks. */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

describe('Web app: the judge (Chromium, 360 px phone, Vietnamese, blind round)', () => {
  let t: TestApp;
  let browser: Browser;
  let web: { dir: string; remove(): void };
  let uploads: string;
  let work: string;
  let s: JudgingScenario;
  let judges: TestUser[];
  let roundId: string;
  let identifying: string[];
  let context: BrowserContext;
  let page: Page;
  /** Every text body the judge's page received, with its address. */
  const bodies: { url: string; text: string }[] = [];
  /** Every answer of the judging API the judge's page received. */
  const answers: { method: string; url: string; status: number; text: string }[] = [];

  /** Adds a file to an entry already in judging (as its owner would have before submitting). */
  async function addFile(entryIndex: number, bytes: Buffer, filename: string): Promise<void> {
    const e = s.entries[entryIndex];
    const { rows } = await t.db.query<{ status: string }>(
      `SELECT status FROM entries WHERE id = $1`,
      [e.id],
    );
    await t.db.query(`UPDATE entries SET status = 'draft' WHERE id = $1`, [e.id]);
    const res = await t
      .http()
      .post(`/media/uploads?entryId=${e.id}`)
      .set('Authorization', s.contestants[e.commune].auth)
      .attach('file', bytes, { filename });
    await t.db.query(`UPDATE entries SET status = $2 WHERE id = $1`, [e.id, rows[0].status]);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    await waitForStatus(t, res.body.id as string, ['ready'], 180_000);
  }

  beforeAll(async () => {
    web = await buildWebApp();
    uploads = tempDir('web-judge-uploads');
    work = tempDir('web-judge-work');
    t = await startTestApp({ WEB_DIR: web.dir, UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    browser = await launchChromium();
    judges = [];
    for (let i = 0; i < 3; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
    s = await buildScenario(t, {
      perCommune: 1,
      total: 6,
      blindJudging: true,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    roundId = s.c.rounds.commune;
    const clip = readBytes(
      await makeClip(work, 'clip.mp4', { width: 640, height: 360, seconds: 4 }),
    );
    await addFile(0, clip, `${s.entries[0].members[0]} - phóng sự.mp4`);
    const photo = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: '#c8a2b4' },
    })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: s.entries[1].members[0] } } })
      .toBuffer();
    await addFile(1, photo, `Ảnh thuyết minh của ${s.entries[1].members[0]}.jpg`);
    // a 4-page PDF whose metadata names its author and unit
    await t.db.query(
      `UPDATE contest_categories SET rules = jsonb_set(rules, '{media,kinds}', '["video", "image", "document"]')
        WHERE contest_id = $1`,
      [s.c.contestId],
    );
    await addFile(
      2,
      makePagedPdf(4, ascii(s.entries[2].members[0]), ascii(s.units.communes[2].name)),
      `${s.entries[2].members[0]} - thuyết minh giải pháp.pdf`,
    );
    let res = await t
      .http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(res.status).toBe(200);
    res = await t
      .http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 3, seed: 'web' });
    expect(res.status).toBe(200);
    identifying = [
      ...s.entries.flatMap((e) => e.members),
      ...s.entries.flatMap((e) => e.members.map(ascii)),
      ...s.units.communes.map((u) => u.name),
      ...s.units.communes.map((u) => ascii(u.name)),
      ...s.units.branches.map((u) => u.name),
      'Đắk Lắk',
      ...s.contestants.map((c) => c.id),
      ...s.units.communes.map((u) => u.id),
      'Chủ nhiệm',
      'lienhe',
      // the contacts' phone numbers (0912 345 100…105), spaced or not
      '345 10',
      '91234510',
      'phóng sự',
      'thuyết minh',
      'phong su',
      'clip.mp4',
    ];
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    web?.remove();
    removeDir(uploads);
    removeDir(work);
  });

  const logIn = (p: Page, who: TestUser) => signIn(p, t.url, who.email, PASSWORD);

  const queueIds = async (who: TestUser) =>
    (
      await t.http().get(`/judging/rounds/${roundId}/queue`).set('Authorization', who.auth)
    ).body.items.map((i: { entryId: string }) => i.entryId) as string[];

  /** Fills a criterion's score as typed on a phone (with a decimal comma). */
  async function score(p: Page, key: string, value: string): Promise<void> {
    await p.fill(`#score-${key}`, value);
  }

  async function scoreAll(p: Page, n: number): Promise<void> {
    await score(p, 'noi-dung', `${7 + (n % 3)},5`);
    await score(p, 'sang-tao', String(6 + (n % 4)));
    await score(p, 'hinh-thuc', '4,25');
  }

  it('the judge opens her rounds, plays a clip by its signed address, and scores five entries', async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
    page.on('response', (res) => {
      const type = res.headers()['content-type'] ?? '';
      const disposition = res.headers()['content-disposition'] ?? '';
      bodies.push({ url: res.url(), text: disposition });
      // pictures and clips too: their bytes must carry no name (metadata)
      if (/^(image|video|audio)\//.test(type))
        void res
          .body()
          .then((b) =>
            bodies.push({ url: res.url(), text: b.toString('utf8') + b.toString('latin1') }),
          )
          .catch(() => undefined);
      else if (/json|text|javascript/.test(type))
        void res
          .text()
          .then((text) => {
            bodies.push({ url: res.url(), text });
            if (/json/.test(type) && new URL(res.url()).pathname.startsWith('/judging/'))
              answers.push({
                method: res.request().method(),
                url: res.url(),
                status: res.status(),
                text,
              });
          })
          .catch(() => undefined);
    });
    await logIn(page, judges[0]);
    await page.click('nav a[href="#/judge"]');
    await waitText(page, '.judge-round h2', 'Sơ khảo');
    await waitText(page, '.judge-round', 'Đã nộp 0/6 bài');
    await waitText(page, '.judge-round', 'Hạn chấm');
    await step(page, '01-home');

    const order = await queueIds(judges[0]);
    const clipAt = order.indexOf(s.entries[0].id) + 1;
    const pictureAt = order.indexOf(s.entries[1].id) + 1;
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${s.entries[0].id}`);
    await page.waitForSelector('#score-noi-dung');
    await waitText(page, '.hint', `Bài ${clipAt}/6`);
    await page.waitForSelector('video');
    await step(page, '02-entry-clip');

    // the clip plays from its signed address (no Authorization header on media requests)
    const src = await page.evaluate(() => document.querySelector('video')!.src);
    expect(src).toMatch(/\/media\/[0-9a-f-]+\/mobile\?u=.*&sig=/);
    await page.evaluate(() => {
      const v = document.querySelector('video')!;
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(
      () => (document.querySelector('video')?.currentTime ?? 0) > 0.3,
      null,
      {
        timeout: 120_000,
      },
    );
    await shot(page, '03-clip-playing');

    // the same address in a <video> after its expiry: refused
    const u = new URL(src);
    const expired = await t.app
      .get(MediaUrlSigner)
      .sign(
        { id: u.searchParams.get('u')!, sessionId: u.searchParams.get('s')! } as never,
        u.pathname.split('/')[2],
        'mobile',
        roundId,
        new Date(Date.now() - 1000),
      );
    const expiredError = await page.evaluate(async (url) => {
      const v = document.createElement('video');
      const failed = new Promise<boolean>((resolve) => {
        v.addEventListener('error', () => resolve(true));
        v.addEventListener('loadeddata', () => resolve(false));
      });
      v.src = url;
      document.body.appendChild(v);
      return failed;
    }, `${t.url}${expired!.url}`);
    expect(expiredError).toBe(true);
    expect((await t.http().get(expired!.url)).status).toBe(403);

    // another judge, signed in on her own phone: the address is not hers
    const other = await phoneContext(browser);
    const otherPage = await other.newPage();
    await logIn(otherPage, judges[1]);
    const otherError = await otherPage.evaluate(async (url) => {
      const v = document.createElement('video');
      const failed = new Promise<boolean>((resolve) => {
        v.addEventListener('error', () => resolve(true));
        v.addEventListener('loadeddata', () => resolve(false));
      });
      v.src = url;
      document.body.appendChild(v);
      return failed;
    }, src);
    expect(otherError).toBe(true);
    await other.close();

    // a picture: zoomable
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${s.entries[1].id}`);
    await waitText(page, '.hint', `Bài ${pictureAt}/6`);
    await page.waitForSelector('.judge-media img');
    await step(page, '04-entry-picture');
    await page.click('.zoomable');
    await page.click('dialog[open] button[aria-label="Phóng to thêm"]');
    await step(page, '04b-picture-zoomed');
    await page.click('dialog[open] button.primary');

    // a PDF: every page, one below the other, lazily loaded at its own size, "Trang n/4",
    // each zoomable; the whole document a link away
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${s.entries[2].id}`);
    await waitText(page, '.hint', `Bài ${order.indexOf(s.entries[2].id) + 1}/6`);
    await page.waitForSelector('ol.pages img');
    const pages = await page.evaluate(() =>
      Array.from(document.querySelectorAll('ol.pages li')).map((li) => {
        const img = li.querySelector('img')!;
        return {
          label: li.querySelector('.page-label')?.textContent,
          lazy: img.getAttribute('loading'),
          size: `${img.getAttribute('width')}x${img.getAttribute('height')}`,
          signed: /\/media\/[0-9a-f-]+\/page(-\d+)?\?u=.*&sig=/.test(img.getAttribute('src') ?? ''),
        };
      }),
    );
    expect(pages).toEqual(
      [1, 2, 3, 4].map((n) => ({
        label: `Trang ${n}/4`,
        lazy: 'lazy',
        size: expect.stringMatching(/^1200x16\d\d$/),
        signed: true,
      })),
    );
    await page.locator('ol.pages li:last-child img').scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('ol.pages img')).every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    expect(await page.getAttribute('.judge-media a.button', 'href')).toMatch(/\/preview\?u=/);
    await step(page, '04c-entry-pages');
    await page.click('ol.pages li:nth-child(3) button');
    await page.waitForFunction(() =>
      /\/page-3\?/.test(
        document.querySelector('dialog[open] .zoom-area img')?.getAttribute('src') ?? '',
      ),
    );
    await shot(page, '04d-page-zoomed');
    await page.click('dialog[open] button.primary');

    // from the home screen: "continue" opens the first entry of the queue
    await page.goto(`${t.url}/app/#/judge`);
    await page.click('.judge-round a.primary');
    await page.waitForSelector('#score-noi-dung');

    // entries 1 to 4: scored, a comment on the first criterion, submitted; next by thumb or keyboard
    for (let n = 1; n <= 4; n++) {
      await waitText(page, '.hint', `Bài ${n}/6`);
      await scoreAll(page, n);
      await page.fill('#note-noi-dung', `Nhận xét tiêu chí 1 của bài ${n}`);
      await page.fill('#overall', `Bài ${n}: trình bày rõ ràng.`);
      await page.click('.thumb-bar .primary');
      await waitText(page, '.message', 'Đã nộp phiếu chấm');
      if (n === 1) await step(page, '05-submitted');
      if (n % 2) await page.click('.thumb-bar button:last-child');
      else await page.keyboard.press('Alt+KeyN');
    }
    const { rows } = await t.db.query(
      `SELECT status, scores, criterion_comments FROM score_sheets WHERE judge_id = $1 AND status = 'submitted'`,
      [judges[0].id],
    );
    expect(rows).toHaveLength(4);
    expect(rows[0].criterion_comments['noi-dung']).toMatch(/^Nhận xét tiêu chí 1/);
  });

  it('goes offline mid-sheet, reloads, comes back online: the sheet arrives exactly once', async () => {
    await waitText(page, '.hint', 'Bài 5/6');
    const entryId = (await queueIds(judges[0]))[4];
    // the app is kept on the phone by its service worker
    await page.waitForFunction(
      async () => !!navigator.serviceWorker.controller && !!(await caches.match('/app/')),
      null,
      { timeout: 60_000 },
    );
    await score(page, 'noi-dung', '9');
    await waitText(page, '.save-state', 'Đã gửi');
    const puts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'PUT' && req.url().includes(`/entries/${entryId}/sheet`))
        puts.push(req.url());
    });
    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await score(page, 'sang-tao', '8,5');
    await score(page, 'hinh-thuc', '3,75');
    await page.fill('#overall', 'Viết khi mất mạng trên tàu.');
    await page.click('.thumb-bar .primary');
    await waitText(page, '.message', 'Đã lưu phiếu trên máy này');
    await waitText(page, '.sync-bar', 'Mất mạng: 1 phiếu chấm');
    await step(page, '06-offline-kept');
    await page.reload();
    await page.waitForSelector('#score-sang-tao');
    await waitText(page, '.sync-bar', '1 phiếu chấm');
    expect(await page.inputValue('#score-sang-tao')).toBe('8,5');
    expect(await page.inputValue('#overall')).toBe('Viết khi mất mạng trên tàu.');
    await step(page, '07-offline-reloaded');
    const before = await t.db.query(
      `SELECT status FROM score_sheets WHERE judge_id = $1 AND entry_id = $2`,
      [judges[0].id, entryId],
    );
    expect(before.rows[0].status).toBe('draft');
    const puttingBefore = puts.length;
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(
      () => !(document.querySelector('.sync-bar')?.textContent ?? '').trim(),
      null,
      {
        timeout: 60_000,
      },
    );
    await shot(page, '08-back-online');
    const after = await t.db.query(
      `SELECT id, status, scores, comment FROM score_sheets WHERE judge_id = $1 AND entry_id = $2`,
      [judges[0].id, entryId],
    );
    expect(after.rows).toHaveLength(1);
    expect(after.rows[0]).toMatchObject({
      status: 'submitted',
      scores: { 'noi-dung': '9.00', 'sang-tao': '8.50', 'hinh-thuc': '3.75' },
      comment: 'Viết khi mất mạng trên tàu.',
    });
    const audits = await t.db.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'judging.sheet_submitted'`,
      [after.rows[0].id],
    );
    expect(audits.rows).toHaveLength(1);
    expect(puts.length - puttingBefore).toBe(1);
    // and nothing more goes once it is there
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const again = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action LIKE 'judging.sheet_%'`,
      [after.rows[0].id],
    );
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM score_sheets WHERE judge_id = $1 AND status = 'submitted'`,
      [judges[0].id],
    );
    expect(rows[0].n).toBe(5);
    expect(again.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('a sheet changed on another device meanwhile is never lost silently: both are shown, the judge chooses', async () => {
    const entryId = (await queueIds(judges[0]))[4];
    const url = `/judging/rounds/${roundId}/entries/${entryId}/sheet`;
    // the same judge on her laptop changes the sheet the phone shows
    const laptop = await t.http().get(url).set('Authorization', judges[0].auth);
    const res = await t
      .http()
      .put(url)
      .set('Authorization', judges[0].auth)
      .send({
        scores: { ...laptop.body.scores, 'noi-dung': 6 },
        submit: true,
        baseUpdatedAt: laptop.body.updatedAt,
      });
    expect(res.status).toBe(200);
    // the phone, still on the earlier version, changes another score
    await score(page, 'sang-tao', '7');
    await page.waitForSelector('.conflict');
    await waitText(page, '.conflict', 'thiết bị khác');
    await step(page, '08b-conflict');
    let { rows } = await t.db.query(
      `SELECT scores FROM score_sheets WHERE judge_id = $1 AND entry_id = $2`,
      [judges[0].id, entryId],
    );
    expect(rows[0].scores['sang-tao']).toBe('8.50');
    expect(rows[0].scores['noi-dung']).toBe('6.00');
    await page.click('.conflict button.primary');
    await waitText(page, '.message', 'Đã giữ bản trên máy này');
    await waitText(page, '.save-state', 'Đã gửi');
    ({ rows } = await t.db.query(
      `SELECT scores FROM score_sheets WHERE judge_id = $1 AND entry_id = $2`,
      [judges[0].id, entryId],
    ));
    expect(rows[0].scores).toEqual({ 'noi-dung': '9.00', 'sang-tao': '7.00', 'hinh-thuc': '3.75' });
  });

  it('a recusal removes the entry from the queue and from the judge’s reach', async () => {
    const ids = await queueIds(judges[0]);
    const sixth = ids[5];
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${sixth}`);
    await waitText(page, '.hint', 'Bài 6/6');
    await page.click('button.recuse');
    await page.waitForSelector('#recuse-reason');
    await page.click('dialog[open] button[type=submit]');
    await waitText(page, '#recuse-error', 'Hãy ghi lý do');
    await page.fill('#recuse-reason', 'Tôi là người hướng dẫn nhóm tác giả của bài này.');
    await step(page, '09-recuse');
    await page.click('dialog[open] button[type=submit]');
    await page.waitForFunction((r) => location.hash === `#/judge/rounds/${r}`, roundId);
    await page.waitForSelector('.queue li');
    expect(await page.locator('.queue li').count()).toBe(5);
    await waitText(page, 'label', 'Đã nộp 5/5 bài');
    await step(page, '10-queue-after-recusal');
    expect(await queueIds(judges[0])).not.toContain(sixth);
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${sixth}`);
    await waitText(page, '.error', 'xung đột lợi ích');
    await step(page, '11-recused-entry-refused');
  });

  it('in the blind round nothing the page received or shows names an author, a unit, a member or a file', async () => {
    // every screen once more, so that its answers and its text are scanned
    await page.goto(`${t.url}/app/#/judge`);
    await waitText(page, '.judge-round', 'Đã nộp 5/5 bài');
    await page.goto(`${t.url}/app/#/judge/rounds/${roundId}`);
    await page.waitForSelector('.queue li');
    const ids = await queueIds(judges[0]);
    const texts: string[] = [];
    for (const id of ids) {
      await page.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${id}`);
      await page.waitForSelector('#score-noi-dung');
      texts.push(
        await page.evaluate(() => `${document.title}\n${document.documentElement.outerHTML}`),
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(bodies.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const name of identifying) {
      for (const b of bodies) if (b.text.includes(name)) found.push(`${name} in ${b.url}`);
      for (const text of texts) if (text.includes(name)) found.push(`${name} in the page`);
    }
    expect(found).toEqual([]);
  });

  it("every answer of the judging API the page received is what the OpenAPI document (and so the app's types) describes", async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as AnswerDoc;
    const paths = new Set(answers.map((a) => `${a.method} ${new URL(a.url).pathname}`));
    // the home, the queue, entries (with their files), sheets saved and read, and the recusal
    for (const kind of [/my-rounds$/, /queue$/, /entries\/[^/]+$/, /sheet$/, /recusal$/])
      expect([...paths].some((p) => kind.test(p))).toBe(true);
    const problems: string[] = [];
    for (const a of answers) {
      if (!a.text) continue;
      const found = answerProblems(doc, { ...a, body: JSON.parse(a.text) as unknown });
      // a refusal at a status the document does not describe (a 401 before a refresh) is no
      // answer the screens read; every other refusal must be the ErrorBodyView described
      if (a.status >= 300 && found.length === 1 && found[0].endsWith('no JSON answer described'))
        continue;
      problems.push(...found);
    }
    expect(answers.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
