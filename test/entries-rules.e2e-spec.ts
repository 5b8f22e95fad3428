import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { auditCount, draft, entryRow, seedContest, SeededContest } from './entries.fixtures';
import { removeDir, tempDir, waitForStatus } from './media-support';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Submission against every rule of the category (media included), the rounds' windows and
 * states for every actor, and the actions each viewer is offered.
 */
describe('Entries: category rules at submission, round windows and states, actions per viewer', () => {
  let t: TestApp;
  let uploads: string;
  let admin: TestUser, organizer: TestUser, contestant: TestUser, neighbour: TestUser;

  beforeAll(async () => {
    uploads = tempDir('entries-rules');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    const p = await insertUnit(t, { name: 'Hội LHPN tỉnh Gia Lai', kind: 'Tỉnh' });
    const a = await insertUnit(t, { name: 'Hội LHPN xã Ia Grai', parentId: p.id });
    const b = await insertUnit(t, { name: 'Hội LHPN xã Chư Păh', parentId: p.id });
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer);
    contestant = await createUser(t, UserRole.Contestant, { unitId: a.id });
    neighbour = await createUser(t, UserRole.Contestant, { unitId: b.id });
  });
  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  const http = () => t.http();
  const contest = () => seedContest(t, { organizers: [organizer.id] });
  /** A collective category of the contest with these media rules. */
  async function category(c: SeededContest, media: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO contest_categories (id, contest_id, code, name, rules, position)
       VALUES ($1, $2, $3, 'Tập thể chi hội', $4, 3)`,
      [
        id,
        c.contestId,
        `C${id.slice(0, 6)}`,
        JSON.stringify({
          entrants: 'collective',
          maxEntriesPerUnit: 5,
          requiredFields: ['summary'],
          media,
        }),
      ],
    );
    return id;
  }
  const setRules = (categoryId: string, media: Record<string, unknown>) =>
    t.db.query(
      `UPDATE contest_categories SET rules = jsonb_set(rules, '{media}', $2) WHERE id = $1`,
      [categoryId, JSON.stringify(media)],
    );
  const create = async (c: SeededContest, categoryId: string, title: string) => {
    const res = await http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(categoryId, title));
    expect(res.status).toBe(201);
    return res.body as { id: string; allowedActions: string[]; missing: unknown[] };
  };
  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    http().post(`/entries/${id}/${action}`).set('Authorization', u.auth).send(body);
  const get = (u: TestUser, id: string) =>
    http().get(`/entries/${id}`).set('Authorization', u.auth);
  const upload = async (entryId: string, width: number, height: number) => {
    const file = await sharp({
      create: { width, height, channels: 3, background: '#8a4' },
    })
      .jpeg()
      .toBuffer();
    return http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', contestant.auth)
      .attach('file', file, { filename: 'sinh-hoat.jpg' });
  };
  const versions = async (entryId: string) =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM entry_versions WHERE entry_id = $1',
        [entryId],
      )
    ).rows[0].n;
  const setRound = (roundId: string, set: string, params: unknown[] = []) =>
    t.db.query(`UPDATE contest_rounds SET ${set} WHERE id = $1`, [roundId, ...params]);

  it('a collective entry with no file is not submitted when the category wants one; the entry says what is missing', async () => {
    const c = await contest();
    const cat = await category(c, {
      kinds: ['image'],
      minCount: 1,
      maxCount: 2,
      maxSizeBytes: 5_000_000,
    });
    const created = await create(c, cat, 'Sinh hoạt chi hội bằng trò chơi trực tuyến');
    const tooFew = {
      field: 'media',
      code: 'media.too_few',
      message: 'Bài dự thi cần ít nhất 1 tệp theo quy định của lĩnh vực (hiện có 0).',
    };
    expect(created.missing).toEqual([tooFew]);
    expect(created.allowedActions).toEqual([]);
    const before = await entryRow(t, created.id);
    const audits = await auditCount(t, created.id);
    const res = await act(contestant, created.id, 'submit');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'common.validation_failed', errors: [tooFew] });
    expect(await entryRow(t, created.id)).toEqual(before);
    expect(await auditCount(t, created.id)).toBe(audits);
    expect(await versions(created.id)).toBe(0);
    // in English too, whole
    const en = await get(contestant, created.id).set('Accept-Language', 'en');
    expect(en.body.missing).toEqual([
      { ...tooFew, message: 'The category requires at least 1 files (the entry has 0).' },
    ]);

    // the file arrives: nothing is missing, submission is offered and accepted
    const up = await upload(created.id, 400, 300);
    expect(up.status).toBe(201);
    await waitForStatus(t, up.body.id, ['ready']);
    const ready = await get(contestant, created.id);
    expect([ready.body.missing, ready.body.allowedActions]).toEqual([[], ['submit']]);
    const submitted = await act(contestant, created.id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 1, missing: [] });
  });

  it("every media rule of the category is checked again at submission, with the upload's messages, all listed", async () => {
    const c = await contest();
    const cat = await category(c, {
      kinds: ['image'],
      minCount: 1,
      maxCount: 3,
      maxSizeBytes: 5_000_000,
    });
    const entry = await create(c, cat, 'Bản tin ảnh của chi hội');
    const up = await upload(entry.id, 400, 300);
    expect(up.status).toBe(201);
    await waitForStatus(t, up.body.id, ['ready']);
    // The organizers tighten the rules after the upload: clips only, two at least, 720p.
    const tighter = {
      kinds: ['video'],
      minCount: 2,
      maxCount: 3,
      maxSizeBytes: 5_000_000,
      minResolution: 720,
    };
    await setRules(cat, tighter);
    const refusedUpload = await upload(entry.id, 400, 300);
    expect([refusedUpload.status, refusedUpload.body.code]).toEqual([
      422,
      'media.kind_not_allowed',
    ]);
    const expected = [
      {
        field: 'media',
        code: 'media.too_few',
        message: 'Bài dự thi cần ít nhất 2 tệp theo quy định của lĩnh vực (hiện có 1).',
      },
      {
        field: `media.${up.body.id}`,
        code: 'media.kind_not_allowed',
        message: 'Thể loại này không nhận tệp loại ảnh (chỉ nhận: video).',
      },
      {
        field: `media.${up.body.id}`,
        code: 'media.resolution_too_low',
        message: 'Độ phân giải 300p thấp hơn quy định của lĩnh vực (tối thiểu 720p).',
      },
    ];
    // the same sentence as the upload's refusal
    expect(expected[1].message).toBe(refusedUpload.body.message);
    expect((await get(contestant, entry.id)).body.missing).toEqual(expected);
    const res = await act(contestant, entry.id, 'submit');
    expect([res.status, res.body.errors]).toEqual([400, expected]);
    expect((await entryRow(t, entry.id)).status).toBe('draft');

    // What processing recorded of clips: too short, and one still in processing.
    await setRules(cat, {
      ...tighter,
      kinds: ['video', 'image'],
      minCount: 1,
      minResolution: null,
      minDurationSeconds: 300,
    });
    await t.db.query(
      // one statement gives both rows one created_at: the second is stamped a second later,
      // as a file uploaded after the first (files are listed oldest first)
      `INSERT INTO media_items
              (entry_id, owner_id, kind, status, original_name, size_bytes, facts, created_at)
       VALUES ($1, $2, 'video', 'ready', 'phong-su.mp4', 1000, $3, now()),
              ($1, $2, 'video', 'processing', 'ban-dung.mp4', 1000, '{}', now() + interval '1 second')`,
      [
        entry.id,
        contestant.id,
        JSON.stringify({ width: 1280, height: 720, durationSeconds: 95.04 }),
      ],
    );
    const { rows } = await t.db.query<{ id: string; original_name: string }>(
      `SELECT id, original_name FROM media_items WHERE entry_id = $1 AND kind = 'video'`,
      [entry.id],
    );
    const clip = rows.find((r) => r.original_name === 'phong-su.mp4')!.id;
    const pending = rows.find((r) => r.original_name === 'ban-dung.mp4')!.id;
    const again = await act(contestant, entry.id, 'submit');
    expect([again.status, again.body.errors]).toEqual([
      400,
      [
        {
          field: `media.${clip}`,
          code: 'media.duration_too_short',
          message: 'Thời lượng 95 giây ngắn hơn quy định của lĩnh vực (tối thiểu 300 giây).',
        },
        {
          field: `media.${pending}`,
          code: 'entries.media_pending',
          message:
            'Tệp "ban-dung.mp4" đang được tải lên hoặc xử lý; hãy chờ xử lý xong rồi nộp bài.',
        },
      ],
    ]);
  });

  it('withdrawing after the deadline is refused, as creating and submitting are; a closed round takes nothing', async () => {
    const c = await contest();
    const a = await create(c, c.categories.solution, 'Chi hội số hóa');
    const b = await create(c, c.categories.solution, 'Họp chi hội trực tuyến');
    expect((await act(contestant, a.id, 'submit')).status).toBe(200);
    await setRound(c.rounds.submission, `closes_at = now() - interval '1 hour', grace_seconds = 0`);
    const before = await entryRow(t, a.id);
    const res = await act(contestant, a.id, 'withdraw');
    expect([res.status, res.body.code]).toEqual([409, 'entries.submission_closed']);
    expect(res.body.message).toMatch(/^Đã hết hạn nộp bài lúc \d\d:\d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(await entryRow(t, a.id)).toEqual(before);
    expect((await act(contestant, b.id, 'submit')).body.code).toBe('entries.submission_closed');
    expect((await get(contestant, a.id)).body.allowedActions).toEqual([]);
    expect((await get(contestant, b.id)).body.allowedActions).toEqual([]);

    // Inside its dates but closed by the organizers: nothing comes in.
    await setRound(c.rounds.submission, `closes_at = now() + interval '1 day', status = 'closed'`);
    const closed = await http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Bài nộp muộn'));
    expect([closed.status, closed.body.code, closed.body.message]).toEqual([
      409,
      'entries.submission_round_not_open',
      'Vòng "Nhận bài" đang ở trạng thái "đã đóng": chưa thể tạo, sửa, nộp hay rút bài dự thi.',
    ]);
    expect((await act(contestant, b.id, 'submit')).body.code).toBe(
      'entries.submission_round_not_open',
    );
  });

  it("organizers decide in the entry's round only, admins too, unless they override it with a reason, in the audit log", async () => {
    const c = await contest();
    const ids: string[] = [];
    for (const title of ['Sổ tay hội viên điện tử', 'Nhóm Zalo chi hội', 'Câu đố hàng tháng']) {
      const e = await create(c, c.categories.solution, title);
      expect((await act(contestant, e.id, 'submit')).status).toBe(200);
      ids.push(e.id);
    }
    await setRound(c.rounds.submission, `status = 'closed'`);
    const before = await entryRow(t, ids[0]);
    const audits = await auditCount(t, ids[0]);
    for (const who of [organizer, admin]) {
      const res = await act(who, ids[0], 'screen', { decision: 'eligible' });
      expect([res.status, res.body.code, res.body.message]).toEqual([
        409,
        'entries.round_not_open',
        'Không thể công nhận hợp lệ lúc này: vòng "Nhận bài" đang ở trạng thái "đã đóng".',
      ]);
    }
    expect((await get(organizer, ids[0])).body.allowedActions).toEqual([]);
    // an override needs a reason
    const bare = await act(organizer, ids[0], 'screen', { decision: 'eligible', override: true });
    expect([bare.status, bare.body.code]).toEqual([400, 'entries.override_reason_required']);
    expect(await entryRow(t, ids[0])).toEqual(before);
    expect(await auditCount(t, ids[0])).toBe(audits);
    const forced = await act(organizer, ids[0], 'screen', {
      decision: 'eligible',
      override: true,
      reason: 'Hồ sơ giấy đã nộp đúng hạn, xét bổ sung',
    });
    expect([forced.status, forced.body.status]).toEqual([200, 'eligible']);
    const { rows } = await t.db.query(
      `SELECT action, actor_id, after, reason FROM audit_log
        WHERE subject_id = $1 AND id > (SELECT max(id) FROM audit_log WHERE subject_id = $1 AND action = 'entry.submitted')
        ORDER BY id`,
      [ids[0]],
    );
    expect(rows).toEqual([
      {
        action: 'entry.round_override',
        actor_id: organizer.id,
        after: expect.objectContaining({
          action: 'accept',
          roundId: c.rounds.submission,
          refused: 'entries.round_not_open',
        }),
        reason: 'Hồ sơ giấy đã nộp đúng hạn, xét bổ sung',
      },
      {
        action: 'entry.accepted',
        actor_id: organizer.id,
        after: expect.objectContaining({ status: 'eligible', override: 'entries.round_not_open' }),
        reason: 'Hồ sơ giấy đã nộp đúng hạn, xét bổ sung',
      },
    ]);

    // Open again, but the next round has begun: the submission round's decisions are over.
    await setRound(c.rounds.submission, `status = 'open'`);
    await setRound(c.rounds.commune, `opens_at = now() - interval '1 minute'`);
    const late = await act(organizer, ids[1], 'screen', {
      decision: 'disqualified',
      reason: 'Sao chép',
    });
    expect([late.status, late.body.code]).toEqual([409, 'entries.round_over']);
    expect(late.body.message).toMatch(
      /^Không thể loại bài nữa: vòng "Nhận bài" đã kết thúc khi vòng "Sơ khảo cấp xã" bắt đầu \(lúc /,
    );
    expect((await entryRow(t, ids[1])).status).toBe('submitted');
    // a contestant has no override: what they send besides is not read
    await setRound(c.rounds.commune, `opens_at = now() + interval '1 day'`);
    await setRound(c.rounds.submission, `closes_at = now() - interval '1 minute'`);
    const own = await act(contestant, ids[2], 'withdraw', { override: true, reason: 'Xin rút' });
    expect([own.status, own.body.code]).toEqual([409, 'entries.submission_closed']);
    expect((await entryRow(t, ids[2])).status).toBe('submitted');
  });

  it('a contestant is offered only what their unit may do, everywhere an entry view is returned', async () => {
    const c = await contest();
    const created = await create(c, c.categories.solution, 'Livestream sinh hoạt chuyên đề');
    expect(created.allowedActions).toEqual(['submit']);
    const submitted = await act(contestant, created.id, 'submit');
    expect(submitted.body.allowedActions).toEqual(['withdraw']);
    expect((await get(contestant, created.id)).body.allowedActions).toEqual(['withdraw']);
    expect((await get(organizer, created.id)).body.allowedActions).toEqual([
      'accept',
      'disqualify',
      'return',
    ]);
    expect((await get(admin, created.id)).body.allowedActions).toEqual([
      'accept',
      'disqualify',
      'return',
    ]);
    const screened = await act(organizer, created.id, 'screen', { decision: 'eligible' });
    expect(screened.body.allowedActions).toEqual(['advance', 'eliminate']);
    expect((await get(contestant, created.id)).body.allowedActions).toEqual([]);
    // another unit's contestant learns nothing of it
    expect((await get(neighbour, created.id)).status).toBe(404);
    const published = await act(organizer, created.id, 'publish');
    expect(published.body.allowedActions).toEqual(['advance', 'eliminate']);
  });
});
