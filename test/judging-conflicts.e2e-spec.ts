import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, JudgingScenario, openJudging, RUBRIC, scoresFor } from './judging.fixtures';
import { createUser, TestUser } from './support/fixtures';
import { AnswerDoc, responseProblems } from './support/openapi-answers';
import { startTestApp, TestApp } from './support/test-app';

const COMMUNES = [
  'Hội LHPN xã Tân Lập',
  'Hội LHPN xã Đồng Tâm',
  'Hội LHPN xã Ea Kao',
  'Hội LHPN xã Buôn Đôn',
  'Hội LHPN xã Hòa Phú',
  'Hội LHPN xã Krông Búk',
  'Hội LHPN xã Cư Mgar',
  'Hội LHPN xã Ea Súp',
];
/** The communes the two commune judges come from. */
const JUDGE_COMMUNES = [2, 5];

interface Reasons {
  unit: number;
  owner: number;
  member: number;
  recusal: number;
  category: number;
  capacity: number;
}
interface Shortfall {
  entryId: string;
  needed: number;
  assigned: number;
  reasons: Reasons;
  message: string;
}
interface AssignmentsView {
  quorum: number;
  loads: Record<string, number>;
  entries: { entryId: string; judges: { judgeId: string; sheetStatus: string | null }[] }[];
  shortfalls: Shortfall[];
  message: string | null;
}

const noReasons = (): Reasons => ({
  unit: 0,
  owner: 0,
  member: 0,
  recusal: 0,
  category: 0,
  capacity: 0,
});

