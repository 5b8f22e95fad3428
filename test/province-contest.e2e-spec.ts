import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { makeClip, removeDir, tempDir } from './media-support';
import { createUser, login, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { connect, connected } from './voting-helpers';

jest.setTimeout(400_000);

/**
 * A province's whole contest, played through the HTTP API (and the voting socket) as its
 * organizer, contestants and judges would, at the size of a real provincial round: a province
 * of 8 communes (two with a branch below), 60 entries with pictures (and some clips) in two
 * categories, screening (one entry returned to its contestant and sent again, one disqualified),
 * 5 provincial judges and 2 from communes assigned automatically with a quorum of 3 under the
 * conflict rule, scoring, a live public vote of 5,000 voters over the finalists (some votes held
 * by a fraud signal, then released, voided or left held), the results fixed at jury 70 % /
 * public 30 %, and the best 5 of each category forwarded to the national final.
 *
 * The expected result is computed here, independently: each sheet's total from its stored
 * scores and the rubric's weights, the round's aggregation method (median), the counted votes
 * (from what each voter was acknowledged, the held ones out unless released), the public score
 * relative to the most voted entry of the category, the combined score, ranks with ties, prizes.
 * It is compared with GET /final, the stored ranking, the XLSX export and the public results
 * page. SQL only reads stored rows back.
 */

const JURY_WEIGHT = 70;
const PUBLIC_WEIGHT = 30;
const TIERS = { first: 1, second: 1, third: 2, consolation: 3 };
const PRIZE_LABEL: Record<string, string> = {
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};
const COMMUNES = [
  'Hội LHPN xã Ea Tu',
  'Hội LHPN xã Hòa Thắng',
  'Hội LHPN xã Cư Êbur',
  'Hội LHPN xã Ea Kao',
  'Hội LHPN xã Hòa Phú',
  'Hội LHPN xã Krông Búk',
  'Hội LHPN xã Buôn Đôn',
  'Hội LHPN xã Ea Súp',
];
const RUBRIC = {
  criteria: [
    { key: 'noi-dung', name: 'Nội dung, tính thiết thực', weight: 40, max: 10, step: 0.5 },
    { key: 'sang-tao', name: 'Tính sáng tạo', weight: 35, max: 10, step: 0.5 },
    { key: 'hinh-thuc', name: 'Hình thức trình bày', weight: 25, max: 5, step: 0.25 },
  ],
};
const VOTERS = 5000;
const FINALISTS_PER_CATEGORY = 10;
const ADVANCE = 5;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A deterministic generator (mulberry32): the same contest on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface E {
  id: string;
  n: number;
  title: string;
  category: 'collective' | 'individual';
  categoryId: string;
  commune: number;
  unitName: string;
  contestant: TestUser;
  /** Sent a clip besides its picture. */
  clip: boolean;
}

interface Expected {
  entryId: string;
  category: string;
  jury: number;
  firstCriterion: number;
  votes: number;
  pub: number;
  final: number;
  juryRank: number;
  juryTied: boolean;
  rank: number;
  tied: boolean;
  prize: string | null;
  /** What put it below the entry just above it: the final score, the jury's, the first criterion. */
  decidedBy: string | null;
}

describe('A province plays its whole contest through the API', () => {
  let t: TestApp;
  let uploads: string;
  let admin: TestUser;
  let organizer: TestUser;
  const judges: { user: TestUser; commune: number | null; name: string }[] = [];
  const units: { nation: string; province: string; communes: string[]; branches: string[] } = {
    nation: '',
    province: '',
    communes: [],
    branches: [],
  };
  /** Contestant accounts: one per commune, and one per branch (communes 0 and 1). */
  const contestants: { user: TestUser; commune: number; unitName: string }[] = [];
  let contestId: string;
  let slug: string;
  const categories = { collective: '', individual: '' };
  const rounds = { submission: '', province: '', national: '' };
  const entries: E[] = [];
  let returnedId: string;
  let disqualifiedId: string;
  /** The two entries every judge scores alike and the public votes for alike: a tie. */
  let pair: [string, string];
  const finalists: string[] = [];
  let sessionId: string;
  /** Votes acknowledged as counted per entry, and the held ones with what becomes of them. */
  const counted = new Map<string, number>();
  const held: { voteId: string; entryId: string }[] = [];
  let expected: Expected[];
  let chainHead: { seq: number; hash: string };
  /** The round's aggregation method, as the API states it. */
  let method: string;

  const http = () => t.http();
  const as = (u: TestUser) => ({
    get: (url: string) => http().get(url).set('Authorization', u.auth),
    post: (url: string, body: object = {}) =>
      http().post(url).set('Authorization', u.auth).send(body),
    put: (url: string, body: object) => http().put(url).set('Authorization', u.auth).send(body),
    patch: (url: string, body: object) => http().patch(url).set('Authorization', u.auth).send(body),
  });
  const ok = (res: { status: number; body: unknown }, status = 200) => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const byId = (id: string) => entries.find((e) => e.id === id)!;
  const inRound = () => entries.filter((e) => e.id !== disqualifiedId);

  async function account(
    role: UserRole,
    fullName: string,
    unitId: string | null,
  ): Promise<TestUser> {
    const email = `${role}-${randomUUID().slice(0, 8)}@dak-lak.hoilhpn.vn`;
    const created = ok(
      await as(admin).post('/users', {
        fullName,
        email,
        password: PASSWORD,
        role,
        ...(unitId ? { unitId } : {}),
      }),
      201,
    );
    const tokens = await login(t, email);
    return {
      id: created.id,
      email,
      role,
      unitId,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      auth: `Bearer ${tokens.accessToken}`,
    };
  }

  beforeAll(async () => {
    uploads = tempDir('province');
    t = await startTestApp({
      UPLOADS_DIR: uploads,
      JOB_POLL_MS: '100',
      // The whole audience votes from this one machine over a few sockets and loopback: the
      // per-socket rate limits and the burst signal (a session's first seconds have no usual
      // rate) are tested elsewhere; here every vote a fraud signal holds is one we chose to be
      // too fast.
      SOCKET_EVENTS_PER_SECOND: '10000',
      SOCKET_BURST: '100000',
      VOTE_BURST_MIN_PER_SECOND: '10000000',
      VOTING_DEVICE_TOKENS_PER_IP: '1000000',
    });
    // The first administrator exists before the API can be used (the CLI makes it).
    admin = await createUser(t, UserRole.Admin, { fullName: 'Quản trị hệ thống' });
  });
  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  it('the administrator builds the unit tree and the accounts', async () => {
    const unit = async (code: string, name: string, kind: string, parentId: string | null) =>
      ok(await as(admin).post('/org-units', { code, name, kind, parentId }), 201).id as string;
    units.nation = await unit('TW', 'Trung ương Hội LHPN Việt Nam', 'Trung ương', null);
    units.province = await unit('DLK', 'Hội LHPN tỉnh Đắk Lắk', 'Tỉnh', units.nation);
    for (const [i, name] of COMMUNES.entries())
      units.communes.push(await unit(`DLK-X${i + 1}`, name, 'Xã', units.province));
    for (const i of [0, 1])
      units.branches.push(
        await unit(
          `DLK-X${i + 1}-CH1`,
          `Chi hội thôn 1 (${COMMUNES[i].slice(11)})`,
          'Chi hội',
          units.communes[i],
        ),
      );
    organizer = await account(UserRole.Organizer, 'Trần Thị Mai', units.province);
    for (let j = 0; j < 5; j++) {
      const name = `Giám khảo tỉnh ${j + 1}`;
      judges.push({
        user: await account(UserRole.Judge, name, units.province),
        commune: null,
        name,
      });
    }
    // One judge from commune 2's union, one from the branch of commune 1.
    judges.push({
      user: await account(UserRole.Judge, 'Giám khảo xã Cư Êbur', units.communes[2]),
      commune: 2,
      name: 'Giám khảo xã Cư Êbur',
    });
    judges.push({
      user: await account(UserRole.Judge, 'Giám khảo chi hội Hòa Thắng', units.branches[1]),
      commune: 1,
      name: 'Giám khảo chi hội Hòa Thắng',
    });
    for (const [i, name] of COMMUNES.entries())
      contestants.push({
        user: await account(UserRole.Contestant, `Chủ tịch ${name}`, units.communes[i]),
        commune: i,
        unitName: name,
      });
    for (const i of [0, 1])
      contestants.push({
        user: await account(
          UserRole.Contestant,
          `Chi hội trưởng thôn 1 ${i + 1}`,
          units.branches[i],
        ),
        commune: i,
        unitName: `Chi hội thôn 1 (${COMMUNES[i].slice(11)})`,
      });
  });

  it('the organizer sets up the contest: categories with media rules, three rounds, the jury', async () => {
    slug = `ung-dung-cntt-dak-lak-${randomUUID().slice(0, 6)}`;
    const contest = ok(
      await as(organizer).post('/contests', {
        slug,
        title: 'Ứng dụng CNTT trong tổ chức sinh hoạt hội — tỉnh Đắk Lắk',
        description: 'Vòng cấp tỉnh của hội thi toàn quốc',
        timeZone: 'Asia/Ho_Chi_Minh',
        ownerUnitId: units.nation,
        settings: {
          blindJudging: true,
          juryWeight: JURY_WEIGHT,
          publicWeight: PUBLIC_WEIGHT,
          prizeTiers: TIERS,
        },
      }),
      201,
    );
    contestId = contest.id;
    const media = {
      kinds: ['image', 'video'],
      minCount: 1,
      maxCount: 3,
      maxSizeBytes: 50_000_000,
      maxDurationSeconds: 420,
    };
    categories.collective = ok(
      await as(organizer).post(`/contests/${contestId}/categories`, {
        code: 'TT',
        name: 'Giải pháp của tập thể',
        position: 1,
        rules: {
          entrants: 'collective',
          maxEntriesPerUnit: 10,
          requiredFields: ['summary', 'members'],
          media,
        },
      }),
      201,
    ).id;
    categories.individual = ok(
      await as(organizer).post(`/contests/${contestId}/categories`, {
        code: 'CN',
        name: 'Sản phẩm của cá nhân',
        position: 2,
        rules: {
          entrants: 'individual',
          maxEntriesPerUnit: 10,
          requiredFields: ['summary'],
          media,
        },
      }),
      201,
    ).id;
    const day = 86_400_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const round = async (body: object) =>
      ok(await as(organizer).post(`/contests/${contestId}/rounds`, body), 201).id as string;
    rounds.submission = await round({
      position: 1,
      name: 'Nhận bài',
      kind: 'submission',
      opensAt: at(-day),
      closesAt: at(day),
    });
    rounds.province = await round({
      position: 2,
      name: 'Vòng cấp tỉnh',
      kind: 'judging',
      opensAt: at(2 * day),
      closesAt: at(12 * day),
      scopeUnitId: units.province,
      scopeDepth: 1,
    });
    rounds.national = await round({
      position: 3,
      name: 'Chung kết toàn quốc',
      kind: 'final',
      opensAt: at(20 * day),
      closesAt: at(40 * day),
    });
    for (const j of judges)
      ok(
        await as(organizer).post(`/contests/${contestId}/members`, {
          userId: j.user.id,
          role: 'judge',
        }),
        201,
      );
    // the criteria are part of the rules announced with the contest: no scored round opens without
    const draft = await as(organizer).post(`/contests/${contestId}/status`, { status: 'open' });
    expect([draft.status, draft.body.code]).toEqual([409, 'contests.not_ready']);
    ok(await as(organizer).put(`/judging/rounds/${rounds.province}/rubrics`, RUBRIC));
    ok(await as(organizer).put(`/judging/rounds/${rounds.national}/rubrics`, RUBRIC));
    ok(await as(organizer).post(`/contests/${contestId}/status`, { status: 'open' }));
    ok(
      await as(organizer).post(`/contests/${contestId}/rounds/${rounds.submission}/status`, {
        status: 'open',
      }),
    );
  });

  it('contestants of every commune send 60 entries with pictures and clips, ready before submitting', async () => {
    const clipDir = tempDir('province-clips');
    const clips = [
      readFileSync(await makeClip(clipDir, 'clip-a.mp4', { width: 320, height: 180, seconds: 1 })),
      readFileSync(await makeClip(clipDir, 'clip-b.mp4', { width: 256, height: 144, seconds: 2 })),
    ];
    removeDir(clipDir);
    const uploaded: { entry: E; mediaId: string }[] = [];
    for (let n = 1; n <= 60; n++) {
      const category = n % 2 ? 'collective' : 'individual';
      // Communes in turn; every fourth entry of communes 0 and 1 comes from their branch.
      const c = contestants[(n - 1) % 8];
      const who = c.commune < 2 && n % 4 === 1 ? contestants[8 + c.commune] : c;
      const title =
        category === 'collective'
          ? `Giải pháp số ${n}: sinh hoạt chi hội qua nhóm Zalo`
          : `Sản phẩm số ${n}: video hướng dẫn hội viên`;
      const members =
        category === 'collective'
          ? [{ name: `Nguyễn Thị Lan ${n}`, role: 'Chi hội trưởng' }, { name: `H'Nhi Niê ${n}` }]
          : [{ name: `Lê Thị Hồng ${n}` }];
      const created = ok(
        await as(who.user).post(`/contests/${contestId}/entries`, {
          categoryId: categories[category],
          authorType: category,
          title,
          summary: `Tóm tắt: ${title}`,
          members,
          contactName: members[0].name,
          contactPhone: `0912 345 ${String(100 + n).padStart(3, '0')}`,
          contactEmail: `lienhe${n}@dak-lak.hoilhpn.vn`,
        }),
        201,
      );
      const entry: E = {
        id: created.id,
        n,
        title,
        category,
        categoryId: categories[category],
        commune: who.commune,
        unitName: who.unitName,
        contestant: who.user,
        clip: n % 10 === 3,
      };
      entries.push(entry);
      const jpeg = await sharp({
        create: {
          width: 320,
          height: 240,
          channels: 3,
          background: { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 53) % 256 },
        },
      })
        .jpeg()
        .toBuffer();
      const files = [{ bytes: jpeg, name: `anh-${n}.jpg` }];
      if (entry.clip) files.push({ bytes: clips[n % 20 === 3 ? 0 : 1], name: `clip-${n}.mp4` });
      for (const f of files) {
        const up = ok(
          await http()
            .post(`/media/uploads?entryId=${entry.id}`)
            .set('Authorization', who.user.auth)
            .attach('file', f.bytes, { filename: f.name }),
          201,
        );
        uploaded.push({ entry, mediaId: up.id });
      }
    }
    expect(uploaded.length).toBe(66);
    expect(new Set(entries.map((e) => e.commune)).size).toBe(8);
    // Wait (bounded) until every file is processed, as the contestant's page would.
    const pending = new Set(uploaded.map((u) => u.mediaId));
    for (let i = 0; pending.size && i < 600; i++) {
      for (const u of uploaded.filter((x) => pending.has(x.mediaId))) {
        const m = ok(await as(u.entry.contestant).get(`/media/${u.mediaId}`));
        if (m.status === 'ready') pending.delete(u.mediaId);
        else expect(['processing', 'pending', 'uploaded', 'queued']).toContain(m.status);
      }
      if (pending.size) await sleep(200);
    }
    expect(pending.size).toBe(0);
    for (const e of entries) {
      const sub = ok(await as(e.contestant).post(`/entries/${e.id}/submit`));
      expect(sub.status).toBe('submitted');
    }
  });

  it('screening: most accepted, one returned with a reason and sent again, one disqualified', async () => {
    returnedId = entries[6].id;
    disqualifiedId = entries[13].id;
    const reason = 'Ảnh minh họa chưa rõ buổi sinh hoạt; đề nghị bổ sung tóm tắt cách làm.';
    const returned = ok(
      await as(organizer).post(`/entries/${returnedId}/screen`, { decision: 'returned', reason }),
    );
    expect(returned).toMatchObject({ status: 'draft', returnReason: reason });
    const owner = byId(returnedId).contestant;
    const seen = ok(await as(owner).get(`/entries/${returnedId}`));
    expect(seen).toMatchObject({
      status: 'draft',
      returnReason: reason,
      allowedActions: ['submit'],
    });
    ok(
      await as(owner).patch(`/entries/${returnedId}`, {
        summary: `Tóm tắt (bổ sung): ${byId(returnedId).title}; lập nhóm, phân công, họp trực tuyến.`,
      }),
    );
    const again = ok(await as(owner).post(`/entries/${returnedId}/submit`));
    expect(again).toMatchObject({ status: 'submitted', version: 2, returnReason: null });

    ok(
      await as(organizer).post(`/entries/${disqualifiedId}/screen`, {
        decision: 'disqualified',
        reason: 'Sản phẩm đã đạt giải ở cuộc thi khác',
      }),
    );
    for (const e of inRound())
      expect(
        ok(await as(organizer).post(`/entries/${e.id}/screen`, { decision: 'eligible' })).status,
      ).toBe('eligible');
    const moved = ok(
      await as(organizer).post(`/contests/${contestId}/rounds/${rounds.submission}/advance`, {
        entryIds: inRound().map((e) => e.id),
      }),
    );
    expect(moved.advanced).toHaveLength(59);
  });

  it('the deadline passes and the provincial round opens; the jury is assigned with a quorum of 3, no commune judge on their own commune', async () => {
    const now = Date.now();
    ok(
      await as(organizer).patch(`/contests/${contestId}/rounds/${rounds.submission}`, {
        closesAt: new Date(now - 120_000).toISOString(),
      }),
    );
    ok(
      await as(organizer).patch(`/contests/${contestId}/rounds/${rounds.province}`, {
        opensAt: new Date(now - 60_000).toISOString(),
      }),
    );
    ok(await as(organizer).post(`/contests/${contestId}/status`, { status: 'judging' }));
    ok(
      await as(organizer).post(`/contests/${contestId}/rounds/${rounds.province}/status`, {
        status: 'open',
      }),
    );
    const settings = ok(
      await as(organizer).put(`/judging/rounds/${rounds.province}/settings`, {
        method: 'median',
        tieBreaks: ['firstCriterion'],
      }),
    );
    expect(settings).toMatchObject({ method: 'median', tieBreaks: ['firstCriterion'] });
    method = settings.method;
    const a = ok(
      await as(organizer).post(`/judging/rounds/${rounds.province}/assign`, {
        quorum: 3,
        seed: 'dak-lak-2026',
      }),
    );
    expect(a.shortfalls).toEqual([]);
    expect(a.entries).toHaveLength(59);
    expect(a.panel.filter((p: { active: boolean }) => p.active)).toHaveLength(7);
    const communeOf = new Map(
      judges.filter((j) => j.commune !== null).map((j) => [j.user.id, j.commune]),
    );
    let communeJudged = 0;
    for (const row of a.entries) {
      expect(row.judges).toHaveLength(3);
      for (const j of row.judges) {
        const c = communeOf.get(j.judgeId);
        if (c === undefined) continue;
        communeJudged++;
        // The conflict rule: never an entry of the judge's own commune (its branch included).
        expect(byId(row.entryId).commune).not.toBe(c);
      }
    }
    // The commune judges do judge (other communes' entries): the rule is not "no commune judge".
    expect(communeJudged).toBeGreaterThan(10);
    const loads = Object.values<number>(a.loads);
    expect(loads.reduce((x, y) => x + y, 0)).toBe(59 * 3);
  });

  /** The scores a judge gives an entry: varied, each within its criterion's range and step. */
  function scoresOf(e: E, judgeIndex: number): Record<string, number> {
    if (pair.includes(e.id)) return { 'noi-dung': 9, 'sang-tao': 9.5, 'hinh-thuc': 4.5 };
    const q = ((e.n * 37) % 61) / 61;
    const r = rng(e.n * 101 + judgeIndex * 7919);
    const step = (x: number, s: number, max: number) =>
      Math.min(max, Math.max(0, Math.round(x / s) * s));
    return {
      'noi-dung': step(q * 10 + (r() - 0.5) * 3, 0.5, 10),
      'sang-tao': step(q * 9 + 1 + (r() - 0.5) * 3, 0.5, 10),
      'hinh-thuc': step(q * 4 + 1 + (r() - 0.5) * 1.5, 0.25, 5),
    };
  }

  it('each judge scores the entries of their queue', async () => {
    const collective = inRound().filter((e) => e.category === 'collective');
    pair = [collective[3].id, collective[9].id];
    let sheets = 0;
    for (const [j, judge] of judges.entries()) {
      const queue = ok(await as(judge.user).get(`/judging/rounds/${rounds.province}/queue`));
      for (const item of queue.items) {
        const res = await as(judge.user).put(
          `/judging/rounds/${rounds.province}/entries/${item.entryId}/sheet`,
          { scores: scoresOf(byId(item.entryId), j), submit: true },
        );
        expect([res.status, res.body.status]).toEqual([200, 'submitted']);
        sheets++;
      }
    }
    expect(sheets).toBe(59 * 3);
    // A commune judge cannot score an entry of their own commune, even by its address; nothing
    // is stored.
    const branchJudge = judges[6];
    const own = inRound().find((e) => e.commune === branchJudge.commune)!;
    const refused = await as(branchJudge.user).put(
      `/judging/rounds/${rounds.province}/entries/${own.id}/sheet`,
      { scores: scoresOf(own, 6), submit: true },
    );
    expect([403, 404]).toContain(refused.status);
    const stored = await t.db.query(
      `SELECT 1 FROM score_sheets WHERE round_id = $1 AND entry_id = $2 AND judge_id = $3`,
      [rounds.province, own.id, branchJudge.user.id],
    );
    expect(stored.rowCount).toBe(0);
  });

  it('the finalists by the jury go to a live public vote of 5,000 voters; some votes are held', async () => {
    const jury = ok(await as(organizer).get(`/judging/rounds/${rounds.province}/results`));
    for (const cat of ['collective', 'individual'] as const) {
      const rows = jury.rows
        .filter((r: { entryId: string }) => byId(r.entryId).category === cat)
        .sort((x: { rank: number }, y: { rank: number }) => x.rank - y.rank);
      finalists.push(
        ...rows.slice(0, FINALISTS_PER_CATEGORY).map((r: { entryId: string }) => r.entryId),
      );
    }
    expect(finalists).toEqual(expect.arrayContaining(pair));
    const session = ok(
      await as(organizer).post('/voting/sessions', {
        contestId,
        roundId: rounds.province,
        title: 'Bình chọn trực tuyến vòng cấp tỉnh',
        entryIds: finalists,
        policy: { perEntry: 1, identities: ['device'] },
      }),
      201,
    );
    sessionId = session.id;
    ok(await as(organizer).post(`/voting/sessions/${sessionId}/state`, { action: 'open' }));

    // Each viewer opens the voting page: a device token from the API.
    const tokens: string[] = new Array(VOTERS);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < VOTERS) {
          const v = next++;
          const res = await fetch(`${t.url}/voting/device-token`, { method: 'POST' });
          expect(res.status).toBe(201);
          tokens[v] = ((await res.json()) as { token: string }).token;
        }
      }),
    );
    // A person reads the page before voting (a vote sooner than VOTE_MIN_HUMAN_MS after its
    // token was issued is held as too fast).
    await sleep(t.config.integrity.minHumanMs + 300);

    // Who votes for what: the pair always together (so their counts stay equal), the others a
    // skewed choice of 1–3 finalists; every 25th voter (outside the pair's) taps too fast.
    const others = finalists.filter((id) => !pair.includes(id));
    const plan: { voter: number; entryId: string; fast: boolean }[] = [];
    const pick = rng(2026);
    for (let v = 0; v < VOTERS; v++) {
      if (v % 9 === 0) {
        for (const id of pair) plan.push({ voter: v, entryId: id, fast: false });
        continue;
      }
      const fast = v % 25 === 1;
      const chosen = new Set<string>();
      const k = 1 + (v % 3);
      while (chosen.size < k) chosen.add(others[Math.floor(pick() ** 2 * others.length)]);
      for (const id of chosen) plan.push({ voter: v, entryId: id, fast });
    }
    // A few voters try to vote twice for the same entry.
    const repeats = plan.filter((_, i) => i % 500 === 7).map((p) => ({ ...p, repeat: true }));

    const sockets: Socket[] = Array.from({ length: 8 }, () => connect(t.url));
    await Promise.all(sockets.map(connected));
    type Ack = { ok: boolean; data?: { status: string; held?: boolean }; error?: { code: string } };
    const cast = async (p: { voter: number; entryId: string; fast: boolean }, s: Socket) => {
      const voteId = randomUUID();
      const ack = (await s.timeout(60_000).emitWithAck('vote:cast', {
        sessionId,
        entryId: p.entryId,
        voteId,
        voterToken: tokens[p.voter],
        elapsedMs: p.fast ? 150 : 8_000,
      })) as Ack;
      return { voteId, ack };
    };
    let at = 0;
    await Promise.all(
      sockets.map(async (s) => {
        // Up to 64 votes in flight per socket.
        await Promise.all(
          Array.from({ length: 64 }, async () => {
            while (at < plan.length) {
              const p = plan[at++];
              const { voteId, ack } = await cast(p, s);
              expect(ack).toMatchObject({ ok: true, data: { status: 'counted' } });
              if (ack.data!.held) {
                expect(p.fast).toBe(true);
                held.push({ voteId, entryId: p.entryId });
              } else {
                expect(p.fast).toBe(false);
                counted.set(p.entryId, (counted.get(p.entryId) ?? 0) + 1);
              }
            }
          }),
        );
      }),
    );
    for (const [i, p] of repeats.entries()) {
      const { ack } = await cast(p, sockets[i % sockets.length]);
      expect(ack).toMatchObject({ ok: false, error: { code: 'voting.limit_reached' } });
    }
    for (const s of sockets) s.disconnect();
    expect(new Set(plan.map((p) => p.voter)).size).toBe(VOTERS);
    expect(held.length).toBe(plan.filter((p) => p.fast).length);
    expect(held.length).toBeGreaterThan(300);
    expect(counted.get(pair[0])).toBe(counted.get(pair[1]));

    // The held votes wait in the quarantine queue, for the organizer to decide.
    const queue = ok(await as(organizer).get(`/voting/sessions/${sessionId}/quarantine?limit=10`));
    expect(queue.counts).toEqual({ quarantined: held.length, released: 0, voided: 0 });
    expect(queue.items[0].reasons).toContain('too_fast');
  });

  it('the organizer releases some held votes, voids others, leaves the rest held, and closes the vote', async () => {
    const release = held.filter((_, i) => i % 3 === 0);
    const voids = held.filter((_, i) => i % 3 === 1);
    let res = ok(
      await as(organizer).post(`/voting/sessions/${sessionId}/quarantine/decisions`, {
        action: 'release',
        voteIds: release.map((h) => h.voteId),
        note: 'Đã gọi điện xác minh người bình chọn',
      }),
    );
    expect(res.decided).toBe(release.length);
    for (const h of release) counted.set(h.entryId, (counted.get(h.entryId) ?? 0) + 1);
    res = ok(
      await as(organizer).post(`/voting/sessions/${sessionId}/quarantine/decisions`, {
        action: 'void',
        voteIds: voids.map((h) => h.voteId),
        note: 'Bấm chọn ngay khi trang vừa mở, nhiều lần liên tiếp',
      }),
    );
    expect(res.counts).toEqual({
      quarantined: held.length - release.length - voids.length,
      released: release.length,
      voided: voids.length,
    });
    ok(await as(organizer).post(`/voting/sessions/${sessionId}/state`, { action: 'close' }));
  });

  /** The expected result, computed from the stored sheets and the votes the voters were told count. */
  async function recompute(): Promise<Expected[]> {
    // The rubric as the API gives it (one for the round, every category).
    const rubrics = ok(await as(organizer).get(`/judging/rounds/${rounds.province}/rubrics`));
    expect(rubrics).toHaveLength(1);
    const criteria = (
      rubrics as unknown as { criteria: { key: string; weight: number; max: number }[] }[]
    )[0].criteria;
    expect(criteria.map((c) => c.key)).toEqual(RUBRIC.criteria.map((c) => c.key));
    const { rows: sheets } = await t.db.query<{
      entry_id: string;
      judge_id: string;
      scores: Record<string, string | number>;
      total: string;
    }>(
      `SELECT entry_id, judge_id, scores, total::text FROM score_sheets WHERE round_id = $1 AND status = 'submitted'`,
      [rounds.province],
    );
    expect(sheets).toHaveLength(59 * 3);
    const weightSum = criteria.reduce((sum, c) => sum + c.weight, 0);
    const perEntry = new Map<string, { totals: number[]; first: number[] }>();
    for (const s of sheets) {
      // The weighted rubric: Σ score ÷ max × weight (weights scaled to 100), to 4 decimals.
      const total = round4(
        criteria.reduce(
          (sum, c) => sum + (Number(s.scores[c.key]) / c.max) * ((c.weight * 100) / weightSum),
          0,
        ),
      );
      expect(Number(s.total)).toBeCloseTo(total, 4);
      const first = criteria[0];
      const acc = perEntry.get(s.entry_id) ?? { totals: [], first: [] };
      acc.totals.push(total);
      acc.first.push(Number(s.scores[first.key]) / first.max);
      perEntry.set(s.entry_id, acc);
    }
    // The round's method (median here; mean and trimmed as docs/architecture.md defines them).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const aggregate = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      if (method === 'median') return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
      if (method === 'trimmed' && s.length >= 5) return mean(s.slice(1, -1));
      expect(['mean', 'trimmed']).toContain(method);
      return mean(s);
    };
    const base = inRound().map((e) => {
      const acc = perEntry.get(e.id)!;
      expect(acc.totals).toHaveLength(3);
      return {
        e,
        jury: aggregate(acc.totals),
        firstCriterion: acc.first.reduce((a, b) => a + b, 0) / acc.first.length,
        votes: counted.get(e.id) ?? 0,
      };
    });
    const top = new Map<string, number>();
    for (const b of base) top.set(b.e.category, Math.max(top.get(b.e.category) ?? 0, b.votes));
    const scored = base.map((b) => {
      const pub = round4((100 * b.votes) / top.get(b.e.category)!);
      return { ...b, pub, final: round4((b.jury * JURY_WEIGHT + pub * PUBLIC_WEIGHT) / 100) };
    });
    // Ranks within the category: the final score, then the jury's order (its score, then the
    // round's one tie-break: the first criterion); equal in all of them: the same rank.
    const juryAbove = (b: (typeof scored)[0], a: (typeof scored)[0]) =>
      b.jury > a.jury + 1e-9 ||
      (close(b.jury, a.jury) && b.firstCriterion > a.firstCriterion + 1e-9);
    const juryEqual = (b: (typeof scored)[0], a: (typeof scored)[0]) =>
      close(b.jury, a.jury) && close(b.firstCriterion, a.firstCriterion);
    // The order within each category, best first (entries equal in every key by their id, as
    // docs/architecture.md says the order is made strict), and what separates each from the one above.
    const decidedBy = new Map<string, string | null>();
    for (const cat of ['collective', 'individual']) {
      const sorted = scored
        .filter((b) => b.e.category === cat)
        .sort((x, y) =>
          // equal within rounding counts as equal, as for the ranks below
          !close(x.final, y.final)
            ? y.final - x.final
            : !close(x.jury, y.jury)
              ? y.jury - x.jury
              : !close(x.firstCriterion, y.firstCriterion)
                ? y.firstCriterion - x.firstCriterion
                : x.e.id < y.e.id
                  ? -1
                  : 1,
        );
      sorted.forEach((b, k) => {
        const above = sorted[k - 1];
        decidedBy.set(
          b.e.id,
          !above
            ? null
            : !close(above.final, b.final)
              ? 'finalScore'
              : !close(above.jury, b.jury)
                ? 'score'
                : !close(above.firstCriterion, b.firstCriterion)
                  ? 'firstCriterion'
                  : null,
        );
      });
    }
    return scored.map((a) => {
      const group = scored.filter((b) => b.e.category === a.e.category && b !== a);
      const rank =
        1 +
        group.filter(
          (b) => b.final > a.final + 1e-9 || (close(b.final, a.final) && juryAbove(b, a)),
        ).length;
      const tied = group.some((b) => close(b.final, a.final) && juryEqual(b, a));
      const juryRank = 1 + group.filter((b) => juryAbove(b, a)).length;
      const juryTied = group.some((b) => juryEqual(b, a));
      let prize: string | null = null;
      let upTo = 0;
      for (const [p, n] of Object.entries(TIERS)) {
        upTo += n;
        if (rank <= upTo) {
          prize = p;
          break;
        }
      }
      return {
        entryId: a.e.id,
        category: a.e.category,
        jury: a.jury,
        firstCriterion: a.firstCriterion,
        votes: a.votes,
        pub: a.pub,
        final: a.final,
        juryRank,
        juryTied,
        rank,
        tied,
        prize,
        decidedBy: decidedBy.get(a.e.id) ?? null,
      };
    });
  }

  it('the results are fixed at 70/30 and match the independent computation', async () => {
    expected = await recompute();
    // The stored votes agree with what the voters were told.
    const { rows } = await t.db.query<{ entry_id: string; n: number }>(
      `SELECT v.entry_id, count(*)::int AS n FROM votes v
        WHERE v.session_id = $1
          AND NOT EXISTS (SELECT 1 FROM vote_flags f WHERE f.vote_id = v.id AND f.status <> 'released')
        GROUP BY v.entry_id`,
      [sessionId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.entry_id, r.n]))).toEqual(
      Object.fromEntries([...counted.entries()]),
    );
    const pairRows = expected.filter((x) => pair.includes(x.entryId));
    expect(pairRows.map((x) => [x.rank, x.tied])).toEqual([
      [pairRows[0].rank, true],
      [pairRows[0].rank, true],
    ]);
    const res = ok(await as(organizer).post(`/judging/rounds/${rounds.province}/close`));
    expect(res).toBeTruthy();
    const final = ok(await as(organizer).get(`/judging/rounds/${rounds.province}/final`));
    expect(final).toMatchObject({
      juryWeight: JURY_WEIGHT,
      publicWeight: PUBLIC_WEIGHT,
      provisional: false,
      fixed: true,
      publicVote: { status: 'closed' },
    });
    chainHead = final.publicVote.sessions[0].chainHead;
    expect(final.publicVote.sessions[0]).toMatchObject({
      id: sessionId,
      quarantined: held.filter((_, i) => i % 3 === 2).length,
    });
    expect(
      final.groups.map((g: { categoryId: string; entries: number }) => [g.categoryId, g.entries]),
    ).toEqual([
      [categories.collective, 30],
      [categories.individual, 29],
    ]);
    expect(final.rows).toHaveLength(59);
    for (const w of expected) {
      const r = final.rows.find((x: { entryId: string }) => x.entryId === w.entryId);
      expect(r.juryScore).toBeCloseTo(w.jury, 4);
      expect(r.publicVotes).toBe(w.votes);
      expect(r.publicScore).toBeCloseTo(w.pub, 4);
      expect(r.finalScore).toBeCloseTo(w.final, 4);
      expect([w.entryId, r.rank, r.tied, r.juryRank, r.juryTied, r.prize, r.decidedBy]).toEqual([
        w.entryId,
        w.rank,
        w.tied,
        w.juryRank,
        w.juryTied,
        w.prize,
        w.decidedBy,
      ]);
    }
    // The public vote reorders the jury's ranking somewhere.
    expect(expected.some((w) => w.rank !== w.juryRank)).toBe(true);
    const stored = await t.db.query<{ entry_id: string; rank: number; public_votes: number }>(
      `SELECT entry_id, rank, public_votes FROM round_rankings WHERE round_id = $1`,
      [rounds.province],
    );
    expect(stored.rows).toHaveLength(59);
    for (const r of stored.rows) {
      const w = expected.find((x) => x.entryId === r.entry_id)!;
      expect([r.rank, r.public_votes]).toEqual([w.rank, w.votes]);
    }
  });

  it('the XLSX export shows the same ranks, ties, votes, scores and prizes', async () => {
    const res = await as(organizer)
      .get(`/judging/rounds/${rounds.province}/export.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('Giải thưởng')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i).toBeGreaterThanOrEqual(0);
      return i + 1;
    };
    const titles = new Map(entries.map((e) => [e.title, e]));
    const seen: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = (name: string) => row.getCell(col(name)).value;
      const e = titles.get(v('Tên bài dự thi') as string)!;
      const w = expected.find((x) => x.entryId === e.id)!;
      expect([
        v('Lĩnh vực'),
        v('Đơn vị'),
        v('Hạng'),
        v('Đồng hạng'),
        v('Số phiếu bình chọn'),
        v('Giải'),
      ]).toEqual([
        e.category === 'collective' ? 'Giải pháp của tập thể' : 'Sản phẩm của cá nhân',
        e.unitName,
        w.rank,
        w.tied ? 'Đồng hạng' : '',
        w.votes,
        w.prize ? PRIZE_LABEL[w.prize] : '',
      ]);
      expect(v('Điểm giám khảo') as number).toBeCloseTo(w.jury, 4);
      expect(v('Điểm bình chọn') as number).toBeCloseTo(w.pub, 4);
      expect(v('Điểm chung cuộc') as number).toBeCloseTo(w.final, 4);
      seen.push(e.id);
    });
    expect(seen.sort()).toEqual(
      inRound()
        .map((e) => e.id)
        .sort(),
    );
    // The votes sheet: what was counted, held and voided, and the chain head the result used.
    const votes = wb.getWorksheet('Bình chọn')!;
    expect((votes.getRow(2).values as unknown[]).slice(1)).toEqual([
      'Bình chọn trực tuyến vòng cấp tỉnh',
      'Đã kết thúc',
      [...counted.values()].reduce((a, b) => a + b, 0),
      held.filter((_, i) => i % 3 === 2).length,
      held.filter((_, i) => i % 3 === 1).length,
      chainHead.seq,
      chainHead.hash,
    ]);
  });

  it("published, the results page shows the ranks, the ties as ties, the prizes, the jury and the vote, and the finalists' pictures", async () => {
    ok(await as(organizer).post(`/judging/rounds/${rounds.province}/publish`));
    ok(await as(organizer).post(`/contests/${contestId}/entries/publish`, { entryIds: finalists }));
    // The results as JSON first.
    const api = ok(await http().get(`/public/contests/${slug}/results`));
    const groups = api.rounds[0].groups as { rows: Record<string, unknown>[] }[];
    expect(groups.flatMap((g) => g.rows)).toHaveLength(59);
    for (const r of groups.flatMap((g) => g.rows)) {
      const w = expected.find((x) => x.entryId === r.entryId)!;
      expect([r.rank, r.tied, r.juryRank, r.publicVotes, r.prize]).toEqual([
        w.rank,
        w.tied,
        w.juryRank,
        w.votes,
        w.prize,
      ]);
    }

    const html = (await http().get(`/results/${slug}`).expect(200)).text;
    expect(html).toContain('Vòng cấp tỉnh');
    expect(html).toContain('giám khảo 70% + bình chọn 30%');
    expect(html).toContain(chainHead.hash.slice(0, 16));
    const unescape = (x: string) =>
      x
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const row =
      /<div class="row"><span class="rk">(\d+)\.(<small>đồng hạng<\/small>)?<\/span><div class="grow"><b>([^<]*)<\/b><div class="unit">([^<]*)<\/div>(?:<div><span class="prize [a-z]*">([^<]*)<\/span><\/div>)?<div class="sc">Giám khảo: [^<(]* \(hạng (\d+)(, đồng hạng)?\) · Bình chọn: ([\d.]+) phiếu, [^<]*<\/div><\/div><span class="n" title="Điểm chung cuộc">/g;
    const round = html.slice(
      html.indexOf('<h2>Vòng cấp tỉnh</h2>'),
      html.indexOf('<h2>Bình chọn</h2>'),
    );
    const shown = [...round.matchAll(row)].map((m) => ({
      rank: Number(m[1]),
      tied: Boolean(m[2]),
      title: unescape(m[3]),
      unit: unescape(m[4]),
      prize: m[5] ?? null,
      juryRank: Number(m[6]),
      juryTied: Boolean(m[7]),
      votes: Number(m[8].replace(/\./g, '')),
    }));
    expect(shown).toHaveLength(59);
    const titles = new Map(entries.map((e) => [e.title, e]));
    for (const x of shown) {
      const e = titles.get(x.title)!;
      const w = expected.find((y) => y.entryId === e.id)!;
      expect(x).toEqual({
        title: e.title,
        unit: e.unitName,
        rank: w.rank,
        tied: w.tied,
        prize: w.prize ? PRIZE_LABEL[w.prize] : null,
        juryRank: w.juryRank,
        juryTied: w.juryTied,
        votes: w.votes,
      });
    }
    // Each category on its own, best first.
    for (const [cat, name] of [
      ['collective', 'Giải pháp của tập thể'],
      ['individual', 'Sản phẩm của cá nhân'],
    ]) {
      const from = round.indexOf(`<b>${name}</b>`);
      const section = round.slice(from, round.indexOf('</section>', from));
      const inSection = [...section.matchAll(row)].map((m) => titles.get(unescape(m[3]))!);
      expect(inSection.every((e) => e.category === cat)).toBe(true);
      const ranks = inSection.map((e) => expected.find((w) => w.entryId === e.id)!.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    // The published finalists with their picture, which the public can load.
    const published = html.slice(html.indexOf('<b>Bài dự thi đã công bố</b>'));
    const pictures = [
      ...published.matchAll(
        /<img class="thumb" alt="" src="([^"]+)"[^>]*>.*?<a href="\/p\/[^"]+">([^<]*)<\/a>/g,
      ),
    ];
    expect(pictures.map((m) => titles.get(unescape(m[2]))!.id).sort()).toEqual(
      [...finalists].sort(),
    );
    // The voting page's list: each finalist's picture, and the clip of those that sent one.
    const live = ok(await http().get(`/public/voting-sessions/${sessionId}/entries`));
    expect(Array.isArray(live)).toBe(true);
    const listed = live as unknown as {
      id: string;
      imageUrl: string | null;
      clip: { url: string } | null;
    }[];
    expect(listed.map((x) => x.id).sort()).toEqual([...finalists].sort());
    for (const x of listed) {
      expect(x.imageUrl).toEqual(expect.stringMatching(/^\/media\//));
      expect(x.clip !== null).toBe(byId(x.id).clip);
    }
    // A finalist's share page: its picture for Zalo and Facebook, its clip.
    const withClip = entries.find((e) => e.clip && finalists.includes(e.id));
    if (withClip) {
      const publicId = ok(await as(organizer).get(`/entries/${withClip.id}`)).publicUrl;
      const share = (await http().get(`${publicId}?format=html`).expect(200)).text;
      expect(share).toMatch(/<meta property="og:image" content="[^"]+">/);
      expect(share).toContain('<video controls preload="none"');
    }
    for (const [, src] of pictures.slice(0, 3)) {
      const img = await http().get(unescape(src));
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toMatch(/^image\//);
    }
  });

  it('the best 5 of each category go on to the national final', async () => {
    const res = ok(
      await as(organizer).post(`/contests/${contestId}/rounds/${rounds.province}/advance`, {
        topNPerUnit: ADVANCE,
        eliminateOthers: true,
      }),
    );
    const want = expected.filter((w) => w.rank <= ADVANCE).map((w) => w.entryId);
    expect(want.length).toBeGreaterThanOrEqual(2 * ADVANCE);
    expect([...res.advanced].sort()).toEqual([...want].sort());
    expect(res.eliminated).toHaveLength(59 - want.length);
    // A tie at the cut goes through together, and is reported.
    expect(res.tiesAtCut).toEqual(
      (['collective', 'individual'] as const)
        .filter(
          (cat) => expected.filter((w) => w.category === cat && w.rank <= ADVANCE).length > ADVANCE,
        )
        .map((cat) => expect.objectContaining({ categoryId: categories[cat] })),
    );
    for (const id of want) {
      const e = ok(await as(organizer).get(`/entries/${id}`));
      expect([e.status, e.currentRoundId]).toEqual(['advanced', rounds.national]);
      // Its contestant is offered nothing (organizer actions are the organizers').
      const mine = ok(await as(byId(id).contestant).get(`/entries/${id}`));
      expect([mine.status, mine.allowedActions]).toEqual(['advanced', []]);
    }
    const national = await t.db.query<{ entry_id: string }>(
      `SELECT entry_id FROM entry_rounds WHERE round_id = $1 AND status = 'active'`,
      [rounds.national],
    );
    expect(national.rows.map((r) => r.entry_id).sort()).toEqual([...want].sort());
  });
});
