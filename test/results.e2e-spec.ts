import ExcelJS from 'exceljs';
import { randomBytes, randomUUID } from 'node:crypto';
import { UserRole } from '../src/users/entities/user.entity';
import { BatchVote, castBatchWith } from '../src/voting/voting.repository';
import { RUBRIC, scoresFor } from './judging.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, deviceToken } from './voting-helpers';

jest.setTimeout(300_000);

const JURY_WEIGHT = 70;
const PUBLIC_WEIGHT = 30;
const TIERS = { first: 1, second: 2, third: 3, consolation: 5 };
const PROVINCES = ['Hội LHPN tỉnh Đắk Lắk', 'Hội LHPN tỉnh Phú Yên'];
const PER_GROUP = 15;

interface E {
  id: string;
  title: string;
  categoryId: string;
  province: string;
  /** Index in its group. */
  k: number;
}

interface Expected {
  entryId: string;
  group: string;
  jury: number;
  votes: number;
  pub: number;
  final: number;
  juryRank: number;
  rank: number;
  tied: boolean;
  prize: string | null;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Prize of a rank, from the tiers (the test's own reading of them). */
function prizeOf(rank: number): string | null {
  let upTo = 0;
  for (const [prize, n] of Object.entries(TIERS)) {
    upTo += n;
    if (rank <= upTo) return prize;
  }
  return null;
}

/**
 * A whole provincial round played through the API: two categories (collective, individual) of
 * 30 entries each, from two provinces (the round runs once per province), five judges scoring
 * every entry, and a public vote of some three thousand votes — most through the batch
 * statement, some over HTTP, some held by fraud signals (then released or voided). The result is
 * checked against the test's own computation from the stored sheets and the votes it cast:
 * jury 70 %, public 30 % (votes relative to the most voted entry of the category and province),
 * ranks and prizes per category and province, ties as ties; then advancement of the best four of
 * each category per province, the exports and the public results page.
 */
describe('Whole-contest results: the public vote, rankings and prizes per category, ties', () => {
  let t: TestApp;
  let organizer: TestUser;
  let judges: TestUser[];
  let contestId: string;
  let slug: string;
  let roundId: string;
  let nextRoundId: string;
  let sessionId: string;
  const categories: { collective: string; individual: string } = {
    collective: randomUUID(),
    individual: randomUUID(),
  };
  const provinces: string[] = [];
  const entries: E[] = [];
  /** The two entries made equal in everything: first of their group, together. */
  let tiedPair: [string, string];
  /** Votes the test cast that count now / held votes and what became of them. */
  const counted = new Map<string, number>();
  const held: { voteId: string; entryId: string }[] = [];
  let expectedAtClose: Expected[];
  let headAtClose: { seq: number; hash: string };

  const http = () => t.http();
  const asOrganizer = <T extends { set: (k: string, v: string) => T }>(req: T) =>
    req.set('Authorization', organizer.auth);

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await createUser(t, UserRole.Organizer, { fullName: 'Trần Thị Mai' });
    judges = [];
    for (let j = 0; j < 5; j++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${j + 1}` }));
    const nation = await insertUnit(t, {
      name: 'Trung ương Hội LHPN Việt Nam',
      kind: 'Trung ương',
    });
    for (const name of PROVINCES)
      provinces.push((await insertUnit(t, { name, kind: 'Tỉnh', parentId: nation.id })).id);
    const communes = [];
    for (const [p, province] of provinces.entries())
      for (let c = 0; c < 3; c++)
        communes.push({
          province,
          unit: await insertUnit(t, {
            name: `Hội LHPN xã số ${c + 1} (${PROVINCES[p].slice(13)})`,
            parentId: province,
          }),
        });
    contestId = randomUUID();
    slug = `ket-qua-${contestId.slice(0, 8)}`;
    await t.db.query(
      `INSERT INTO contests (id, slug, title, description, status, settings)
       VALUES ($1, $2, 'Ứng dụng CNTT trong tổ chức sinh hoạt hội', 'Hội thi', 'judging', $3)`,
      [
        contestId,
        slug,
        JSON.stringify({
          blindJudging: false,
          juryWeight: JURY_WEIGHT,
          publicWeight: PUBLIC_WEIGHT,
          prizeTiers: TIERS,
        }),
      ],
    );
    const rules = JSON.stringify({
      entrants: 'both',
      maxEntriesPerUnit: 100,
      requiredFields: [],
      media: { kinds: [], minCount: 0, maxCount: 0, maxSizeBytes: 0 },
    });
    await t.db.query(
      `INSERT INTO contest_categories (id, contest_id, code, name, rules, position) VALUES
         ($1, $3, 'TT', 'Giải pháp của tập thể', $4, 1), ($2, $3, 'CN', 'Sản phẩm của cá nhân', $4, 2)`,
      [categories.collective, categories.individual, contestId, rules],
    );
    roundId = randomUUID();
    nextRoundId = randomUUID();
    // The provincial round (scoped to provinces: depth 1), open since yesterday; the national
    // final after it.
    await t.db.query(
      `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, scope_depth, status)
       VALUES ($1, $3, 1, 'Vòng cấp tỉnh', 'judging', now() - interval '1 day', now() + interval '1 day', 1, 'open'),
              ($2, $3, 2, 'Chung kết toàn quốc', 'final', now() + interval '2 days', now() + interval '9 days', 0, 'pending')`,
      [roundId, nextRoundId, contestId],
    );
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role)
       SELECT $1, unnest($2::uuid[]), unnest($3::text[])::contest_role`,
      [
        contestId,
        [organizer.id, ...judges.map((j) => j.id)],
        ['organizer', ...judges.map(() => 'judge')],
      ],
    );
    const owner = await createUser(t, UserRole.Contestant);
    // 60 entries: per category and province 15, from the province's communes; submitted a minute
    // apart, except the tied pair (the same second).
    let n = 0;
    for (const [cat, categoryId] of Object.entries(categories))
      for (const province of provinces)
        for (let k = 0; k < PER_GROUP; k++) {
          const unit = communes.filter((c) => c.province === province)[k % 3].unit;
          const id = randomUUID();
          const title = `${cat === 'collective' ? 'Giải pháp' : 'Sản phẩm'} số ${++n}: sinh hoạt hội trực tuyến`;
          const minute = k <= 1 && entries.length < PER_GROUP ? 0 : n;
          await t.db.query(
            `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, owner_id,
               author_type, members, title, status, current_round_id, public_id, version, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', $8, 'eligible', $9, $10, 1,
                     timestamptz '2026-03-01 08:00:00+07' + ($11 || ' minutes')::interval)`,
            [
              id,
              contestId,
              categoryId,
              unit.id,
              unit.name,
              owner.id,
              cat,
              title,
              roundId,
              randomBytes(8).toString('base64url').slice(0, 11),
              minute,
            ],
          );
          await t.db.query(
            `INSERT INTO entry_rounds (entry_id, round_id, status, source) VALUES ($1, $2, 'active', 'manual')`,
            [id, roundId],
          );
          entries.push({ id, title, categoryId, province, k });
        }
    // The first two entries of the first group (collective, first province) are made equal.
    tiedPair = [entries[0].id, entries[1].id];
  });
  afterAll(() => t?.close());

