import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { makeClip, removeDir, tempDir } from './media-support';
import { photo } from './showcase-helpers';
import { aHumanMoment, launchChromium, phoneContext } from './support/browser';
import { createUser, insertUnit, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, logIn, screenChecks, waitCount } from './support/web-app';

jest.setTimeout(900_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
interface PageNode {
  textContent: string | null;
  checked?: boolean;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
};
declare const location: { hash: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const { shot, step, waitText } = screenChecks('whole-contest', { waitMs: 60_000 });

/** A moment `minutes` from now as a datetime-local field in Asia/Ho_Chi_Minh (UTC+7) takes it. */
const vnLocal = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000 + 7 * 3_600_000).toISOString().slice(0, 16);

/** The unit tree the organizer imports: communes under her province, a branch under one. */
async function unitSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Đơn vị');
  ws.addRow(['Mã', 'Tên', 'Cấp', 'Mã đơn vị cha']);
  ws.addRow(['KH.CL', 'Hội LHPN xã Cam Lâm', 'Xã', 'KH']);
  ws.addRow(['KH.CL.1', 'Chi hội thôn Suối Cát', 'Chi hội', 'KH.CL']);
  ws.addRow(['KH.DK', 'Hội LHPN phường Đông Khánh', 'Phường', 'KH']);
  ws.addRow(['KH.VN', 'Hội LHPN xã Vạn Ninh', 'Xã', 'KH']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The two judges: invited by phone, they sign up in the app. */
const JUDGES = [
  { name: 'Phạm Thị Giám Khảo', phone: '0912 345 601' },
  { name: 'Hoàng Văn Chấm', phone: '0912 345 602' },
];

/** The rubric of the judging round, as the organizer enters it: name, weight (max 10, step 0,5). */
const CRITERIA = [
  { name: 'Nội dung, tính thiết thực', weight: 60, max: 10 },
  { name: 'Hình thức, sáng tạo', weight: 40, max: 10 },
];
const JURY_WEIGHT = 70;
const PUBLIC_WEIGHT = 30;

/** The three entries and what happens to them. */
const ENTRIES = [
  {
    key: 'zalo',
    contestant: {
      name: 'Nguyễn Thị Hoa',
      phone: '0912 000 301',
      unit: 'suoi cat',
      unitName: 'Chi hội thôn Suối Cát',
    },
    title: 'Sinh hoạt chi hội qua nhóm Zalo',
    summary: 'Chi hội lập nhóm Zalo để sinh hoạt, nhắc lịch họp và chia sẻ tài liệu hằng tháng.',
    collective: ['Nguyễn Thị Hoa', 'Lê Thị Lan', 'Phạm Thị Thu'],
    file: 'clip' as const,
  },
  {
    key: 'bantin',
    contestant: {
      name: 'Trần Thị Mai',
      phone: '0912 000 302',
      unit: 'dong khanh',
      unitName: 'Hội LHPN phường Đông Khánh',
    },
    title: 'Bản tin ảnh hằng tháng',
    summary: 'Bản tin ảnh gửi hội viên mỗi tháng qua Zalo và fanpage của hội.',
    collective: null,
    file: 'photo' as const,
  },
  {
    key: 'dovui',
    contestant: {
      name: 'Lê Thị Bích',
      phone: '0912 000 303',
      unit: 'van ninh',
      unitName: 'Hội LHPN xã Vạn Ninh',
    },
    title: 'Đố vui trực tuyến về bình đẳng giới',
    summary: 'Câu đố trực tuyến trong buổi sinh hoạt.',
    collective: null,
    file: 'photo' as const,
  },
] as const;
type Key = (typeof ENTRIES)[number]['key'];

/** What each judge gives each entry, criterion by criterion (null: she recuses herself). */
const SCORES: Record<'a' | 'b', Record<Key, [number, number] | null>> = {
  a: { zalo: [9, 8], bantin: [7, 9], dovui: [8, 8.5] },
  b: { zalo: [8.5, 9], bantin: [8, 7.5], dovui: null },
};
/** Public votes: each voter's phone votes once for each entry listed. */
const VOTERS: Key[][] = [['bantin', 'dovui', 'zalo'], ['bantin', 'dovui'], ['bantin']];

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The result computed here from what the judges typed and the votes cast, as the contest's
 * rules say (not from the service's code): a sheet's total is Σ score ÷ max × weight (weights
 * sum to 100); an entry's jury score the mean of its sheets; the public score 100 × its votes ÷
 * the most votes of an entry; the final (jury × 70 + public × 30) ÷ 100; best first.
 */
function expectedRanking(): { key: Key; jury: number; votes: number; final: number }[] {
  const votes = (k: Key) => VOTERS.filter((v) => v.includes(k)).length;
  const top = Math.max(...ENTRIES.map((e) => votes(e.key)));
  return ENTRIES.map((e) => {
    const sheets = (['a', 'b'] as const)
      .map((j) => SCORES[j][e.key])
      .filter((s): s is [number, number] => s !== null)
      .map((s) => s.reduce((sum, v, i) => sum + (v / CRITERIA[i].max) * CRITERIA[i].weight, 0));
    const jury = sheets.reduce((a, b) => a + b, 0) / sheets.length;
    const pub = (100 * votes(e.key)) / top;
    return {
      key: e.key,
      jury: round4(jury),
      votes: votes(e.key),
      final: round4((jury * JURY_WEIGHT + pub * PUBLIC_WEIGHT) / 100),
    };
  }).sort((x, y) => y.final - x.final);
}

/** A score as typed on a Vietnamese phone (decimal comma). */
const typed = (n: number) => String(n).replace('.', ',');

describe('Web app: a whole contest run through the browser alone (Chromium, 360 px phones, Vietnamese)', () => {
  let t: TestApp;
  let browser: Browser;
  let web: { dir: string; remove(): void };
  let uploads: string;
  let files: string;
  let organizer: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await buildWebApp();
    uploads = tempDir('whole-contest-uploads');
    files = tempDir('whole-contest-files');
    t = await startTestApp({ WEB_DIR: web.dir, UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    browser = await launchChromium();
    // Bootstrapping, as the other browser tests do: the app has no screen that makes the first
    // organizer account or the province at the root of the tree (an administrator's job), so
    // these two are made through the service. Everything else happens in the browser.
    const province = await insertUnit(t, {
      name: 'Hội LHPN tỉnh Khánh Hòa',
      code: 'KH',
      kind: 'Tỉnh',
    });
    organizer = await createUser(t, UserRole.Organizer, {
      unitId: province.id,
      fullName: 'Lê Thị Tổ Chức',
    });
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    web?.remove();
    removeDir(uploads);
    removeDir(files);
  });

  async function phone(): Promise<Page> {
    const context = await phoneContext(browser);
    contexts.push(context);
    return context.newPage();
  }
  /** Reads back through the API, as the organizer (checks only). */
  const read = async (path: string) =>
    (await t.http().get(path).set('Authorization', organizer.auth).expect(200)).body;

  /** Signs up in the app with a phone number, under a unit found without diacritics. */
  async function signUp(
    p: Page,
    name: string,
    phoneNumber: string,
    unitSearch: string,
    unitName: string,
    picture?: string,
  ): Promise<void> {
    await p.goto(`${t.url}/app/#/register`);
    await p.waitForSelector('#fullName');
    await p.fill('#fullName', name);
    await p.fill('#contact', phoneNumber);
    await p.fill('#password', PASSWORD);
    await p.fill('#unit-search', unitSearch);
    await p.waitForSelector('.choice');
    await p.click('.choice');
    await waitText(p, '#unit-chosen', unitName);
    if (picture) await step(p, picture);
    await p.click('form button[type=submit]');
    await p.waitForFunction(() => location.hash === '#/profile');
  }

  it('sets up, takes entries, screens, judges, votes, ranks, advances, publishes and exports', async () => {
    const started = Date.now();
    const org = await phone();
    await logIn(org, t.url, organizer.email, PASSWORD);

    // ================================================================ 1. setup
    await org.click('#nav-console');
    await org.click('#console-new-contest');
    await org.waitForSelector('#contest-title');
    await org.fill('#contest-title', 'Hội thi Ứng dụng CNTT trong sinh hoạt hội');
    await org.fill(
      '#contest-description',
      'Hội thi dành cho chi hội và hội viên toàn tỉnh Khánh Hòa.',
    );
    await org.click('#contest-create');
    await org.waitForSelector('#checklist');
    const contestId = /#\/console\/contests\/([0-9a-f-]+)\/setup/.exec(org.url())![1];
    const setup = `${t.url}/app/#/console/contests/${contestId}`;

    // the jury's and the public's shares of the result
    await org.fill('#info-jury-weight', String(JURY_WEIGHT));
    await org.fill('#info-public-weight', String(PUBLIC_WEIGHT));
    await org.click('#info-save');
    await waitText(org, 'main', 'Đã lưu.');

    // one category: pictures and clips, from a person or a branch; summary and contact required
    await org.fill('#category-name', 'Giải pháp sinh hoạt hội');
    await org.fill('#category-code', 'GP');
    await org.check('#category-entrants-both');
    await org.check('#category-kind-image');
    await org.fill('#category-max-count', '3');
    await org.fill('#category-max-size', '20');
    await org.click('#category-save');
    await waitText(org, '#category-list', 'Giải pháp sinh hoạt hội');

    // three rounds, in the contest's time zone: entries now, judging and the final later
    const rounds = [
      { name: 'Nhận bài dự thi', kind: 'submission', opens: -60, closes: 120 },
      { name: 'Chấm sơ khảo', kind: 'judging', opens: 180, closes: 600 },
      { name: 'Chung khảo', kind: 'final', opens: 720, closes: 1440 },
    ];
    for (const r of rounds) {
      await org.fill('#round-name', r.name);
      await org.selectOption('#round-kind', r.kind);
      await org.fill('#round-opens', vnLocal(r.opens));
      await org.fill('#round-closes', vnLocal(r.closes));
      await org.click('#round-save');
      await waitText(org, '#round-list', r.name);
    }
    await step(org, '01-setup-rounds');

    // the criteria with their weights, for the judging round and the final
    await org.fill('#rubric-2-name-0', CRITERIA[0].name);
    await org.fill('#rubric-2-weight-0', String(CRITERIA[0].weight));
    await org.click('#rubric-2-add');
    await org.fill('#rubric-2-name-1', CRITERIA[1].name);
    await org.fill('#rubric-2-weight-1', String(CRITERIA[1].weight));
    await waitText(org, '#rubric-2-total', 'Tổng tỷ trọng bằng 100');
    await org.click('#rubric-2-save');
    await org.fill('#rubric-3-name-0', 'Thuyết trình trực tiếp');
    await org.fill('#rubric-3-weight-0', '100');
    await org.click('#rubric-3-save');
    await waitText(org, '#checklist-summary', 'Đã đủ điều kiện');
    await step(org, '02-setup-checklist-complete');

    // the contest opens, then its entry round
    await org.click('#contest-open');
    await waitText(org, '#contest-status', 'Đang nhận bài');
    await org.click('#round-1-open');
    await waitText(org, '#round-1-status', 'Đang mở');
    await step(org, '03-contest-and-entry-round-open');

    // the unit tree from a spreadsheet: preview first, then imported
    await org.click('#nav-console');
    await org.click('#console-units');
    await org.waitForSelector('#import-file');
    await org.setInputFiles('#import-file', {
      name: 'don-vi-khanh-hoa.xlsx',
      mimeType: XLSX,
      buffer: await unitSheet(),
    });
    await org.click('#import-dry-run');
    await waitText(org, '#import-summary', 'Kiểm tra thử: 4 dòng — 4 thêm mới');
    await waitCount(org, '#import-preview tbody tr', 4);
    await step(org, '04-units-import-preview');
    await org.click('#import-apply');
    await waitText(org, '#import-summary', 'Đã nhập 4 dòng');
    await step(org, '05-units-imported');

    // two judges invited by phone; each signs up in the app, opens the link from her message
    // and accepts: her new account becomes a judge's
    await org.goto(`${setup}/people`);
    const outbox = t.app.get(OtpOutbox);
    const judgePages: Page[] = [];
    for (const [i, j] of JUDGES.entries()) {
      await org.waitForSelector('#invite-contact');
      await org.check('#invite-role-judge');
      await org.fill('#invite-contact', j.phone);
      await org.click('#invite-send');
      await waitText(org, '#invite-sent', `Đã gửi lời mời tới ${j.phone}`);
      const code = outbox.last(`+84${j.phone.replace(/\s/g, '').slice(1)}`)!;
      expect(code).toMatch(/^[A-Z0-9]{8}$/);
      const p = await phone();
      await signUp(p, j.name, j.phone, 'khanh hoa', 'Hội LHPN tỉnh Khánh Hòa');
      await p.goto(`${t.url}/app/#/invite/${code}`);
      await p.click('#invite-accept');
      await waitText(p, '#invite-accepted', 'Bạn đã là Giám khảo của hội thi');
      await waitText(p, 'main', 'Tài khoản của bạn nay là tài khoản giám khảo');
      if (i === 0) await step(p, '06-judge-accepted');
      await p.click('#invite-to-judge');
      await p.waitForSelector('nav a[href="#/judge"]');
      judgePages.push(p);
    }
    await org.reload();
    await waitText(org, '#member-list', 'Hoàng Văn Chấm');
    await step(org, '07-people');

    // ================================================================ 2. entries
    const clip = await makeClip(files, 'sinh-hoat-qua-zalo.mp4', {
      width: 640,
      height: 360,
      seconds: 2,
    });
    const pictures = [await photo(800, 450), await photo(640, 480)];
    const ids = {} as Record<Key, string>;
    const contestants = {} as Record<Key, Page>;
    for (const [n, e] of ENTRIES.entries()) {
      const p = await phone();
      contestants[e.key] = p;
      await signUp(
        p,
        e.contestant.name,
        e.contestant.phone,
        e.contestant.unit,
        e.contestant.unitName,
        n === 0 ? '08-contestant-sign-up' : undefined,
      );
      await p.click('nav a[href="#/contests"]');
      await p.click(`a[href="#/contests/${contestId}"]`);
      await waitText(p, 'main', 'Hạn nộp bài');
      await p.click(`a[href^="#/contests/${contestId}/new/"]`);
      await p.waitForSelector('#title');
      await p.check(`input[value=${e.collective ? 'collective' : 'individual'}]`);
      await p.fill('#title', e.title);
      for (const name of e.collective ?? []) {
        await p.fill('#member-name', name);
        await p.click('button:has-text("Thêm")');
      }
      if (e.collective) await step(p, '09-collective-entry');
      await p.click('form button[type=submit]');
      await p.waitForFunction(() => /^#\/contests\/[^/]+\/entries\/[^/]+$/.test(location.hash));
      ids[e.key] = (await p.evaluate(() => location.hash)).split('/')[4];
      await p.fill('#summary', e.summary);
      await p.fill('#contact-name', e.contestant.name);
      await p.fill('#contact-phone', e.contestant.phone);
      await waitText(p, '#save-state', 'Đã lưu tự động');
      if (e.file === 'clip') await p.setInputFiles('#file-input', clip);
      else
        await p.setInputFiles('#file-input', {
          name: 'anh-buoi-sinh-hoat.jpg',
          mimeType: 'image/jpeg',
          buffer: pictures[n % 2],
        });
      await waitText(p, '.upload', 'Đã gửi xong');
      await p.waitForSelector(e.file === 'clip' ? '.media video' : '.media img', {
        timeout: 120_000,
      });
      await p.waitForSelector('#submit:not([disabled])');
      await p.click('#submit');
      await p.waitForSelector('dialog[open] #confirm');
      if (e.collective) await step(p, '10-confirm-submit');
      await p.click('#confirm');
      await waitText(p, '#entry-status', 'Đã nộp');
      if (e.collective) await step(p, '11-submitted');
    }

    // ================================================================ 3. screening
    await org.goto(`${setup}/screening`);
    await waitCount(org, '.queue-row', 3);
    await step(org, '12-screening-queue');
    const reason = 'Ảnh chưa cho thấy buổi sinh hoạt; xin bổ sung ảnh chụp cả chi hội rồi nộp lại.';
    await org.click(`[data-entry="${ids.dovui}"] .title`);
    await org.click(`#return-${ids.dovui}`);
    await org.fill(`#reason-${ids.dovui}`, reason);
    await org.click(`#confirm-${ids.dovui}`);
    await waitText(org, `[data-entry="${ids.dovui}"]`, 'Đã trả lại bài');
    for (const k of ['zalo', 'bantin'] as const) {
      await org.click(`[data-entry="${ids[k]}"] .title`);
      if (k === 'zalo') await org.waitForSelector(`#detail-${ids.zalo} .media video`);
      if (k === 'zalo') await step(org, '13-screening-entry-open');
      await org.click(`#accept-${ids[k]}`);
      await waitText(org, `[data-entry="${ids[k]}"]`, 'Hợp lệ');
    }
    await step(org, '14-screening-returned-and-accepted');

    // the contestant reads the reason, adds a picture and sends it again
    const returned = contestants.dovui;
    await returned.reload();
    await waitText(returned, '#returned-notice', reason);
    await step(returned, '15-contestant-sees-reason');
    await returned.setInputFiles('#file-input', {
      name: 'ca-chi-hoi.jpg',
      mimeType: 'image/jpeg',
      buffer: pictures[0],
    });
    await waitText(returned, '.upload', 'Đã gửi xong');
    await waitCount(returned, '.media img', 2, 120_000);
    await returned.fill('#summary', `${ENTRIES[2].summary} Kèm ảnh cả chi hội.`);
    await waitText(returned, '#save-state', 'Đã lưu tự động');
    await returned.waitForSelector('#submit:not([disabled])');
    await returned.click('#submit');
    await returned.click('dialog[open] #confirm');
    await waitText(returned, '#entry-status', 'Đã nộp');

    // accepted this time (its row follows while the queue is open); all three go on to judging
    await waitText(org, `[data-entry="${ids.dovui}"] .badge`, 'Đã nộp');
    // the queue, opened again, shows what is left to screen
    await org.reload();
    await waitCount(org, '.queue-row', 1);
    await org.click(`[data-entry="${ids.dovui}"] .title`);
    await waitCount(org, `#detail-${ids.dovui} .media img`, 2);
    await waitText(org, `#detail-${ids.dovui}`, 'Kèm ảnh cả chi hội');
    await step(org, '16-screening-resubmitted');
    await org.click(`#accept-${ids.dovui}`);
    await waitText(org, `[data-entry="${ids.dovui}"]`, 'Hợp lệ');
    await org.selectOption('#queue-status', 'eligible');
    await waitCount(org, '.queue-row', 3);
    await org.click('#pick-all');
    await org.click('#bulk-forward');
    await waitText(org, '#forward-said', 'Đã chuyển 3 bài vào Chấm sơ khảo');
    await step(org, '17-screening-forwarded');

    // ================================================================ 4. judging
    // screening is done early: the judging round is brought forward to now, and opened
    await org.goto(`${setup}/setup`);
    await org.click('#round-2-edit');
    await org.fill('#round-2-opens', vnLocal(-1));
    await step(org, '18-judging-round-brought-forward');
    await org.click('#round-2-save');
    await waitText(org, '#round-2-said', 'Đã đổi thời gian vòng thi');
    await org.click('#round-2-open');
    await waitText(org, '#round-2-status', 'Đang mở');

    await org.goto(`${setup}/judging`);
    for (const j of JUDGES) await org.getByRole('checkbox', { name: j.name }).check();
    await waitCount(org, '.judge input:checked:not([disabled])', 2);
    await org.fill('#quorum', '2');
    await org.click('#auto-assign');
    await waitText(org, '#judging-said', 'Đã phân công xong');
    await waitCount(org, '#loads li', 2);
    await step(org, '19-judging-assigned');

    for (const [j, who] of (['a', 'b'] as const).entries()) {
      // she opens the app again once the assignment is made
      const p = judgePages[j];
      await p.reload();
      await waitText(p, '.judge-round', 'Đã nộp 0/3 bài');
      if (j === 0) await step(p, '20-judge-home');
      await p.click('.judge-round a.primary');
      await p.waitForSelector('input[id^="score-"]');
      const roundId = (await p.evaluate(() => location.hash)).split('/')[3];
      for (const e of ENTRIES) {
        await p.goto(`${t.url}/app/#/judge/rounds/${roundId}/entries/${ids[e.key]}`);
        await p.waitForSelector('input[id^="score-"]');
        const scores = SCORES[who][e.key];
        if (!scores) {
          await p.click('button.recuse');
          await p.fill('#recuse-reason', 'Tôi là người hướng dẫn tác giả của bài này.');
          await step(p, '23-judge-recuses');
          await p.click('dialog[open] button[type=submit]');
          await p.waitForFunction((r) => location.hash === `#/judge/rounds/${r}`, roundId);
          continue;
        }
        const inputs = await p.$$('input[id^="score-"]');
        expect(inputs).toHaveLength(2);
        for (const [i, input] of inputs.entries()) await input.fill(typed(scores[i]));
        await p.fill('#overall', `Bài «${e.title}»: trình bày rõ ràng.`);
        if (j === 0 && e.key === 'zalo') await step(p, '21-judge-scores');
        await p.click('.thumb-bar .primary');
        await waitText(p, '.message', 'Đã nộp phiếu chấm');
        if (j === 0 && e.key === 'zalo') await step(p, '22-judge-submitted');
      }
    }
    await org.reload();
    await waitText(org, '#progress-board', 'Đã chấm xong');
    await step(org, '24-judging-progress');

    // ================================================================ 5. the live vote
    await org.goto(`${setup}/voting`);
    await org.waitForSelector('#session-title');
    await org.fill('#session-title', 'Bình chọn trực tuyến trong buổi livestream');
    await org.click('#create-session');
    await org.waitForSelector('.session');
    const sessionId = (await org.getAttribute('.session', 'id'))!.replace('session-', '');
    await org.click(`#open-${sessionId}`);
    await waitText(org, `#session-state-${sessionId}`, 'Đang mở');
    await step(org, '25-voting-open');
    const votePath = (await org.getAttribute(`#public-${sessionId}`, 'href'))!;
    const overlayPath = (await org.getAttribute(`#overlay-${sessionId}`, 'href'))!;

    // the livestream's overlay, in a second browser
    const overlayContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(overlayContext);
    const overlay = await overlayContext.newPage();
    await overlay.goto(`${t.url}${overlayPath}`);
    const bar = (key: Key) => `#r-${ids[key]} .n`;
    await overlay.waitForFunction(
      (sel) => (document.querySelector(sel)?.textContent ?? '') === '0',
      bar('bantin'),
    );
    await shot(overlay, '26-overlay-before');

    // the public votes from their own phones, on the page shared in Zalo groups
    for (const [v, picks] of VOTERS.entries()) {
      const p = await phone();
      await p.goto(`${t.url}${votePath}`);
      await p.waitForSelector(`#list button[data-e="${ids[picks[0]]}"]:not([disabled])`);
      // a person takes a moment before tapping (an instant tap is held as a bot's)
      await aHumanMoment(p);
      if (v === 0) await step(p, '27-public-vote-page');
      for (const k of picks) {
        await p.click(`#list button[data-e="${ids[k]}"]`);
        await waitText(p, '#msg', 'đã được ghi nhận');
      }
      if (v === 0) await step(p, '28-public-voted');
      const before = VOTERS.slice(0, v + 1);
      for (const e of ENTRIES)
        await overlay.waitForFunction(
          ([sel, n]) => (document.querySelector(sel)?.textContent ?? '') === n,
          [bar(e.key), String(before.filter((x) => x.includes(e.key)).length)] as const,
        );
    }
    await shot(overlay, '29-overlay-after');
    await org.reload();
    await waitText(org, `#tally-${sessionId}`, ENTRIES[1].title);
    await org.click(`#close-${sessionId}`);
    await waitText(org, `#session-state-${sessionId}`, 'Đã đóng');
    await step(org, '30-voting-closed');

    // ================================================================ judging closed, results
    await org.goto(`${setup}/judging`);
    await org.waitForSelector('#close-round');
    await org.click('#close-round');
    // one entry has one sheet only (the recusal): closing asks for a reason
    await org.waitForSelector('#close-reason');
    await org.fill('#close-reason', 'Một giám khảo đã xin không chấm bài vì là người hướng dẫn.');
    await step(org, '31-judging-close-with-reason');
    await org.click('#force-close');
    await waitText(org, '#round-closed', 'Vòng này đã kết thúc');

    await org.goto(`${setup}/results`);
    await waitText(org, '#results-state', 'Kết quả đã chốt');
    await waitText(org, '#weights', String(PUBLIC_WEIGHT));
    await step(org, '32-results-ranking');
    await org.fill('#top-n', '2');
    await org.click('#advance-top');
    await waitText(org, '#results-said', 'Đã chuyển 2 bài');
    await org.click('#publish');
    await waitText(org, '#published', 'Kết quả đã được công bố');
    await step(org, '33-results-advanced-published');
    const [download] = await Promise.all([org.waitForEvent('download'), org.click('#export-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());

    // ================================================================ 6. checks
    const roundIds = (await read(`/contests/${contestId}`)).rounds.map(
      (r: { id: string }) => r.id,
    ) as string[];
    const final = (await read(`/judging/rounds/${roundIds[1]}/final`)) as {
      publishedAt: string | null;
      juryWeight: number;
      publicWeight: number;
      rows: {
        entryId: string;
        title: string;
        rank: number;
        juryScore: number;
        publicVotes: number;
        finalScore: number;
      }[];
    };
    expect(final.publishedAt).not.toBeNull();
    expect([final.juryWeight, final.publicWeight]).toEqual([JURY_WEIGHT, PUBLIC_WEIGHT]);

    // the spreadsheet holds the API's ranking
    const prizes = workbook.getWorksheet('Giải thưởng')!;
    const table: unknown[][] = [];
    prizes.eachRow((row) => table.push((row.values as unknown[]).slice(1)));
    const head = table.findIndex((r) => r.includes('Tên bài dự thi'));
    expect(head).toBeGreaterThanOrEqual(0);
    const col = (name: string) => table[head].indexOf(name);
    const body = table.slice(head + 1).filter((r) => r[col('Tên bài dự thi')]);
    expect(body.map((r) => [r[col('Tên bài dự thi')], r[col('Hạng')]])).toEqual(
      final.rows.map((r) => [r.title, r.rank]),
    );

    // and the API's ranking is the one computed here from the judges' scores and the votes
    const expected = expectedRanking();
    const titleOf = (k: Key) => ENTRIES.find((e) => e.key === k)!.title;
    expect(
      final.rows.map((r) => ({
        title: r.title,
        rank: r.rank,
        jury: Number(r.juryScore),
        votes: r.publicVotes,
        final: Number(r.finalScore),
      })),
    ).toEqual(
      expected.map((x, i) => ({
        title: titleOf(x.key),
        rank: i + 1,
        jury: x.jury,
        votes: x.votes,
        final: x.final,
      })),
    );
    // the public's share changed the order: the jury alone put another entry first
    expect([...expected].sort((a, b) => b.jury - a.jury)[0].key).not.toBe(expected[0].key);

    // the top two went on to the final; the third stopped
    const statuses = await t.db.query<{ id: string; current_round_id: string; status: string }>(
      'SELECT id, current_round_id, status FROM entries WHERE contest_id = $1',
      [contestId],
    );
    const where = new Map(statuses.rows.map((r) => [r.id, [r.status, r.current_round_id]]));
    expect(expected.map((x) => where.get(ids[x.key]))).toEqual([
      ['advanced', roundIds[2]],
      ['advanced', roundIds[2]],
      ['eliminated', null],
    ]);
    // the collective entry kept its members and its unit
    const zalo = await read(`/entries/${ids.zalo}`);
    expect(zalo.authorType).toBe('collective');
    expect(zalo.members.map((m: { name: string }) => m.name)).toEqual(ENTRIES[0].collective);
    expect(zalo.unitName).toBe('Chi hội thôn Suối Cát');
    expect([zalo.contactName, zalo.contactPhone]).toEqual(['Nguyễn Thị Hoa', '+84912000301']);
    console.log(`whole contest in the browser: ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
