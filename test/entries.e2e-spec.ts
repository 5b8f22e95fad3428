import { EventBus, EntryChangedEvent } from '../src/common/events/event-bus';
import { UnitOfWork } from '../src/common/events/unit-of-work';
import { UserRole } from '../src/users/entities/user.entity';
import { auditCount, draft, entryRow, seedContest, SeededContest } from './entries.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('Entries: the workflow of one contest, as each role', () => {
  let t: TestApp;
  let c: SeededContest;
  let admin: TestUser, organizer: TestUser, judge: TestUser, outsider: TestUser;
  let cA: TestUser, cB: TestUser;
  let units: { p: string; a: string; a1: string; b: string };
  const events: EntryChangedEvent[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const p = await insertUnit(t, { name: 'Hội LHPN tỉnh Đắk Lắk', kind: 'Tỉnh' });
    const a = await insertUnit(t, { name: 'Hội LHPN xã Tân Lập', parentId: p.id });
    const a1 = await insertUnit(t, { name: 'Chi hội thôn 3', kind: 'Chi hội', parentId: a.id });
    const b = await insertUnit(t, { name: 'Hội LHPN xã Đồng Tâm', parentId: p.id });
    units = { p: p.id, a: a.id, a1: a1.id, b: b.id };
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer);
    judge = await createUser(t, UserRole.Judge);
    outsider = await createUser(t, UserRole.Organizer);
    cA = await createUser(t, UserRole.Contestant, { unitId: a.id });
    cB = await createUser(t, UserRole.Contestant, { unitId: b.id });
    c = await seedContest(t, { organizers: [organizer.id], judges: [judge.id] });
    t.app.get(EventBus).subscribe('entry.changed', (e) => {
      events.push(e);
    });
  });
  afterAll(() => t.close());

  const http = () => t.http();
  const create = (u: TestUser, body: Record<string, unknown>) =>
    http().post(`/contests/${c.contestId}/entries`).set('Authorization', u.auth).send(body);
  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    http().post(`/entries/${id}/${action}`).set('Authorization', u.auth).send(body);
  const list = (u: TestUser, query: Record<string, string | number | boolean> = {}) =>
    http().get(`/contests/${c.contestId}/entries`).set('Authorization', u.auth).query(query);
  const flush = () => new Promise((r) => setImmediate(r));

  it('contestants create drafts for their own unit, within the category rules', async () => {
    let res = await create(
      cA,
      draft(c.categories.solution, 'Sinh hoạt chi hội qua Zalo ở Phú Yên'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      unitId: units.a,
      unitName: 'Hội LHPN xã Tân Lập',
      contactPhone: '+84912345678',
      allowedActions: ['submit'],
      version: 0,
    });
    ids.a1 = res.body.id;
    // The digital-media category takes individual entries only.
    res = await create(cA, draft(c.categories.media, 'Clip tuyên truyền'));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      field: 'authorType',
      code: 'entries.author_type_not_allowed',
    });
    res = await create(cA, {
      ...draft(c.categories.media, 'Clip tuyên truyền chuyển đổi số'),
      authorType: 'individual',
      members: [],
    });
    expect(res.status).toBe(201);
    ids.a2 = res.body.id;
    for (const [key, title] of [
      ['b1', 'Chuyển đổi số trong sinh hoạt hội'],
      ['b2', 'Bản nháp bí mật của xã Đồng Tâm'],
      ['b3', 'Bài sao chép'],
      ['b4', 'Bài sẽ rút lại'],
    ]) {
      res = await create(cB, draft(c.categories.solution, title));
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
    // Organizers, judges and admins do not create entries.
    res = await create(organizer, draft(c.categories.solution, 'Không được'));
    expect(res.status).toBe(403);
  });

  it("a contestant can neither read nor change another unit's draft", async () => {
    const before = await entryRow(t, ids.b2);
    let res = await http().get(`/entries/${ids.b2}`).set('Authorization', cA.auth);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('bí mật');
    res = await http()
      .patch(`/entries/${ids.b2}`)
      .set('Authorization', cA.auth)
      .send({ title: 'Đã bị sửa' });
    expect(res.status).toBe(404);
    expect((await act(cA, ids.b2, 'submit')).status).toBe(404);
    expect(await entryRow(t, ids.b2)).toEqual(before);
    // Their own list shows only their unit, whatever unitId they ask for.
    res = await list(cA, { unitId: units.b });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    res = await list(cA);
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a1, ids.a2].sort());
    // Anonymous: no token, no entry. An organizer of another contest sees nothing either.
    expect((await http().get(`/entries/${ids.b2}`)).status).toBe(401);
    expect(
      (await http().get(`/entries/${ids.b2}`).set('Authorization', outsider.auth)).status,
    ).toBe(404);
    expect((await list(outsider)).status).toBe(404);
    // The organizer of this contest and an admin see it.
    expect(
      (await http().get(`/entries/${ids.b2}`).set('Authorization', organizer.auth)).body.title,
    ).toBe('Bản nháp bí mật của xã Đồng Tâm');
    expect((await http().get(`/entries/${ids.b2}`).set('Authorization', admin.auth)).status).toBe(
      200,
    );
  });

  it('drafts are edited by their unit (audited), then submission freezes a version', async () => {
    let res = await http()
      .patch(`/entries/${ids.a1}`)
      .set('Authorization', cA.auth)
      .send({ summary: 'Họp chi hội trực tuyến qua nhóm Zalo, khảo sát bằng Google Forms.' });
    expect(res.status).toBe(200);
    events.length = 0;
    res = await act(cA, ids.a1, 'submit');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'submitted',
      version: 1,
      currentRoundId: c.rounds.submission,
    });
    await flush();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'entry.changed',
        entryId: ids.a1,
        contestId: c.contestId,
        unitId: units.a,
        status: 'submitted',
        previousStatus: 'draft',
        action: 'submitted',
      }),
    ]);
    for (const key of ['a2', 'b1', 'b3', 'b4']) {
      const u = key.startsWith('a') ? cA : cB;
      expect((await act(u, ids[key], 'submit')).status).toBe(200);
    }
    const { rows } = await t.db.query(
      `SELECT version, snapshot FROM entry_versions WHERE entry_id = $1`,
      [ids.a1],
    );
    expect(rows).toEqual([
      {
        version: 1,
        snapshot: expect.objectContaining({
          title: 'Sinh hoạt chi hội qua Zalo ở Phú Yên',
          unitName: 'Hội LHPN xã Tân Lập',
          summary: 'Họp chi hội trực tuyến qua nhóm Zalo, khảo sát bằng Google Forms.',
        }),
      },
    ]);
    // Submitted entries are no longer editable.
    res = await http()
      .patch(`/entries/${ids.a1}`)
      .set('Authorization', cA.auth)
      .send({ title: 'Sửa muộn' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.not_editable');
  });

  it('a judge sees nothing before the entries reach a judging round', async () => {
    expect((await http().get(`/entries/${ids.a1}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
    const res = await list(judge);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('screening: eligible, or disqualified with a reason; the unit withdraws before screening', async () => {
    for (const key of ['a1', 'a2', 'b1'])
      expect((await act(organizer, ids[key], 'screen', { decision: 'eligible' })).body.status).toBe(
        'eligible',
      );
    let res = await act(organizer, ids.b3, 'screen', { decision: 'disqualified' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('entries.reason_required');
    res = await act(organizer, ids.b3, 'screen', {
      decision: 'disqualified',
      reason: 'Sao chép bài của đơn vị khác',
    });
    expect(res.body).toMatchObject({
      status: 'disqualified',
      disqualificationReason: 'Sao chép bài của đơn vị khác',
    });
    // Contestants and judges cannot screen.
    expect((await act(cA, ids.a1, 'screen', { decision: 'eligible' })).status).toBe(403);
    // a judge not (yet) assigned to the entry is not even told it exists
    expect((await act(judge, ids.a1, 'screen', { decision: 'eligible' })).status).toBe(404);
    res = await act(cB, ids.b4, 'withdraw');
    expect(res.body.status).toBe('withdrawn');
    // Withdrawal is no longer possible once screened.
    res = await act(cA, ids.a1, 'withdraw');
    expect(res.status).toBe(409);
  });

  it('invalid transitions answer 409 naming the status and the allowed transitions; nothing changes', async () => {
    // Submit a withdrawn entry
    let row = await entryRow(t, ids.b4);
    let audits = await auditCount(t, ids.b4);
    events.length = 0;
    let res = await act(cB, ids.b4, 'submit');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.invalid_transition');
    expect(res.body.message).toBe(
      'Không thể thực hiện "nộp bài": bài dự thi đang ở trạng thái "đã rút". Các thao tác được phép: không có.',
    );
    res = await act(cB, ids.b4, 'submit').set('Accept-Language', 'en');
    expect(res.body.message).toBe(
      'Cannot "submit": the entry is "withdrawn". Allowed transitions: none.',
    );
    expect(await entryRow(t, ids.b4)).toEqual(row);
    expect(await auditCount(t, ids.b4)).toBe(audits);
    // Advance a disqualified entry (with a valid one in the same request: all or nothing)
    row = await entryRow(t, ids.b3);
    const rowA1 = await entryRow(t, ids.a1);
    audits = await auditCount(t, ids.b3);
    const auditsA1 = await auditCount(t, ids.a1);
    res = await http()
      .post(`/contests/${c.contestId}/rounds/${c.rounds.submission}/advance`)
      .set('Authorization', organizer.auth)
      .set('Accept-Language', 'en')
      .send({ entryIds: [ids.a1, ids.b3] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.invalid_transition');
    expect(res.body.message).toContain('"disqualified"');
    // Screening an eligible entry again names what an eligible entry allows.
    res = await act(organizer, ids.a1, 'screen', { decision: 'eligible' }).set(
      'Accept-Language',
      'en',
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'Cannot "accept": the entry is "eligible". Allowed transitions: advance, eliminate.',
    );
    expect(await entryRow(t, ids.b3)).toEqual(row);
    expect(await entryRow(t, ids.a1)).toEqual(rowA1);
    expect(await auditCount(t, ids.b3)).toBe(audits);
    expect(await auditCount(t, ids.a1)).toBe(auditsA1);
    await flush();
    expect(events).toEqual([]);
  });

  it('advancement by hand brings entries into the commune judging round; judges see the frozen version', async () => {
    let res = await http()
      .post(`/contests/${c.contestId}/rounds/${c.rounds.submission}/advance`)
      .set('Authorization', cA.auth)
      .send({ entryIds: [ids.a1] });
    expect(res.status).toBe(403);
    res = await http()
      .post(`/contests/${c.contestId}/rounds/${c.rounds.submission}/advance`)
      .set('Authorization', organizer.auth)
      .send({ entryIds: [ids.a1, ids.a2, ids.b1] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fromRoundId: c.rounds.submission,
      toRoundId: c.rounds.commune,
      eliminated: [],
    });
    expect(res.body.advanced.sort()).toEqual([ids.a1, ids.a2, ids.b1].sort());
    // In a judging round but not yet assigned to the judge: still nothing.
    expect((await http().get(`/entries/${ids.a1}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
    expect((await list(judge)).body.items).toEqual([]);
    // Judging assigns the three entries to the judge (as its assignment would).
    await t.db.query(
      `INSERT INTO judging_assignments (round_id, entry_id, judge_id) SELECT $1, unnest($2::uuid[]), $3`,
      [c.rounds.commune, [ids.a1, ids.a2, ids.b1], judge.id],
    );
    res = await http().get(`/entries/${ids.a1}`).set('Authorization', judge.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      blind: false,
      version: 1,
      title: 'Sinh hoạt chi hội qua Zalo ở Phú Yên',
      unitName: 'Hội LHPN xã Tân Lập',
      members: [
        { name: 'Nguyễn Thị Hoa', role: 'Chi hội trưởng' },
        { name: 'Lê Thị Lan', role: null },
      ],
    });
    expect(res.body.ownerId).toBeUndefined();
    res = await list(judge, { sort: 'title' });
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [ids.a1, ids.a2, ids.b1].sort(),
    );
    // Still not the draft, nor the disqualified one.
    expect((await http().get(`/entries/${ids.b2}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
    expect((await http().get(`/entries/${ids.b3}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
  });

  it('with blind judging on, judges see no members, unit, contact or owner', async () => {
    await t.db.query(
      `UPDATE contests SET settings = jsonb_set(settings, '{blindJudging}', 'true') WHERE id = $1`,
      [c.contestId],
    );
    let res = await http().get(`/entries/${ids.a1}`).set('Authorization', judge.auth);
    expect(res.body.blind).toBe(true);
    for (const field of [
      'members',
      'unitId',
      'unitName',
      'contactName',
      'contactPhone',
      'contactEmail',
      'ownerId',
    ])
      expect(res.body).not.toHaveProperty(field);
    expect(JSON.stringify(res.body)).not.toContain('Tân Lập');
    res = await list(judge);
    expect(res.body.items.length).toBe(3);
    for (const item of res.body.items) expect(item).toMatchObject({ unitId: null, unitName: null });
    await t.db.query(
      `UPDATE contests SET settings = jsonb_set(settings, '{blindJudging}', 'false') WHERE id = $1`,
      [c.contestId],
    );
  });

  it("top N of each category per unit by the round's result moves on to the provincial final and eliminates the others", async () => {
    // Entries leave only a round that was opened and has reached its opening time.
    await t.db.query(
      `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 hour' WHERE id = $1`,
      [c.rounds.commune],
    );
    const advance = (body: Record<string, unknown>) =>
      http()
        .post(`/contests/${c.contestId}/rounds/${c.rounds.commune}/advance`)
        .set('Authorization', organizer.auth)
        .send(body);
    let res = await advance({ topNPerUnit: 1, eliminateOthers: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.no_ranking');
    res = await advance({ topNPerUnit: 1, entryIds: [ids.a1] });
    expect(res.status).toBe(400);
    // The result judging fixes: ranks within each category of each commune; a2 (alone in its
    // category in its commune) was never scored.
    await t.db.query(
      `INSERT INTO round_rankings (round_id, entry_id, rank, score) VALUES ($1, $2, 1, 92.5), ($1, $3, 1, 88), ($1, $4, 1, NULL)`,
      [c.rounds.commune, ids.a1, ids.b1, ids.a2],
    );
    res = await advance({ topNPerUnit: 1, eliminateOthers: true });
    expect(res.status).toBe(200);
    // Grouped by category and commune (scope depth 1): a1 best of xã Tân Lập, b1 best of xã
    // Đồng Tâm; an entry without a score is not forwarded by rank.
    expect(res.body.advanced.sort()).toEqual([ids.a1, ids.b1].sort());
    expect(res.body.eliminated).toEqual([ids.a2]);
    expect((await entryRow(t, ids.a1)).current_round_id).toBe(c.rounds.province);
    expect((await entryRow(t, ids.a2)).status).toBe('eliminated');
    const { rows } = await t.db.query(
      `SELECT after, actor_id FROM audit_log WHERE subject_id = $1 AND action = 'entry.advanced' ORDER BY id`,
      [ids.a1],
    );
    expect(rows.map((r) => r.after)).toEqual([
      expect.objectContaining({
        source: 'manual',
        fromRoundId: c.rounds.submission,
        toRoundId: c.rounds.commune,
      }),
      expect.objectContaining({
        source: 'top_n',
        fromRoundId: c.rounds.commune,
        toRoundId: c.rounds.province,
        rank: 1,
      }),
    ]);
    expect(rows.every((r) => r.actor_id === organizer.id)).toBe(true);
    // The eliminated entry is out of judging.
    expect((await http().get(`/entries/${ids.a2}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
  });

  it('the best are awarded; the organizer reads the whole history across rounds', async () => {
    // Prizes are decided in the provincial final, once it has opened.
    await t.db.query(
      `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 minute' WHERE id = $1`,
      [c.rounds.province],
    );
    let res = await act(organizer, ids.a1, 'award', { reason: 'Giải Nhất' });
    expect(res.body.status).toBe('awarded');
    res = await act(admin, ids.a2, 'award');
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('"dừng lại"');
    res = await http().get(`/entries/${ids.a1}/history`).set('Authorization', organizer.auth);
    expect(res.status).toBe(200);
    expect(
      res.body.rounds.map((r: { roundId: string; status: string; source: string }) => [
        r.roundId,
        r.status,
        r.source,
      ]),
    ).toEqual([
      [c.rounds.submission, 'advanced', 'submission'],
      [c.rounds.commune, 'advanced', 'manual'],
      [c.rounds.province, 'active', 'top_n'],
    ]);
    expect(res.body.audit.map((a: { action: string }) => a.action)).toEqual([
      'entry.created',
      'entry.updated',
      'entry.submitted',
      'entry.accepted',
      'entry.advanced',
      'entry.advanced',
      'entry.awarded',
    ]);
    expect(res.body.audit[1]).toMatchObject({
      before: { summary: expect.any(String) },
      after: { summary: expect.stringContaining('Zalo') },
    });
    expect(
      (await http().get(`/entries/${ids.a1}/history`).set('Authorization', cA.auth)).status,
    ).toBe(403);
    expect(
      (await http().get(`/entries/${ids.a1}/history`).set('Authorization', judge.auth)).status,
    ).toBe(403);
    expect(
      (await http().get(`/entries/${ids.a1}/history`).set('Authorization', admin.auth)).status,
    ).toBe(200);
    // the entry's own unit reads its rounds (not who decided, nor the audit trail); no one else
    res = await http().get(`/entries/${ids.a1}/rounds`).set('Authorization', cA.auth);
    expect(res.status).toBe(200);
    expect(res.body.rounds).toEqual([
      expect.objectContaining({ roundId: c.rounds.submission, status: 'advanced' }),
      expect.objectContaining({ roundId: c.rounds.commune, status: 'advanced' }),
      expect.objectContaining({ roundId: c.rounds.province, status: 'active', decidedAt: null }),
    ]);
    expect(Object.keys(res.body.rounds[0]).sort()).toEqual([
      'decidedAt',
      'enteredAt',
      'roundId',
      'status',
    ]);
    expect(
      (await http().get(`/entries/${ids.a1}/rounds`).set('Authorization', organizer.auth)).status,
    ).toBe(200);
    for (const other of [cB, judge]) {
      res = await http().get(`/entries/${ids.a1}/rounds`).set('Authorization', other.auth);
      expect([res.status, res.body.code]).toEqual([404, 'entries.not_found']);
    }
  });

  it('lists filter by category, round, unit with its subtree and status; an admin sees everything', async () => {
    let res = await list(admin, { limit: 100 });
    expect(res.body.items.length).toBe(6);
    res = await list(organizer, { status: 'draft' });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.b2]);
    res = await list(organizer, { categoryId: c.categories.media });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.a2]);
    res = await list(organizer, { roundId: c.rounds.province });
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a1, ids.b1].sort());
    res = await list(organizer, { unitId: units.p });
    expect(res.body.items).toEqual([]);
    res = await list(organizer, { unitId: units.p, subtree: true });
    expect(res.body.items.length).toBe(6);
    res = await list(organizer, { unitId: units.a, subtree: 'true' });
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a1, ids.a2].sort());
  });

  it('search ignores diacritics and case, and treats NFC and NFD alike', async () => {
    const found = async (q: string) =>
      (await list(organizer, { q })).body.items.map((i: { id: string }) => i.id).sort();
    for (const q of [
      'phu yen',
      'Phú Yên',
      'PHÚ YÊN',
      'Phú Yên'.normalize('NFD'),
      'pHu YeN',
      'zalo ph',
      '  phú   yên!! ',
    ])
      expect(await found(q)).toEqual([ids.a1]);
    // Unit names and members are searched too.
    expect(await found('dong tam')).toEqual([ids.b1, ids.b2, ids.b3, ids.b4].sort());
    expect(await found('Đồng Tâm'.normalize('NFD'))).toEqual(
      [ids.b1, ids.b2, ids.b3, ids.b4].sort(),
    );
    expect(await found('lan')).toEqual([ids.a1, ids.b1, ids.b2, ids.b3, ids.b4].sort());
    expect(await found('phu yen dong')).toEqual([]);
    // Operators of the query language are plain text.
    expect((await list(organizer, { q: "phu & !yen | ') --" })).status).toBe(200);
  });

  it('sorting is limited to a whitelist; cursors walk every row once', async () => {
    for (const sort of [
      'password_hash',
      'title;drop table entries',
      'unit_id',
      '--title',
      'TITLE',
    ]) {
      const res = await list(organizer, { sort });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('sort');
    }
    expect((await list(organizer, { cursor: 'bm90IGEgY3Vyc29y' })).status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM entries`)).rows[0].n).toBe(6);
    for (const sort of [
      'title',
      '-title',
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-submittedAt',
    ]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await list(organizer, { sort, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        // The page is written by the query: exactly the JSON text JSON.stringify gives.
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.text).toBe(JSON.stringify(res.body));
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      const expected = sort.endsWith('submittedAt') ? 5 : 6;
      expect(seen.length).toBe(expected);
      expect(new Set(seen).size).toBe(expected);
      if (sort === 'title') {
        const { rows } = await t.db.query(`SELECT id FROM entries ORDER BY title, id`);
        expect(seen).toEqual(rows.map((r) => r.id));
      }
    }
  });

  it('events are published after the commit only; nothing for a rolled-back change', async () => {
    const uow = t.app.get(UnitOfWork);
    events.length = 0;
    const event = (entryId: string): EntryChangedEvent => ({
      type: 'entry.changed',
      entryId,
      contestId: c.contestId,
      categoryId: c.categories.solution,
      unitId: units.a,
      ownerId: '00000000-0000-4000-8000-000000000001',
      status: 'draft',
      previousStatus: null,
      action: 'test',
      at: new Date().toISOString(),
    });
    await expect(
      uow.run(async ({ manager, emit }) => {
        await manager.query(`UPDATE entries SET title = 'Rolled back' WHERE id = $1`, [ids.b2]);
        emit(event(ids.b2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await flush();
    expect(events).toEqual([]);
    expect((await entryRow(t, ids.b2)).title).toBe('Bản nháp bí mật của xã Đồng Tâm');
    // Seen from a handler, the change is already committed.
    let seenTitle: unknown;
    const off = t.app.get(EventBus).subscribe('entry.changed', async () => {
      seenTitle = (await entryRow(t, ids.b2)).title;
    });
    await uow.run(async ({ manager, emit }) => {
      await manager.query(`UPDATE entries SET title = 'Committed' WHERE id = $1`, [ids.b2]);
      emit(event(ids.b2));
    });
    await new Promise((r) => setTimeout(r, 100));
    off();
    expect(events.map((e) => e.action)).toEqual(['test']);
    expect(seenTitle).toBe('Committed');
  });
});
