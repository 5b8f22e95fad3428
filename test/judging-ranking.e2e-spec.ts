import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { aggregate, AggregationMethod } from '../src/judging/aggregation';
import { JudgingRepository } from '../src/judging/judging.repository';
import {
  DEFAULT_TIE_BREAKS,
  Rankable,
  Ranked,
  rankEntries,
  TieBreak,
} from '../src/judging/ranking';
import { rankRound } from '../src/judging/round-ranking';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { createTestDatabase, TestDatabase } from './support/test-db';

/**
 * The ranking's lean read from PostgreSQL (one row per judge, ids as bytes, times of the round's
 * entries on a second connection) ranks exactly as the row-per-sheet read with the pure
 * aggregation and rankEntries: every method, entries given or not, on seeded scores with ties,
 * draft sheets, entries without sheets, an entry with sheets that left the round and entries
 * never submitted or submitted at the same time.
 */
describe('Judging ranking read (real database) = the pure aggregation', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let repo: JudgingRepository;
  let roundId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 3 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    repo = new JudgingRepository(dataSource);
    const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
    const unit = randomUUID();
    await q(
      `INSERT INTO org_units (id, code, name, name_search, kind, path, depth) VALUES ($1, 'R-P', 'Tỉnh', 'tinh', 'Tỉnh', $2, 0)`,
      [unit, `${unit}/`],
    );
    const contestId = randomUUID();
    await q(
      `INSERT INTO contests (id, slug, title, status, settings) VALUES ($1, 'ranking-read', 'Hội thi', 'judging', '{}')`,
      [contestId],
    );
    const categoryId = randomUUID();
    await q(
      `INSERT INTO contest_categories (id, contest_id, code, name, rules) VALUES ($1, $2, 'GP', 'Giải pháp', $3)`,
      [
        categoryId,
        contestId,
        JSON.stringify({
          entrants: 'both',
          maxEntriesPerUnit: 1000,
          requiredFields: [],
          media: { kinds: [], minCount: 0, maxCount: 0, maxSizeBytes: 0 },
        }),
      ],
    );
    roundId = randomUUID();
    await q(
      `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, status)
       VALUES ($1, $2, 1, 'Chung khảo', 'judging', now() - interval '1 day', now() + interval '1 day', 'open')`,
      [roundId, contestId],
    );
    const owner = randomUUID();
    await q(
      `INSERT INTO users (id, full_name, email, password_hash, role, unit_id) VALUES ($1, 'Chủ bài', 'owner@ranking.vn', 'x', 'contestant', $2)`,
      [owner, unit],
    );
    const judges = Array.from({ length: 6 }, () => randomUUID());
    for (const [j, id] of judges.entries())
      await q(
        `INSERT INTO users (id, full_name, email, password_hash, role) VALUES ($1, $2, $3, 'x', 'judge')`,
        [id, `Giám khảo ${j + 1}`, `judge${j}@ranking.vn`],
      );
    // The sixth judge has left the jury; their sheets still count.
    await q(
      `INSERT INTO contest_memberships (contest_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'judge'`,
      [contestId, judges.slice(0, 5)],
    );
    // 400 entries: every 9th never submitted, submission times in 20 distinct minutes (ties).
    await q(
      `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, owner_id, author_type, members, title, status, version, submitted_at, public_id)
       SELECT gen_random_uuid(), $1, $2, $3, 'Tỉnh', $4, 'individual', '[]', 'Bài ' || g, 'eligible', 1,
              CASE WHEN g % 9 = 0 THEN NULL ELSE timestamptz '2026-11-01 08:00:00.123456+07' + ((g % 20) || ' minutes')::interval END,
              substr(md5(g::text), 1, 12)
         FROM generate_series(1, 400) g`,
      [contestId, categoryId, unit, owner],
    );
    await q(
      `INSERT INTO entry_rounds (entry_id, round_id, status, source) SELECT id, $1, 'active', 'manual' FROM entries WHERE contest_id = $2`,
      [roundId, contestId],
    );
    // Scores in steps of 0.5 on 6 criteria (ties), seeded; entries whose number ends in 0 have
    // no sheet, some sheets are drafts.
    const client = await db.pool.connect();
    try {
      await client.query(`SELECT setseed(0.2026)`);
      await client.query(
        `WITH s AS (
           SELECT e.id AS entry_id, j.judge_id, j.n, e.title,
                  array(SELECT least(10, greatest(0, round(((random() * 6 + j.n * 0.5) * 2)::numeric) / 2)) FROM generate_series(1, 6) k WHERE e.id IS NOT NULL) AS sc
             FROM (SELECT * FROM entries WHERE contest_id = $3 ORDER BY title) e
            CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS j(judge_id, n)
            WHERE (hashtext(e.title || j.n) % 7) <> 0 AND right(e.title, 1) <> '0')
         INSERT INTO score_sheets (round_id, entry_id, judge_id, status, scores, total, first_ratio, submitted_at)
         SELECT $1, entry_id, judge_id, CASE WHEN hashtext(title || n) % 11 = 0 THEN 'draft' ELSE 'submitted' END,
                jsonb_build_object('c1', sc[1], 'c2', sc[2], 'c3', sc[3], 'c4', sc[4], 'c5', sc[5], 'c6', sc[6]),
                round(((sc[1] * 20 + sc[2] * 20 + sc[3] * 15 + sc[4] * 15 + sc[5] * 15 + sc[6] * 15) / 10)::numeric, 4),
                round((sc[1] / 10)::numeric, 6), now()
           FROM s`,
        [roundId, judges, contestId],
      );
    } finally {
      client.release();
    }
    // One entry with sheets leaves the round.
    await q(
      `DELETE FROM entry_rounds WHERE round_id = $1 AND entry_id = (
         SELECT entry_id FROM score_sheets WHERE round_id = $1 AND status = 'submitted' ORDER BY entry_id LIMIT 1)`,
      [roundId],
    );
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  /** ResultsService.rank as first written: the row-per-sheet read, aggregate, rankEntries. */
  async function plain(
    method: AggregationMethod,
    tieBreaks: readonly TieBreak[],
    entries?: readonly { id: string; submittedAt: Date | null }[],
  ): Promise<Ranked[]> {
    const sheets = await repo.rankingSheets(roundId);
    const agg = aggregate(sheets, method, entries?.map((e) => e.id) ?? []);
    const submitted = new Map<string, number | null>();
    for (const e of entries ?? [])
      submitted.set(e.id, e.submittedAt ? e.submittedAt.getTime() : null);
    for (const s of sheets) if (!submitted.has(s.entryId)) submitted.set(s.entryId, s.submittedAt);
    const items: Rankable[] = [...agg.values()]
      .filter((a) => !entries || submitted.has(a.entryId))
      .map((a) => ({ ...a, submittedAt: submitted.get(a.entryId) ?? null }));
    return rankEntries(items, tieBreaks);
  }

  it.each(Object.values(AggregationMethod))('ranks alike (%s)', async (method) => {
    const entries = await repo.roundEntries(roundId);
    for (const tieBreaks of [
      DEFAULT_TIE_BREAKS,
      [TieBreak.EarlierSubmission, TieBreak.FirstPlaces],
    ]) {
      const lean = await rankRound(repo, roundId, method, tieBreaks);
      expect(lean).toEqual(await plain(method, tieBreaks));
      expect(lean.length).toBeGreaterThan(300);
      const given = await rankRound(repo, roundId, method, tieBreaks, entries);
      expect(given).toEqual(await plain(method, tieBreaks, entries));
      // Entries without sheets rank last; the entry that left the round still ranks.
      expect(given.length).toBeGreaterThan(lean.length);
      if (method !== AggregationMethod.Normalized)
        expect(
          lean.filter((r) => r.decidedBy !== 'score' && r.decidedBy !== null).length,
        ).toBeGreaterThan(5);
    }
  });
});
