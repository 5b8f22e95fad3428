import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { launchChromium, phoneContext } from './support/browser';
import { createUser, insertUnit, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { buildWebApp, logIn, screenChecks } from './support/web-app';

jest.setTimeout(600_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
interface PageNode {
  textContent: string | null;
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
  disabled?: boolean;
}
declare const document: {
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): PageNode[];
  documentElement: { scrollWidth: number; clientWidth: number };
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const { step, waitText } = screenChecks('organizer', { waitMs: 30_000 });

async function sheet(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Đơn vị');
  ws.addRow(['Mã', 'Tên', 'Cấp', 'Mã đơn vị cha']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("Web app: the organizer's console, setup side (Chromium, 360 px phone, Vietnamese)", () => {
  let t: TestApp;
  let browser: Browser;
  let web: { dir: string; remove(): void };
  let admin: TestUser;
  let organizer: TestUser;
  let judge: TestUser;
  let province: { id: string };
  const contexts: BrowserContext[] = [];
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    web = await buildWebApp();
    t = await startTestApp({ WEB_DIR: web.dir });
    browser = await launchChromium();
    province = await insertUnit(t, { name: 'Hội LHPN tỉnh Khánh Hòa', code: 'KH', kind: 'Tỉnh' });
    admin = await createUser(t, UserRole.Admin, { fullName: 'Trần Quản Trị' });
    organizer = await createUser(t, UserRole.Organizer, {
      unitId: province.id,
      fullName: 'Lê Thị Tổ Chức',
    });
    judge = await createUser(t, UserRole.Judge, {
      phone: '0912 345 678',
      fullName: 'Phạm Thị Giám Khảo',
    });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    web?.remove();
  });

  async function phoneOf(user: TestUser): Promise<Page> {
    const context = await phoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, t.url, user.email, PASSWORD);
    return page;
  }
  const api = (path: string) => t.http().get(path).set('Authorization', admin.auth);

  it("an organizer sets up a contest from nothing, opens it, invites a judge, imports, renames, moves and merges her province's units, and finds it all in the log", async () => {
    // ---- the console's home, from the nav link
    const page = await phoneOf(organizer);
    await page.click('#nav-console');
    await page.waitForSelector('#console-new-contest');
    await waitText(page, 'main', 'Chưa có hội thi nào');
    await step(page, '01-console-empty');

    // ---- a new contest
    await page.click('#console-new-contest');
    await page.waitForSelector('#contest-title');
    await page.fill('#contest-title', 'Hội thi Ứng dụng CNTT trong sinh hoạt hội 2027');
    await waitText(page, 'main', 'Múi giờ');
    expect(await page.inputValue('#contest-slug')).toBe(
      'hoi-thi-ung-dung-cntt-trong-sinh-hoat-hoi-2027',
    );
    await page.fill('#contest-description', 'Hội thi dành cho chi hội và hội viên toàn tỉnh.');
    await step(page, '02-new-contest');
    await page.click('#contest-create');
    await page.waitForSelector('#checklist');
    const contestId = /#\/console\/contests\/([0-9a-f-]+)\/setup/.exec(page.url())![1];
    await waitText(page, '#checklist-summary', 'Còn thiếu mục bắt buộc');
    expect(await page.isDisabled('#contest-open')).toBe(true);
    await step(page, '03-setup-checklist-incomplete');

    // ---- a category with its rules; a bad one first
    await page.click('#category-save');
    await waitText(page, '#category-form', 'Tên lĩnh vực');
    await page.waitForSelector('#category-form .error');
    await step(page, '04-category-errors');
    await page.fill('#category-name', 'Sản phẩm truyền thông số');
    await page.fill('#category-code', 'TT');
    await page.check('#category-entrants-collective');
    await page.fill('#category-max-count', '2');
    await page.fill('#category-min-minutes', '5');
    await page.fill('#category-max-minutes', '7');
    await page.fill('#category-min-resolution', '720');
    await page.check('#category-landscape');
    await page.check('#category-required-members');
    await page.click('#category-save');
    await waitText(page, '#category-list', 'Sản phẩm truyền thông số');
    await step(page, '05-category-added');
    await page.fill('#category-name', 'Giải pháp tổ chức sinh hoạt hội');
    await page.fill('#category-code', 'GP');
    await page.click('#category-save');
    await waitText(page, '#category-list', 'Giải pháp tổ chức sinh hoạt hội');

    // ---- rounds, entered in the contest's time zone
    await page.fill('#round-name', 'Vòng nộp bài cấp tỉnh');
    await page.selectOption('#round-kind', 'submission');
    await page.fill('#round-opens', `${year}-03-01T08:00`);
    await page.fill('#round-closes', `${year}-03-31T17:00`);
    await page.click('#round-save');
    await waitText(page, '#round-list', 'Vòng nộp bài cấp tỉnh');
    await waitText(page, '#round-list', `17:00:00 31/03/${year}`);
    await page.fill('#round-name', 'Vòng chấm');
    await page.selectOption('#round-kind', 'judging');
    await page.fill('#round-opens', `${year}-04-01T08:00`);
    await page.fill('#round-closes', `${year}-04-15T17:00`);
    await page.click('#round-save');
    await waitText(page, '#round-list', 'Vòng chấm');
    await waitText(page, '#checklist', 'Nhập tiêu chí chấm cho mỗi vòng chấm');
    await step(page, '06-rounds-added');

    // ---- the judging round's criteria with weights
    await page.waitForSelector('#rubric-2-name-0');
    await page.fill('#rubric-2-name-0', 'Nội dung, tính thiết thực');
    await page.fill('#rubric-2-weight-0', '60');
    await page.click('#rubric-2-add');
    await page.fill('#rubric-2-name-1', 'Hình thức, sáng tạo');
    await page.fill('#rubric-2-weight-1', '40');
    await waitText(page, '#rubric-2-total', 'Tổng tỷ trọng bằng 100');
    await page.click('#rubric-2-save');
    await waitText(page, '#checklist-summary', 'Đã đủ điều kiện');
    await step(page, '07-checklist-complete');

    // ---- the solutions are judged on their own criteria, starting from a copy of the round's
    const solutions = await page.$eval(
      '#rubric-2-scope',
      (el, name) =>
        Array.from((el as unknown as { options: { value: string; text: string }[] }).options).find(
          (o) => o.text === name,
        )!.value,
      'Giải pháp tổ chức sinh hoạt hội',
    );
    await page.selectOption('#rubric-2-scope', solutions);
    await waitText(page, '#rubric-2-scope-hint', 'đang chấm theo tiêu chí chung');
    expect(await page.inputValue('#rubric-2-name-1')).toBe('Hình thức, sáng tạo');
    await page.fill('#rubric-2-name-1', 'Khả năng nhân rộng');
    await page.fill('#rubric-2-weight-0', '50');
    await page.fill('#rubric-2-weight-1', '50');
    await page.click('#rubric-2-save');
    await waitText(page, '#rubric-2-scope-hint', 'chấm theo tiêu chí riêng');
    await waitText(page, '#rubric-2-scope', 'Giải pháp tổ chức sinh hoạt hội (có tiêu chí riêng)');
    // what was saved stays on the screen while the setup around it reloads
    await waitText(page, '#checklist-summary', 'Đã đủ điều kiện');
    expect(await page.inputValue('#rubric-2-name-1')).toBe('Khả năng nhân rộng');
    expect(await page.inputValue('#rubric-2-weight-0')).toBe('50');
    await step(page, '07b-rubric-per-category');
    expect(await page.inputValue('#rubric-2-weight-0')).toBe('50');
    await page.selectOption('#rubric-2-scope', '');
    expect(await page.inputValue('#rubric-2-weight-0')).toBe('60');

    // ---- open it
    await page.click('#contest-open');
    await waitText(page, '#contest-status', 'Đang nhận bài');
    await waitText(page, '#checklist-summary', 'Hội thi đã được mở');
    await step(page, '08-contest-open');

    // ---- people: invite a judge by phone
    await page.click(`a[href="#/console/contests/${contestId}/people"]`);
    await page.waitForSelector('#invite-contact');
    await page.click('#invite-send');
    await waitText(page, 'main', 'Xin nhập số điện thoại hoặc email');
    await page.fill('#invite-contact', '0912 345 678');
    await page.click('#invite-send');
    await waitText(page, '#invite-sent', 'Đã gửi lời mời tới 0912 345 678');
    await waitText(page, '#invitation-list', 'Giám khảo');
    await step(page, '09-judge-invited');
    const code = t.app.get(OtpOutbox).last('+84912345678')!;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);

    // the judge opens the link from her message
    const judgePage = await phoneOf(judge);
    await judgePage.goto(`${t.url}/app/#/invite/${code}`);
    await judgePage.waitForSelector('#invite-code');
    await step(judgePage, '10-judge-invitation');
    await judgePage.click('#invite-accept');
    await waitText(judgePage, '#invite-accepted', 'Bạn đã là Giám khảo của hội thi');
    await step(judgePage, '11-judge-accepted');
    await page.reload();
    await waitText(page, '#member-list', 'Phạm Thị Giám Khảo');
    await waitText(page, 'main', 'Không có lời mời nào đang chờ');
    await step(page, '12-people');

    // ---- she imports her province's units (rows in file order: cells run together in textContent) from XLSX: a dry run with bad rows, then a good one
    await page.click('#nav-console');
    await page.click('#console-units');
    await page.waitForSelector('#import-file');
    await waitText(page, 'main', 'Bạn sửa và nhập được các đơn vị trực thuộc');
    await page.setInputFiles('#import-file', {
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: await sheet([
        ['KH.CL', 'Hội LHPN xã Cam Lâm', 'Xã', 'KH'],
        ['KH.CA', 'Hội LHPN xã Cam An', 'Xã', 'KH'],
        ['KH.X', 'Hội LHPN xã Khác', 'Xã', 'KHONGCO'],
        ['PY', 'Hội LHPN tỉnh Phú Yên', 'Tỉnh', ''],
      ]),
    });
    await page.click('#import-dry-run');
    await waitText(page, '#import-errors', 'Mã đơn vị cha');
    const errorRows = await page.$$eval('#import-errors tbody tr', (trs) =>
      trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    expect(errorRows).toEqual([
      expect.stringMatching(/^4Mã đơn vị chaKhông tìm thấy/),
      expect.stringMatching(
        /^5Mã đơn vị chaBạn chỉ được sửa các đơn vị trực thuộc «Hội LHPN tỉnh Khánh Hòa»/,
      ),
    ]);
    expect(await page.isDisabled('#import-apply')).toBe(true);
    await step(page, '13-import-errors');

    await page.setInputFiles('#import-file', {
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: await sheet([
        ['KH.CL', 'Hội LHPN xã Cam Lâm', 'Xã', 'KH'],
        ['KH.CA', 'Hội LHPN xã Cam An', 'Xã', 'KH'],
        ['KH.CA.1', 'Chi hội thôn Tân An', 'Chi hội', 'KH.CA'],
        ['KH.CH', 'Hội LHPN xã Cam Hải', 'Xã', 'KH'],
      ]),
    });
    await page.click('#import-dry-run');
    await waitText(page, '#import-summary', 'Kiểm tra thử: 4 dòng — 4 thêm mới');
    expect(await page.$$eval('#import-preview tbody tr', (trs) => trs.length)).toBe(4);
    expect(
      Number(
        (await t.db.query("SELECT count(*) AS n FROM org_units WHERE code LIKE 'KH.%'")).rows[0].n,
      ),
    ).toBe(0);
    await step(page, '14-import-preview');
    await page.click('#import-apply');
    await waitText(page, '#import-summary', 'Đã nhập 4 dòng');
    await step(page, '15-import-done');

    // ---- rename (found without diacritics), move, merge
    await page.fill('#units-search', 'cam hai');
    await page.waitForSelector('#unit-select-KH\\.CH');
    await page.click('#unit-select-KH\\.CH');
    await page.fill('#unit-rename-name', 'Hội LHPN xã Cam Hải Đông');
    await step(page, '16-unit-actions');
    await page.click('#unit-rename-save');
    await waitText(page, '#unit-notice', 'Đã đổi tên thành «Hội LHPN xã Cam Hải Đông»');

    await page.fill('#units-search', 'tan an');
    await page.waitForSelector('#unit-select-KH\\.CA\\.1');
    await page.click('#unit-select-KH\\.CA\\.1');
    await page.fill('#unit-move-search', 'cam lam');
    await page.waitForSelector('#unit-actions .choice');
    await page.click('#unit-actions .choice');
    await page.click('#unit-move-save');
    await waitText(
      page,
      '#unit-notice',
      'Đã chuyển «Chi hội thôn Tân An» về «Hội LHPN xã Cam Lâm»',
    );

    await page.fill('#units-search', 'cam lam');
    await page.waitForSelector('#unit-select-KH\\.CL');
    await page.click('#unit-select-KH\\.CL');
    await page.fill('#unit-merge-search', 'cam an');
    await page.waitForSelector('#unit-actions .choice');
    await page.click('#unit-actions .choice');
    await page.click('#unit-merge-save');
    await waitText(
      page,
      '#unit-notice',
      'Đã sáp nhập «Hội LHPN xã Cam An» vào «Hội LHPN xã Cam Lâm»',
    );
    await step(page, '17-unit-merged');

    // ---- the log: her own actions, her contest's, and everything for the admin
    await page.goto(`${t.url}/app/#/console/audit`);
    await waitText(page, '#audit-list', 'Gửi lời mời');
    for (const label of [
      'Nhận lời mời',
      'Đổi trạng thái hội thi',
      'Thêm vòng thi',
      'Thêm lĩnh vực',
      'Tạo hội thi',
    ])
      await waitText(page, '#audit-list', label);
    await waitText(page, '#audit-list', 'Phạm Thị Giám Khảo');
    await step(page, '18-audit-contest');
    await page.selectOption('#audit-contest', '');
    await page.click('#audit-filter');
    for (const label of [
      'Sáp nhập đơn vị',
      'Chuyển đơn vị',
      'Đổi tên đơn vị',
      'Nhập danh sách đơn vị',
    ])
      await waitText(page, '#audit-list', label);
    await step(page, '19-audit-mine');

    const adminPage = await phoneOf(admin);
    await adminPage.goto(`${t.url}/app/#/console/audit`);
    await waitText(adminPage, '#audit-list', 'Sáp nhập đơn vị');
    await adminPage.selectOption('#audit-group', 'org_unit.');
    await adminPage.click('#audit-filter');
    await adminPage.waitForFunction(
      () => !(document.querySelector('#audit-list')?.textContent ?? '').includes('Gửi lời mời'),
    );
    await waitText(adminPage, '#audit-list', 'Đổi tên đơn vị');
    await waitText(adminPage, '#audit-list', 'Lê Thị Tổ Chức');
    await step(adminPage, '20-audit-admin');

    // ---- the resulting state, through the API
    const contest = (await api(`/contests/${contestId}`)).body;
    expect(contest).toMatchObject({ status: 'open', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(contest.categories.map((c: { code: string }) => c.code)).toEqual(['TT', 'GP']);
    expect(contest.categories[0]).toMatchObject({
      code: 'TT',
      rules: {
        entrants: 'collective',
        media: {
          kinds: ['video'],
          maxCount: 2,
          minDurationSeconds: 300,
          maxDurationSeconds: 420,
          minResolution: 720,
          landscapeOnly: true,
        },
      },
    });
    const [submission, judging] = contest.rounds;
    expect(submission).toMatchObject({
      kind: 'submission',
      opensAt: `${year}-03-01T01:00:00.000Z`,
      closesAt: `${year}-03-31T10:00:00.000Z`,
    });
    expect(judging.kind).toBe('judging');
    type Stored = { categoryId: string | null; criteria: { name: string; weight: number }[] };
    const rubrics: Stored[] = (await api(`/judging/rounds/${judging.id}/rubrics`)).body;
    const criteriaOf = (categoryId: string | null) =>
      rubrics.find((r) => r.categoryId === categoryId)?.criteria.map((c) => [c.name, c.weight]);
    expect(rubrics).toHaveLength(2);
    expect(criteriaOf(null)).toEqual([
      ['Nội dung, tính thiết thực', 60],
      ['Hình thức, sáng tạo', 40],
    ]);
    expect(criteriaOf(contest.categories[1].id)).toEqual([
      ['Nội dung, tính thiết thực', 50],
      ['Khả năng nhân rộng', 50],
    ]);
    const members = (await api(`/contests/${contestId}/members?role=judge`)).body;
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([judge.id]);
    const unit = async (code: string) =>
      (await t.db.query('SELECT * FROM org_units WHERE code = $1', [code])).rows[0];
    const [camLam, camAn, branch, camHai] = [
      await unit('KH.CL'),
      await unit('KH.CA'),
      await unit('KH.CA.1'),
      await unit('KH.CH'),
    ];
    expect(camHai).toMatchObject({ name: 'Hội LHPN xã Cam Hải Đông', parent_id: province.id });
    expect(branch).toMatchObject({ parent_id: camLam.id, status: 'active' });
    expect(camAn).toMatchObject({ status: 'merged', merged_into_id: camLam.id });
  });
});
