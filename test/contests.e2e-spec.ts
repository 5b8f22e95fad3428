import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Next year: the rounds' windows lie ahead whenever the test runs (a past deadline blocks opening). */
const Y = new Date().getFullYear() + 1;

/** The criteria, announced with the contest: a scored round needs them before it opens. */
const RUBRIC = {
  criteria: [
    { key: 'noi-dung', name: 'Nội dung', weight: 60, max: 10, step: 0.5 },
    { key: 'hinh-thuc', name: 'Hình thức', weight: 40, max: 10, step: 0.5 },
  ],
};

const mediaRules = {
  kinds: ['video', 'image'],
  minCount: 1,
  maxCount: 3,
  maxSizeBytes: 500 * 1024 * 1024,
  minDurationSeconds: 30,
  maxDurationSeconds: 300,
  minResolution: 720,
  landscapeOnly: true,
};

const solutionCategory = {
  code: 'GP',
  name: 'Giải pháp tổ chức sinh hoạt hội',
  description: 'Giải pháp ứng dụng CNTT trong sinh hoạt chi hội',
  position: 1,
  rules: {
    entrants: 'collective',
    maxEntriesPerUnit: 3,
    requiredFields: ['summary', 'contactName', 'contactPhone', 'members'],
    media: { kinds: ['document', 'image'], minCount: 1, maxCount: 5, maxSizeBytes: 20_000_000 },
  },
};

const mediaCategory = {
  code: 'TT',
  name: 'Sản phẩm truyền thông số',
  position: 2,
  rules: {
    entrants: 'both',
    maxEntriesPerUnit: 2,
    requiredFields: ['summary', 'contactEmail'],
    media: mediaRules,
  },
};

