import { OtpOutbox } from '../src/phone-verification/otp-provider';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { buildScenario, JudgingScenario } from './judging.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What the organizer's console needs beyond the single-entry API: screening many entries at
 * once, reminding judges, and listing a contest's voting sessions.
 */
describe("The organizer's console API: bulk screening, reminders to judges, voting sessions listed", () => {
  let t: TestApp;
  const http = () => t.http();

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('bulk screening', () => {
    let c: SeededContest;
    let organizer: TestUser;
    let contestant: TestUser;
    let otherOrganizer: TestUser;
    const ids: string[] = [];

    beforeAll(async () => {
      const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Phú Yên', kind: 'Tỉnh' });
      const unit = await insertUnit(t, { name: 'Hội LHPN xã Hòa Hiệp', parentId: province.id });
      organizer = await createUser(t, UserRole.Organizer);
      otherOrganizer = await createUser(t, UserRole.Organizer);
      contestant = await createUser(t, UserRole.Contestant, { unitId: unit.id });
      c = await seedContest(t, { organizers: [organizer.id], maxEntriesPerUnit: 10 });
      for (let i = 0; i < 5; i++) {
        const res = await http()
          .post(`/contests/${c.contestId}/entries`)
          .set('Authorization', contestant.auth)
          .send(draft(c.categories.solution, `Sinh hoạt chi hội số ${i + 1}`))
          .expect(201);
        ids.push(res.body.id);
        await http()
          .post(`/entries/${res.body.id}/submit`)
          .set('Authorization', contestant.auth)
          .send({})
          .expect(200);
      }
    });

    const statuses = async () =>
      (
        await t.db.query<{ id: string; status: string; return_reason: string | null }>(
          `SELECT id, status, return_reason FROM entries WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).rows;

    it('refuses bad input, other organizers and contestants, changing nothing', async () => {
      const url = `/contests/${c.contestId}/entries/screen`;
      await http()
        .post(url)
        .set('Authorization', organizer.auth)
        .send({ entryIds: [], decision: 'eligible' })
        .expect(400);
      await http()
        .post(url)
        .set('Authorization', organizer.auth)
        .send({ entryIds: ['x'], decision: 'eligible' })
        .expect(400);
      const noReason = await http()
        .post(url)
        .set('Authorization', organizer.auth)
        .set('Accept-Language', 'en')
        .send({ entryIds: ids.slice(0, 2), decision: 'returned' })
        .expect(400);
      expect(noReason.body.errors[0]).toMatchObject({ field: 'reason' });
      expect(noReason.body.errors[0].message).toMatch(/reason/i);
      await http()
        .post(url)
        .set('Authorization', otherOrganizer.auth)
        .send({ entryIds: ids, decision: 'eligible' })
        .expect(403);
      await http()
        .post(url)
        .set('Authorization', contestant.auth)
        .send({ entryIds: ids, decision: 'eligible' })
        .expect(403);
      expect((await statuses()).every((r) => r.status === 'submitted')).toBe(true);
    });

    it('accepts several at once and says, in Vietnamese, why the others were left', async () => {
      const res = await http()
        .post(`/contests/${c.contestId}/entries/screen`)
        .set('Authorization', organizer.auth)
        .send({ entryIds: ids.slice(0, 3), decision: 'eligible' })
        .expect(200);
      expect(res.body.screened).toBe(3);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
        'eligible',
        'eligible',
        'eligible',
      ]);
      // again, with a stranger's id: nothing changes for those, and each is said why
      const again = await http()
        .post(`/contests/${c.contestId}/entries/screen`)
        .set('Authorization', organizer.auth)
        .send({
          entryIds: [ids[0], '00000000-0000-4000-8000-000000000000', ids[3]],
          decision: 'returned',
          reason: 'Thiếu ảnh minh họa buổi sinh hoạt',
        })
        .expect(200);
      expect(again.body.screened).toBe(1);
      const [first, stranger, fourth] = again.body.results;
      expect(first).toMatchObject({
        entryId: ids[0],
        status: null,
        code: 'entries.invalid_transition',
      });
      expect(first.message).toMatch(/trạng thái/);
      expect(stranger).toMatchObject({ status: null, code: 'entries.not_found' });
      expect(fourth).toMatchObject({ entryId: ids[3], status: 'draft', code: null });
      const rows = new Map((await statuses()).map((r) => [r.id, r]));
      expect(rows.get(ids[0])!.status).toBe('eligible');
      expect(rows.get(ids[3])).toMatchObject({
        status: 'draft',
        return_reason: 'Thiếu ảnh minh họa buổi sinh hoạt',
      });
      expect(rows.get(ids[4])!.status).toBe('submitted');
      const audit = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = ANY($1::text[]) AND action IN ('entry.accepted', 'entry.returned')`,
        [ids],
      );
      expect(audit.rows[0].n).toBe(4);
    });
  });

  describe('reminders to judges', () => {
    let s: JudgingScenario;
    let judges: TestUser[];
    const phones = ['+84912000101', '+84912000102', '+84912000103'];

    beforeAll(async () => {
      judges = [];
      for (let i = 0; i < 3; i++)
        judges.push(
          await createUser(t, UserRole.Judge, {
            fullName: `Giám khảo ${i + 1}`,
            phone: i < 2 ? phones[i] : undefined,
          }),
        );
      s = await buildScenario(t, {
        perCommune: 2,
        communes: ['Hội LHPN xã Tân Lập', 'Hội LHPN xã Đồng Tâm'],
        judges: judges.map((j) => j.id),
        scopeDepth: 0,
      });
      // the first judge belongs to the first commune: its entries are her conflicts
      await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [
        judges[0].id,
        s.units.communes[0].id,
      ]);
      await http()
        .post(`/judging/rounds/${s.c.rounds.commune}/assign`)
        .set('Authorization', s.organizer.auth)
        .send({ quorum: 2 })
        .expect(200);
    });

    it("shows every conflict of the panel's judges, with its reason and the judges' names", async () => {
      const view = await http()
        .get(`/judging/rounds/${s.c.rounds.commune}/assignments`)
        .set('Authorization', s.organizer.auth)
        .expect(200);
      const own = s.entries.filter((e) => e.commune === 0).map((e) => e.id);
      expect(
        (view.body.conflicts as { entryId: string; judgeId: string; reason: string }[])
          .map((c) => [c.entryId, c.judgeId, c.reason])
          .sort(),
      ).toEqual(own.map((id) => [id, judges[0].id, 'unit']).sort());
      expect(view.body.judges).toEqual(
        expect.arrayContaining([{ id: judges[0].id, fullName: 'Giám khảo 1' }]),
      );
      for (const e of view.body.entries as { entryId: string; judges: { judgeId: string }[] }[])
        if (own.includes(e.entryId))
          expect(e.judges.map((j) => j.judgeId)).not.toContain(judges[0].id);
    });

    it('refuses a judge off the panel, a stranger and a judge, sending nothing', async () => {
      const outbox = t.app.get(OtpOutbox);
      const url = `/judging/rounds/${s.c.rounds.commune}/reminders`;
      const before = outbox.count(phones[0]);
      const off = await http()
        .post(url)
        .set('Authorization', s.organizer.auth)
        .send({ judgeIds: [s.organizer.id] })
        .expect(400);
      expect(off.body.errors[0]).toMatchObject({ field: 'judgeIds.0' });
      expect(off.body.errors[0].message).toMatch(/hội đồng/);
      await http()
        .post(url)
        .set('Authorization', s.organizer.auth)
        .send({ judgeIds: 'x' })
        .expect(400);
      await http().post(url).set('Authorization', judges[0].auth).send({}).expect(403);
      const stranger = await createUser(t, UserRole.Organizer);
      await http().post(url).set('Authorization', stranger.auth).send({}).expect(403);
      expect(outbox.count(phones[0])).toBe(before);
    });

    it('reminds the judges with sheets left, by phone when they have one, and records it', async () => {
      const outbox = t.app.get(OtpOutbox);
      const res = await http()
        .post(`/judging/rounds/${s.c.rounds.commune}/reminders`)
        .set('Authorization', s.organizer.auth)
        .send({})
        .expect(200);
      const sent = res.body.sent as { judgeId: string; pending: number; byPhone: boolean }[];
      expect(sent.map((x) => x.judgeId).sort()).toEqual(judges.map((j) => j.id).sort());
      expect(sent.reduce((n, x) => n + x.pending, 0)).toBe(s.entries.length * 2);
      const byId = new Map(sent.map((x) => [x.judgeId, x]));
      expect(byId.get(judges[0].id)!.byPhone).toBe(true);
      expect(byId.get(judges[2].id)!.byPhone).toBe(false);
      expect(outbox.count(phones[0])).toBe(1);
      expect(outbox.count(phones[1])).toBe(1);
      // only the one chosen
      await http()
        .post(`/judging/rounds/${s.c.rounds.commune}/reminders`)
        .set('Authorization', s.organizer.auth)
        .send({ judgeIds: [judges[1].id] })
        .expect(200);
      expect(outbox.count(phones[0])).toBe(1);
      expect(outbox.count(phones[1])).toBe(2);
      const audit = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'judging.judges_reminded'`,
        [s.c.rounds.commune],
      );
      expect(audit.rows[0].n).toBe(2);
    });
  });

  describe('voting sessions of a contest', () => {
    it('lists them for its organizers only', async () => {
      const organizer = await createUser(t, UserRole.Organizer);
      const other = await createUser(t, UserRole.Organizer);
      const s = await buildScenario(t, {
        perCommune: 1,
        communes: ['Hội LHPN xã Ea Kao', 'Hội LHPN xã Buôn Đôn'],
        scopeDepth: 0,
      });
      await t.db.query(
        `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'organizer')`,
        [s.c.contestId, organizer.id],
      );
      const created = await http()
        .post('/voting/sessions')
        .set('Authorization', organizer.auth)
        .send({
          contestId: s.c.contestId,
          roundId: s.c.rounds.commune,
          title: 'Bình chọn trong buổi livestream',
          policy: { perEntry: 1, identities: ['device'] },
        })
        .expect(201);
      const list = await http()
        .get(`/voting/sessions?contestId=${s.c.contestId}`)
        .set('Authorization', organizer.auth)
        .expect(200);
      expect(list.body.map((x: { id: string }) => x.id)).toEqual([created.body.id]);
      expect(list.body[0].entryIds.length).toBe(2);
      const byRound = await http()
        .get(`/voting/sessions?contestId=${s.c.contestId}&roundId=${s.c.rounds.province}`)
        .set('Authorization', organizer.auth)
        .expect(200);
      expect(byRound.body).toEqual([]);
      await http()
        .get(`/voting/sessions?contestId=${s.c.contestId}`)
        .set('Authorization', other.auth)
        .expect(403);
      await http()
        .get('/voting/sessions?contestId=nope')
        .set('Authorization', organizer.auth)
        .expect(400);
      await http().get(`/voting/sessions?contestId=${s.c.contestId}`).expect(401);
    });
  });
});
