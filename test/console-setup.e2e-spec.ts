import ExcelJS from 'exceljs';
import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const category = {
  code: 'GP',
  name: 'Giải pháp tổ chức sinh hoạt hội',
  rules: {
    entrants: 'collective',
    maxEntriesPerUnit: 3,
    requiredFields: ['summary'],
    media: { kinds: ['video'], minCount: 1, maxCount: 2, maxSizeBytes: 500_000_000 },
  },
};

const later = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 16);
};

describe("the organizer's console: checklist, invitations, audit, import preview", () => {
  let t: TestApp;
  let outbox: OtpOutbox;
  let admin: TestUser;
  let organizer: TestUser;
  let stranger: TestUser;
  let judge: TestUser;
  let contestant: TestUser;
  let contestId: string;
  let province: { id: string; code: string };

  const get = (path: string, u: TestUser) => t.http().get(path).set('Authorization', u.auth);
  const post = (path: string, body: object, u: TestUser) =>
    t.http().post(path).set('Authorization', u.auth).send(body);
  const checklist = async () => {
    const res = await get(`/contests/${contestId}/checklist`, organizer);
    expect(res.status).toBe(200);
    return res.body as {
      ready: boolean;
      items: { key: string; done: boolean; required: boolean }[];
    };
  };
  const done = (c: { items: { key: string; done: boolean }[] }, key: string) =>
    c.items.find((i) => i.key === key)!.done;

  beforeAll(async () => {
    t = await startTestApp();
    outbox = t.app.get(OtpOutbox);
    province = await insertUnit(t, { name: 'Tỉnh Đắk Lắk', code: 'DLK', kind: 'Tỉnh' });
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer, { unitId: province.id });
    stranger = await createUser(t, UserRole.Organizer);
    judge = await createUser(t, UserRole.Judge, {
      phone: '0912 345 678',
      email: 'giamkhao@test.hoithi.vn',
    });
    contestant = await createUser(t, UserRole.Contestant, { phone: '0987 654 321' });
    const res = await post(
      '/contests',
      { slug: 'console-setup', title: 'Hội thi thử', timeZone: 'Asia/Ho_Chi_Minh' },
      organizer,
    );
    expect(res.status).toBe(201);
    contestId = res.body.id;
  });
  afterAll(() => t.close());

  it("lists the caller's own contests by role", async () => {
    const mine = await get('/contests?role=organizer', organizer);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([contestId]);
    expect((await get('/contests?role=organizer', stranger)).body.items).toEqual([]);
    expect((await get('/contests?role=judge', organizer)).body.items).toEqual([]);
    expect((await get('/contests?role=boss', organizer)).status).toBe(400);
  });

  it('lists what is missing until the contest can open, to its organizers only', async () => {
    let c = await checklist();
    expect(c.ready).toBe(false);
    expect(done(c, 'categories')).toBe(false);
    expect(done(c, 'submissionRound')).toBe(false);
    expect((await get(`/contests/${contestId}/checklist`, stranger)).status).toBe(403);
    expect((await get(`/contests/${contestId}/checklist`, admin)).status).toBe(200);

    expect((await post(`/contests/${contestId}/categories`, category, organizer)).status).toBe(201);
    const submission = await post(
      `/contests/${contestId}/rounds`,
      {
        position: 1,
        name: 'Vòng nộp bài',
        kind: 'submission',
        opensAt: later(1),
        closesAt: later(30),
      },
      organizer,
    );
    expect(submission.status).toBe(201);
    const judging = await post(
      `/contests/${contestId}/rounds`,
      { position: 2, name: 'Vòng chấm', kind: 'judging', opensAt: later(31), closesAt: later(40) },
      organizer,
    );
    expect(judging.status).toBe(201);
    c = await checklist();
    expect(done(c, 'categories')).toBe(true);
    expect(done(c, 'submissionRound')).toBe(true);
    expect(done(c, 'roundWindows')).toBe(true);
    expect(done(c, 'rubrics')).toBe(false);
    expect(c.ready).toBe(false);

    const rubric = await t
      .http()
      .put(`/judging/rounds/${judging.body.id}/rubrics`)
      .set('Authorization', organizer.auth)
      .send({
        criteria: [
          { name: 'Nội dung', weight: 60, max: 10, step: 0.5 },
          { name: 'Hình thức', weight: 40, max: 10, step: 0.5 },
        ],
      });
    expect(rubric.status).toBe(200);
    c = await checklist();
    expect(done(c, 'rubrics')).toBe(true);
    expect(c.ready).toBe(true);
    expect(done(c, 'judges')).toBe(false);
  });

  it('invites a judge by phone; only that person redeems the code, once', async () => {
    const bad = await post(`/contests/${contestId}/invitations`, { role: 'judge' }, organizer);
    expect(bad.status).toBe(400);
    const both = await post(
      `/contests/${contestId}/invitations`,
      { role: 'judge', phone: '0912345678', email: 'a@b.vn' },
      organizer,
    );
    expect(both.status).toBe(400);
    expect(both.body.errors[0].code).toBe('contests.invitation_one_address');
    const contestantRole = await post(
      `/contests/${contestId}/invitations`,
      { role: 'contestant', phone: '0912345678' },
      organizer,
    );
    expect(contestantRole.status).toBe(400);
    expect(
      (
        await post(
          `/contests/${contestId}/invitations`,
          { role: 'judge', phone: '0912345678' },
          stranger,
        )
      ).status,
    ).toBe(403);
    const invitationRows = async () =>
      Number((await t.db.query('SELECT count(*) AS n FROM contest_invitations')).rows[0].n);
    expect(await invitationRows()).toBe(0);

    const sent = await t
      .http()
      .post(`/contests/${contestId}/invitations`)
      .set('Authorization', organizer.auth)
      .set('Accept-Language', 'en')
      .send({ role: 'judge', phone: '+84 912 345 678' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      role: 'judge',
      phone: '+84912345678',
      email: null,
      expired: false,
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/code/i);
    const code = outbox.last('+84912345678')!;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);

    const listed = await get(`/contests/${contestId}/invitations`, organizer);
    expect(listed.body.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);

    // someone else with the code, and a wrong code
    const other = await post('/invitations/accept', { code }, contestant);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('contests.invitation_other_person');
    const wrong = await post('/invitations/accept', { code: 'ZZZZZZZZ' }, judge);
    expect(wrong.status).toBe(404);
    const malformed = await post('/invitations/accept', { code: 'abc' }, judge);
    expect(malformed.status).toBe(400);

    const accepted = await post('/invitations/accept', { code: code.toLowerCase() }, judge);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ contestId, role: 'judge', contestTitle: 'Hội thi thử' });
    const members = await get(`/contests/${contestId}/members?role=judge`, organizer);
    expect(members.body.map((m: { userId: string }) => m.userId)).toEqual([judge.id]);
    expect((await post('/invitations/accept', { code }, judge)).status).toBe(404);
    expect((await get(`/contests/${contestId}/invitations`, organizer)).body).toEqual([]);
    expect(done(await checklist(), 'judges')).toBe(true);
  });

  it('refuses an account kind that cannot hold the role, expired codes, and withdraws', async () => {
    const sent = await post(
      `/contests/${contestId}/invitations`,
      { role: 'organizer', phone: '0987654321' },
      organizer,
    );
    expect(sent.status).toBe(201);
    const code = outbox.last('+84987654321')!;
    const kind = await post('/invitations/accept', { code }, contestant);
    expect(kind.status).toBe(409);
    expect(kind.body.code).toBe('contests.invitation_account_kind');
    expect(
      (await get(`/contests/${contestId}/members?role=organizer`, organizer)).body,
    ).toHaveLength(1);

    // a second invitation replaces the first
    const again = await post(
      `/contests/${contestId}/invitations`,
      { role: 'organizer', email: 'GiamKhao@test.hoithi.vn' },
      organizer,
    );
    expect(again.status).toBe(201);
    expect(again.body.email).toBe('giamkhao@test.hoithi.vn');
    const emailCode = outbox.last('giamkhao@test.hoithi.vn')!;
    await t.db.query(
      "UPDATE contest_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [again.body.id],
    );
    const expired = await post('/invitations/accept', { code: emailCode }, judge);
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('contests.invitation_expired');

    const del = await t
      .http()
      .delete(`/contests/${contestId}/invitations/${sent.body.id}`)
      .set('Authorization', organizer.auth);
    expect(del.status).toBe(204);
    const twice = await t
      .http()
      .delete(`/contests/${contestId}/invitations/${sent.body.id}`)
      .set('Authorization', organizer.auth);
    expect(twice.status).toBe(409);
    expect((await post('/invitations/accept', { code }, contestant)).status).toBe(404);
  });

  it('lists the audit log with filters: organizers their contest, admins everything', async () => {
    const mine = await get(`/audit?contestId=${contestId}`, organizer);
    expect(mine.status).toBe(200);
    const actions = mine.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'contest.created',
        'contest.invitation_sent',
        'contest.invitation_accepted',
        'contest.invitation_revoked',
      ]),
    );
    // newest first, with names
    const ids = mine.body.items.map((i: { id: string }) => Number(i.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const accepted = mine.body.items.find(
      (i: { action: string; actorId: string }) =>
        i.action === 'contest.invitation_accepted' && i.actorId === judge.id,
    );
    expect(accepted).toMatchObject({
      actorId: judge.id,
      actorName: 'Người dùng judge',
      contestTitle: 'Hội thi thử',
    });

    // an action is matched whole unless it ends in a dot
    const partial = await get(
      `/audit?contestId=${contestId}&action=contest.invitation_`,
      organizer,
    );
    expect(partial.status).toBe(200);
    expect(partial.body.items).toEqual([]);
    const malformed = await get(`/audit?contestId=${contestId}&action=DROP%20TABLE`, organizer);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].code).toBe('audit.action_format');
    const exact = await get(
      `/audit?contestId=${contestId}&action=contest.invitation_sent`,
      organizer,
    );
    expect(
      exact.body.items.every((i: { action: string }) => i.action === 'contest.invitation_sent'),
    ).toBe(true);
    expect(exact.body.items).toHaveLength(3);
    const byActor = await get(`/audit?contestId=${contestId}&actorId=${judge.id}`, organizer);
    expect(byActor.body.items.map((i: { action: string }) => i.action)).toEqual([
      'contest.invitation_accepted',
    ]);
    const page = await get(`/audit?contestId=${contestId}&limit=2`, organizer);
    expect(page.body.items).toHaveLength(2);
    const next = await get(
      `/audit?contestId=${contestId}&limit=2&before=${page.body.nextCursor}`,
      organizer,
    );
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(page.body.items[1].id));
    const future = await get(`/audit?contestId=${contestId}&from=2199-01-01T00:00:00Z`, organizer);
    expect(future.body.items).toEqual([]);
    const reversed = await get(
      `/audit?contestId=${contestId}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      organizer,
    );
    expect(reversed.status).toBe(400);

    // without a contest: only what the caller did
    const own = await get('/audit', judge);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { action: string }) => i.action)).toEqual([
      'contest.invitation_accepted',
      'user.registered',
    ]);
    expect(own.body.items.every((i: { actorId: string }) => i.actorId === judge.id)).toBe(true);
    const others = await get(`/audit?actorId=${organizer.id}`, judge);
    expect(others.status).toBe(400);
    expect(others.body.errors[0].code).toBe('audit.contest_required');
    expect((await get(`/audit?contestId=${contestId}`, stranger)).status).toBe(403);
    expect((await get(`/audit?contestId=${contestId}`, contestant)).status).toBe(403);
    const all = await get('/audit?action=contest.', admin);
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(3);
  });

  it('previews an import row by row on a dry run, and reports per-row errors', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đơn vị');
    sheet.addRow(['Mã', 'Tên', 'Cấp', 'Mã đơn vị cha']);
    sheet.addRow(['PY', 'Hội LHPN tỉnh Phú Yên', 'Tỉnh', '']);
    sheet.addRow(['PY.AM', 'Hội LHPN xã An Mỹ', 'Xã', 'PY']);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    const dry = await t
      .http()
      .post('/org-units/import?dryRun=true')
      .set('Authorization', admin.auth)
      .set('Content-Type', XLSX)
      .send(good);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 2 });
    expect(dry.body.items).toEqual([
      {
        rowNumber: 2,
        code: 'PY',
        name: 'Hội LHPN tỉnh Phú Yên',
        kind: 'Tỉnh',
        parentCode: null,
        action: 'create',
      },
      {
        rowNumber: 3,
        code: 'PY.AM',
        name: 'Hội LHPN xã An Mỹ',
        kind: 'Xã',
        parentCode: 'PY',
        action: 'create',
      },
    ]);
    expect(
      (await t.db.query("SELECT count(*) AS n FROM org_units WHERE code LIKE 'PY%'")).rows[0].n,
    ).toBe('0');
    const real = await t
      .http()
      .post('/org-units/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', XLSX)
      .send(good);
    expect(real.body.items.map((i: { action: string }) => i.action)).toEqual(['create', 'create']);
    const again = await t
      .http()
      .post('/org-units/import?dryRun=true')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'text/csv')
      .send(
        'code,name,kind,parent_code\nPY,Hội LHPN tỉnh Phú Yên,Tỉnh,\nPY.AM,Hội LHPN xã An Mỹ mới,Xã,PY\nPY.X,Xã X,Xã,NOPE\n',
      );
    expect(again.status).toBe(400);
    expect(again.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.4.parent_code',
    ]);
    const fixed = await t
      .http()
      .post('/org-units/import?dryRun=true')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'text/csv')
      .send(
        'code,name,kind,parent_code\nPY,Hội LHPN tỉnh Phú Yên,Tỉnh,\nPY.AM,Hội LHPN xã An Mỹ mới,Xã,PY\n',
      );
    expect(fixed.body.items.map((i: { action: string }) => i.action)).toEqual([
      'unchanged',
      'update',
    ]);
  });
  it('refuses more than 60 invitations an hour per contest, writing nothing', async () => {
    await t.db.query(
      `INSERT INTO contest_invitations (contest_id, role, phone, code_hash, expires_at, created_by)
       SELECT $1, 'judge', '+8490000' || lpad(g::text, 4, '0'), md5(random()::text) || g, now() + interval '1 day', $2
         FROM generate_series(1, 60) g`,
      [contestId, organizer.id],
    );
    const before = (await t.db.query('SELECT count(*) AS n FROM contest_invitations')).rows[0].n;
    const res = await post(
      `/contests/${contestId}/invitations`,
      { role: 'judge', phone: '0912 000 111' },
      organizer,
    );
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('contests.invitations_too_many');
    expect(res.headers['retry-after']).toBe('600');
    expect((await t.db.query('SELECT count(*) AS n FROM contest_invitations')).rows[0].n).toBe(
      before,
    );
  });
  it('lets an organizer change the unit tree only under her own unit', async () => {
    const a = await insertUnit(t, { name: 'Xã Ea Tu', code: 'DLK.EATU', parentId: province.id });
    const b = await insertUnit(t, { name: 'Xã Hòa Phú', code: 'DLK.HP', parentId: province.id });
    const other = await insertUnit(t, { name: 'Tỉnh Khánh Hòa', code: 'KH', kind: 'Tỉnh' });
    const c = await insertUnit(t, { name: 'Xã Cam Lâm', code: 'KH.CL', parentId: other.id });
    const unitRow = async (id: string) =>
      (await t.db.query('SELECT name, parent_id, status FROM org_units WHERE id = $1', [id]))
        .rows[0];

    const ok = await post(`/org-units/${a.id}/rename`, { name: 'Xã Ea Tu mới' }, organizer);
    expect(ok.status).toBe(200);
    for (const [path, body] of [
      [`/org-units/${c.id}/rename`, { name: 'Không được' }],
      [`/org-units/${province.id}/rename`, { name: 'Không được' }],
      [`/org-units/${a.id}/move`, { parentId: other.id }],
      [`/org-units/${a.id}/move`, { parentId: null }],
      [`/org-units/${c.id}/move`, { parentId: province.id }],
      [`/org-units/${a.id}/merge`, { sourceIds: [c.id] }],
    ] as const) {
      const res = await post(path, body, organizer);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'org_units.outside_scope',
      });
    }
    expect(await unitRow(c.id)).toEqual({
      name: 'Xã Cam Lâm',
      parent_id: other.id,
      status: 'active',
    });
    expect((await unitRow(a.id)).parent_id).toBe(province.id);
    const merged = await post(`/org-units/${a.id}/merge`, { sourceIds: [b.id] }, organizer);
    expect(merged.status).toBe(200);
    expect((await unitRow(b.id)).status).toBe('merged');
    expect((await post(`/org-units/${c.id}/rename`, { name: 'Xã Cam Lâm' }, admin)).status).toBe(
      200,
    );
    const unitless = await createUser(t, UserRole.Organizer);
    const none = await post(`/org-units/${a.id}/rename`, { name: 'X' }, unitless);
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('org_units.scope_required');

    const csv = (text: string, dryRun = true) =>
      t
        .http()
        .post(`/org-units/import${dryRun ? '?dryRun=true' : ''}`)
        .set('Authorization', organizer.auth)
        .set('Content-Type', 'text/csv')
        .send(text);
    const refused = await csv(
      'code,name,kind,parent_code\nDLK.MOI,Xã Mới,Xã,DLK\nKH.CL,Xã Cam Lâm,Xã,DLK\nROOT,Tỉnh Mới,Tỉnh,\nKH.X,Xã X,Xã,KH\n',
    );
    expect(refused.status).toBe(400);
    expect(
      refused.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    ).toEqual([
      ['rows.3.code', 'org_units.outside_scope'],
      ['rows.4.parent_code', 'org_units.outside_scope'],
      ['rows.5.parent_code', 'org_units.outside_scope'],
    ]);
    const inside = await csv(
      'code,name,kind,parent_code\nDLK.MOI,Xã Mới,Xã,DLK\nDLK.MOI.1,Chi hội 1,Chi hội,DLK.MOI\n',
      false,
    );
    expect(inside.status).toBe(200);
    expect(inside.body).toMatchObject({ created: 2 });
  });

  it("makes a judge of a person who signed up (a contestant's account) to take a judge's invitation, unless she has entered", async () => {
    // a contest of its own (the one above has sent all the invitations an hour allows)
    const made = await post(
      '/contests',
      { slug: 'judge-signup', title: 'Hội thi giám khảo mới', timeZone: 'Asia/Ho_Chi_Minh' },
      organizer,
    );
    expect(made.status).toBe(201);
    const contestId = made.body.id as string;
    // signed up in the app after the invitation came: a contestant's account, never entered
    const newcomer = await createUser(t, UserRole.Contestant, { phone: '0911 222 301' });
    const inv = await post(
      `/contests/${contestId}/invitations`,
      { role: 'judge', phone: '0911222301' },
      organizer,
    );
    expect(inv.status).toBe(201);
    const accepted = await post(
      '/invitations/accept',
      { code: outbox.last('+84911222301')! },
      newcomer,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ contestId, role: 'judge', accountChanged: true });
    // at once, with the same token; a refreshed one names the new kind
    expect((await get('/auth/me', newcomer)).body.role).toBe('judge');
    const refreshed = await t
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: newcomer.refreshToken });
    expect(refreshed.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(refreshed.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims.role).toBe('judge');
    const judges = await get(`/contests/${contestId}/members?role=judge`, organizer);
    expect(judges.body.map((m: { userId: string }) => m.userId)).toContain(newcomer.id);
    const { rows } = await t.db.query(
      "SELECT actor_id, before, after FROM audit_log WHERE action = 'user.access_changed' AND subject_id = $1",
      [newcomer.id],
    );
    expect(rows).toEqual([
      { actor_id: newcomer.id, before: { role: 'contestant' }, after: { role: 'judge' } },
    ]);

    // one who holds a contestant's place in a contest stays a contestant: nobody judges beside
    // her own entries
    const entrant = await createUser(t, UserRole.Contestant, { phone: '0911 222 302' });
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'contestant')`,
      [contestId, entrant.id],
    );
    await post(
      `/contests/${contestId}/invitations`,
      { role: 'judge', phone: '0911222302' },
      organizer,
    );
    const refused = await post(
      '/invitations/accept',
      { code: outbox.last('+84911222302')! },
      entrant,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('contests.invitation_account_kind');
    expect((await get('/auth/me', entrant)).body.role).toBe('contestant');
    // and the invitation is still there to be taken by the right account
    const pending = await get(`/contests/${contestId}/invitations`, organizer);
    expect(pending.body.map((i: { phone: string }) => i.phone)).toContain('+84911222302');
  });
});