describe("Judging a province's communes: the provincial jury judges, commune judges not their own commune; shortfalls say why; windows; defaults", () => {
  let t: TestApp;
  let s: JudgingScenario;
  /** Five officers of the province, then a judge of commune 2 and one of commune 5. */
  let judges: TestUser[];
  let roundId: string;
  const http = () => t.http();
  /** The commune a judge comes from (undefined: the province). */
  const communeOf = (j: TestUser): number | undefined => {
    const i = judges.indexOf(j);
    return i < 5 ? undefined : JUDGE_COMMUNES[i - 5];
  };
  const assign = (body: object, language = 'vi') =>
    http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .set('Accept-Language', language)
      .send(body);
  const view = async (language = 'vi'): Promise<AssignmentsView> => {
    const res = await http()
      .get(`/judging/rounds/${roundId}/assignments`)
      .set('Authorization', s.organizer.auth)
      .set('Accept-Language', language);
    expect(res.status).toBe(200);
    return res.body;
  };
  const queueOf = async (j: TestUser): Promise<string[]> => {
    const res = await http().get(`/judging/rounds/${roundId}/queue`).set('Authorization', j.auth);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { entryId: string }) => i.entryId);
  };
  const setRound = (sql: string, params: unknown[] = []) =>
    t.db.query(`UPDATE contest_rounds SET ${sql} WHERE id = $1`, [roundId, ...params]);

  beforeAll(async () => {
    t = await startTestApp();
    judges = [];
    for (let i = 0; i < 5; i++)
      judges.push(
        await createUser(t, UserRole.Judge, { fullName: `Cán bộ Hội LHPN tỉnh số ${i + 1}` }),
      );
    for (const c of JUDGE_COMMUNES)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Chủ tịch Hội xã số ${c + 1}` }));
    // The province's round: 60 entries of 8 communes compete together.
    s = await buildScenario(t, {
      perCommune: 0,
      total: 60,
      communes: COMMUNES,
      blindJudging: true,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    roundId = s.c.rounds.commune;
    for (const [i, j] of judges.entries())
      await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [
        j.id,
        i < 5 ? s.units.province : s.units.communes[JUDGE_COMMUNES[i - 5]].id,
      ]);
    const res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(res.status).toBe(200);
    // Building the scenario through the APIs takes a while on a loaded machine.
  }, 400_000);
  afterAll(() => t.close());

  it('60 entries, 5 provincial and 2 commune judges, quorum 3: every entry gets 3, never its own commune’s judge, loads balanced', async () => {
    const res = await assign({ quorum: 3, seed: 'tinh-dak-lak-2026' });
    expect(res.status).toBe(200);
    const body: AssignmentsView = res.body;
    expect(body.shortfalls).toEqual([]);
    expect(body.message).toBeNull();
    expect(body.entries).toHaveLength(60);
    // Our own count of every judge's load, from the assignments listed.
    const loads = new Map(judges.map((j) => [j.id, 0]));
    for (const e of body.entries) {
      const commune = s.entries.find((x) => x.id === e.entryId)!.commune;
      const ids = e.judges.map((j) => j.judgeId);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) {
        const judge = judges.find((j) => j.id === id)!;
        expect(judge).toBeDefined();
        // A commune judge never gets an entry of their own commune.
        expect(communeOf(judge)).not.toBe(commune);
        loads.set(id, loads.get(id)! + 1);
      }
    }
    // 180 assignments over 7 judges: 25 or 26 each (26 × 5 + 25 × 2).
    const counts = [...loads.values()].sort((a, b) => a - b);
    expect(counts).toEqual([25, 25, 26, 26, 26, 26, 26]);
    expect(body.loads).toEqual(Object.fromEntries(loads));
    // The provincial judges really judge the communes, the commune judges the other communes.
    for (const j of judges) {
      const queue = await queueOf(j);
      expect(queue).toHaveLength(loads.get(j.id)!);
      const communes = new Set(queue.map((id) => s.entries.find((e) => e.id === id)!.commune));
      if (communeOf(j) === undefined) expect(communes.size).toBeGreaterThan(1);
      else expect(communes.has(communeOf(j)!)).toBe(false);
    }
  });

  it('a provincial judge reads and scores a commune’s entry, blind; a commune judge is refused their own commune’s entry', async () => {
    const officer = judges[0];
    const [entryId] = await queueOf(officer);
    const index = s.entries.findIndex((e) => e.id === entryId);
    let res = await http()
      .get(`/judging/rounds/${roundId}/entries/${entryId}`)
      .set('Authorization', officer.auth);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const name of [
      ...COMMUNES,
      ...s.entries[index].members,
      s.units.communes[s.entries[index].commune].id,
    ])
      expect(text).not.toContain(name);
    res = await http()
      .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
      .set('Authorization', officer.auth)
      .send({ scores: scoresFor(index, 0), submit: true });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
    // Assigned by hand to its own commune's entry, the commune judge may still not open it.
    const own = s.entries.find((e) => e.commune === JUDGE_COMMUNES[0])!.id;
    await t.db.query(
      `INSERT INTO judging_assignments (round_id, entry_id, judge_id) VALUES ($1, $2, $3)`,
      [roundId, own, judges[5].id],
    );
    try {
      res = await http()
        .get(`/judging/rounds/${roundId}/entries/${own}`)
        .set('Authorization', judges[5].auth);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('judging.conflicted');
      const read = await http().get(`/entries/${own}`).set('Authorization', judges[5].auth);
      expect([403, 404]).toContain(read.status);
    } finally {
      await t.db.query(`DELETE FROM judging_assignments WHERE entry_id = $1 AND judge_id = $2`, [
        own,
        judges[5].id,
      ]);
    }
  });

  it('a quorum the panel cannot reach: each short entry says why, counted by reason, in Vietnamese or English', async () => {
    // The fifth provincial judge judges only the "solution" category.
    await t.db.query(
      `UPDATE contest_memberships SET category_ids = ARRAY[$3::uuid] WHERE contest_id = $1 AND user_id = $2`,
      [s.c.contestId, judges[4].id, s.c.categories.solution],
    );
    // Our own expectation: per entry, the judges excluded and why.
    const expected = (quorum: number, recused?: { entryId: string; judgeId: string }) => {
      const out = new Map<string, { assigned: number; reasons: Reasons }>();
      for (const e of s.entries) {
        const reasons = noReasons();
        for (const j of judges) {
          if (recused && recused.entryId === e.id && recused.judgeId === j.id) reasons.recusal += 1;
          else if (communeOf(j) === e.commune) reasons.unit += 1;
          else if (j === judges[4] && e.categoryId !== s.c.categories.solution)
            reasons.category += 1;
        }
        const excluded = reasons.unit + reasons.recusal + reasons.category;
        const assigned = Math.min(quorum, judges.length - excluded);
        reasons.capacity = Math.max(0, quorum - judges.length);
        if (assigned < quorum) out.set(e.id, { assigned, reasons });
      }
      return out;
    };
    const check = (shortfalls: Shortfall[], quorum: number, want: ReturnType<typeof expected>) => {
      expect(shortfalls.map((f) => f.entryId).sort()).toEqual([...want.keys()].sort());
      for (const f of shortfalls) {
        const w = want.get(f.entryId)!;
        expect(f).toMatchObject({ needed: quorum, assigned: w.assigned, reasons: w.reasons });
      }
    };

    let res = await assign({ quorum: 7 });
    expect(res.status).toBe(200);
    let body: AssignmentsView = res.body;
    const at7 = expected(7);
    // Entries of the judges' two communes, and every "media" entry.
    expect(at7.size).toBe(
      s.entries.filter(
        (e) => JUDGE_COMMUNES.includes(e.commune) || e.categoryId === s.c.categories.media,
      ).length,
    );
    check(body.shortfalls, 7, at7);
    expect(body.message).toBe(`${at7.size} bài dự thi chưa đủ 7 giám khảo; lý do ghi ở từng bài.`);
    const sameCommune = body.shortfalls.find((f) => f.reasons.unit === 1 && !f.reasons.category)!;
    expect(sameCommune.message).toBe(
      'Bài dự thi cần 7 giám khảo nhưng chỉ phân công được 6. Lý do: 1 giám khảo cùng đơn vị với bài dự thi.',
    );
    // Commune 5's entries are all "media" (the communes take the categories in turn).
    const both = body.shortfalls.find((f) => f.reasons.unit === 1 && f.reasons.category === 1)!;
    expect(both.message).toBe(
      'Bài dự thi cần 7 giám khảo nhưng chỉ phân công được 5. Lý do: 1 giám khảo cùng đơn vị với bài dự thi, 1 giám khảo không chấm lĩnh vực này.',
    );
    // The organizers' view says the same, in English when asked.
    const en = await view('en');
    check(en.shortfalls, 7, at7);
    expect(en.shortfalls.find((f) => f.entryId === sameCommune.entryId)!.message).toBe(
      'The entry needs 7 judges but only 6 could be assigned. Why: 1 from the entry’s own unit.',
    );
    expect(en.message).toBe(
      `${at7.size} entries lack 7 judges; the reasons are given for each entry.`,
    );

    // A recusal adds its reason (the round rebalances at its quorum of 7).
    const officer = judges[1];
    const target = s.entries.find(
      (e) => !JUDGE_COMMUNES.includes(e.commune) && e.categoryId === s.c.categories.solution,
    )!;
    res = await http()
      .post(`/judging/rounds/${roundId}/entries/${target.id}/recusal`)
      .set('Authorization', officer.auth)
      .send({ reason: 'Tôi đã hướng dẫn chi hội này làm bài' });
    expect(res.status).toBe(200);
    const recused = { entryId: target.id, judgeId: officer.id };
    check((await view()).shortfalls, 7, expected(7, recused));
    expect((await view()).shortfalls.find((f) => f.entryId === target.id)!.message).toBe(
      'Bài dự thi cần 7 giám khảo nhưng chỉ phân công được 6. Lý do: 1 giám khảo đã tự khai xung đột lợi ích.',
    );

    // A quorum larger than the panel: every entry short, the panel one judge short.
    res = await assign({ quorum: 8 });
    body = res.body;
    const at8 = expected(8, recused);
    expect(at8.size).toBe(60);
    check(body.shortfalls, 8, at8);
    for (const f of body.shortfalls)
      expect(f.message).toContain('hội đồng chấm còn thiếu 1 giám khảo');
    // The audit keeps the reasons (without the messages).
    const audit = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'judging.assigned' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0].after.shortfalls).toHaveLength(60);
    expect(audit.rows[0].after.shortfalls[0]).toEqual({
      entryId: expect.any(String),
      needed: 8,
      assigned: expect.any(Number),
      reasons: expect.objectContaining({ capacity: 1 }),
    });

    // Back to the normal case: quorum 3, every category for everyone; nothing short.
    await t.db.query(
      `UPDATE contest_memberships SET category_ids = NULL WHERE contest_id = $1 AND user_id = $2`,
      [s.c.contestId, judges[4].id],
    );
    res = await assign({ quorum: 3 });
    expect(res.status).toBe(200);
    expect(res.body.shortfalls).toEqual([]);
    const again = res.body as AssignmentsView;
    const target3 = again.entries.find((e) => e.entryId === target.id)!;
    expect(target3.judges.map((j) => j.judgeId)).not.toContain(officer.id);
  });

  it('outside the window or before the round is opened, no sheet or recusal, for any judge or organizer; assignment before the window but not after it; an override is explicit and audited', async () => {
    const officer = judges[2];
    const [entryId] = await queueOf(officer);
    const index = s.entries.findIndex((e) => e.id === entryId);
    const sheet = () =>
      http()
        .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
        .set('Authorization', officer.auth)
        .send({ scores: scoresFor(index, 2), submit: true });
    const recuse = () =>
      http()
        .post(`/judging/rounds/${roundId}/entries/${entryId}/recusal`)
        .set('Authorization', officer.auth)
        .send({ reason: 'Người quen' });
    const traces = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM score_sheets WHERE round_id = $1)::int AS sheets,
                  (SELECT count(*) FROM judging_recusals)::int AS recusals,
                  (SELECT count(*) FROM audit_log WHERE action LIKE 'judging.%')::int AS audit,
                  (SELECT count(*) FROM judging_assignments WHERE round_id = $1 AND active)::int AS assigned`,
          [roundId],
        )
      ).rows[0];
    // Scoring and recusal wait for the window; setting the jury up (assignment) may happen before
    // it, so judges find their queue ready on the first day, but not after it.
    const refused = async (code: string, assignToo: boolean) => {
      const before = await traces();
      const answers = [await sheet(), await recuse()];
      if (assignToo) answers.push(await assign({ quorum: 3 }));
      for (const res of answers) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe(code);
      }
      expect(await traces()).toEqual(before);
      if (!assignToo) {
        const res = await assign({ quorum: 3 });
        expect(res.status).toBe(200);
        // The same assignments, one audit record more (the assignment run).
        expect(await traces()).toEqual({ ...before, audit: before.audit + 1 });
      }
    };

    // The window opens in three weeks.
    await setRound(`opens_at = now() + interval '21 days'`);
    await refused('judging.window_not_open', false);
    const en = await http()
      .put(`/judging/rounds/${roundId}/entries/${entryId}/sheet`)
      .set('Authorization', officer.auth)
      .set('Accept-Language', 'en')
      .send({ scores: scoresFor(index, 2) });
    expect(en.body.message).toMatch(/^Judging in this round has not started yet \(it opens at /);
    // Not opened by the organizers, although its window runs.
    await setRound(`opens_at = now() - interval '3 days', status = 'pending'`);
    await refused('judging.round_pending', false);
    // The window closed yesterday.
    await setRound(`status = 'open', closes_at = now() - interval '1 day'`);
    await refused('judging.window_closed', true);

    // An organizer may assign outside the window: explicitly, with a reason, audited.
    let res = await assign({ quorum: 3, outsideWindow: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'reason', code: 'judging.reason_required' }),
    ]);
    res = await assign({
      quorum: 3,
      outsideWindow: true,
      reason: 'Bổ sung giám khảo sau hạn theo quyết định của Ban tổ chức',
    });
    expect(res.status).toBe(200);
    const audit = await t.db.query(
      `SELECT actor_id, reason, after FROM audit_log WHERE action = 'judging.window_overridden'`,
    );
    expect(audit.rows).toEqual([
      {
        actor_id: s.organizer.id,
        reason: 'Bổ sung giám khảo sau hạn theo quyết định của Ban tổ chức',
        after: expect.objectContaining({ operation: 'assign', refusal: 'late' }),
      },
    ]);
    // A judge has no such override.
    expect((await sheet()).status).toBe(409);

    // The grace after closing counts for judges as for contestants.
    await setRound(`grace_seconds = 2 * 86400`);
    res = await sheet();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');

    // Closed: nothing, not even with an override.
    await setRound(`status = 'closed'`);
    res = await assign({ quorum: 3, outsideWindow: true, reason: 'Thử lại' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.round_closed');
    expect((await sheet()).body.code).toBe('judging.round_closed');
    await setRound(`grace_seconds = 0, closes_at = now() + interval '10 days'`);
    await openJudging(t, roundId);
  });

  it('settings: fields left out take their defaults (no row yet, or a whole new PUT)', async () => {
    const put = (id: string, body: object) =>
      http()
        .put(`/judging/rounds/${id}/settings`)
        .set('Authorization', s.organizer.auth)
        .send(body);
    const defaults = {
      quorum: 3,
      method: 'mean',
      tieBreaks: ['firstCriterion', 'firstPlaces', 'earlierSubmission'],
    };
    // The province's final has no judging settings yet.
    const final = s.c.rounds.province;
    let res = await put(final, { quorum: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...defaults, quorum: 2 });
    const doc = (await http().get('/docs/openapi.json').expect(200)).body as AnswerDoc;
    expect(responseProblems(doc, res)).toEqual([]);
    res = await put(final, { method: 'median', tieBreaks: ['earlierSubmission'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ...defaults,
      method: 'median',
      tieBreaks: ['earlierSubmission'],
    });
    res = await put(final, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(defaults);
    // The judged round (its row made by assignment) likewise; its seed stays.
    res = await put(roundId, { tieBreaks: ['firstPlaces'] });
    expect(res.status).toBe(200);
    expect(responseProblems(doc, res)).toEqual([]);
    expect(res.body).toMatchObject({
      quorum: 3,
      method: 'mean',
      tieBreaks: ['firstPlaces'],
      seed: 'tinh-dak-lak-2026',
    });
    res = await put(roundId, { quorum: 0 });
    expect(res.status).toBe(400);
    const { rows } = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'judging.settings_changed' ORDER BY id`,
    );
    expect(rows.map((r) => r.after.quorum)).toEqual([2, 3, 3, 3]);
  });
});
