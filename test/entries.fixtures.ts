import { randomUUID } from 'node:crypto';
import type { TestApp } from './support/test-app';

export interface SeededContest {
  contestId: string;
  categories: { solution: string; media: string };
  rounds: { submission: string; commune: string; province: string };
}

const rules = (maxEntriesPerUnit: number, entrants = 'both') => ({
  entrants,
  maxEntriesPerUnit,
  requiredFields: ['summary'],
  media: { kinds: ['video', 'image'], minCount: 0, maxCount: 5, maxSizeBytes: 500_000_000 },
});

/**
 * A contest with two categories and three rounds: submission, a judging round per commune
 * (scope depth 1) and the provincial final (depth 0). Inserted with SQL: the contest API is
 * another feature's.
 */
export async function seedContest(
  t: TestApp,
  opts: {
    status?: string;
    closesAt?: Date;
    graceSeconds?: number;
    blindJudging?: boolean;
    maxEntriesPerUnit?: number;
    organizers?: string[];
    judges?: string[];
  } = {},
): Promise<SeededContest> {
  const contestId = randomUUID();
  await t.db.query(
    `INSERT INTO contests (id, slug, title, description, status, settings)
     VALUES ($1, $2, 'Ứng dụng CNTT trong tổ chức sinh hoạt hội', 'Hội thi', $3, $4)`,
    [
      contestId,
      `hoi-thi-${contestId.slice(0, 8)}`,
      opts.status ?? 'open',
      JSON.stringify({
        blindJudging: opts.blindJudging ?? false,
        juryWeight: 70,
        publicWeight: 30,
        prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
      }),
    ],
  );
  const solution = randomUUID();
  const media = randomUUID();
  await t.db.query(
    `INSERT INTO contest_categories (id, contest_id, code, name, rules, position) VALUES
       ($1, $3, 'GP', 'Giải pháp tổ chức sinh hoạt hội', $4, 1),
       ($2, $3, 'TT', 'Sản phẩm truyền thông số', $5, 2)`,
    [
      solution,
      media,
      contestId,
      JSON.stringify(rules(opts.maxEntriesPerUnit ?? 3)),
      JSON.stringify(rules(opts.maxEntriesPerUnit ?? 3, 'individual')),
    ],
  );
  const day = 86_400_000;
  const now = Date.now();
  const closes = opts.closesAt ?? new Date(now + day);
  const submission = randomUUID();
  const commune = randomUUID();
  const province = randomUUID();
  await t.db.query(
    `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, grace_seconds, scope_depth, status)
     VALUES ($1, $4, 1, 'Nhận bài', 'submission', $5, $6, $7, NULL, 'open'),
            ($2, $4, 2, 'Sơ khảo cấp xã', 'judging', $6, $8, 0, 1, 'pending'),
            ($3, $4, 3, 'Chung khảo cấp tỉnh', 'final', $8, $9, 0, 0, 'pending')`,
    [
      submission,
      commune,
      province,
      contestId,
      new Date(now - day),
      closes,
      opts.graceSeconds ?? 0,
      new Date(closes.getTime() + 10 * day),
      new Date(closes.getTime() + 20 * day),
    ],
  );
  for (const userId of opts.organizers ?? [])
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'organizer')`,
      [contestId, userId],
    );
  for (const userId of opts.judges ?? [])
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'judge')`,
      [contestId, userId],
    );
  return { contestId, categories: { solution, media }, rounds: { submission, commune, province } };
}

export const draft = (categoryId: string, title: string, extra: Record<string, unknown> = {}) => ({
  categoryId,
  authorType: 'collective',
  title,
  summary: `Tóm tắt: ${title}`,
  members: [{ name: 'Nguyễn Thị Hoa', role: 'Chi hội trưởng' }, { name: 'Lê Thị Lan' }],
  contactName: 'Nguyễn Thị Hoa',
  contactPhone: '0912 345 678',
  contactEmail: 'hoa@example.vn',
  ...extra,
});

export async function auditCount(t: TestApp, entryId: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'entry' AND subject_id = $1`,
    [entryId],
  );
  return rows[0].n;
}

export async function entryRow(t: TestApp, entryId: string) {
  const { rows } = await t.db.query(`SELECT * FROM entries WHERE id = $1`, [entryId]);
  return rows[0] as Record<string, unknown>;
}
