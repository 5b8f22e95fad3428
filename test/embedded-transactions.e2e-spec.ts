import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, JudgingScenario, RUBRIC, scoresFor } from './judging.fixtures';
import { createUser, TestUser } from './support/fixtures';
import { startEmbeddedTestApp, TestApp } from './support/test-app';

/**
 * Contest and judging changes that read inside their own transaction, on the embedded database
 * that `npm start` uses without DATABASE_URL (whatever database the other files run on). Its
 * connections share one session: a read made on another connection while the change's
 * transaction is open waits for that transaction, which waits for the read. Each request has
 * ten seconds; a hang fails it.
 */
describe('contest and judging changes on the embedded database', () => {
  let t: TestApp;
  const LIMIT_MS = 10_000;

  beforeAll(async () => {
    t = await startEmbeddedTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const contestRow = async (id: string) =>
    (await t.db.query(`SELECT slug, status FROM contests WHERE id = $1`, [id])).rows[0] as {
      slug: string;
      status: string;
    };

  describe('contests', () => {
    let organizer: TestUser;
    let contestId: string;

    const createContest = async (slug: string) => {
      const res = await t
        .http()
        .post('/contests')
        .set('Authorization', organizer.auth)
        .timeout(LIMIT_MS)
        .send({ slug, title: 'Hội thi Ứng dụng CNTT trong tổ chức sinh hoạt hội' });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    beforeAll(async () => {
      organizer = await createUser(t, UserRole.Organizer);
      contestId = await createContest('ung-dung-cntt-2026');
      await createContest('hoi-thi-da-co');
    });

    it('changes a contest’s slug; a slug another contest uses is refused', async () => {
      const patch = (slug: string) =>
        t
          .http()
          .patch(`/contests/${contestId}`)
          .set('Authorization', organizer.auth)
          .timeout(LIMIT_MS)
          .send({ slug });
      const taken = await patch('hoi-thi-da-co');
      expect([taken.status, taken.body.code]).toEqual([409, 'contests.slug_taken']);
      expect((await contestRow(contestId)).slug).toBe('ung-dung-cntt-2026');

      const changed = await patch('ung-dung-cntt-tinh-2026');
      expect([changed.status, changed.body.slug]).toEqual([200, 'ung-dung-cntt-tinh-2026']);
      expect((await contestRow(contestId)).slug).toBe('ung-dung-cntt-tinh-2026');
      const read = await t
        .http()
        .get(`/contests/${contestId}`)
        .set('Authorization', organizer.auth)
        .timeout(LIMIT_MS);
      expect([read.status, read.body.slug]).toEqual([200, 'ung-dung-cntt-tinh-2026']);
    });

    it('opens a contest once it has a category and a submission round ahead', async () => {
      const open = () =>
        t
          .http()
          .post(`/contests/${contestId}/status`)
          .set('Authorization', organizer.auth)
          .timeout(LIMIT_MS)
          .send({ status: 'open', reason: 'Bắt đầu nhận bài' });
      const early = await open();
      expect([early.status, early.body.code]).toEqual([409, 'contests.not_ready']);
      expect((await contestRow(contestId)).status).toBe('draft');

      const category = await t
        .http()
        .post(`/contests/${contestId}/categories`)
        .set('Authorization', organizer.auth)
        .timeout(LIMIT_MS)
        .send({
          code: 'GP',
          name: 'Giải pháp tổ chức sinh hoạt hội',
          position: 1,
          rules: {
            entrants: 'collective',
            maxEntriesPerUnit: 3,
            requiredFields: ['summary'],
            media: { kinds: ['document'], minCount: 0, maxCount: 5, maxSizeBytes: 20_000_000 },
          },
        });
      expect(category.status).toBe(201);
      const round = await t
        .http()
        .post(`/contests/${contestId}/rounds`)
        .set('Authorization', organizer.auth)
        .timeout(LIMIT_MS)
        .send({
          position: 1,
          name: 'Nộp bài',
          kind: 'submission',
          // next year: a deadline already past would keep the contest from opening
          opensAt: `${new Date().getFullYear() + 1}-03-01T08:00`,
          closesAt: `${new Date().getFullYear() + 1}-03-31T17:00`,
        });
      expect(round.status).toBe(201);

      const opened = await open();
      expect([opened.status, opened.body.status]).toEqual([200, 'open']);
      expect((await contestRow(contestId)).status).toBe('open');
      const { rows } = await t.db.query(
        `SELECT before, after, reason FROM audit_log WHERE action = 'contest.status_changed' AND subject_id = $1`,
        [contestId],
      );
      expect(rows).toEqual([
        { before: { status: 'draft' }, after: { status: 'open' }, reason: 'Bắt đầu nhận bài' },
      ]);
    });
  });

  describe('judging', () => {
    let s: JudgingScenario;
    let judges: TestUser[];
    let roundId: string;

    /** Scores within range and step, none of them all zero. */
    const scores = (judge: number, entry: number) => scoresFor(entry + 1, judge + 1);
    const sheet = (judge: number, entry: number, submit = true) =>
      t
        .http()
        .put(`/judging/rounds/${roundId}/entries/${s.entries[entry].id}/sheet`)
        .set('Authorization', judges[judge].auth)
        .timeout(LIMIT_MS)
        .send({ scores: scores(judge, entry), comment: 'Bài làm tốt', submit });
    const close = () =>
      t
        .http()
        .post(`/judging/rounds/${roundId}/close`)
        .set('Authorization', s.organizer.auth)
        .timeout(LIMIT_MS)
        .send({});
    const fixedAt = async () =>
      (await t.db.query(`SELECT results_fixed_at FROM contest_rounds WHERE id = $1`, [roundId]))
        .rows[0].results_fixed_at as Date | null;

    beforeAll(async () => {
      judges = [];
      for (let i = 0; i < 3; i++)
        judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
      // 5 entries, one per commune, in the commune judging round.
      s = await buildScenario(t, { perCommune: 1, judges: judges.map((j) => j.id) });
      roundId = s.c.rounds.commune;
      const rubric = await t
        .http()
        .put(`/judging/rounds/${roundId}/rubrics`)
        .set('Authorization', s.organizer.auth)
        .timeout(LIMIT_MS)
        .send(RUBRIC);
      expect(rubric.status).toBe(200);
      // Three judges, quorum 3: every judge scores every entry.
      const assigned = await t
        .http()
        .post(`/judging/rounds/${roundId}/assign`)
        .set('Authorization', s.organizer.auth)
        .timeout(LIMIT_MS)
        .send({ quorum: 3, seed: 'nhung-2026' });
      expect(assigned.status).toBe(200);
      expect(assigned.body.entries).toHaveLength(5);
    }, 120_000);

    it('saves a judge’s score sheet: a draft, then the submission', async () => {
      const draft = await t
        .http()
        .put(`/judging/rounds/${roundId}/entries/${s.entries[0].id}/sheet`)
        .set('Authorization', judges[0].auth)
        .timeout(LIMIT_MS)
        .send({ scores: { 'noi-dung': 8.5 }, comment: 'Chưa chấm xong' });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({
        status: 'draft',
        scores: { 'noi-dung': 8.5 },
        total: null,
      });

      const submitted = await sheet(0, 0);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        scores: scores(0, 0),
        comment: 'Bài làm tốt',
      });
      expect(submitted.body.total).toBeGreaterThan(0);
      const { rows } = await t.db.query(
        `SELECT status, total::float8 AS total FROM score_sheets WHERE round_id = $1 AND entry_id = $2 AND judge_id = $3`,
        [roundId, s.entries[0].id, judges[0].id],
      );
      expect(rows).toEqual([{ status: 'submitted', total: submitted.body.total }]);
    });

    it('closes a round’s judging: refused without the quorum, then fixed; sheets are locked after', async () => {
      // Every sheet but the third judge's for the last entry.
      for (let e = 0; e < 5; e++)
        for (let j = 0; j < 3; j++) {
          if ((e === 0 && j === 0) || (e === 4 && j === 2)) continue;
          const res = await sheet(j, e);
          expect([res.status, res.body.status]).toEqual([200, 'submitted']);
        }

      const refused = await close();
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('judging.quorum_missing');
      expect(await fixedAt()).toBeNull();
      expect(
        (await t.db.query(`SELECT 1 FROM round_rankings WHERE round_id = $1`, [roundId])).rowCount,
      ).toBe(0);

      // The last entry leaves the round with its two sheets (the others move on, it is
      // eliminated): closing ranks the round's four entries and reads the submission time of
      // the one that left. Entries leave only a round that was opened.
      await t.db.query(
        `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 hour' WHERE id = $1`,
        [roundId],
      );
      const advanced = await t
        .http()
        .post(`/contests/${s.c.contestId}/rounds/${roundId}/advance`)
        .set('Authorization', s.organizer.auth)
        .timeout(LIMIT_MS)
        .send({ entryIds: s.entries.slice(0, 4).map((e) => e.id), eliminateOthers: true });
      expect(advanced.status).toBe(200);
      expect(advanced.body.eliminated).toEqual([s.entries[4].id]);

      const closed = await close();
      expect(closed.status).toBe(200);
      expect(closed.body.fixed).toBe(true);
      // One entry per commune, the round scoped to communes: each ranks first in its group.
      expect(closed.body.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 1, 1, 1]);
      expect(closed.body.rows.map((r: { entryId: string }) => r.entryId).sort()).toEqual(
        s.entries
          .slice(0, 4)
          .map((e) => e.id)
          .sort(),
      );
      for (const r of closed.body.rows) expect(r).toMatchObject({ sheets: 3, quorumMet: true });
      expect(await fixedAt()).not.toBeNull();
      const ranking = await t.db.query(
        `SELECT entry_id, rank, score::float8 AS score FROM round_rankings WHERE round_id = $1 ORDER BY entry_id`,
        [roundId],
      );
      expect(ranking.rows).toEqual(
        closed.body.rows
          .map((r: { entryId: string; rank: number; score: number }) => ({
            entry_id: r.entryId,
            rank: r.rank,
            score: r.score,
          }))
          .sort((a: { entry_id: string }, b: { entry_id: string }) =>
            a.entry_id < b.entry_id ? -1 : 1,
          ),
      );
      const audit = await t.db.query(
        `SELECT actor_id FROM audit_log WHERE action = 'judging.round_closed' AND subject_id = $1`,
        [roundId],
      );
      expect(audit.rows).toEqual([{ actor_id: s.organizer.id }]);

      const late = await sheet(1, 0);
      expect([late.status, late.body.code]).toEqual([409, 'judging.round_closed']);
    });
  });
});