  const groupOf = (e: E) => `${e.categoryId}/${e.province}`;
  const byId = (id: string) => entries.find((e) => e.id === id)!;

  it('the jury scores every entry (5 judges, every sheet through the API)', async () => {
    let res = await asOrganizer(http().put(`/judging/rounds/${roundId}/rubrics`)).send(RUBRIC);
    expect(res.status).toBe(200);
    res = await asOrganizer(http().post(`/judging/rounds/${roundId}/assign`)).send({
      quorum: 5,
      seed: 'ket-qua-2026',
    });
    expect(res.status).toBe(200);
    for (const [j, judge] of judges.entries())
      for (const e of entries) {
        // The tied pair: the best scores, the same from every judge.
        const scores =
          e.id === tiedPair[0] || e.id === tiedPair[1]
            ? { 'noi-dung': 10, 'sang-tao': 9.5, 'hinh-thuc': 5 }
            : scoresFor(entries.indexOf(e) + 3, j);
        const sheet = await http()
          .put(`/judging/rounds/${roundId}/entries/${e.id}/sheet`)
          .set('Authorization', judge.auth)
          .send({ scores, submit: true });
        expect([sheet.status, sheet.body.status]).toEqual([200, 'submitted']);
      }
  });

  it('the public vote: thousands of votes through the batch statement and over HTTP, some held', async () => {
    const created = await asOrganizer(http().post('/voting/sessions')).send({
      contestId,
      roundId,
      title: 'Bình chọn trực tuyến cấp tỉnh',
      policy: { perEntry: 1, identities: ['device'] },
    });
    expect(created.status).toBe(201);
    sessionId = created.body.id;
    await asOrganizer(http().post(`/voting/sessions/${sessionId}/state`))
      .send({ action: 'open' })
      .expect(200);
    // Plain votes per entry: a spread of 10 to 90, the tied pair 70 each; each entry also gets
    // (k mod 4) votes held by a fraud signal.
    const votes: BatchVote[] = [];
    for (const e of entries) {
      const plain = tiedPair.includes(e.id) ? 70 : 10 + ((entries.indexOf(e) * 37) % 81);
      const flagged = tiedPair.includes(e.id) ? 2 : e.k % 4;
      for (let v = 0; v < plain + flagged; v++) {
        const vote: BatchVote = {
          id: randomUUID(),
          sessionId,
          entryId: e.id,
          voterKey: `d:${randomUUID()}`,
          channel: 'socket',
        };
        if (v >= plain) {
          vote.flags = 'ip_crowd';
          held.push({ voteId: vote.id, entryId: e.id });
        }
        votes.push(vote);
      }
      counted.set(e.id, plain);
    }
    expect(votes.length).toBeGreaterThan(2500);
    for (let i = 0; i < votes.length; i += 500) {
      const out = await castBatchWith(
        async (sql, params) => (await t.db.query(sql, params)).rows,
        votes.slice(i, i + 500),
        3,
      );
      expect(out.every((o) => o.kind === 'counted')).toBe(true);
    }
    // Ten voters over HTTP, each voting for three entries of the second group.
    const second = entries.filter((e) => e.k >= 5 && groupOf(e) === groupOf(entries[PER_GROUP]));
    for (let v = 0; v < 10; v++) {
      const token = await deviceToken(t);
      for (const e of second.slice(v % 4, (v % 4) + 3)) {
        const res = await castOverHttp(t, sessionId, { entryId: e.id, voterToken: token });
        expect([res.status, res.body.status, res.body.held ?? false]).toEqual([
          201,
          'counted',
          false,
        ]);
        counted.set(e.id, counted.get(e.id)! + 1);
      }
    }
  });

