import { io, Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, JudgingScenario, RUBRIC, scoresFor } from './judging.fixtures';
import { createUser, TestUser } from './support/fixtures';
import { AnswerDoc, responseProblems } from './support/openapi-answers';
import { startTestApp, TestApp } from './support/test-app';

/** Every string that names an author, a unit, a contact or an owner of the scenario's entries. */
function identifying(s: JudgingScenario): string[] {
  return [
    ...s.entries.flatMap((e) => e.members),
    ...s.units.communes.flatMap((u) => [u.id, u.name]),
    ...s.units.branches.flatMap((u) => [u.id, u.name]),
    s.units.province,
    'Đắk Lắk',
    ...s.contestants.map((c) => c.id),
    'lienhe',
    '+8491234',
    'ownerId',
    'unitId',
    'unitName',
    'members',
    'contact',
  ];
}

describe('Judging: access, blind judging, bad input, rubric changes, results and live progress', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judges: TestUser[];
  let roundId: string;
  let names: string[];
  const sockets: Socket[] = [];
  const judgeEvents: unknown[] = [];
  const organizerEvents: { event: string; payload: unknown }[] = [];
  const http = () => t.http();
  const mineOf = async (j: TestUser) =>
    (
      await http().get(`/judging/rounds/${roundId}/queue`).set('Authorization', j.auth)
    ).body.items.map((i: { entryId: string }) => i.entryId) as string[];
  const blindCheck = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const n of names) expect(text).not.toContain(n);
  };

  beforeAll(async () => {
    t = await startTestApp();
    judges = [];
    for (let i = 0; i < 4; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Chuyên gia ${i + 1}` }));
    s = await buildScenario(t, {
      perCommune: 2,
      blindJudging: true,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    roundId = s.c.rounds.commune;
    names = identifying(s);
    // Judge 1 sits in commune 0: in the province's round, a conflict with its entries.
    await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [
      judges[0].id,
      s.units.communes[0].id,
    ]);
    const connect = (token: string) =>
      io(t.url, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
      });
    const js = connect(judges[1].accessToken);
    sockets.push(js);
    js.onAny((_event, payload) => judgeEvents.push(payload));
    const os = connect(s.organizer.accessToken);
    sockets.push(os);
    os.onAny((event: string, payload) => organizerEvents.push({ event, payload }));
    await Promise.all(sockets.map((x) => new Promise<void>((r) => x.once('connect', () => r()))));
    // Building the scenario through the APIs takes a while on a loaded machine.
  }, 240_000);
  afterAll(async () => {
    sockets.forEach((x) => x.disconnect());
    await t.close();
  });

  it('the live room is for organizers only, with a progress snapshot', async () => {
    const denied = await sockets[0].emitWithAck('room:join', { room: `judging:${roundId}` });
    expect(denied).toMatchObject({ ok: false, error: { code: 'realtime.room_forbidden' } });
    const ack = await sockets[1].emitWithAck('room:join', { room: `judging:${roundId}` });
    expect(ack).toMatchObject({ ok: true, data: { roundId, entries: { total: 0, complete: 0 } } });
  });

  it('rubric weights are validated, or normalized and shown as such', async () => {
    const put = (body: object) =>
      http()
        .put(`/judging/rounds/${roundId}/rubrics`)
        .set('Authorization', s.organizer.auth)
        .send(body);
    let res = await put({ criteria: [{ name: 'Nội dung', weight: 50, max: 10, step: 0.3 }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'criteria.0.step', code: 'judging.step_not_divisor' }),
    ]);
    res = await put({ criteria: [{ name: 'Nội dung', weight: -1, max: 10, step: 1 }] });
    expect(res.status).toBe(400);
    res = await put({ criteria: RUBRIC.criteria.map((c) => ({ ...c, weight: c.weight / 5 })) });
    expect(res.status).toBe(200);
    res = await http()
      .get(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', judges[1].auth);
    expect(res.body[0]).toMatchObject({ weightsNormalized: true });
    expect(
      res.body[0].criteria.map((c: { normalizedWeight: number }) => c.normalizedWeight),
    ).toEqual([40, 35, 25]);
    res = await put(RUBRIC);
    expect(res.status).toBe(200);
    const doc = (await http().get('/docs/openapi.json').expect(200)).body as AnswerDoc;
    expect(responseProblems(doc, res)).toEqual([]);
    res = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 2, seed: 'x' });
    expect(res.status).toBe(200);
  });

  it('judges read only their assigned, non-conflicted entries, blind: no author, unit or contact anywhere', async () => {
    const mine = await mineOf(judges[1]);
    expect(mine.length).toBeGreaterThan(0);
    const queue = await http()
      .get(`/judging/rounds/${roundId}/queue`)
      .set('Authorization', judges[1].auth);
    expect(queue.body.blind).toBe(true);
    blindCheck(queue.body);
    const entry = await http()
      .get(`/judging/rounds/${roundId}/entries/${mine[0]}`)
      .set('Authorization', judges[1].auth);
    expect(entry.status).toBe(200);
    expect(entry.body.title).toMatch(/^Bài dự thi số/);
    expect(entry.body.rubric).toHaveLength(3);
    blindCheck(entry.body);
    const rubrics = await http()
      .get(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', judges[1].auth);
    blindCheck(rubrics.body);
    // Unassigned: 403 to read and to score.
    const other = s.entries.map((e) => e.id).find((id) => !mine.includes(id))!;
    let res = await http()
      .get(`/judging/rounds/${roundId}/entries/${other}`)
      .set('Authorization', judges[1].auth);
    expect(res.status).toBe(403);
    res = await http()
      .put(`/judging/rounds/${roundId}/entries/${other}/sheet`)
      .set('Authorization', judges[1].auth)
      .send({ scores: scoresFor(0, 0), submit: true });
    expect(res.status).toBe(403);
    // Conflicted (same commune): 403, with the conflict named, even if assigned by hand.
    const conflicted = s.entries.find((e) => e.commune === 0)!.id;
    await t.db.query(
      `INSERT INTO judging_assignments (round_id, entry_id, judge_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [roundId, conflicted, judges[0].id],
    );
    res = await http()
      .get(`/judging/rounds/${roundId}/entries/${conflicted}`)
      .set('Authorization', judges[0].auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('judging.conflicted');
    res = await http()
      .put(`/judging/rounds/${roundId}/entries/${conflicted}/sheet`)
      .set('Authorization', judges[0].auth)
      .send({ scores: scoresFor(0, 0), submit: true });
    expect(res.status).toBe(403);
    // Nor is it listed in the judge's queue.
    expect(await mineOf(judges[0])).not.toContain(conflicted);
    await t.db.query(`DELETE FROM judging_assignments WHERE entry_id = $1 AND judge_id = $2`, [
      conflicted,
      judges[0].id,
    ]);
    // The automatic assignment never gave judge 1 an entry of commune 0.
    const j0 = await mineOf(judges[0]);
    for (const id of j0) expect(s.entries.find((e) => e.id === id)!.commune).not.toBe(0);
    // Contestants and organizers-as-outsiders are not judges.
    res = await http()
      .get(`/judging/rounds/${roundId}/queue`)
      .set('Authorization', s.contestants[0].auth);
    expect(res.status).toBe(403);
  });

  it('the entries API shows a judge only their assigned, non-conflicted entries', async () => {
    const read = (j: TestUser, id: string) =>
      http().get(`/entries/${id}`).set('Authorization', j.auth);
    const listed = async (j: TestUser) => {
      const res = await http()
        .get(`/contests/${s.c.contestId}/entries`)
        .set('Authorization', j.auth)
        .query({ limit: 100 });
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    // Assigned: readable, blind, and the list is exactly the judge's queue.
    const mine = await mineOf(judges[1]);
    const res = await read(judges[1], mine[0]);
    expect(res.status).toBe(200);
    expect(res.body.blind).toBe(true);
    expect(res.body).not.toHaveProperty('unitName');
    expect(res.body).not.toHaveProperty('members');
    expect(await listed(judges[1])).toEqual([...mine].sort());
    // Unassigned: neither read nor listed.
    const other = s.entries.map((e) => e.id).find((id) => !mine.includes(id))!;
    expect([403, 404]).toContain((await read(judges[1], other)).status);
    expect(await listed(judges[1])).not.toContain(other);
    // Conflicted (same commune), even when assigned by hand: neither read nor listed.
    const conflicted = s.entries.find((e) => e.commune === 0)!.id;
    await t.db.query(
      `INSERT INTO judging_assignments (round_id, entry_id, judge_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [roundId, conflicted, judges[0].id],
    );
    try {
      expect(
        (
          await http()
            .get(`/judging/rounds/${roundId}/entries/${conflicted}`)
            .set('Authorization', judges[0].auth)
        ).status,
      ).toBe(403);
      expect([403, 404]).toContain((await read(judges[0], conflicted)).status);
      const j0 = await listed(judges[0]);
      expect(j0).not.toContain(conflicted);
      // The entries API lists exactly the judge's queue, which leaves the conflict out too.
      expect(j0).toEqual([...(await mineOf(judges[0]))].sort());
    } finally {
      await t.db.query(`DELETE FROM judging_assignments WHERE entry_id = $1 AND judge_id = $2`, [
        conflicted,
        judges[0].id,
      ]);
    }
    // A declared recusal hides an assigned entry too.
    await t.db.query(
      `INSERT INTO judging_recusals (contest_id, entry_id, judge_id, reason) VALUES ($1, $2, $3, 'Người quen')`,
      [s.c.contestId, mine[0], judges[1].id],
    );
    try {
      expect([403, 404]).toContain((await read(judges[1], mine[0])).status);
      expect(await listed(judges[1])).not.toContain(mine[0]);
      expect(await mineOf(judges[1])).not.toContain(mine[0]);
    } finally {
      await t.db.query(`DELETE FROM judging_recusals WHERE entry_id = $1 AND judge_id = $2`, [
        mine[0],
        judges[1].id,
      ]);
    }
    expect((await read(judges[1], mine[0])).status).toBe(200);
  });

  it('bad scores are refused with field errors and nothing changes', async () => {
    const j = judges[1];
    const [entryId] = await mineOf(j);
    const put = (scores: Record<string, unknown>, submit = true) =>
      http()
        .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
        .set('Authorization', j.auth)
        .send({ scores, submit });
    const good = scoresFor(1, 1);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...good, 'noi-dung': 10.5 }, 'scores.noi-dung', 'judging.score_above_max'],
      [{ ...good, 'noi-dung': 7.3 }, 'scores.noi-dung', 'judging.score_off_step'],
      [{ ...good, 'hinh-thuc': 2.1 }, 'scores.hinh-thuc', 'judging.score_off_step'],
      [{ ...good, 'sang-tao': -1 }, 'scores.sang-tao', 'judging.score_negative'],
      [{ 'noi-dung': 5, 'sang-tao': 5 }, 'scores.hinh-thuc', 'judging.score_missing'],
      [{ ...good, 'thuyet-trinh': 5 }, 'scores.thuyet-trinh', 'judging.criterion_unknown'],
    ];
    const count = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM score_sheets)::int + (SELECT count(*) FROM audit_log WHERE action LIKE 'judging.sheet%')::int AS n`,
        )
      ).rows[0].n;
    const before = await count();
    for (const [scores, field, code] of cases) {
      const res = await put(scores);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
    }
    const en = await http()
      .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
      .set('Authorization', j.auth)
      .set('Accept-Language', 'en')
      .send({ scores: { ...good, 'noi-dung': 11 }, submit: true });
    expect(en.body.errors[0].message).toBe('The score cannot exceed 10.');
    expect(await count()).toBe(before);
  });

  it('sheets: draft, submit, revise (each audited); another judge’s sheet is 403; judge sockets stay blind', async () => {
    const j = judges[1];
    const [entryId] = await mineOf(j);
    const url = `/judging/rounds/${roundId}/entries/${entryId}/sheet`;
    let res = await http()
      .put(url)
      .set('Authorization', j.auth)
      .send({ scores: { 'noi-dung': 8.5 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', scores: { 'noi-dung': 8.5 }, total: null });
    blindCheck(res.body);
    res = await http()
      .put(url)
      .set('Authorization', j.auth)
      .send({ scores: { 'sang-tao': 7, 'hinh-thuc': 4.25 }, submit: false });
    // A draft keeps the scores it is not given.
    expect(res.body).toMatchObject({
      status: 'draft',
      scores: { 'noi-dung': 8.5, 'sang-tao': 7, 'hinh-thuc': 4.25 },
    });
    res = await http()
      .put(url)
      .set('Authorization', j.auth)
      .send({ scores: { 'noi-dung': 8.5, 'sang-tao': 7, 'hinh-thuc': 4.25 }, submit: true });
    expect(res.body).toMatchObject({ status: 'submitted', total: 79.75 }); // 34 + 24.5 + 21.25
    const sheetId = res.body.id;
    res = await http()
      .put(url)
      .set('Authorization', j.auth)
      .send({ scores: { 'noi-dung': 9, 'sang-tao': 7, 'hinh-thuc': 4.25 }, submit: true });
    expect(res.body).toMatchObject({ status: 'submitted', total: 81.75 });
    const audit = await t.db.query(
      `SELECT action, before, after FROM audit_log WHERE subject_id = $1 ORDER BY id`,
      [sheetId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'judging.sheet_created',
      'judging.sheet_saved',
      'judging.sheet_submitted',
      'judging.sheet_revised',
    ]);
    expect(audit.rows[3].before.scores['noi-dung']).toBe('8.50');
    expect(audit.rows[3].after.scores['noi-dung']).toBe('9.00');
    expect(
      (await http().get(`/judging/sheets/${sheetId}`).set('Authorization', j.auth)).status,
    ).toBe(200);
    expect(
      (await http().get(`/judging/sheets/${sheetId}`).set('Authorization', judges[2].auth)).status,
    ).toBe(403);
    expect(
      (await http().get(`/judging/sheets/${sheetId}`).set('Authorization', s.organizer.auth))
        .status,
    ).toBe(200);
    // Organizers saw the progress live; judges' own socket events carry ids only.
    // Events follow the commit; wait for them (no time limit asserted).
    while (!organizerEvents.some((e) => e.event === 'judging.results'))
      await new Promise((r) => setImmediate(r));
    expect(organizerEvents.some((e) => e.event === 'judging.progress')).toBe(true);
    expect(organizerEvents.some((e) => e.event === 'judging.results')).toBe(true);
    expect(judgeEvents.length).toBeGreaterThan(0);
    for (const payload of judgeEvents) blindCheck(payload);
  });

  it('a rubric change after scoring started needs an organizer and a reason, is audited and reopens sheets', async () => {
    const changed = {
      criteria: RUBRIC.criteria.map((c, i) =>
        i === 0 ? { ...c, weight: 50 } : i === 1 ? { ...c, weight: 25 } : c,
      ),
    };
    let res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(changed);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.rubric_frozen');
    res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', judges[1].auth)
      .send({ ...changed, reason: 'x' });
    expect(res.status).toBe(403);
    res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send({ ...changed, reason: 'Hội đồng thống nhất tăng trọng số nội dung' });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(3);
    const sheets = await t.db.query(
      `SELECT status, reopened FROM score_sheets WHERE round_id = $1 AND judge_id = $2`,
      [roundId, judges[1].id],
    );
    expect(sheets.rows).toEqual([{ status: 'draft', reopened: true }]);
    const audit = await t.db.query(
      `SELECT reason, after FROM audit_log WHERE action = 'judging.rubric_changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      reason: 'Hội đồng thống nhất tăng trọng số nội dung',
      after: { reopenedSheets: 1 },
    });
  });

  it('final results: jury score with the public part at weight 0, prizes by rank, published, each contestant sees only their own breakdown', async () => {
    // Every judge submits every assigned sheet.
    for (const [ji, j] of judges.entries())
      for (const entryId of await mineOf(j)) {
        const res = await http()
          .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
          .set('Authorization', j.auth)
          .send({
            scores: scoresFor(
              s.entries.findIndex((e) => e.id === entryId),
              ji,
            ),
            submit: true,
          });
        expect(res.status).toBe(200);
      }
    let res = await http()
      .post(`/judging/rounds/${roundId}/publish`)
      .set('Authorization', s.organizer.auth)
      .send({});
    expect(res.status).toBe(409);
    res = await http()
      .post(`/judging/rounds/${roundId}/close`)
      .set('Authorization', s.organizer.auth)
      .send({});
    expect(res.status).toBe(200);
    const mine = s.entries.find((e) => e.commune === 2)!;
    res = await http()
      .get(`/judging/entries/${mine.id}/results`)
      .set('Authorization', s.contestants[2].auth);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.not_published');
    res = await http()
      .post(`/judging/rounds/${roundId}/publish`)
      .set('Authorization', s.organizer.auth)
      .send({});
    expect(res.status).toBe(200);
    const doc = (await http().get('/docs/openapi.json').expect(200)).body as AnswerDoc;
    expect(responseProblems(doc, res)).toEqual([]);
    // No voting session in the round: the jury counts for everything.
    expect(res.body).toMatchObject({
      juryWeight: 100,
      publicWeight: 0,
      publicVote: { status: 'none', sessions: [] },
      provisional: false,
    });
    const rows = res.body.rows as {
      entryId: string;
      categoryId: string;
      rank: number;
      prize: string | null;
      juryScore: number;
      finalScore: number;
    }[];
    for (const r of rows) expect(r.finalScore).toBe(r.juryScore);
    // Prizes go by rank in each group: the province's round ranks each category across the
    // province (two groups of five); the contest's default tiers give one first prize, two
    // second, three third (ties share their rank's prize).
    expect(res.body.groups).toHaveLength(2);
    const tier = (rank: number) =>
      rank <= 1 ? 'first' : rank <= 3 ? 'second' : rank <= 6 ? 'third' : 'consolation';
    for (const category of new Set(rows.map((r) => r.categoryId))) {
      const mine = rows.filter((r) => r.categoryId === category);
      expect(mine).toHaveLength(5);
      const byScore = [...mine].sort((a, b) => b.finalScore - a.finalScore);
      for (const r of mine) {
        // the rank is 1 + the entries of the group with a higher score, or a tie-break decided it
        const above = byScore.filter((x) => x.finalScore > r.finalScore).length;
        expect(r.rank).toBeGreaterThanOrEqual(above + 1);
        expect(r.prize).toBe(tier(r.rank));
      }
      expect(mine.map((r) => r.rank).sort()).toContain(1);
    }
    res = await http()
      .get(`/judging/entries/${mine.id}/results`)
      .set('Authorization', s.contestants[2].auth);
    expect(res.status).toBe(200);
    expect(responseProblems(doc, res)).toEqual([]);
    const b = res.body.rounds[0];
    expect(b.criteria.map((c: { name: string }) => c.name)).toEqual(
      RUBRIC.criteria.map((c) => c.name),
    );
    expect(b.sheets).toBe(2);
    const row = rows.find((r) => r.entryId === mine.id)!;
    expect(b.finalScore).toBe(row.finalScore);
    expect(b.prize).toBe(row.prize);
    expect(JSON.stringify(res.body)).not.toContain('Chuyên gia');
    // Another unit's contestant: 403.
    res = await http()
      .get(`/judging/entries/${mine.id}/results`)
      .set('Authorization', s.contestants[3].auth);
    expect(res.status).toBe(403);
  }, 180_000);
});
