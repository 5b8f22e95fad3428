import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { openJudging, RUBRIC, scoresFor } from './judging.fixtures';
import { waitForStatus } from './media-support';
import { photo } from './showcase-helpers';
import { launchChromium, phoneContext } from './support/browser';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, logIn, screenChecks, waitCount } from './support/web-app';
import { PASSWORD } from './support/fixtures';

jest.setTimeout(900_000);

interface PageNode {
  textContent: string | null;
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  documentElement: { scrollWidth: number; clientWidth: number };
};

const { step, waitText } = screenChecks('organizer-run', { waitMs: 60_000 });

const count = (page: Page, selector: string) =>
  page.evaluate((sel) => document.querySelectorAll(sel).length, selector);

const ENTRIES = [
  { title: 'Sinh hoạt chi hội qua nhóm Zalo', commune: 0, solution: true },
  { title: 'Đố vui trực tuyến về bình đẳng giới', commune: 1, solution: false },
  { title: 'Phát trực tiếp buổi họp chi hội', commune: 1, solution: true },
  { title: 'Bản tin ảnh hằng tháng', commune: 0, solution: false },
  { title: 'Sổ tay hội viên điện tử', commune: 0, solution: true },
  { title: 'Video clip phòng chống bạo lực gia đình', commune: 1, solution: false },
];
const LATE = { title: 'Trò chơi ô chữ cho chi hội', commune: 1, solution: true };