describe('contests, categories and rounds', () => {
  let t: TestApp;
  let province: { id: string };
  let commune: { id: string };
  let admin: TestUser;
  let organizer: TestUser;
  let otherOrganizer: TestUser;
  let judge: TestUser;
  let contestant: TestUser;
  let contestId: string;
  let categoryIds: string[] = [];
  let roundIds: string[] = [];

  const api = () => t.http();
  const auditRows = async (action: string, subjectId: string) =>
    (
      await t.db.query<{
        actor_id: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        contest_id: string | null;
        reason: string | null;
      }>(
        'SELECT actor_id, before, after, contest_id, reason FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY id',
        [action, subjectId],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    province = await insertUnit(t, { name: 'Tỉnh Phú Yên', kind: 'Tỉnh' });
    commune = await insertUnit(t, { name: 'Xã An Mỹ', parentId: province.id });
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer, { unitId: province.id });
    otherOrganizer = await createUser(t, UserRole.Organizer);
    judge = await createUser(t, UserRole.Judge);
    contestant = await createUser(t, UserRole.Contestant, { unitId: commune.id });
  });
  afterAll(() => t.close());

  it('an organizer creates a contest in draft and becomes its organizer', async () => {
    const res = await api()
      .post('/contests')
      .set('Authorization', organizer.auth)
      .send({
        slug: 'ung-dung-cntt-2026',
        title: 'Hội thi Ứng dụng CNTT trong tổ chức sinh hoạt hội',
        description: 'Hội thi cấp tỉnh năm 2026',
        ownerUnitId: province.id,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      slug: 'ung-dung-cntt-2026',
      status: 'draft',
      timeZone: 'Asia/Ho_Chi_Minh',
      ownerUnitId: province.id,
      myRoles: ['organizer'],
      settings: { blindJudging: true, juryWeight: 100, publicWeight: 0 },
    });
    contestId = res.body.id;
    const { rows } = await t.db.query(
      'SELECT user_id, role FROM contest_memberships WHERE contest_id = $1',
      [contestId],
    );
    expect(rows).toEqual([{ user_id: organizer.id, role: 'organizer' }]);
    const created = await auditRows('contest.created', contestId);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_id: organizer.id, contest_id: contestId });
  });

  it('adds two categories with their rules', async () => {
    categoryIds = [];
    for (const category of [solutionCategory, mediaCategory]) {
      const res = await api()
        .post(`/contests/${contestId}/categories`)
        .set('Authorization', organizer.auth)
        .send(category)
        .expect(201);
      expect(res.body).toMatchObject({ contestId, code: category.code, name: category.name });
      categoryIds.push(res.body.id);
    }
    const list = await api()
      .get(`/contests/${contestId}/categories`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(list.body.map((c: { name: string }) => c.name)).toEqual([
      'Giải pháp tổ chức sinh hoạt hội',
      'Sản phẩm truyền thông số',
    ]);
    expect(list.body[1].rules).toEqual({
      entrants: 'both',
      maxEntriesPerUnit: 2,
      requiredFields: ['summary', 'contactEmail'],
      media: mediaRules,
    });
    // optional media limits are spelled out
    expect(list.body[0].rules.media).toMatchObject({
      minDurationSeconds: null,
      landscapeOnly: false,
    });
  });

  it('refuses category rules that break the schema, with field errors', async () => {
    const bad = async (rules: unknown, field: string) => {
      const res = await api()
        .post(`/contests/${contestId}/categories`)
        .set('Authorization', organizer.auth)
        .send({ code: 'X', name: 'Lĩnh vực thử', rules })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return res.body;
    };
    const rules = mediaCategory.rules;
    await bad({ ...rules, entrants: 'team' }, 'rules.entrants');
    await bad({ ...rules, maxEntriesPerUnit: 0 }, 'rules.maxEntriesPerUnit');
    const unknownField = await bad(
      { ...rules, requiredFields: ['summary', 'bankAccount'] },
      'rules.requiredFields',
    );
    expect(unknownField.errors[0].code).toBe('contests.required_field_unknown');
    await bad({ ...rules, media: { ...rules.media, kinds: ['gif'] } }, 'rules.media.kinds');
    await bad({ ...rules, media: { ...rules.media, minCount: 4 } }, 'rules.media.minCount');
    await bad(
      { ...rules, media: { ...rules.media, minDurationSeconds: 600 } },
      'rules.media.minDurationSeconds',
    );
    await bad({ ...rules, media: { ...rules.media, fps: 30 } }, 'rules.media.fps');
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM contest_categories WHERE contest_id = $1',
      [contestId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('a duplicate category code is a conflict', async () => {
    const res = await api()
      .post(`/contests/${contestId}/categories`)
      .set('Authorization', organizer.auth)
      .send({ ...mediaCategory, name: 'Trùng mã' })
      .expect(409);
    expect(res.body.code).toBe('contests.category_code_taken');
  });

  it('adds two levels of rounds; local times are stored in UTC', async () => {
    const rounds = [
      {
        position: 1,
        name: 'Nộp bài cấp xã',
        kind: 'submission',
        opensAt: `${Y}-03-01T08:00`,
        closesAt: `${Y}-03-31T17:00`,
        graceSeconds: 300,
        scopeUnitId: province.id,
        scopeDepth: 1,
      },
      {
        position: 2,
        name: 'Sơ khảo cấp xã',
        kind: 'screening',
        opensAt: `${Y}-04-01T08:00:00`,
        closesAt: `${Y}-04-10T17:00:00`,
        scopeUnitId: province.id,
        scopeDepth: 1,
      },
      {
        position: 3,
        name: 'Chấm thi cấp tỉnh',
        kind: 'judging',
        opensAt: `${Y}-04-15T08:00`,
        closesAt: `${Y}-04-30T17:00`,
        scopeUnitId: province.id,
        scopeDepth: 0,
      },
      {
        position: 4,
        name: 'Chung kết',
        kind: 'final',
        opensAt: `${Y}-05-10T01:00:00Z`,
        closesAt: `${Y}-05-10T10:00:00+07:00`,
        scopeDepth: 0,
      },
    ];
    roundIds = [];
    for (const round of rounds) {
      const res = await api()
        .post(`/contests/${contestId}/rounds`)
        .set('Authorization', organizer.auth)
        .send(round)
        .expect(201);
      roundIds.push(res.body.id);
    }
    const first = await api()
      .get(`/contests/${contestId}/rounds/${roundIds[0]}`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(first.body).toMatchObject({
      position: 1,
      status: 'pending',
      opensAt: `${Y}-03-01T01:00:00.000Z`,
      closesAt: `${Y}-03-31T10:00:00.000Z`,
      closesAtLocal: `${Y}-03-31T17:00:00+07:00`,
      closesAtText: `17:00:00 31/03/${Y} (Asia/Ho_Chi_Minh)`,
      graceSeconds: 300,
      scopeUnitId: province.id,
      scopeDepth: 1,
    });
    const { rows } = await t.db.query<{ closes_at: Date; position: number }>(
      `SELECT position, closes_at FROM contest_rounds WHERE contest_id = $1 ORDER BY position`,
      [contestId],
    );
    expect(rows[0].closes_at.toISOString()).toBe(`${Y}-03-31T10:00:00.000Z`);
    expect(rows[3].closes_at.toISOString()).toBe(`${Y}-05-10T03:00:00.000Z`);

    const en = await api()
      .get(`/contests/${contestId}/rounds`)
      .set('Authorization', organizer.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(en.body.map((r: { position: number }) => r.position)).toEqual([1, 2, 3, 4]);
    expect(en.body[0].closesAtText).toBe(`${Y}-03-31 17:00:00 (Asia/Ho_Chi_Minh)`);
  });

  it('refuses rounds out of order, with a bad window, or at a taken position', async () => {
    const base = { name: 'Vòng thử', kind: 'public_vote', scopeDepth: 0 };
    const post = (body: object) =>
      api().post(`/contests/${contestId}/rounds`).set('Authorization', organizer.auth).send(body);

    const early = await post({
      ...base,
      position: 5,
      opensAt: `${Y}-05-01T08:00`,
      closesAt: `${Y}-05-20T08:00`,
    }).expect(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'opensAt', code: 'contests.round_order' });
    expect(early.body.errors[0].message).toContain(`10/05/${Y}`);

    const backwards = await post({
      ...base,
      position: 5,
      opensAt: `${Y}-06-01T08:00`,
      closesAt: `${Y}-06-01T07:00`,
    }).expect(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'closesAt' });

    const badTime = await post({
      ...base,
      position: 5,
      opensAt: `31/05/${Y} 08:00`,
      closesAt: `${Y}-02-30T08:00`,
    }).expect(400);
    expect(badTime.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'opensAt',
      'closesAt',
    ]);

    const taken = await post({
      ...base,
      position: 2,
      opensAt: `${Y}-06-01T08:00`,
      closesAt: `${Y}-06-02T08:00`,
    }).expect(409);
    expect(taken.body.code).toBe('contests.round_position_taken');

    const missingUnit = await post({
      ...base,
      position: 5,
      opensAt: `${Y}-06-01T08:00`,
      closesAt: `${Y}-06-02T08:00`,
      scopeUnitId: '00000000-0000-4000-8000-000000000000',
    }).expect(400);
    expect(missingUnit.body.errors[0]).toMatchObject({
      field: 'scopeUnitId',
      code: 'contests.scope_unit_not_found',
    });

    // moving round 2 to open after round 3 is refused too
    const moved = await api()
      .patch(`/contests/${contestId}/rounds/${roundIds[1]}`)
      .set('Authorization', organizer.auth)
      .send({ opensAt: `${Y}-04-20T08:00`, closesAt: `${Y}-04-25T17:00` })
      .expect(400);
    expect(moved.body.errors[0].code).toBe('contests.round_order_next');

    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM contest_rounds WHERE contest_id = $1',
      [contestId],
    );
    expect(rows[0].n).toBe(4);
  });

  it('changing a round window is audited with before and after', async () => {
    await api()
      .patch(`/contests/${contestId}/rounds/${roundIds[0]}`)
      .set('Authorization', organizer.auth)
      .send({ closesAt: `${Y}-03-31T23:59:59` })
      .expect(200)
      .expect((res) => expect(res.body.closesAt).toBe(`${Y}-03-31T16:59:59.000Z`));
    const rows = await auditRows('round.updated', roundIds[0]);
    expect(rows).toHaveLength(1);
    expect(rows[0].before).toMatchObject({ closesAt: `${Y}-03-31T10:00:00.000Z` });
    expect(rows[0].after).toMatchObject({ closesAt: `${Y}-03-31T16:59:59.000Z` });
  });

  it('adds a judge limited to one category', async () => {
    const res = await api()
      .post(`/contests/${contestId}/members`)
      .set('Authorization', organizer.auth)
      .send({ userId: judge.id, role: 'judge', categoryIds: [categoryIds[1]] })
      .expect(201);
    expect(res.body).toMatchObject({
      userId: judge.id,
      role: 'judge',
      categoryIds: [categoryIds[1]],
    });
    const members = await api()
      .get(`/contests/${contestId}/members`)
      .set('Authorization', organizer.auth)
      .expect(200);
    expect(
      members.body.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort(),
    ).toEqual(
      [
        [judge.id, 'judge'],
        [organizer.id, 'organizer'],
      ].sort(),
    );
    const rows = await auditRows('contest.member_added', contestId);
    expect(rows.at(-1)?.after).toEqual({
      userId: judge.id,
      role: 'judge',
      categoryIds: [categoryIds[1]],
    });
  });

  it('refuses members that do not fit', async () => {
    const post = (body: object) =>
      api().post(`/contests/${contestId}/members`).set('Authorization', organizer.auth).send(body);
    const wrongKind = await post({ userId: contestant.id, role: 'judge' }).expect(400);
    expect(wrongKind.body.errors[0].code).toBe('contests.member_role_mismatch');
    const foreign = await post({
      userId: judge.id,
      role: 'judge',
      categoryIds: ['00000000-0000-4000-8000-000000000000'],
    }).expect(400);
    expect(foreign.body.errors[0].field).toBe('categoryIds');
    const ghost = await post({
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'judge',
    }).expect(400);
    expect(ghost.body.errors[0].code).toBe('contests.user_not_found');
  });

  it('a contestant cannot create or change contests', async () => {
    await api()
      .post('/contests')
      .set('Authorization', contestant.auth)
      .send({ slug: 'cua-thi-sinh', title: 'Cuộc thi của thí sinh' })
      .expect(403);
    await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', contestant.auth)
      .send({ title: 'Đổi tên' })
      .expect(403);
    await api()
      .post(`/contests/${contestId}/categories`)
      .set('Authorization', contestant.auth)
      .send({ ...mediaCategory, code: 'X' })
      .expect(403);
    await api()
      .post(`/contests/${contestId}/status`)
      .set('Authorization', contestant.auth)
      .send({ status: 'open' })
      .expect(403);
    const { rows } = await t.db.query('SELECT title, status FROM contests WHERE id = $1', [
      contestId,
    ]);
    expect(rows[0]).toEqual({
      title: 'Hội thi Ứng dụng CNTT trong tổ chức sinh hoạt hội',
      status: 'draft',
    });
  });

  it('a draft is hidden from non-members and from the public', async () => {
    await api().get(`/contests/${contestId}`).set('Authorization', contestant.auth).expect(404);
    await api().get(`/contests/${contestId}`).set('Authorization', otherOrganizer.auth).expect(404);
    await api().get('/public/contests/ung-dung-cntt-2026').expect(404);
    await api().get(`/contests/${contestId}`).expect(401);
    const list = await api().get('/contests').set('Authorization', contestant.auth).expect(200);
    expect(list.body.items).toEqual([]);
    // an organizer account that is not a member of this contest cannot change it
    await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', otherOrganizer.auth)
      .send({ title: 'Không phải của tôi' })
      .expect(403);
  });

  it('a judge can read the contest but not change it', async () => {
    const res = await api()
      .get(`/contests/${contestId}`)
      .set('Authorization', judge.auth)
      .expect(200);
    expect(res.body.myRoles).toEqual(['judge']);
    expect(res.body.categories).toHaveLength(2);
    expect(res.body.rounds).toHaveLength(4);
    await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', judge.auth)
      .send({ settings: { blindJudging: false } })
      .expect(403);
    await api()
      .patch(`/contests/${contestId}/rounds/${roundIds[0]}`)
      .set('Authorization', judge.auth)
      .send({ name: 'Đổi tên' })
      .expect(403);
    await api()
      .post(`/contests/${contestId}/rounds/${roundIds[0]}/status`)
      .set('Authorization', judge.auth)
      .send({ status: 'open' })
      .expect(403);
    await api().get(`/contests/${contestId}/members`).set('Authorization', judge.auth).expect(403);
  });

  it('weights that do not add up to 100 are refused with field errors', async () => {
    const res = await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', organizer.auth)
      .send({ settings: { juryWeight: 70, publicWeight: 20 } })
      .expect(400);
    expect(res.body.code).toBe('common.validation_failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'settings.juryWeight', code: 'contests.weights_sum' }),
      expect.objectContaining({ field: 'settings.publicWeight', code: 'contests.weights_sum' }),
    ]);
    expect(res.body.errors[0].message).toContain('90');
    const alone = await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', organizer.auth)
      .send({ settings: { publicWeight: 30 } })
      .expect(400);
    expect(alone.body.errors[0].field).toBe('settings.juryWeight');
  });

  it('refuses bad slugs, time zones, prize tiers and unknown fields', async () => {
    const create = (body: object) =>
      api()
        .post('/contests')
        .set('Authorization', organizer.auth)
        .send({ slug: 'hop-le', title: 'Cuộc thi thử', ...body });
    for (const slug of ['Hoi-Thi', 'hội-thi', 'hoi thi', 'hoi--thi', '-hoi']) {
      const res = await create({ slug }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'slug', code: 'contests.invalid_slug' });
    }
    const zone = await create({ timeZone: 'Asia/Ha_Noi' }).expect(400);
    expect(zone.body.errors[0]).toMatchObject({
      field: 'timeZone',
      code: 'contests.invalid_time_zone',
    });
    const tiers = await create({
      settings: { prizeTiers: { first: 1, second: -1, third: 1, consolation: 1.5 } },
    }).expect(400);
    expect(tiers.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'settings.prizeTiers.consolation',
      'settings.prizeTiers.second',
    ]);
    const unknown = await create({ status: 'open' }).expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'status', code: 'field.unknown' });
    const nested = await create({ settings: { juryWeight: 100, bonus: 5 } }).expect(400);
    expect(nested.body.errors[0]).toMatchObject({ field: 'settings.bonus', code: 'field.unknown' });
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM contests WHERE slug = 'hop-le'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('a duplicate slug is a conflict', async () => {
    const res = await api()
      .post('/contests')
      .set('Authorization', admin.auth)
      .send({ slug: 'ung-dung-cntt-2026', title: 'Trùng đường dẫn' })
      .expect(409);
    expect(res.body.code).toBe('contests.slug_taken');
    const en = await api()
      .post('/contests')
      .set('Authorization', admin.auth)
      .set('Accept-Language', 'en')
      .send({ slug: 'ung-dung-cntt-2026', title: 'Trùng đường dẫn' })
      .expect(409);
    expect(en.body.message).toBe(
      'The slug "ung-dung-cntt-2026" is already used by another contest.',
    );
  });

  it('settings changes are recorded with before and after', async () => {
    const res = await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', organizer.auth)
      .send({
        settings: {
          juryWeight: 70,
          publicWeight: 30,
          prizeTiers: { first: 1, second: 2, third: 3, consolation: 10 },
        },
      })
      .expect(200);
    expect(res.body.settings).toEqual({
      blindJudging: true,
      juryWeight: 70,
      publicWeight: 30,
      prizeTiers: { first: 1, second: 2, third: 3, consolation: 10 },
    });
    const rows = await auditRows('contest.settings_changed', contestId);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(organizer.id);
    expect(rows[0].before).toEqual({
      settings: {
        blindJudging: true,
        juryWeight: 100,
        publicWeight: 0,
        prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
      },
    });
    expect(rows[0].after).toEqual({ settings: res.body.settings });
  });

  it('the time zone is fixed once rounds exist', async () => {
    const res = await api()
      .patch(`/contests/${contestId}`)
      .set('Authorization', organizer.auth)
      .send({ timeZone: 'Asia/Bangkok' })
      .expect(409);
    expect(res.body.code).toBe('contests.time_zone_locked');
  });

  it('status moves one step at a time; other moves are refused naming the allowed ones', async () => {
    const skip = await api()
      .post(`/contests/${contestId}/status`)
      .set('Authorization', organizer.auth)
      .send({ status: 'published' })
      .expect(409);
    expect(skip.body.code).toBe('contests.invalid_transition');
    expect(skip.body.message).toBe(
      'Không thể chuyển cuộc thi từ "đang soạn" sang "đã công bố kết quả". Có thể chuyển sang: đang nhận bài.',
    );

    // the judging round and the final have no criteria yet: the checklist's required item
    const early = await api()
      .post(`/contests/${contestId}/status`)
      .set('Authorization', organizer.auth)
      .send({ status: 'open' })
      .expect(409);
    expect(early.body.message).toBe(
      'Chưa mở được hội thi: còn thiếu tiêu chí chấm cho mỗi vòng chấm. Bổ sung các mục này trong phần thiết lập rồi mở lại.',
    );
    for (const roundId of [roundIds[2], roundIds[3]]) {
      await api()
        .put(`/judging/rounds/${roundId}/rubrics`)
        .set('Authorization', organizer.auth)
        .send(RUBRIC)
        .expect(200);
    }

    await api()
      .post(`/contests/${contestId}/status`)
      .set('Authorization', organizer.auth)
      .send({ status: 'open', reason: 'Bắt đầu nhận bài' })
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('open'));

    const back = await api()
      .post(`/contests/${contestId}/status`)
      .set('Authorization', organizer.auth)
      .set('Accept-Language', 'en')
      .send({ status: 'draft' })
      .expect(409);
    expect(back.body.message).toBe(
      'The contest cannot go from "open" to "draft". Allowed: judging.',
    );
    const { rows } = await t.db.query('SELECT status FROM contests WHERE id = $1', [contestId]);
    expect(rows[0].status).toBe('open');
    const audit = await auditRows('contest.status_changed', contestId);
    expect(audit).toEqual([
      expect.objectContaining({
        before: { status: 'draft' },
        after: { status: 'open' },
        reason: 'Bắt đầu nhận bài',
      }),
    ]);
  });

  it('an open contest can be read by anyone', async () => {
    const pub = await api().get('/public/contests/ung-dung-cntt-2026').expect(200);
    expect(pub.body).toMatchObject({ id: contestId, status: 'open', myRoles: [] });
    expect(pub.body.rounds[0].closesAtLocal).toBe(`${Y}-03-31T23:59:59+07:00`);
    const byId = await api().get(`/public/contests/${contestId}`).expect(200);
    expect(byId.body.slug).toBe('ung-dung-cntt-2026');
    const list = await api().get('/public/contests').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([contestId]);
    await api().get(`/contests/${contestId}`).set('Authorization', contestant.auth).expect(200);
  });

  it('organizers open and close rounds; other moves are refused', async () => {
    const url = `/contests/${contestId}/rounds/${roundIds[0]}/status`;
    const premature = await api()
      .post(url)
      .set('Authorization', organizer.auth)
      .send({ status: 'closed' })
      .expect(409);
    expect(premature.body.code).toBe('contests.round_invalid_transition');
    expect(premature.body.message).toBe(
      'Không thể chuyển vòng thi từ "chưa mở" sang "đã đóng". Có thể chuyển sang: đang mở.',
    );
    await api()
      .post(url)
      .set('Authorization', organizer.auth)
      .send({ status: 'open' })
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('open'));
    await api()
      .post(url)
      .set('Authorization', organizer.auth)
      .send({ status: 'pending' })
      .expect(400);
    await api().post(url).set('Authorization', admin.auth).send({ status: 'closed' }).expect(200);
    const audit = await auditRows('round.status_changed', roundIds[0]);
    expect(audit.map((a) => [a.before?.status, a.after?.status])).toEqual([
      ['pending', 'open'],
      ['open', 'closed'],
    ]);
    // a round that has run is not deleted
    await api()
      .delete(`/contests/${contestId}/rounds/${roundIds[0]}`)
      .set('Authorization', organizer.auth)
      .expect(409);
  });

  it('members are removed, but the last organizer stays', async () => {
    const members = await api()
      .get(`/contests/${contestId}/members`)
      .set('Authorization', organizer.auth)
      .expect(200);
    const organizerMember = members.body.find((m: { role: string }) => m.role === 'organizer');
    const judgeMember = members.body.find((m: { role: string }) => m.role === 'judge');
    const last = await api()
      .delete(`/contests/${contestId}/members/${organizerMember.id}`)
      .set('Authorization', organizer.auth)
      .expect(409);
    expect(last.body.code).toBe('contests.last_organizer');
    await api()
      .delete(`/contests/${contestId}/members/${judgeMember.id}`)
      .set('Authorization', organizer.auth)
      .expect(204);
    const rows = await auditRows('contest.member_removed', contestId);
    expect(rows[0].before).toMatchObject({ userId: judge.id, role: 'judge' });
    // no longer a member: the judge now only sees what the public sees
    const res = await api()
      .get(`/contests/${contestId}`)
      .set('Authorization', judge.auth)
      .expect(200);
    expect(res.body.myRoles).toEqual([]);
  });

  it('category changes are audited; deleting a category is audited too', async () => {
    await api()
      .patch(`/contests/${contestId}/categories/${categoryIds[1]}`)
      .set('Authorization', organizer.auth)
      .send({ rules: { ...mediaCategory.rules, maxEntriesPerUnit: 3 } })
      .expect(200)
      .expect((res) => expect(res.body.rules.maxEntriesPerUnit).toBe(3));
    const updated = await auditRows('category.updated', categoryIds[1]);
    expect(updated).toHaveLength(1);
    expect(updated[0].before).toMatchObject({ rules: { maxEntriesPerUnit: 2 } });
    expect(updated[0].after).toMatchObject({ rules: { maxEntriesPerUnit: 3 } });

    const extra = await api()
      .post(`/contests/${contestId}/categories`)
      .set('Authorization', admin.auth)
      .send({ ...mediaCategory, code: 'TAM', name: 'Lĩnh vực tạm' })
      .expect(201);
    await api()
      .delete(`/contests/${contestId}/categories/${extra.body.id}`)
      .set('Authorization', organizer.auth)
      .expect(204);
    expect(await auditRows('category.deleted', extra.body.id)).toHaveLength(1);
    await api()
      .get(`/contests/${contestId}/categories/${extra.body.id}`)
      .set('Authorization', organizer.auth)
      .expect(404);
  });

  it('garbage ids answer 400, unknown ones 404', async () => {
    await api().get('/contests/not-a-uuid').set('Authorization', organizer.auth).expect(400);
    await api()
      .get('/contests/00000000-0000-4000-8000-000000000000')
      .set('Authorization', organizer.auth)
      .expect(404);
    await api()
      .patch('/contests/00000000-0000-4000-8000-000000000000')
      .set('Authorization', organizer.auth)
      .send({ title: 'Không có' })
      .expect(404);
  });

  it('a contest opens only once the required items of its checklist are done, and says what is missing', async () => {
    const res = await api()
      .post('/contests')
      .set('Authorization', admin.auth)
      .send({ slug: 'cuoc-thi-trong', title: 'Cuộc thi chưa có gì' })
      .expect(201);
    expect(res.body.myRoles).toEqual(['organizer']);
    const id = res.body.id as string;
    const open = (lang = 'vi') =>
      api()
        .post(`/contests/${id}/status`)
        .set('Authorization', admin.auth)
        .set('Accept-Language', lang)
        .send({ status: 'open' });
    const empty = await open().expect(409);
    expect(empty.body).toMatchObject({
      code: 'contests.not_ready',
      message:
        'Chưa mở được hội thi: còn thiếu ít nhất một lĩnh vực dự thi, một vòng nhận bài, thời gian hợp lệ cho các vòng (mở trước khi đóng, hạn nộp bài chưa qua). Bổ sung các mục này trong phần thiết lập rồi mở lại.',
    });
    expect((await open('en').expect(409)).body.message).toBe(
      'The contest cannot open yet: at least one category, a submission round, valid round windows (each opens before it closes, the submission deadline not past) still missing. Add them in the setup, then open it again.',
    );

    // a category and a submission round whose deadline has passed: the windows are still missing
    await api()
      .post(`/contests/${id}/categories`)
      .set('Authorization', admin.auth)
      .send(solutionCategory)
      .expect(201);
    const past = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const submission = await api()
      .post(`/contests/${id}/rounds`)
      .set('Authorization', admin.auth)
      .send({
        position: 1,
        name: 'Nhận bài',
        kind: 'submission',
        opensAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
        closesAt: past,
      })
      .expect(201);
    const judging = await api()
      .post(`/contests/${id}/rounds`)
      .set('Authorization', admin.auth)
      .send({
        position: 2,
        name: 'Chấm thi',
        kind: 'judging',
        opensAt: `${Y}-04-15T08:00`,
        closesAt: `${Y}-04-30T17:00`,
      })
      .expect(201);
    expect((await open().expect(409)).body.message).toBe(
      'Chưa mở được hội thi: còn thiếu thời gian hợp lệ cho các vòng (mở trước khi đóng, hạn nộp bài chưa qua), tiêu chí chấm cho mỗi vòng chấm. Bổ sung các mục này trong phần thiết lập rồi mở lại.',
    );
    // the console's checklist says the same
    const checklist = await api()
      .get(`/contests/${id}/checklist`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(checklist.body.ready).toBe(false);
    expect(
      (checklist.body.items as { key: string; done: boolean; required: boolean }[])
        .filter((i) => i.required && !i.done)
        .map((i) => i.key),
    ).toEqual(['roundWindows', 'rubrics']);

    await api()
      .patch(`/contests/${id}/rounds/${submission.body.id}`)
      .set('Authorization', admin.auth)
      .send({ closesAt: `${Y}-03-31T17:00` })
      .expect(200);
    await api()
      .put(`/judging/rounds/${judging.body.id}/rubrics`)
      .set('Authorization', admin.auth)
      .send(RUBRIC)
      .expect(200);
    expect((await open().expect(200)).body.status).toBe('open');
    const { rows } = await t.db.query('SELECT status FROM contests WHERE id = $1', [id]);
    expect(rows[0].status).toBe('open');
  });

  it('two contests racing for one slug: exactly one wins', async () => {
    const results = await Promise.all(
      [admin, organizer, otherOrganizer].map((user) =>
        api()
          .post('/contests')
          .set('Authorization', user.auth)
          .send({ slug: 'cung-duong-dan', title: 'Cùng một đường dẫn' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM contests WHERE slug = 'cung-duong-dan'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('the OpenAPI document covers the contest endpoints', async () => {
    const res = await api().get('/docs/openapi.json').expect(200);
    const paths = Object.keys(res.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/contests',
        '/contests/{contestId}',
        '/contests/{contestId}/status',
        '/contests/{contestId}/members',
        '/contests/{contestId}/categories',
        '/contests/{contestId}/rounds',
        '/contests/{contestId}/rounds/{roundId}/status',
        '/public/contests/{idOrSlug}',
      ]),
    );
  });
});
