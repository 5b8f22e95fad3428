import { randomBytes, randomUUID } from 'node:crypto';

/** Anything with pg's `query(text, params)` (a Pool or a Client). */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export interface SeededVotingContest {
  contestId: string;
  roundId: string;
  /** Entries active in the round, submitted or later. */
  entryIds: string[];
  unitId: string;
  categoryId: string;
  ownerId: string;
}

/**
 * A contest with one public-vote round and `entries` entries active in it, inserted with SQL
 * (for benchmarks and tests that need real entries to vote for, without going through the
 * contest and entry workflows).
 */
export async function seedVotingContest(
  db: Queryable,
  opts: { entries?: number; timeZone?: string; entryStatus?: string } = {},
): Promise<SeededVotingContest> {
  const contestId = randomUUID();
  const unitId = randomUUID();
  const ownerId = randomUUID();
  const categoryId = randomUUID();
  const roundId = randomUUID();
  const tag = contestId.slice(0, 8);
  await db.query(
    `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
     VALUES ($1, $2, 'Hội LHPN xã Tân Lập', 'hoi lhpn xa tan lap', 'Xã', NULL, $3, 0)`,
    [unitId, `V${tag}`, `${unitId}/`],
  );
  await db.query(
    `INSERT INTO users (id, full_name, password_hash, role) VALUES ($1, 'Nguyễn Thị Hoa', '-', 'contestant')`,
    [ownerId],
  );
  await db.query(
    `INSERT INTO contests (id, slug, title, status, settings, time_zone)
     VALUES ($1, $2, 'Ứng dụng CNTT trong tổ chức sinh hoạt hội', 'open', '{}', $3)`,
    [contestId, `binh-chon-${tag}`, opts.timeZone ?? 'Asia/Ho_Chi_Minh'],
  );
  await db.query(
    `INSERT INTO contest_categories (id, contest_id, code, name, rules, position)
     VALUES ($1, $2, 'GP', 'Giải pháp tổ chức sinh hoạt hội', '{}', 1)`,
    [categoryId, contestId],
  );
  const day = 86_400_000;
  await db.query(
    `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, status)
     VALUES ($1, $2, 1, 'Bình chọn trực tuyến', 'public_vote', $3, $4, 'open')`,
    [roundId, contestId, new Date(Date.now() - day), new Date(Date.now() + day)],
  );
  const entryIds = Array.from({ length: opts.entries ?? 3 }, () => randomUUID());
  for (const [i, id] of entryIds.entries()) {
    await insertEntry(db, {
      id,
      contestId,
      categoryId,
      unitId,
      ownerId,
      title: `Bài dự thi số ${i + 1}`,
      status: opts.entryStatus ?? 'eligible',
      roundId,
    });
  }
  return { contestId, roundId, entryIds, unitId, categoryId, ownerId };
}

/** One entry of the contest, active in `roundId` when given. */
export async function insertEntry(
  db: Queryable,
  e: {
    id?: string;
    contestId: string;
    categoryId: string;
    unitId: string;
    ownerId: string;
    title: string;
    status: string;
    roundId?: string | null;
    roundStatus?: string;
  },
): Promise<string> {
  const id = e.id ?? randomUUID();
  await db.query(
    `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, owner_id,
       author_type, members, title, status, current_round_id, public_id, version, submitted_at)
     VALUES ($1, $2, $3, $4, 'Hội LHPN xã Tân Lập', $5, 'collective', '[]', $6, $7, $8, $9, 1, now())`,
    [
      id,
      e.contestId,
      e.categoryId,
      e.unitId,
      e.ownerId,
      e.title,
      e.status,
      e.roundId ?? null,
      randomBytes(8).toString('base64url').slice(0, 11),
    ],
  );
  if (e.roundId)
    await db.query(
      `INSERT INTO entry_rounds (entry_id, round_id, status, source) VALUES ($1, $2, $3, 'submission')`,
      [id, e.roundId, e.roundStatus ?? 'active'],
    );
  return id;
}
