import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, JudgingScenario, RUBRIC, scoresFor } from './judging.fixtures';
import { createUser, TestUser } from './support/fixtures';
import { AnswerDoc, responseProblems } from './support/openapi-answers';
import { startTestApp, TestApp } from './support/test-app';

interface AssignmentsView {
  loads: Record<string, number>;
  panel: { judgeId: string; active: boolean }[];
  entries: {
    entryId: string;
    judges: { judgeId: string; sheetStatus: string | null; onPanel: boolean }[];
  }[];
}

const spread = (loads: Record<string, number>) => {
  const v = Object.values(loads);
  return Math.max(...v) - Math.min(...v);
};

describe('Judging: 30 entries, 7 judges, quorum 3, conflicts, a replacement, closing, export, advancement', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judges: TestUser[];
  let substitute: TestUser;
  let roundId: string;
  const http = () => t.http();
  /** Known conflicts: `${entryId}|${judgeId}`. */
  const conflicts = new Set<string>();
  let recused: { entryId: string; judgeId: string };
  let doc: AnswerDoc;
  /** What an answer breaks of the OpenAPI document (empty: the web app's types describe it). */
  const undocumented = (res: Response) => responseProblems(doc, res);

  beforeAll(async () => {
    t = await startTestApp();
    // The judges are created first (their units come from the scenario's tree, set below).
    judges = [];
    for (let i = 0; i < 7; i++)
      judges.push(
        await createUser(t, UserRole.Judge, {
          fullName: i === 2 ? 'Hội viên Nguyễn Thị 7' : `Giám khảo ${i + 1}`,
        }),
      );
    // The province's round: the communes' entries compete together.
    s = await buildScenario(t, { perCommune: 6, judges: judges.map((j) => j.id), scopeDepth: 0 });
    roundId = s.c.rounds.commune;
    // Judge 1 belongs to commune 0 itself, judge 2 to the branch under commune 1 (the same
    // commune, one level below the province); judge 3 shares a name with a member of entry 7.
    await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [
      judges[0].id,
      s.units.communes[0].id,
    ]);
    await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [
      judges[1].id,
      s.units.branches[1].id,
    ]);
    for (const e of s.entries) {
      if (e.commune === 0) conflicts.add(`${e.id}|${judges[0].id}`);
      if (e.commune === 1) conflicts.add(`${e.id}|${judges[1].id}`);
      if (e.members.includes('Hội viên Nguyễn Thị 7')) conflicts.add(`${e.id}|${judges[2].id}`);
    }
    substitute = await createUser(t, UserRole.Judge, { fullName: 'Giám khảo dự bị' });
    doc = (await http().get('/docs/openapi.json').expect(200)).body as AnswerDoc;
    // Building the scenario through the APIs takes a while on a loaded machine.
  }, 240_000);
  afterAll(() => t.close());

  const assignments = async (): Promise<AssignmentsView> => {
    const res = await http()
      .get(`/judging/rounds/${roundId}/assignments`)
      .set('Authorization', s.organizer.auth);
    expect(res.status).toBe(200);
    expect(undocumented(res)).toEqual([]);
    return res.body;
  };
  const score = (judge: TestUser, entryId: string, judgeIndex: number, submit = true) =>
    http()
      .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
      .set('Authorization', judge.auth)
      .send({
        scores: scoresFor(
          s.entries.findIndex((e) => e.id === entryId),
          judgeIndex,
        ),
        comment: 'Bài làm tốt',
        submit,
      });

  it('the rubric is set, then the round is assigned: 3 judges each, never conflicted, loads within one', async () => {
    let res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(res.status).toBe(200);
    res = await http()
      .get(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth);
    expect(res.body).toHaveLength(1);
    expect(undocumented(res)).toEqual([]);
    res = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', judges[0].auth)
      .send({ quorum: 3 });
    expect(res.status).toBe(403);
    res = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 3, seed: 'hoi-thi-2026' });
    expect(res.status).toBe(200);
    expect(undocumented(res)).toEqual([]);
    const view: AssignmentsView = res.body;
    expect(view.entries).toHaveLength(30);
    for (const e of view.entries) {
      expect(e.judges).toHaveLength(3);
      for (const j of e.judges) expect(conflicts.has(`${e.entryId}|${j.judgeId}`)).toBe(false);
    }
    expect(Object.keys(view.loads)).toHaveLength(7);
    expect(spread(view.loads)).toBeLessThanOrEqual(1);
    // Conflicted judges really had conflicts to avoid.
    expect(conflicts.size).toBeGreaterThanOrEqual(13);
    // Same seed, same plan: assigning again changes nothing.
    const again = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({});
    expect(again.body.entries).toEqual(view.entries);
  });

  it('a declared recusal releases the entry, which goes to another non-conflicted judge', async () => {
    const view = await assignments();
    const judge = judges[3];
    const entry = view.entries.find((e) => e.judges.some((j) => j.judgeId === judge.id))!;
    let res = await http()
      .post(`/judging/rounds/${roundId}/entries/${entry.entryId}/recusal`)
      .set('Authorization', judge.auth)
      .send({});
    expect(res.status).toBe(400);
    res = await http()
      .post(`/judging/rounds/${roundId}/entries/${entry.entryId}/recusal`)
      .set('Authorization', judge.auth)
      .send({ reason: 'Tôi là người hướng dẫn chi hội này làm bài' });
    expect(res.status).toBe(200);
    expect(undocumented(res)).toEqual([]);
    recused = { entryId: entry.entryId, judgeId: judge.id };
    conflicts.add(`${entry.entryId}|${judge.id}`);
    const after = await assignments();
    for (const e of after.entries) {
      expect(e.judges).toHaveLength(3);
      for (const j of e.judges) expect(conflicts.has(`${e.entryId}|${j.judgeId}`)).toBe(false);
    }
    expect(spread(after.loads)).toBeLessThanOrEqual(1);
    // The recused judge can no longer read it.
    res = await http()
      .get(`/judging/rounds/${roundId}/entries/${recused.entryId}`)
      .set('Authorization', judge.auth);
    expect(res.status).toBe(403);
    const { rows } = await t.db.query(
      `SELECT reason FROM audit_log WHERE action = 'judging.recused' AND subject_id = $1`,
      [recused.entryId],
    );
    expect(rows).toEqual([{ reason: 'Tôi là người hướng dẫn chi hội này làm bài' }]);
  });

  it('a judge replaced mid-round keeps the submitted sheets; unstarted assignments move, balanced', async () => {
    const leaving = judges[4];
    const mine = (await assignments()).entries
      .filter((e) => e.judges.some((j) => j.judgeId === leaving.id))
      .map((e) => e.entryId);
    expect(mine.length).toBeGreaterThanOrEqual(12);
    const submitted = mine.slice(0, 4);
    for (const id of submitted) {
      const sent = await score(leaving, id, 4);
      expect(sent.status).toBe(200);
      expect(undocumented(sent)).toEqual([]);
    }
    const draft = await score(leaving, mine[4], 4, false);
    expect(draft.body.status).toBe('draft');
    expect(undocumented(draft)).toEqual([]);
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'judge')`,
      [s.c.contestId, substitute.id],
    );
    const res = await http()
      .post(`/judging/rounds/${roundId}/panel/${leaving.id}/replace`)
      .set('Authorization', s.organizer.auth)
      .send({ withJudgeId: substitute.id });
    expect(res.status).toBe(200);
    expect(undocumented(res)).toEqual([]);
    const view: AssignmentsView = res.body;
    for (const e of view.entries) {
      expect(e.judges).toHaveLength(3);
      for (const j of e.judges) expect(conflicts.has(`${e.entryId}|${j.judgeId}`)).toBe(false);
    }
    const kept = view.entries
      .filter((e) => e.judges.some((j) => j.judgeId === leaving.id))
      .map((e) => e.entryId);
    expect(kept.sort()).toEqual([...submitted].sort());
    const { rows } = await t.db.query(
      `SELECT entry_id, status FROM score_sheets WHERE round_id = $1 AND judge_id = $2 ORDER BY entry_id`,
      [roundId, leaving.id],
    );
    expect(
      rows
        .filter((r) => r.status === 'submitted')
        .map((r) => r.entry_id)
        .sort(),
    ).toEqual([...submitted].sort());
    expect(rows.find((r) => r.entry_id === mine[4]).status).toBe('void');
    expect(Object.keys(view.loads)).not.toContain(leaving.id);
    expect(view.loads[substitute.id]).toBeGreaterThan(0);
    expect(spread(view.loads)).toBeLessThanOrEqual(1);
    // The leaving judge can no longer score what moved away.
    expect((await score(leaving, mine[5], 4)).status).toBe(403);
    const audit = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'judging.judge_replaced'`,
    );
    expect(audit.rows[0].after).toMatchObject({ judgeId: leaving.id, replacedBy: substitute.id });
  });

  it("the judge's answers are what the OpenAPI document (and so the web app's types) describes, not blind", async () => {
    const judge = judges[5];
    const get = (path: string, who = judge) => http().get(path).set('Authorization', who.auth);
    const answers: Response[] = [];
    const home = await get('/judging/my-rounds');
    expect(home.body.rounds.map((r: { id: string }) => r.id)).toContain(roundId);
    answers.push(home);
    const queue = await get(`/judging/rounds/${roundId}/queue`);
    expect(queue.body.items.length).toBeGreaterThan(0);
    answers.push(queue);
    const entryId = queue.body.items[0].entryId as string;
    const entry = await get(`/judging/rounds/${roundId}/entries/${entryId}`);
    // not blind: the unit, members and contact are there, and described
    expect(entry.body).toMatchObject({ blind: false, unitName: expect.any(String) });
    expect(entry.body.members.length).toBeGreaterThan(0);
    expect(entry.body).toHaveProperty('contactName');
    expect(entry.body.rubric).toHaveLength(3);
    answers.push(entry);
    answers.push(await get(`/judging/rounds/${roundId}/entries/${entryId}/media`));
    const none = await get(`/judging/rounds/${roundId}/entries/${entryId}/sheet`);
    expect(none.status).toBe(200);
    answers.push(none);
    // a sheet of the judge replaced above, read by its judge and by an organizer
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM score_sheets WHERE round_id = $1 AND judge_id = $2 AND status = 'submitted' LIMIT 1`,
      [roundId, judges[4].id],
    );
    answers.push(await get(`/judging/sheets/${rows[0].id}`, judges[4]));
    answers.push(await get(`/judging/sheets/${rows[0].id}`, s.organizer));
    for (const a of answers) expect(a.status).toBe(200);
    expect(answers.flatMap(undocumented)).toEqual([]);
  });

  it('closing while an entry lacks its quorum is refused; nothing is fixed', async () => {
    const view = await assignments();
    const panelJudges = [...judges.filter((j) => j.id !== judges[4].id), substitute];
    const skip = view.entries[view.entries.length - 1];
    const skipJudge = skip.judges.find((j) => j.sheetStatus === null)!.judgeId;
    for (const e of view.entries)
      for (const j of e.judges) {
        if (j.sheetStatus === 'submitted') continue;
        if (e.entryId === skip.entryId && j.judgeId === skipJudge) continue;
        const judge = panelJudges.find((p) => p.id === j.judgeId)!;
        const res = await score(judge, e.entryId, panelJudges.indexOf(judge));
        expect(res.status).toBe(200);
      }
    const progress = await http()
      .get(`/judging/rounds/${roundId}/progress`)
      .set('Authorization', s.organizer.auth);
    expect(progress.body.entries).toEqual({ total: 30, complete: 29 });
    expect(undocumented(progress)).toEqual([]);
    const res = await http()
      .post(`/judging/rounds/${roundId}/close`)
      .set('Authorization', s.organizer.auth)
      .send({});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'judging.quorum_missing' });
    expect(undocumented(res)).toEqual([]);
    expect(res.body.message).toContain('1');
    const fixed = await t.db.query(`SELECT results_fixed_at FROM contest_rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(fixed.rows[0].results_fixed_at).toBeNull();
    expect(
      (await t.db.query(`SELECT 1 FROM round_rankings WHERE round_id = $1`, [roundId])).rowCount,
    ).toBe(0);
    // Forcing needs a reason.
    const noReason = await http()
      .post(`/judging/rounds/${roundId}/close`)
      .set('Authorization', s.organizer.auth)
      .send({ force: true });
    expect(noReason.status).toBe(400);
  }, 180_000);

  it('a forced close is audited with its reason and fixes the ranking; sheets are locked after', async () => {
    const res = await http()
      .post(`/judging/rounds/${roundId}/close`)
      .set('Authorization', s.organizer.auth)
      .send({
        force: true,
        reason: 'Giám khảo vắng mặt do thiên tai, hội đồng thống nhất khóa vòng',
      });
    expect(res.status).toBe(200);
    expect(res.body.fixed).toBe(true);
    expect(res.body.rows).toHaveLength(30);
    expect(undocumented(res)).toEqual([]);
    const final = await http()
      .get(`/judging/rounds/${roundId}/final`)
      .set('Authorization', s.organizer.auth);
    expect(final.status).toBe(200);
    expect(final.body.rows).toHaveLength(30);
    expect(undocumented(final)).toEqual([]);
    // Ranked per category in the province's round (its entries compete across the province):
    // two groups of fifteen, each ranked 1 to 15 (no two entries here are equal in every
    // tie-break).
    const rows = res.body.rows as { entryId: string; group: string; rank: number }[];
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const e = s.entries.find((x) => x.id === r.entryId)!;
      expect(r.group).toBe(`${e.categoryId}/${s.units.province}`);
      groups.set(r.group, [...(groups.get(r.group) ?? []), r.rank]);
    }
    expect(groups.size).toBe(2);
    for (const ranks of groups.values())
      expect(ranks).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const audit = await t.db.query(
      `SELECT actor_id, reason, after FROM audit_log WHERE action = 'judging.round_force_closed' AND subject_id = $1`,
      [roundId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      actor_id: s.organizer.id,
      reason: 'Giám khảo vắng mặt do thiên tai, hội đồng thống nhất khóa vòng',
    });
    expect(audit.rows[0].after.missingQuorum).toHaveLength(1);
    // No voting session: the stored result is the jury's.
    const ranking = await t.db.query(
      `SELECT entry_id, rank, score, jury_rank, jury_score FROM round_rankings WHERE round_id = $1 ORDER BY entry_id`,
      [roundId],
    );
    const byEntry = new Map(
      res.body.rows.map((r: { entryId: string; rank: number; score: number }) => [r.entryId, r]),
    );
    expect(ranking.rows).toHaveLength(30);
    for (const r of ranking.rows) {
      const api = byEntry.get(r.entry_id) as { rank: number; score: number };
      expect([r.rank, Number(r.score), r.jury_rank, Number(r.jury_score)]).toEqual([
        api.rank,
        api.score,
        api.rank,
        api.score,
      ]);
    }
    // Locked: a revision is refused and nothing changes.
    const before = await t.db.query(
      `SELECT scores, updated_at FROM score_sheets WHERE round_id = $1 AND judge_id = $2 LIMIT 1`,
      [roundId, judges[5].id],
    );
    const sheet = await t.db.query(
      `SELECT entry_id FROM score_sheets WHERE round_id = $1 AND judge_id = $2 LIMIT 1`,
      [roundId, judges[5].id],
    );
    const late = await score(judges[5], sheet.rows[0].entry_id, 1);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('judging.round_closed');
    const after = await t.db.query(
      `SELECT scores, updated_at FROM score_sheets WHERE round_id = $1 AND judge_id = $2 LIMIT 1`,
      [roundId, judges[5].id],
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('the exported XLSX opens and its totals equal the API’s', async () => {
    const api = await http()
      .get(`/judging/rounds/${roundId}/results`)
      .set('Authorization', s.organizer.auth);
    expect(undocumented(api)).toEqual([]);
    const res = await http()
      .get(`/judging/rounds/${roundId}/export.xlsx`)
      .set('Authorization', s.organizer.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ma trận điểm',
      'Xếp hạng',
      'Giải thưởng',
      'Bình chọn',
    ]);
    const ranking = wb.getWorksheet('Xếp hạng')!;
    const header = (ranking.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Lĩnh vực',
      'Xét trong đơn vị',
      'Hạng',
      'Đồng hạng',
      'Mã bài',
      'Tên bài dự thi',
      'Đơn vị',
      'Điểm giám khảo',
      'Số phiếu',
      'Đủ số phiếu',
      'Phân định thứ hạng bằng',
    ]);
    expect(ranking.getRow(1).font?.bold).toBe(true);
    expect(ranking.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:1',
    });
    const fromXlsx: [number, number][] = [];
    ranking.eachRow((row, n) => {
      if (n > 1) fromXlsx.push([row.getCell(3).value as number, row.getCell(8).value as number]);
    });
    expect(fromXlsx).toEqual(
      api.body.rows.map((r: { rank: number; score: number }) => [r.rank, r.score]),
    );
    // The matrix: one row per submitted sheet, its total the stored one; units are named.
    const matrix = wb.getWorksheet('Ma trận điểm')!;
    let sum = 0;
    let rowsCount = 0;
    matrix.eachRow((row, n) => {
      if (n === 1) return;
      rowsCount += 1;
      sum += row.getCell(row.cellCount).value as number;
    });
    const db = await t.db.query(
      `SELECT count(*)::int AS n, sum(total)::float8 AS s FROM score_sheets WHERE round_id = $1 AND status = 'submitted'`,
      [roundId],
    );
    expect(rowsCount).toBe(db.rows[0].n);
    expect(sum).toBeCloseTo(db.rows[0].s, 6);
    expect(JSON.stringify((matrix.getRow(2).values as unknown[]).slice(1))).toMatch(/Hội LHPN xã/);
    // CSV: the same ranking.
    const csv = await http()
      .get(`/judging/rounds/${roundId}/export.csv?table=ranking`)
      .set('Authorization', s.organizer.auth);
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Lĩnh vực,Xét trong đơn vị,Hạng,Đồng hạng,Mã bài,Tên bài dự thi,Đơn vị,Điểm giám khảo,Số phiếu,Đủ số phiếu,Phân định thứ hạng bằng',
    );
    expect(lines).toHaveLength(31);
  });

  it('the fixed ranking drives advancement: the province’s best 5 of each category through the entries API', async () => {
    const api = await http()
      .get(`/judging/rounds/${roundId}/results`)
      .set('Authorization', s.organizer.auth);
    // Ranks are per category in the province's round: the best 5 of each.
    const rows = api.body.rows as { entryId: string; rank: number }[];
    const best = rows.filter((r) => r.rank <= 5).map((r) => r.entryId);
    const categories = new Set(s.entries.map((e) => e.categoryId));
    for (const c of categories) {
      const mine = best.filter((id) => s.entries.find((e) => e.id === id)!.categoryId === c);
      expect(mine.length).toBeGreaterThanOrEqual(5);
    }
    // Entries leave only a round that was opened and has reached its opening time.
    await t.db.query(
      `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 hour' WHERE id = $1`,
      [roundId],
    );
    const res = await http()
      .post(`/contests/${s.c.contestId}/rounds/${roundId}/advance`)
      .set('Authorization', s.organizer.auth)
      .send({ topNPerUnit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.advanced.sort()).toEqual([...best].sort());
  });
});