  /** The result as the test computes it, from the stored sheets and the votes it knows count. */
  async function expected(): Promise<Expected[]> {
    const { rows } = await t.db.query<{ entry_id: string; total: number }>(
      `SELECT entry_id, total::float8 AS total FROM score_sheets WHERE round_id = $1 AND status = 'submitted'`,
      [roundId],
    );
    const totals = new Map<string, number[]>();
    for (const r of rows) totals.set(r.entry_id, [...(totals.get(r.entry_id) ?? []), r.total]);
    const base = entries.map((e) => {
      const list = totals.get(e.id)!;
      expect(list).toHaveLength(5);
      return { e, jury: list.reduce((a, b) => a + b, 0) / list.length, votes: counted.get(e.id)! };
    });
    const top = new Map<string, number>();
    for (const b of base) top.set(groupOf(b.e), Math.max(top.get(groupOf(b.e)) ?? 0, b.votes));
    const scored = base.map((b) => {
      const pub = round4((100 * b.votes) / top.get(groupOf(b.e))!);
      return { ...b, pub, final: round4((b.jury * JURY_WEIGHT + pub * PUBLIC_WEIGHT) / 100) };
    });
    // Apart from the tied pair, no two entries of a group come close in the jury's score or
    // in the final one: ranks follow from the scores alone.
    for (const a of scored)
      for (const b of scored)
        if (
          a !== b &&
          groupOf(a.e) === groupOf(b.e) &&
          !(tiedPair.includes(a.e.id) && tiedPair.includes(b.e.id))
        ) {
          expect(Math.abs(a.jury - b.jury)).toBeGreaterThan(1e-3);
        }
    return scored.map((a) => {
      const group = scored.filter((b) => groupOf(b.e) === groupOf(a.e));
      const rank =
        1 +
        group.filter(
          (b) =>
            b.final > a.final + 1e-9 ||
            (Math.abs(b.final - a.final) < 1e-9 && b.jury > a.jury + 1e-9),
        ).length;
      const juryRank = 1 + group.filter((b) => b.jury > a.jury + 1e-9).length;
      return {
        entryId: a.e.id,
        group: groupOf(a.e),
        jury: a.jury,
        votes: a.votes,
        pub: a.pub,
        final: a.final,
        juryRank,
        rank,
        tied: tiedPair.includes(a.e.id),
        prize: prizeOf(rank),
      };
    });
  }

