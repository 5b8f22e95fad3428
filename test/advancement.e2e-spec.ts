import { randomBytes, randomUUID } from 'node:crypto';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Advancement between rounds keeps to the rounds' windows and states, for every actor: entries
 * leave only a round that was opened and has reached its opening time, and enter only a round
 * neither closed nor over; an override is explicit, needs a reason and is audited. Forwarding by
 * rank takes the best N of each category (per unit of the round's scope), ties at the cut
 * together.
 */
describe('Advancement: windows and states of rounds, top N per category, ties at the cut', () => {
  let t: TestApp;
  let organizer: TestUser;
  let admin: TestUser;
  let contestId: string;
  const rounds = { submission: randomUUID(), screening: randomUUID(), final: randomUUID() };
  const categories = { collective: randomUUID(), individual: randomUUID() };
  let communes: string[];
  /** Entries active in the screening round: [category][commune] → 3 entries each. */
  const entries: { id: string; categoryId: string; commune: string }[] = [];

  const http = () => t.http();
  const advance = (user: TestUser, body: Record<string, unknown>, lang = 'vi') =>
    http()
      .post(`/contests/${contestId}/rounds/${rounds.screening}/advance`)
      .set('Authorization', user.auth)
      .set('Accept-Language', lang)
      .send(body);
  const snapshot = async () =>
    (
      await t.db.query(
        `SELECT e.id, e.status, e.current_round_id, er.round_id, er.status AS round_status,
                (SELECT count(*)::int FROM audit_log a WHERE a.subject_id = e.id::text) AS audits
           FROM entries e JOIN entry_rounds er ON er.entry_id = e.id
          WHERE e.contest_id = $1 ORDER BY e.id, er.round_id`,
        [contestId],
      )
    ).rows;
  const setRound = (id: string, set: string) =>
    t.db.query(`UPDATE contest_rounds SET ${set} WHERE id = $1`, [id]);

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await createUser(t, UserRole.Organizer);
    admin = await createUser(t, UserRole.Admin);
    const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Gia Lai', kind: 'Tỉnh' });
    communes = [];
    for (const name of ['Hội LHPN xã Ia Grai', 'Hội LHPN xã Chư Păh'])
      communes.push((await insertUnit(t, { name, parentId: province.id })).id);
    contestId = randomUUID();
    await t.db.query(
      `INSERT INTO contests (id, slug, title, status, settings) VALUES ($1, $2, 'Hội thi', 'judging', $3)`,
      [
        contestId,
        `vong-${contestId.slice(0, 8)}`,
        JSON.stringify({
          blindJudging: false,
          juryWeight: 100,
          publicWeight: 0,
          prizeTiers: { first: 1, second: 1, third: 1, consolation: 0 },
        }),
      ],
    );
    await t.db.query(
      `INSERT INTO contest_categories (id, contest_id, code, name, rules, position) VALUES
         ($1, $3, 'TT', 'Tập thể', '{}', 1), ($2, $3, 'CN', 'Cá nhân', '{}', 2)`,
      [categories.collective, categories.individual, contestId],
    );
    // The screening round (per commune) was never opened; its window starts tomorrow.
    await t.db.query(
      `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, scope_depth, status) VALUES
         ($1, $4, 1, 'Nhận bài', 'submission', now() - interval '10 days', now() - interval '1 day', NULL, 'closed'),
         ($2, $4, 2, 'Sơ khảo cấp xã', 'screening', now() + interval '1 day', now() + interval '5 days', 1, 'pending'),
         ($3, $4, 3, 'Chung khảo cấp tỉnh', 'final', now() + interval '6 days', now() + interval '9 days', 0, 'pending')`,
      [rounds.submission, rounds.screening, rounds.final, contestId],
    );
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'organizer')`,
      [contestId, organizer.id],
    );
    const owner = await createUser(t, UserRole.Contestant);
    for (const categoryId of [categories.collective, categories.individual])
      for (const commune of communes)
        for (let k = 0; k < 3; k++) {
          const id = randomUUID();
          await t.db.query(
            `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, owner_id,
               author_type, members, title, status, current_round_id, public_id, version, submitted_at)
             VALUES ($1, $2, $3, $4, 'Xã', $5, 'individual', '[]', $6, 'eligible', $7, $8, 1, now())`,
            [
              id,
              contestId,
              categoryId,
              commune,
              owner.id,
              `Bài dự thi ${entries.length + 1}`,
              rounds.screening,
              randomBytes(8).toString('base64url').slice(0, 11),
            ],
          );
          await t.db.query(
            `INSERT INTO entry_rounds (entry_id, round_id, status, source) VALUES ($1, $2, 'active', 'manual')`,
            [id, rounds.screening],
          );
          entries.push({ id, categoryId, commune });
        }
  });
  afterAll(() => t?.close());

  it('refuses advancing from a round never opened, to organizers and administrators alike; nothing changes', async () => {
    const before = await snapshot();
    for (const user of [organizer, admin]) {
      const res = await advance(user, { entryIds: [entries[0].id] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('entries.advance_round_not_opened');
      expect(res.body.message).toBe(
        'Vòng «Sơ khảo cấp xã» chưa được mở nên chưa thể chuyển bài dự thi từ vòng này sang vòng sau.',
      );
    }
    const en = await advance(organizer, { topNPerUnit: 1 }, 'en');
    expect(en.body.message).toBe(
      'Round “Sơ khảo cấp xã” was never opened, so no entry can move on from it.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses advancing from an open round before its opening time, naming it in local time', async () => {
    await setRound(rounds.screening, `status = 'open'`);
    const before = await snapshot();
    const res = await advance(organizer, { entryIds: [entries[0].id] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('entries.advance_before_window');
    const { rows } = await t.db.query(
      `SELECT to_char(opens_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') AS day FROM contest_rounds WHERE id = $1`,
      [rounds.screening],
    );
    expect(res.body.message).toContain(rows[0].day);
    expect(res.body.message).toMatch(/^Vòng «Sơ khảo cấp xã» mở lúc /);
    expect(await snapshot()).toEqual(before);
  });

  it('an override needs a reason; with one it goes through and is audited', async () => {
    const before = await snapshot();
    let res = await advance(organizer, { entryIds: [entries[0].id], override: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'reason', code: 'entries.override_reason_required' }),
    ]);
    expect(await snapshot()).toEqual(before);
    const reason = 'Ban tổ chức họp ngày 02/03 quyết định chuyển sớm bài đoạt giải cấp xã';
    res = await advance(organizer, { entryIds: [entries[0].id], override: true, reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ advanced: [entries[0].id], override: true });
    const audit = await t.db.query(
      `SELECT action, actor_id, reason, after FROM audit_log
        WHERE (subject_id = $1 AND action = 'entry.advanced') OR (subject_id = $2 AND action = 'round.advance_overridden')
        ORDER BY id`,
      [entries[0].id, rounds.screening],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'entry.advanced',
        actor_id: organizer.id,
        reason,
        after: expect.objectContaining({
          toRoundId: rounds.final,
          override: {
            violation: 'entries.advance_before_window',
            roundId: rounds.screening,
            reason,
          },
        }),
      }),
      expect.objectContaining({
        action: 'round.advance_overridden',
        actor_id: organizer.id,
        reason,
        after: expect.objectContaining({
          violation: 'entries.advance_before_window',
          advanced: [entries[0].id],
        }),
      }),
    ]);
  });

  it('refuses entering a round that is closed or over', async () => {
    await setRound(rounds.screening, `opens_at = now() - interval '1 hour'`);
    await setRound(rounds.final, `status = 'closed'`);
    const before = await snapshot();
    let res = await advance(organizer, { entryIds: [entries[1].id] });
    expect([res.status, res.body.code]).toEqual([409, 'entries.advance_target_closed']);
    await setRound(
      rounds.final,
      `status = 'pending', opens_at = now() - interval '1 hour', closes_at = now() - interval '1 minute'`,
    );
    res = await advance(organizer, { entryIds: [entries[1].id] }, 'en');
    expect([res.status, res.body.code]).toEqual([409, 'entries.advance_target_over']);
    expect(res.body.message).toMatch(/^Round “Chung khảo cấp tỉnh” ended at \d{4}-\d\d-\d\d /);
    expect(await snapshot()).toEqual(before);
    await setRound(rounds.final, `closes_at = now() + interval '9 days'`);
  });

  it('top N forwards the best of each category in each commune; a tie at the cut goes through together and is reported', async () => {
    // The screening result: in each category of each commune three entries ranked 1, 2, 3 —
    // except the individual category of the second commune, where the first two tie.
    const rank = (e: (typeof entries)[number], k: number) =>
      e.categoryId === categories.individual && e.commune === communes[1] ? [1, 1, 3][k] : k + 1;
    const rows = entries.map((e) => {
      const k = entries
        .filter((x) => x.categoryId === e.categoryId && x.commune === e.commune)
        .indexOf(e);
      return [e.id, rank(e, k), 90 - k, e.categoryId, e.commune];
    });
    await t.db.query(
      `INSERT INTO round_rankings (round_id, entry_id, rank, score, category_id, scope_unit_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::uuid[], $6::uuid[])`,
      [
        rounds.screening,
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => r[3]),
        rows.map((r) => r[4]),
      ],
    );
    const res = await advance(organizer, { topNPerUnit: 1, eliminateOthers: true });
    expect(res.status).toBe(200);
    // entries[0] moved on already (by the override). The others ranked first in their group:
    const first = rows.filter((r) => r[1] === 1 && r[0] !== entries[0].id).map((r) => r[0]);
    expect(res.body.advanced.sort()).toEqual([...first].sort());
    expect(first).toHaveLength(4); // 3 groups' firsts (one already gone) + 2 tied
    const tied = rows
      .filter((r) => r[3] === categories.individual && r[4] === communes[1] && r[1] === 1)
      .map((r) => r[0] as string);
    expect(res.body.tiesAtCut).toEqual([
      {
        categoryId: categories.individual,
        scopeUnitId: communes[1],
        rank: 1,
        entryIds: tied.sort(),
      },
    ]);
    expect(res.body.eliminated).toHaveLength(entries.length - 1 - first.length);
    const audit = await t.db.query(
      `SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'entry.advanced'`,
      [tied[0]],
    );
    expect(audit.rows[0].after).toMatchObject({ source: 'top_n', rank: 1 });
  });
});
