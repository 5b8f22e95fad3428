import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, entryRow, seedContest, SeededContest } from './entries.fixtures';
import { removeDir, tempDir, waitForStatus } from './media-support';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Screening may return a submitted entry to its contestant with a reason: it is a draft again,
 * the contestant reads the reason, completes it (fields and files) and submits it again before
 * the deadline; after the deadline it cannot be returned (nobody could submit it again).
 */
describe('Entries: screening returns an entry to its contestant with a reason', () => {
  let t: TestApp;
  let uploads: string;
  let organizer: TestUser, contestant: TestUser;
  let c: SeededContest;

  beforeAll(async () => {
    uploads = tempDir('entries-return');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    const p = await insertUnit(t, { name: 'Hội LHPN tỉnh Gia Lai', kind: 'Tỉnh' });
    const a = await insertUnit(t, { name: 'Hội LHPN xã Ia Grai', parentId: p.id });
    organizer = await createUser(t, UserRole.Organizer);
    contestant = await createUser(t, UserRole.Contestant, { unitId: a.id });
    c = await seedContest(t, { organizers: [organizer.id] });
  });
  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  const http = () => t.http();
  async function submitted(title: string): Promise<string> {
    const res = await http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, title));
    expect(res.status).toBe(201);
    const sub = await http()
      .post(`/entries/${res.body.id}/submit`)
      .set('Authorization', contestant.auth)
      .send({});
    expect(sub.body.status).toBe('submitted');
    return res.body.id as string;
  }
  const screen = (id: string, body: Record<string, unknown>, lang = 'vi') =>
    http()
      .post(`/entries/${id}/screen`)
      .set('Authorization', organizer.auth)
      .set('Accept-Language', lang)
      .send(body);

  it('needs a reason; with one the entry is a draft again, the reason shown to its contestant', async () => {
    const id = await submitted('Sổ tay chi hội điện tử');
    const offered = await http().get(`/entries/${id}`).set('Authorization', organizer.auth);
    expect(offered.body.allowedActions).toEqual(['accept', 'disqualify', 'return']);
    const before = await entryRow(t, id);

    let res = await screen(id, { decision: 'returned' });
    expect([res.status, res.body.code, res.body.message]).toEqual([
      400,
      'entries.return_reason_required',
      'Cần ghi rõ lý do trả lại bài dự thi để tác giả bổ sung.',
    ]);
    res = await screen(id, { decision: 'returned', reason: '   ' }, 'en');
    expect(res.body.message).toBe('A reason is required to return an entry to its contestant.');
    expect(await entryRow(t, id)).toEqual(before);

    const reason = 'Thiếu ảnh minh họa buổi sinh hoạt; đề nghị bổ sung trước hạn nộp.';
    res = await screen(id, { decision: 'returned', reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', returnReason: reason, currentRoundId: null });
    const mine = await http().get(`/entries/${id}`).set('Authorization', contestant.auth);
    expect(mine.body).toMatchObject({
      status: 'draft',
      returnReason: reason,
      allowedActions: ['submit'],
      version: 1,
    });
    expect(new Date(mine.body.returnedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The organizers no longer act on it; it left the submission round.
    const theirs = await http().get(`/entries/${id}`).set('Authorization', organizer.auth);
    expect(theirs.body.allowedActions).toEqual([]);
    const round = await t.db.query(
      `SELECT status FROM entry_rounds WHERE entry_id = $1 AND round_id = $2`,
      [id, c.rounds.submission],
    );
    expect(round.rows[0].status).toBe('eliminated');
    const audit = await t.db.query(
      `SELECT actor_id, reason, before, after FROM audit_log WHERE action = 'entry.returned' AND subject_id = $1`,
      [id],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: organizer.id,
        reason,
        before: expect.objectContaining({ status: 'submitted' }),
        after: expect.objectContaining({ status: 'draft', currentRoundId: null }),
      },
    ]);
    // Accepting it now is refused: it is the contestant's again.
    res = await screen(id, { decision: 'eligible' }, 'en');
    expect([res.status, res.body.code]).toEqual([409, 'entries.invalid_transition']);

    // The contestant completes it (a field and a picture) and submits it again.
    res = await http()
      .patch(`/entries/${id}`)
      .set('Authorization', contestant.auth)
      .send({ summary: 'Tóm tắt: sổ tay điện tử, có ảnh buổi sinh hoạt.' });
    expect(res.status).toBe(200);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const up = await http()
      .post(`/media/uploads?entryId=${id}`)
      .set('Authorization', contestant.auth)
      .attach('file', jpeg, { filename: 'buoi-sinh-hoat.jpg' });
    expect(up.status).toBe(201);
    await waitForStatus(t, up.body.id, ['ready']);
    res = await http().post(`/entries/${id}/submit`).set('Authorization', contestant.auth).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'submitted',
      version: 2,
      returnReason: null,
      currentRoundId: c.rounds.submission,
    });
    const again = await t.db.query(
      `SELECT status FROM entry_rounds WHERE entry_id = $1 AND round_id = $2`,
      [id, c.rounds.submission],
    );
    expect(again.rows[0].status).toBe('active');
    res = await screen(id, { decision: 'eligible' });
    expect(res.body.status).toBe('eligible');
  });

  it('is refused once the submission deadline has passed, and not offered then', async () => {
    const id = await submitted('Nhóm Zalo hội viên');
    await t.db.query(
      `UPDATE contest_rounds SET closes_at = now() - interval '1 hour' WHERE id = $1`,
      [c.rounds.submission],
    );
    const offered = await http().get(`/entries/${id}`).set('Authorization', organizer.auth);
    expect(offered.body.allowedActions).toEqual(['accept', 'disqualify']);
    const before = await entryRow(t, id);
    let res = await screen(id, { decision: 'returned', reason: 'Thiếu ảnh' });
    expect([res.status, res.body.code]).toEqual([409, 'entries.return_after_deadline']);
    expect(res.body.message).toMatch(
      /^Không thể trả lại bài dự thi để bổ sung: đã hết hạn nộp bài lúc \d/,
    );
    res = await screen(id, { decision: 'returned', reason: 'Thiếu ảnh' }, 'en');
    expect(res.body.message).toMatch(/^The entry cannot be returned to its contestant/);
    expect(await entryRow(t, id)).toEqual(before);
    // Accepting or disqualifying still works (screening goes on after the deadline).
    res = await screen(id, { decision: 'eligible' });
    expect(res.body.status).toBe('eligible');
  });
});