  interface FinalRowBody {
    entryId: string;
    group: string;
    rank: number;
    tied: boolean;
    juryRank: number;
    juryTied: boolean;
    juryScore: number;
    publicVotes: number;
    publicScore: number;
    finalScore: number;
    prize: string | null;
    prizeLabel: string | null;
    decidedBy: string | null;
  }

  function expectRows(rows: FinalRowBody[], want: Expected[]) {
    expect(rows).toHaveLength(want.length);
    for (const w of want) {
      const r = rows.find((x) => x.entryId === w.entryId)!;
      expect(r.group).toBe(w.group);
      expect(r.juryScore).toBeCloseTo(w.jury, 3);
      expect(r.publicVotes).toBe(w.votes);
      expect(r.publicScore).toBeCloseTo(w.pub, 4);
      expect(r.finalScore).toBeCloseTo(w.final, 3);
      expect([r.rank, r.tied, r.juryRank, r.juryTied, r.prize]).toEqual([
        w.rank,
        w.tied,
        w.juryRank,
        w.tied,
        w.prize,
      ]);
    }
    // Rows come by group (collective first), best first, and each group is one category of one
    // province.
    const order = rows.map((r) => r.group);
    expect(order.filter((g, i) => i === 0 || g !== order[i - 1])).toHaveLength(4);
    expect(byId(rows[0].entryId).categoryId).toBe(categories.collective);
  }

  it('while the vote is open, the result counts it at 70/30, marked provisional', async () => {
    const res = await asOrganizer(http().get(`/judging/rounds/${roundId}/final`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      juryWeight: JURY_WEIGHT,
      publicWeight: PUBLIC_WEIGHT,
      provisional: true,
      fixed: false,
      publicVote: { status: 'open', rule: 'relative_to_top_of_group' },
    });
    expect(res.body.groups).toHaveLength(4);
    expect(res.body.groups.map((g: { entries: number }) => g.entries)).toEqual([15, 15, 15, 15]);
    expectRows(res.body.rows, await expected());
    // The held votes are stored, not counted.
    const session = res.body.publicVote.sessions[0];
    expect(session).toMatchObject({
      id: sessionId,
      over: false,
      quarantined: held.length,
      counted: [...counted.values()].reduce((a, b) => a + b, 0),
    });
    // The public vote changes the order somewhere.
    expect(res.body.rows.some((r: FinalRowBody) => r.rank !== r.juryRank)).toBe(true);
  });