describe('Web app: the organizer runs a contest (Chromium, 360 px phone, Vietnamese)', () => {
  let t: TestApp;
  let browser: Browser;
  let web: { dir: string; remove(): void };
  let c: SeededContest;
  let organizer: TestUser;
  let contestants: TestUser[];
  let judges: TestUser[];
  const phones = ['+84912000201', '+84912000202', '+84912000203'];
  const ids: string[] = [];
  const http = () => t.http();

  async function createEntry(e: (typeof ENTRIES)[number]): Promise<string> {
    const owner = contestants[e.commune];
    const res = await http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', owner.auth)
      .send(
        draft(e.solution ? c.categories.solution : c.categories.media, e.title, {
          authorType: e.solution ? 'collective' : 'individual',
          members: e.solution
            ? [{ name: 'Nguyễn Thị Hoa' }, { name: 'Lê Thị Lan' }]
            : [{ name: 'Phạm Thị Thu' }],
        }),
      )
      .expect(201);
    return res.body.id as string;
  }

  const submit = (id: string, owner: TestUser) =>
    http().post(`/entries/${id}/submit`).set('Authorization', owner.auth).send({}).expect(200);

  beforeAll(async () => {
    web = await buildWebApp();
    // every public vote is held as too fast: the quarantine queue fills deterministically
    t = await startTestApp({ WEB_DIR: web.dir, JOB_POLL_MS: '100', VOTE_MIN_HUMAN_MS: '60000' });
    browser = await launchChromium();
    const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Đắk Lắk', kind: 'Tỉnh' });
    // each commune judges its own entries (the round's scope); the entries come from branches
    const communes = [
      await insertUnit(t, { name: 'Hội LHPN xã Tân Lập', parentId: province.id }),
      await insertUnit(t, { name: 'Hội LHPN xã Đồng Tâm', parentId: province.id }),
    ];
    const branches = [
      await insertUnit(t, {
        name: 'Chi hội thôn 3, xã Tân Lập',
        kind: 'Chi hội',
        parentId: communes[0].id,
      }),
      await insertUnit(t, {
        name: 'Chi hội buôn Ea Sim, xã Đồng Tâm',
        kind: 'Chi hội',
        parentId: communes[1].id,
      }),
    ];
    organizer = await createUser(t, UserRole.Organizer, { fullName: 'Trần Thị Mai' });
    contestants = [];
    for (const u of branches)
      contestants.push(
        await createUser(t, UserRole.Contestant, {
          unitId: u.id,
          fullName: `Chi hội trưởng ${u.name}`,
        }),
      );
    judges = [];
    for (let i = 0; i < 3; i++)
      judges.push(
        await createUser(t, UserRole.Judge, {
          fullName: ['Nguyễn Thị Lan Anh', 'Hoàng Văn Bình', 'Lê Thị Cúc'][i],
          phone: phones[i],
          // the first judge is a member of the first branch: its entries are her conflicts
          unitId: i === 0 ? branches[0].id : province.id,
        }),
      );
    c = await seedContest(t, {
      organizers: [organizer.id],
      judges: judges.map((j) => j.id),
      maxEntriesPerUnit: 10,
    });
    for (const e of ENTRIES) ids.push(await createEntry(e));
    // the first entry has a photo of the meeting
    const up = await http()
      .post(`/media/uploads?entryId=${ids[0]}`)
      .set('Authorization', contestants[0].auth)
      .attach('file', await photo(800, 450), { filename: 'buoi-sinh-hoat.jpg' });
    expect(up.status).toBe(201);
    await waitForStatus(t, up.body.id as string, ['ready'], 60_000);
    for (let i = 0; i < ENTRIES.length; i++) await submit(ids[i], contestants[ENTRIES[i].commune]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    web?.remove();
  });

  const statusOf = async (id: string) =>
    (
      await t.db.query(
        `SELECT status, return_reason, current_round_id FROM entries WHERE id = $1`,
        [id],
      )
    ).rows[0];

  it('screens, judges, ranks, forwards, publishes, exports and runs a live vote through the console', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await logIn(page, t.url, organizer.email, PASSWORD);
    const base = `${t.url}/app/#/console/contests/${c.contestId}`;

    // ---------------------------------------------------------------- screening
    await page.goto(`${base}/screening`);
    await waitCount(page, '.queue-row', 6);
    await step(page, '01-screening-queue');
    // filters: the category of communication products, then a search without diacritics
    await page.selectOption('#queue-category', c.categories.media);
    await waitCount(page, '.queue-row', 3);
    await page.fill('#queue-search', 'do vui');
    await waitCount(page, '.queue-row', 1);
    await waitText(page, '.queue', 'Đố vui trực tuyến');
    await step(page, '02-screening-filtered');
    // the search emptied, then the category: the list is read once, for both
    await page.fill('#queue-search', '');
    await page.selectOption('#queue-category', '');
    await waitCount(page, '.queue-row', 6);

    // a new entry arrives while the organizer looks at the queue
    const late = await createEntry(LATE);
    await submit(late, contestants[LATE.commune]);
    await waitText(page, '.arrived', 'Có 1 bài mới nộp');
    await step(page, '03-screening-new-arrived');
    await page.click('#queue-refresh');
    await waitCount(page, '.queue-row', 7);
    ids.push(late);

    // the first entry opened: its photo, then accepted
    await page.click(`[data-entry="${ids[0]}"] .title`);
    await page.waitForSelector(`#detail-${ids[0]} .media img`);
    await step(page, '04-screening-entry-open');
    await page.click(`#accept-${ids[0]}`);
    await waitText(page, `[data-entry="${ids[0]}"]`, 'Hợp lệ');
    expect((await statusOf(ids[0])).status).toBe('eligible');

    // one returned with a reason the contestant reads (refused without one)
    await page.click(`[data-entry="${ids[3]}"] .title`);
    await page.click(`#return-${ids[3]}`);
    await page.click(`#confirm-${ids[3]}`);
    await waitText(page, `#reason-${ids[3]}-error`, 'Xin ghi lý do');
    await step(page, '05-screening-return-needs-reason');
    expect((await statusOf(ids[3])).status).toBe('submitted');
    const reason = 'Thiếu ảnh chụp buổi sinh hoạt; xin bổ sung rồi nộp lại.';
    await page.fill(`#reason-${ids[3]}`, reason);
    await page.click(`#confirm-${ids[3]}`);
    await waitText(page, `[data-entry="${ids[3]}"]`, 'Đã trả lại bài');
    expect(await statusOf(ids[3])).toMatchObject({ status: 'draft', return_reason: reason });
    const seen = await http()
      .get(`/entries/${ids[3]}`)
      .set('Authorization', contestants[0].auth)
      .expect(200);
    expect(seen.body.returnReason).toBe(reason);
    await step(page, '06-screening-returned');

    // the rest accepted at once; the one already accepted is said to be left as it was
    await page.click('#pick-all');
    await waitText(page, '.bulk .count', 'Đã chọn 6 bài');
    await page.click('#bulk-accept');
    await waitText(page, '#bulk-said', 'Đã xử lý xong 5 bài');
    await waitText(page, '#bulk-said', '1 bài chưa đổi được');
    await step(page, '07-screening-bulk-accepted');
    const accepted = ids.filter((_, i) => i !== 3);
    for (const id of accepted) expect((await statusOf(id)).status).toBe('eligible');

    // the eligible entries go on to the commune round
    await page.selectOption('#queue-status', 'eligible');
    await waitCount(page, '.queue-row', 6);
    await page.click('#pick-all');
    await page.click('#bulk-forward');
    await waitText(page, '#forward-said', 'Đã chuyển 6 bài vào Sơ khảo cấp xã');
    await step(page, '08-screening-forwarded');
    for (const id of accepted) expect((await statusOf(id)).current_round_id).toBe(c.rounds.commune);

    // the judging round opens (setup's part: its window and rubric, through the API)
    await openJudging(t, c.rounds.commune);
    await http()
      .put(`/judging/rounds/${c.rounds.commune}/rubrics`)
      .set('Authorization', organizer.auth)
      .send(RUBRIC)
      .expect(200);

    // ---------------------------------------------------------------- judging
    await page.goto(`${base}/judging`);
    await page.waitForSelector(`#panel-${judges[0].id}`);
    await step(page, '09-judging-panel');
    for (const j of judges.slice(0, 2)) {
      await page.click(`#panel-${j.id}`);
      await page.waitForFunction(
        (id) =>
          !!(document.querySelector(`#panel-${id}`) as unknown as { checked: boolean })?.checked,
        j.id,
      );
    }
    await page.fill('#quorum', '2');
    await page.click('#auto-assign');
    await waitText(page, '#judging-said', 'Đã phân công xong');
    // the third judge joins: the assignment rebalances
    await page.click(`#panel-${judges[2].id}`);
    await waitText(page, '#judging-said', 'Lê Thị Cúc');
    await waitCount(page, '#loads li', 3);
    await waitText(
      page,
      '#conflicts',
      'Nguyễn Thị Lan Anh cùng đơn vị với bài “Sinh hoạt chi hội qua nhóm Zalo”',
    );
    await step(page, '10-judging-assigned');
    const assignments = (
      await http()
        .get(`/judging/rounds/${c.rounds.commune}/assignments`)
        .set('Authorization', organizer.auth)
        .expect(200)
    ).body as {
      loads: Record<string, number>;
      conflicts: { judgeId: string; entryId: string }[];
      entries: { entryId: string; judges: { judgeId: string }[] }[];
    };
    expect(Object.keys(assignments.loads).sort()).toEqual(judges.map((j) => j.id).sort());
    expect(assignments.entries.map((e) => e.judges.length)).toEqual(
      assignments.entries.map(() => 2),
    );
    // the conflicted judge judges nothing of her commune
    const communeZero = accepted.filter((id) => ENTRIES[ids.indexOf(id)]?.commune === 0);
    expect(
      assignments.conflicts
        .filter((x) => x.judgeId === judges[0].id)
        .map((x) => x.entryId)
        .sort(),
    ).toEqual(communeZero.sort());
    for (const e of assignments.entries)
      if (communeZero.includes(e.entryId))
        expect(e.judges.map((j) => j.judgeId)).not.toContain(judges[0].id);

    // the second judge scores everything: the board follows live
    const sheet = async (judge: number, entryId: string) => {
      const i = ids.indexOf(entryId);
      await http()
        .put(`/judging/rounds/${c.rounds.commune}/entries/${entryId}/sheet`)
        .set('Authorization', judges[judge].auth)
        .send({ scores: scoresFor(i, judge), submit: true })
        .expect(200);
    };
    const of = (judge: number) =>
      assignments.entries
        .filter((e) => e.judges.some((j) => j.judgeId === judges[judge].id))
        .map((e) => e.entryId);
    for (const id of of(1)) await sheet(1, id);
    await waitText(page, '#progress-board', 'Đã chấm xong');
    await step(page, '11-judging-progress');
    // a reminder to the first judge: on her phone through the notification gateway
    const outbox = t.app.get(OtpOutbox);
    await page.click(`#remind-${judges[0].id}`);
    await waitText(page, '#judging-said', 'Đã gửi lời nhắc tới: Nguyễn Thị Lan Anh');
    expect(outbox.count(phones[0])).toBe(1);
    expect(outbox.count(phones[1])).toBe(0);
    await step(page, '12-judging-reminded');
    for (const id of of(0)) await sheet(0, id);
    for (const id of of(2)) await sheet(2, id);

    // ---------------------------------------------------------------- the method, then closing
    await page.goto(`${base}/results`);
    await page.waitForSelector('#method-median');
    await page.click('#method-median');
    await waitText(page, '#results-said', 'Điểm ở giữa');
    const settings = await http()
      .get(`/judging/rounds/${c.rounds.commune}/results`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(settings.body.method).toBe('median');
    await step(page, '13-results-method');

    await page.goto(`${base}/judging`);
    await page.waitForSelector('#close-round');
    await page.click('#close-round');
    await waitText(page, '#round-closed', 'Vòng này đã kết thúc');
    const round = await http()
      .get(`/contests/${c.contestId}/rounds/${c.rounds.commune}`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(round.body.resultsFixedAt).not.toBeNull();
    await step(page, '14-judging-closed');

    // ---------------------------------------------------------------- results
    await page.goto(`${base}/results`);
    await waitText(page, '#results-state', 'Kết quả đã chốt');
    await waitCount(page, '#tie-breaks li', 4);
    const final = (
      await http()
        .get(`/judging/rounds/${c.rounds.commune}/final`)
        .set('Authorization', organizer.auth)
        .expect(200)
    ).body as {
      rows: { entryId: string; rank: number; title: string; group: string; tied: boolean }[];
      groups: unknown[];
    };
    expect(await count(page, '.result')).toBe(final.rows.length);
    await step(page, '15-results-ranking');

    // the best of each category in each commune, then one more by hand
    await page.fill('#top-n', '1');
    await page.uncheck('#eliminate-others');
    await page.click('#advance-top');
    await waitText(page, '#results-said', 'Đã chuyển');
    const firsts = final.rows.filter((r) => r.rank === 1).map((r) => r.entryId);
    for (const id of firsts) expect((await statusOf(id)).current_round_id).toBe(c.rounds.province);
    const extra = final.rows.find((r) => r.rank > 1)!.entryId;
    expect((await statusOf(extra)).current_round_id).toBe(c.rounds.commune);
    await page.check(`#advance-pick-${extra}`);
    await page.click('#advance-picked');
    await waitText(page, '#results-said', 'Đã chuyển 1 bài');
    expect((await statusOf(extra)).current_round_id).toBe(c.rounds.province);
    await step(page, '16-results-advanced');

    await page.click('#publish');
    await waitText(page, '#published', 'Kết quả đã được công bố');
    const published = await http()
      .get(`/judging/rounds/${c.rounds.commune}/final`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(published.body.publishedAt).not.toBeNull();
    await step(page, '17-results-published');

    // the spreadsheet, as the organizer downloads it, holds the API's ranking
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-xlsx'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const prizes = wb.getWorksheet('Giải thưởng')!;
    const table: unknown[][] = [];
    prizes.eachRow((row) => table.push((row.values as unknown[]).slice(1)));
    const head = table.findIndex((r) => r.includes('Tên bài dự thi'));
    expect(head).toBeGreaterThanOrEqual(0);
    const titleCol = table[head].indexOf('Tên bài dự thi');
    const rankCol = table[head].indexOf('Hạng');
    const body = table.slice(head + 1).filter((r) => r[titleCol]);
    expect(body.map((r) => [r[titleCol], r[rankCol]])).toEqual(
      published.body.rows.map((r: { title: string; rank: number }) => [r.title, r.rank]),
    );

    // the print view
    await page.click('#print-view');
    await page.waitForSelector('#print-sheet');
    expect(await count(page, '#print-sheet tbody tr')).toBe(final.rows.length);
    await step(page, '18-results-print');

    // ---------------------------------------------------------------- live vote on the next round
    await page.goto(`${base}/voting`);
    await page.waitForSelector('#session-title');
    await page.click('#create-session');
    await waitText(page, '#session-title-error', 'Xin đặt tên');
    await page.selectOption('#session-round', c.rounds.province);
    await page.fill('#session-title', 'Bình chọn trong buổi livestream chung khảo');
    await page.click('#create-session');
    await page.waitForSelector('.session');
    const sessions = await http()
      .get(`/voting/sessions?contestId=${c.contestId}`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(sessions.body).toHaveLength(1);
    const session = sessions.body[0] as { id: string; entryIds: string[]; roundId: string };
    expect(session.roundId).toBe(c.rounds.province);
    expect(session.entryIds.sort()).toEqual([...firsts, extra].sort());
    await page.click(`#open-${session.id}`);
    await waitText(page, `#session-state-${session.id}`, 'Đang mở');
    await step(page, '19-voting-open');
    expect(await page.getAttribute(`#control-${session.id}`, 'href')).toBe(
      `/control/${session.id}`,
    );

    // four viewers vote at once: every vote is held for review
    for (let i = 0; i < 4; i++) {
      const token = (await http().post('/voting/device-token').expect(201)).body.token as string;
      await http()
        .post(`/voting/sessions/${session.id}/votes`)
        .set('Idempotency-Key', randomUUID())
        .send({ entryId: session.entryIds[i % session.entryIds.length], voterToken: token })
        .expect(201);
    }
    await page.reload();
    await waitCount(page, `#quarantine-${session.id} li`, 4);
    await waitText(page, `#quarantine-${session.id}`, 'bấm quá nhanh');
    await step(page, '20-voting-quarantine');
    const held = (
      await http()
        .get(`/voting/sessions/${session.id}/quarantine`)
        .set('Authorization', organizer.auth)
        .expect(200)
    ).body.items as { voteId: string }[];
    await page.check(`#held-${held[0].voteId}`);
    await page.check(`#held-${held[1].voteId}`);
    await page.click(`#release-picked-${session.id}`);
    await waitText(page, `#session-said-${session.id}`, 'Đã tính 2 phiếu');
    await page.click(`#void-all-${session.id}`);
    await waitText(page, `#session-said-${session.id}`, 'Đã hủy 2 phiếu');
    const queue = await http()
      .get(`/voting/sessions/${session.id}/quarantine`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(queue.body.counts).toEqual({ quarantined: 0, released: 2, voided: 2 });

    // numbers hidden from the public, then a recount with the chain head
    await page.click(`#numbers-${session.id}`);
    await waitText(page, `#session-said-${session.id}`, 'Đã giấu số phiếu');
    const shown = await http().get(`/voting/sessions/${session.id}`).expect(200);
    expect(shown.body.hideTallies).toBe(true);
    await page.click(`#recount-${session.id}`);
    await waitText(page, `#recount-result-${session.id}`, 'Khớp');
    const recount = await http()
      .post(`/voting/sessions/${session.id}/integrity/recount`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(recount.body.equal).toBe(true);
    await waitText(page, `#recount-result-${session.id}`, recount.body.chain.head);
    await step(page, '21-voting-recounted');

    // the existing control page, reached from the console
    const control = await http().get(`/control/${session.id}`).expect(200);
    expect(control.text).toContain('Bình chọn trong buổi livestream chung khảo');
    await context.close();
  });
});
