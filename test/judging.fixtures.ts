import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import type { TestApp } from './support/test-app';
import { waitForStatus } from './media-support';

export interface JudgingScenario {
  c: SeededContest;
  organizer: TestUser;
  /** Contestants by commune index. */
  contestants: TestUser[];
  units: {
    province: string;
    communes: { id: string; name: string }[];
    branches: { id: string; name: string }[];
  };
  /** Entries in submission order: id, commune index, category, members. */
  entries: { id: string; commune: number; categoryId: string; title: string; members: string[] }[];
}

export const COMMUNES = [
  'Hội LHPN xã Tân Lập',
  'Hội LHPN xã Đồng Tâm',
  'Hội LHPN xã Ea Kao',
  'Hội LHPN xã Buôn Đôn',
  'Hội LHPN xã Hòa Phú',
];

/**
 * A province with 5 communes (or those given; each with one branch below), a contest with two
 * categories and a commune judging round, and `perCommune` entries from each commune (or `total`
 * entries, from the communes in turn), created, submitted, screened and advanced into the judging
 * round through the entries API. The judging round is then opened, its window running (unless
 * `openJudging` is false); `scopeDepth` sets where its entries compete (default 1: each commune
 * apart; 0: the whole province).
 */
export async function buildScenario(
  t: TestApp,
  opts: {
    perCommune: number;
    total?: number;
    communes?: readonly string[];
    blindJudging?: boolean;
    judges?: string[];
    openJudging?: boolean;
    scopeDepth?: number;
  },
): Promise<JudgingScenario> {
  const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Đắk Lắk', kind: 'Tỉnh' });
  const communes = [];
  const branches = [];
  for (const name of opts.communes ?? COMMUNES) {
    const u = await insertUnit(t, { name, parentId: province.id });
    communes.push({ id: u.id, name });
    const b = await insertUnit(t, {
      name: `Chi hội thôn ${communes.length} (${name.slice(11)})`,
      kind: 'Chi hội',
      parentId: u.id,
    });
    branches.push({ id: b.id, name: b.name });
  }
  const organizer = await createUser(t, UserRole.Organizer, { fullName: 'Trần Thị Mai' });
  const contestants: TestUser[] = [];
  for (const u of communes)
    contestants.push(
      await createUser(t, UserRole.Contestant, { unitId: u.id, fullName: `Chủ nhiệm ${u.name}` }),
    );
  const c = await seedContest(t, {
    organizers: [organizer.id],
    judges: opts.judges ?? [],
    blindJudging: opts.blindJudging ?? false,
    maxEntriesPerUnit: 10,
  });
  const entries: JudgingScenario['entries'] = [];
  for (let i = 0; i < (opts.total ?? opts.perCommune * communes.length); i++) {
    const commune = i % communes.length;
    const solution = i % 2 === 0;
    const categoryId = solution ? c.categories.solution : c.categories.media;
    const title = `Bài dự thi số ${i + 1}: sinh hoạt chi hội trực tuyến`;
    const members = solution
      ? [`Hội viên Nguyễn Thị ${i + 1}`, `Hội viên Lê Thị ${i + 1}`]
      : [`Hội viên Phạm Thị ${i + 1}`];
    const body = draft(categoryId, title, {
      authorType: solution ? 'collective' : 'individual',
      members: members.map((name) => ({ name })),
      contactName: members[0],
      contactPhone: `0912 345 ${String(100 + i).padStart(3, '0')}`,
      contactEmail: `lienhe${i + 1}@hoi.vn`,
    });
    let res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestants[commune].auth)
      .send(body);
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.id as string;
    res = await t
      .http()
      .post(`/entries/${id}/submit`)
      .set('Authorization', contestants[commune].auth)
      .send({});
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    res = await t
      .http()
      .post(`/entries/${id}/screen`)
      .set('Authorization', organizer.auth)
      .send({ decision: 'eligible' });
    if (res.body.status !== 'eligible')
      throw new Error(`screen: ${res.status} ${JSON.stringify(res.body)}`);
    entries.push({ id, commune, categoryId, title, members });
  }
  const res = await t
    .http()
    .post(`/contests/${c.contestId}/rounds/${c.rounds.submission}/advance`)
    .set('Authorization', organizer.auth)
    .send({ entryIds: entries.map((e) => e.id) });
  if (res.status !== 200) throw new Error(`advance: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.scopeDepth !== undefined)
    await t.db.query(`UPDATE contest_rounds SET scope_depth = $2 WHERE id = $1`, [
      c.rounds.commune,
      opts.scopeDepth,
    ]);
  if (opts.openJudging ?? true) await openJudging(t, c.rounds.commune);
  return {
    c,
    organizer,
    contestants,
    units: { province: province.id, communes, branches },
    entries,
  };
}

/** Opens a judging round now: status open, its window running since an hour ago. */
export async function openJudging(t: TestApp, roundId: string): Promise<void> {
  await t.db.query(
    `UPDATE contest_rounds SET status = 'open', opens_at = now() - interval '1 hour' WHERE id = $1`,
    [roundId],
  );
}

export const RUBRIC = {
  criteria: [
    {
      key: 'noi-dung',
      name: 'Nội dung, tính thiết thực',
      description: 'Phù hợp với sinh hoạt chi hội',
      weight: 40,
      max: 10,
      step: 0.5,
    },
    {
      key: 'sang-tao',
      name: 'Tính sáng tạo',
      description: 'Cách làm mới',
      weight: 35,
      max: 10,
      step: 0.5,
    },
    {
      key: 'hinh-thuc',
      name: 'Hình thức trình bày',
      description: 'Rõ ràng, hấp dẫn',
      weight: 25,
      max: 5,
      step: 0.25,
    },
  ],
};

/** Deterministic scores of one judge for one entry (every criterion within range and step). */
export function scoresFor(entryIndex: number, judgeIndex: number): Record<string, number> {
  return {
    'noi-dung': ((entryIndex * 7 + judgeIndex * 3) % 21) / 2,
    'sang-tao': ((entryIndex * 5 + judgeIndex * 11) % 21) / 2,
    'hinh-thuc': ((entryIndex * 3 + judgeIndex) % 21) / 4,
  };
}

/**
 * Adds a file to an entry already in judging, as its owner would have before submitting (the
 * entry is a draft for the upload, then back to its status), and waits until it is processed.
 */
export async function addFileInJudging(
  t: TestApp,
  s: JudgingScenario,
  entryIndex: number,
  file: Buffer,
  meta: { filename: string; contentType?: string },
  timeoutMs = 180_000,
): Promise<string> {
  const e = s.entries[entryIndex];
  const { rows } = await t.db.query<{ status: string }>(
    `SELECT status FROM entries WHERE id = $1`,
    [e.id],
  );
  await t.db.query(`UPDATE entries SET status = 'draft' WHERE id = $1`, [e.id]);
  const res = await t
    .http()
    .post(`/media/uploads?entryId=${e.id}`)
    .set('Authorization', s.contestants[e.commune].auth)
    .attach('file', file, meta);
  await t.db.query(`UPDATE entries SET status = $2 WHERE id = $1`, [e.id, rows[0].status]);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  await waitForStatus(t, res.body.id as string, ['ready'], timeoutMs);
  return res.body.id as string;
}
