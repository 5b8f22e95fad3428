import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest } from './entries.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

describe('Entries: deadlines at the edge and quotas under concurrency', () => {
  let t: TestApp;
  let contestant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const unit = await insertUnit(t, { name: 'Hội LHPN xã Ea Kao' });
    contestant = await createUser(t, UserRole.Contestant, { unitId: unit.id });
    // migrating a fresh embedded database takes most of this on a busy machine
  }, 120_000);
  afterAll(() => t?.close());

  const create = async (contestId: string, categoryId: string, title: string) => {
    const res = await t
      .http()
      .post(`/contests/${contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(categoryId, title));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const submit = (id: string) =>
    t.http().post(`/entries/${id}/submit`).set('Authorization', contestant.auth);

  it('accepts a submission before the close, refuses it after, with the local close time', async () => {
    const closesAt = new Date(Date.now() + 1500);
    const c = await seedContest(t, { closesAt });
    const early = await create(c.contestId, c.categories.solution, 'Nộp sớm một giây');
    const late = await create(c.contestId, c.categories.solution, 'Nộp muộn một giây');
    expect((await submit(early)).status).toBe(200);
    await sleepUntil(closesAt.getTime() + 1000);
    const res = await submit(late);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.submission_closed');
    // Close time in the contest's zone (UTC+7), not UTC.
    const local = new Date(closesAt.getTime() + 7 * 3600_000);
    const hhmmss = local.toISOString().slice(11, 19);
    expect(res.body.message).toContain(hhmmss);
    expect(res.body.message).toContain('Asia/Ho_Chi_Minh');
    const { rows } = await t.db.query(`SELECT status FROM entries WHERE id = $1`, [late]);
    expect(rows[0].status).toBe('draft');
    // Drafts cannot be edited after the close either.
    const edit = await t
      .http()
      .patch(`/entries/${late}`)
      .set('Authorization', contestant.auth)
      .send({ title: 'Sửa sau hạn' });
    expect(edit.status).toBe(409);
  });

  it('accepts within the grace period only', async () => {
    const closesAt = new Date(Date.now() + 500);
    const c = await seedContest(t, { closesAt, graceSeconds: 2 });
    const inGrace = await create(c.contestId, c.categories.solution, 'Trong thời gian ân hạn');
    const afterGrace = await create(c.contestId, c.categories.solution, 'Sau thời gian ân hạn');
    await sleepUntil(closesAt.getTime() + 1000);
    expect((await submit(inGrace)).status).toBe(200);
    await sleepUntil(closesAt.getTime() + 3000);
    const res = await submit(afterGrace);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.submission_closed');
  });

  it('refuses entries for a contest that is not open', async () => {
    const c = await seedContest(t, { status: 'draft' });
    const res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Chưa mở'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.contest_not_open');
  });

  it('a unit allowed 3 entries in a category: 10 parallel submissions, exactly 3 accepted', async () => {
    const c = await seedContest(t, { maxEntriesPerUnit: 3 });
    const drafts: string[] = [];
    for (let i = 0; i < 10; i++)
      drafts.push(await create(c.contestId, c.categories.solution, `Bài dự thi số ${i + 1}`));
    const results = await Promise.all(drafts.map((id) => submit(id).set('Accept-Language', 'en')));
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(accepted.length).toBe(3);
    expect(refused.length).toBe(7);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('entries.quota_reached');
      expect(r.body.message).toContain('3');
    }
    const { rows } = await t.db.query(
      `SELECT status, count(*)::int AS n FROM entries WHERE contest_id = $1 GROUP BY status ORDER BY status`,
      [c.contestId],
    );
    expect(rows).toEqual([
      { status: 'draft', n: 7 },
      { status: 'submitted', n: 3 },
    ]);
    // Withdrawing one frees a place.
    const one = accepted[0].body.id as string;
    expect(
      (await t.http().post(`/entries/${one}/withdraw`).set('Authorization', contestant.auth))
        .status,
    ).toBe(200);
    const acceptedIds = new Set(accepted.map((a) => a.body.id as string));
    const waiting = drafts.find((d) => !acceptedIds.has(d))!;
    expect((await submit(waiting)).status).toBe(200);
  });
});