  it('fixing the results is refused while the vote can still take votes; nothing is fixed', async () => {
    const res = await asOrganizer(http().post(`/judging/rounds/${roundId}/close`))
      .set('Accept-Language', 'en')
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.public_vote_open');
    expect(res.body.message).toContain('Bình chọn trực tuyến cấp tỉnh');
    const vi = await asOrganizer(http().post(`/judging/rounds/${roundId}/close`)).send({});
    expect(vi.body.message).toMatch(/^Bình chọn của vòng thi chưa kết thúc/);
    const fixed = await t.db.query(`SELECT results_fixed_at FROM contest_rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(fixed.rows[0].results_fixed_at).toBeNull();
    expect(
      (await t.db.query(`SELECT 1 FROM round_rankings WHERE round_id = $1`, [roundId])).rowCount,
    ).toBe(0);
  });

  it('held votes are released or voided, the vote closes, and the results are fixed with the chain head they used', async () => {
    // Of the held votes, every third is released (it counts), the others voided.
    const release = held.filter((_, i) => i % 3 === 0);
    const voids = held.filter((_, i) => i % 3 !== 0);
    // The tied pair: both released or both voided alike.
    let res = await asOrganizer(
      http().post(`/voting/sessions/${sessionId}/quarantine/decisions`),
    ).send({
      action: 'release',
      voteIds: release.map((h) => h.voteId),
      note: 'Đã xác minh người bình chọn',
    });
    expect(res.status).toBe(200);
    for (const h of release) counted.set(h.entryId, counted.get(h.entryId)! + 1);
    res = await asOrganizer(http().post(`/voting/sessions/${sessionId}/quarantine/decisions`)).send(
      {
        action: 'void',
        voteIds: voids.map((h) => h.voteId),
        note: 'Nhiều tài khoản từ một địa chỉ',
      },
    );
    expect(res.status).toBe(200);
    await asOrganizer(http().post(`/voting/sessions/${sessionId}/state`))
      .send({ action: 'close' })
      .expect(200);
    expect(counted.get(tiedPair[0])).toBe(counted.get(tiedPair[1]));
    expectedAtClose = await expected();
    const { rows } = await t.db.query(
      `SELECT seq, hash FROM vote_chain_heads WHERE session_id = $1`,
      [sessionId],
    );
    headAtClose = rows[0];

    res = await asOrganizer(http().post(`/judging/rounds/${roundId}/close`)).send({});
    expect(res.status).toBe(200);
    // The stored result: ranks per group by the combined score, with the votes used.
    const stored = await t.db.query(
      `SELECT entry_id, rank, score::float8 AS score, jury_rank, public_votes, category_id, scope_unit_id
         FROM round_rankings WHERE round_id = $1`,
      [roundId],
    );
    expect(stored.rows).toHaveLength(60);
    for (const w of expectedAtClose) {
      const r = stored.rows.find((x) => x.entry_id === w.entryId)!;
      const e = byId(w.entryId);
      expect([r.rank, r.jury_rank, r.public_votes, r.category_id, r.scope_unit_id]).toEqual([
        w.rank,
        w.juryRank,
        w.votes,
        e.categoryId,
        e.province,
      ]);
      expect(r.score).toBeCloseTo(w.final, 3);
    }
    const audit = await t.db.query(
      `SELECT after FROM audit_log WHERE action = 'judging.round_closed' AND subject_id = $1`,
      [roundId],
    );
    expect(audit.rows[0].after).toMatchObject({
      juryWeight: JURY_WEIGHT,
      publicWeight: PUBLIC_WEIGHT,
      publicVote: [{ sessionId, chainHead: headAtClose, quarantined: 0, voided: voids.length }],
    });
  });

  it('the fixed result keeps the votes it used: its session stays closed and the round takes no new session', async () => {
    let res = await asOrganizer(http().post(`/voting/sessions/${sessionId}/state`)).send({
      action: 'open',
    });
    expect([res.status, res.body.code]).toEqual([409, 'voting.session_ended']);
    res = await asOrganizer(http().post('/voting/sessions')).send({
      contestId,
      roundId,
      title: 'Bình chọn bổ sung',
      policy: { perEntry: 1, identities: ['device'] },
      entryIds: entries.slice(0, 2).map((e) => e.id),
    });
    expect([res.status, res.body.code]).toEqual([409, 'voting.round_results_fixed']);
    expect(res.body.message).toBe(
      'Kết quả của vòng thi này đã được chốt nên không thể mở thêm phiên bình chọn cho vòng.',
    );
    res = await asOrganizer(http().get(`/judging/rounds/${roundId}/final`));
    expect(res.body).toMatchObject({
      provisional: false,
      fixed: true,
      publicVote: { status: 'closed' },
    });
    expect(res.body.publicVote.sessions).toEqual([
      expect.objectContaining({ id: sessionId, chainHead: headAtClose, quarantined: 0 }),
    ]);
    expectRows(res.body.rows, expectedAtClose);
    // The tie: both first, both awarded the first prize, nothing named as deciding it.
    const pair = res.body.rows.filter((r: FinalRowBody) => tiedPair.includes(r.entryId));
    expect(pair.map((r: FinalRowBody) => [r.rank, r.tied, r.prize, r.decidedBy])).toEqual([
      [1, true, 'first', null],
      [1, true, 'first', null],
    ]);
    // The jury's ranking per group, from /results: the same jury ranks.
    const jury = await asOrganizer(http().get(`/judging/rounds/${roundId}/results`));
    for (const w of expectedAtClose) {
      const r = jury.body.rows.find((x: { entryId: string }) => x.entryId === w.entryId);
      expect([r.rank, r.tied]).toEqual([w.juryRank, w.tied]);
    }
  });

  it('the best four of each category per province move on to the national final', async () => {
    const res = await asOrganizer(
      http().post(`/contests/${contestId}/rounds/${roundId}/advance`),
    ).send({ topNPerUnit: 4, eliminateOthers: true });
    expect(res.status).toBe(200);
    const want = expectedAtClose.filter((w) => w.rank <= 4).map((w) => w.entryId);
    expect(res.body.advanced.sort()).toEqual(want.sort());
    expect(res.body.eliminated).toHaveLength(60 - want.length);
    const groups = new Map<string, number>();
    for (const id of res.body.advanced)
      groups.set(groupOf(byId(id)), (groups.get(groupOf(byId(id))) ?? 0) + 1);
    expect([...groups.keys()].sort()).toEqual([...new Set(entries.map(groupOf))].sort());
    expect(res.body.tiesAtCut).toEqual(
      [...groups.entries()]
        .filter(([, n]) => n > 4)
        .map(([g]) =>
          expect.objectContaining({ categoryId: g.split('/')[0], scopeUnitId: g.split('/')[1] }),
        ),
    );
  });

  it('exports give the same ranks per group, ties marked, with the public and combined columns', async () => {
    const res = await asOrganizer(http().get(`/judging/rounds/${roundId}/export.xlsx`))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const prizes = wb.getWorksheet('Giải thưởng')!;
    expect((prizes.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Lĩnh vực',
      'Xét trong đơn vị',
      'Hạng',
      'Đồng hạng',
      'Mã bài',
      'Tên bài dự thi',
      'Đơn vị',
      'Điểm giám khảo',
      'Số phiếu bình chọn',
      'Điểm bình chọn',
      'Điểm chung cuộc',
      'Giải',
      'Phân định thứ hạng bằng',
    ]);
    const titles = new Map(entries.map((e) => [e.title, e.id]));
    const seen: string[] = [];
    prizes.eachRow((row, n) => {
      if (n === 1) return;
      const v = (i: number) => row.getCell(i).value;
      const id = titles.get(v(6) as string)!;
      const w = expectedAtClose.find((x) => x.entryId === id)!;
      const e = byId(id);
      expect(v(1)).toBe(
        e.categoryId === categories.collective ? 'Giải pháp của tập thể' : 'Sản phẩm của cá nhân',
      );
      expect(v(2)).toBe(PROVINCES[provinces.indexOf(e.province)]);
      expect([v(3), v(4), v(9)]).toEqual([w.rank, w.tied ? 'Đồng hạng' : '', w.votes]);
      expect(v(10) as number).toBeCloseTo(w.pub, 4);
      expect(v(11) as number).toBeCloseTo(w.final, 3);
      expect(v(12)).toBe(
        {
          first: 'Giải Nhất',
          second: 'Giải Nhì',
          third: 'Giải Ba',
          consolation: 'Giải Khuyến khích',
        }[w.prize as string] ?? '',
      );
      seen.push(id);
    });
    expect(seen.sort()).toEqual(entries.map((e) => e.id).sort());
    const votes = wb.getWorksheet('Bình chọn')!;
    expect((votes.getRow(2).values as unknown[]).slice(1)).toEqual([
      'Bình chọn trực tuyến cấp tỉnh',
      'Đã kết thúc',
      expectedAtClose.reduce((a, w) => a + w.votes, 0),
      0,
      held.filter((_, i) => i % 3 !== 0).length,
      headAtClose.seq,
      headAtClose.hash,
    ]);
    const csv = await asOrganizer(http().get(`/judging/rounds/${roundId}/export.csv?table=prizes`));
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(61);
    const tiedLines = lines.filter((l) => tiedPair.some((id) => l.includes(byId(id).title)));
    expect(tiedLines.map((l) => l.split(',').slice(2, 4))).toEqual([
      ['1', 'Đồng hạng'],
      ['1', 'Đồng hạng'],
    ]);
  });

  it('published, the results page shows prizes, the jury ranking, the public vote and the combined result; ties as ties', async () => {
    await asOrganizer(http().post(`/judging/rounds/${roundId}/publish`))
      .send({})
      .expect(200);
    const api = await http().get(`/public/contests/${slug}/results`).expect(200);
    const round = api.body.rounds[0];
    expect(round).toMatchObject({ roundName: 'Vòng cấp tỉnh', juryWeight: 70, publicWeight: 30 });
    expect(round.voteSessions).toEqual([
      {
        title: 'Bình chọn trực tuyến cấp tỉnh',
        counted: expect.any(Number),
        chainHead: headAtClose,
      },
    ]);
    expect(
      round.groups.map((g: { categoryName: string; scopeUnitName: string }) => [
        g.categoryName,
        g.scopeUnitName,
      ]),
    ).toEqual([
      ['Giải pháp của tập thể', PROVINCES[0]],
      ['Giải pháp của tập thể', PROVINCES[1]],
      ['Sản phẩm của cá nhân', PROVINCES[0]],
      ['Sản phẩm của cá nhân', PROVINCES[1]],
    ]);
    for (const g of round.groups)
      for (const r of g.rows) {
        const w = expectedAtClose.find((x) => x.entryId === r.entryId)!;
        expect([r.rank, r.tied, r.juryRank, r.publicVotes, r.prize]).toEqual([
          w.rank,
          w.tied,
          w.juryRank,
          w.votes,
          w.prize,
        ]);
      }
    // The session's live list: the tied pair has as many votes, so the same place.
    const live = api.body.sessions[0].entries;
    const pairLive = live.filter((e: { entryId: string }) => tiedPair.includes(e.entryId));
    expect(pairLive[0].rank).toBe(pairLive[1].rank);
    expect(pairLive.every((e: { tied: boolean }) => e.tied)).toBe(true);

    const page = await http().get(`/results/${slug}`).expect(200);
    const html = page.text;
    for (const label of [
      'Giải Nhất',
      'Giải Nhì',
      'Giải Ba',
      'Giải Khuyến khích',
      'Vòng cấp tỉnh',
      PROVINCES[1],
    ])
      expect(html).toContain(label);
    expect(html).toContain('giám khảo 70% + bình chọn 30%');
    // Both entries of the tie are shown first, "đồng hạng".
    for (const id of tiedPair) {
      const title = byId(id).title;
      const at = html.indexOf(title);
      expect(at).toBeGreaterThan(0);
      const row = html.slice(html.lastIndexOf('<div class="row">', at), at);
      expect(row).toContain('<span class="rk">1.<small>đồng hạng</small></span>');
    }
    expect(html).toContain(headAtClose.hash.slice(0, 16));
  });
});
