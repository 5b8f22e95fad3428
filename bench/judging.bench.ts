/**
 * Judging benchmark (`npm run bench:judging`): rank 10,000 entries × 5 judges × 6 criteria
 * (50,000 submitted sheets) from the database with each aggregation method — our code, as
 * ResultsService.rank runs it (rankRound): the repository's lean read (rankingMatrix), the
 * aggregation and the ranking with tie-breaks, every entry's submission time read (no entries
 * given: its worst case; those times come from a second query on another pool connection while
 * the sheets are read) — beside one hand-written SQL aggregate of the mean (AVG of the sheet
 * totals per entry, ordered) in the same run. Before timing, each method's lean ranking is checked
 * equal to the row-per-sheet read with the pure aggregation. Each figure is the median of
 * BENCH_RUNS runs (7) after one warm-up. Target: each method within 3× of the raw SQL mean and
 * under 2 s. The last line printed is one JSON object:
 * {"bench":"judging","metrics":[{"name","unit":"s","ours","reference","ratio","target"}, …]}.
 *
 * Database: a scratch database on the PostgreSQL at BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) when it answers, dropped at the end; otherwise an
 * in-memory embedded PGlite served from this process.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { aggregate, aggregateColumns, AggregationMethod } from '../src/judging/aggregation';
import { JudgingRepository } from '../src/judging/judging.repository';
import { DEFAULT_TIE_BREAKS, rankColumns, Ranked, rankEntries } from '../src/judging/ranking';
import { rankRound } from '../src/judging/round-ranking';
import { scratchDatabase } from './support';

const ENTRIES = 10_000;
const JUDGES = 5;
const CRITERIA = 6;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_RATIO = 3;
const TARGET_SECONDS = 2;

/** Units, a contest, a judging round, 10,000 entries, 5 judges and 50,000 submitted sheets, in bulk SQL. */
async function seed(db: Client): Promise<string> {
  const province = randomUUID();
  await db.query(
    `INSERT INTO org_units (id, code, name, name_search, kind, path, depth) VALUES ($1, 'B-P', 'Hội LHPN tỉnh', 'hoi lhpn tinh', 'Tỉnh', $2, 0)`,
    [province, `${province}/`],
  );
  const contestId = randomUUID();
  await db.query(
    `INSERT INTO contests (id, slug, title, status, settings) VALUES ($1, 'bench-judging', 'Hội thi', 'judging', $2)`,
    [
      contestId,
      JSON.stringify({
        blindJudging: true,
        juryWeight: 70,
        publicWeight: 30,
        prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
      }),
    ],
  );
  const categoryId = randomUUID();
  await db.query(
    `INSERT INTO contest_categories (id, contest_id, code, name, rules) VALUES ($1, $2, 'GP', 'Giải pháp', $3)`,
    [
      categoryId,
      contestId,
      JSON.stringify({
        entrants: 'both',
        maxEntriesPerUnit: 100000,
        requiredFields: [],
        media: { kinds: [], minCount: 0, maxCount: 0, maxSizeBytes: 0 },
      }),
    ],
  );
  const roundId = randomUUID();
  await db.query(
    `INSERT INTO contest_rounds (id, contest_id, position, name, kind, opens_at, closes_at, status)
     VALUES ($1, $2, 1, 'Chung khảo', 'judging', now() - interval '1 day', now() + interval '1 day', 'open')`,
    [roundId, contestId],
  );
  const owner = randomUUID();
  await db.query(
    `INSERT INTO users (id, full_name, email, password_hash, role, unit_id) VALUES ($1, 'Chủ bài', 'owner@bench.vn', 'x', 'contestant', $2)`,
    [owner, province],
  );
  const judges: string[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const id = randomUUID();
    judges.push(id);
    await db.query(
      `INSERT INTO users (id, full_name, email, password_hash, role) VALUES ($1, $2, $3, 'x', 'judge')`,
      [id, `Giám khảo ${j + 1}`, `judge${j}@bench.vn`],
    );
  }
  await db.query(
    `INSERT INTO contest_memberships (contest_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'judge'`,
    [contestId, judges],
  );
  await db.query(
    `INSERT INTO entries (id, contest_id, category_id, unit_id, unit_name_at_creation, owner_id, author_type, members, title, status, version, submitted_at, public_id)
     SELECT gen_random_uuid(), $1, $2, $3, 'Hội LHPN tỉnh', $4, 'individual', '[]', 'Bài dự thi ' || g, 'eligible', 1,
            now() - (g || ' minutes')::interval, substr(md5(g::text), 1, 12)
       FROM generate_series(1, $5::int) g`,
    [contestId, categoryId, province, owner, ENTRIES],
  );
  await db.query(
    `INSERT INTO entry_rounds (entry_id, round_id, status, source) SELECT id, $1, 'active', 'manual' FROM entries WHERE contest_id = $2`,
    [roundId, contestId],
  );
  const criteria = Array.from({ length: CRITERIA }, (_, i) => ({
    key: `c${i + 1}`,
    name: `Tiêu chí ${i + 1}`,
    description: '',
    weight: [20, 20, 15, 15, 15, 15][i],
    max: 10,
    step: 0.5,
  }));
  await db.query(`INSERT INTO judging_rubrics (round_id, criteria) VALUES ($1, $2)`, [
    roundId,
    JSON.stringify(criteria),
  ]);
  // Scores: a per-judge leniency plus noise, in steps of 0.5; total = Σ score/10 × weight.
  await db.query(
    `WITH s AS (
       SELECT e.id AS entry_id, j.judge_id, j.n,
              array(SELECT least(10, greatest(0, round(((random() * 7 + j.n * 0.5) * 2)::numeric) / 2)) FROM generate_series(1, 6) k WHERE e.id IS NOT NULL) AS sc
         FROM entries e CROSS JOIN unnest($2::uuid[]) WITH ORDINALITY AS j(judge_id, n)
        WHERE e.contest_id = $3)
     INSERT INTO score_sheets (round_id, entry_id, judge_id, status, scores, total, first_ratio, submitted_at)
     SELECT $1, entry_id, judge_id, 'submitted',
            jsonb_build_object('c1', sc[1], 'c2', sc[2], 'c3', sc[3], 'c4', sc[4], 'c5', sc[5], 'c6', sc[6]),
            round(((sc[1] * 20 + sc[2] * 20 + sc[3] * 15 + sc[4] * 15 + sc[5] * 15 + sc[6] * 15) / 10)::numeric, 4),
            round((sc[1] / 10)::numeric, 6), now()
       FROM s`,
    [roundId, judges, contestId],
  );
  await db.query(`ANALYZE`);
  return roundId;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return median(runs);
}

async function main() {
  const database = await scratchDatabase();
  const dataSource = createDataSource({ url: database.url, poolSize: 4 });
  try {
    console.log(`database: ${database.kind}`);
    await dataSource.initialize();
    await runMigrations(dataSource);
    const client = new Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    const t0 = Date.now();
    const roundId = await seed(client).finally(() => client.end());
    console.log(
      `seeded ${ENTRIES} entries × ${JUDGES} judges × ${CRITERIA} criteria in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const repo = new JudgingRepository(dataSource);

    // Reference: the mean, aggregated and ordered by PostgreSQL, through the same connection pool.
    const reference = async () => {
      const rows: unknown[] = await dataSource.query(
        `SELECT entry_id, avg(total) AS score FROM score_sheets WHERE round_id = $1 AND status = 'submitted'
          GROUP BY entry_id ORDER BY score DESC, entry_id`,
        [roundId],
      );
      if (rows.length !== ENTRIES) throw new Error(`reference ranked ${rows.length}`);
    };
    // Ours: what ResultsService.rank runs — the lean read, the aggregation, the ranking. No
    // entries given: every entry's submission time is read (ResultsService.rank's worst case).
    const rankLean = (method: AggregationMethod): Promise<Ranked[]> =>
      rankRound(repo, roundId, method, DEFAULT_TIE_BREAKS);
    // The row-per-sheet read and the pure aggregation: the lean path must rank exactly alike.
    const rankPure = async (method: AggregationMethod): Promise<Ranked[]> => {
      const sheets = await repo.rankingSheets(roundId);
      const agg = aggregate(sheets, method);
      const submitted = new Map(sheets.map((s) => [s.entryId, s.submittedAt]));
      return rankEntries(
        [...agg.values()].map((a) => ({ ...a, submittedAt: submitted.get(a.entryId) ?? null })),
        DEFAULT_TIE_BREAKS,
      );
    };
    const ours = (method: AggregationMethod) => async () => {
      const ranked = await rankLean(method);
      if (ranked.length !== ENTRIES) throw new Error(`${method} ranked ${ranked.length}`);
    };
    for (const method of Object.values(AggregationMethod)) {
      const [lean, pure] = [await rankLean(method), await rankPure(method)];
      const key = (r: Ranked) =>
        `${r.rank} ${r.entryId} ${r.score} ${r.firstCriterion} ${r.firstPlaces} ${r.sheets} ${r.submittedAt} ${r.decidedBy}`;
      if (lean.map(key).join('\n') !== pure.map(key).join('\n'))
        throw new Error(`${method}: the lean ranking differs from the pure aggregation's`);
    }
    console.log('lean ranking = pure aggregation ranking for every method');

    if (process.env.BENCH_PROFILE) {
      for (let i = 0; i < 3; i++) {
        let t = process.hrtime.bigint();
        const matrix = await repo.rankingMatrix(roundId);
        const q = Number(process.hrtime.bigint() - t) / 1e6;
        t = process.hrtime.bigint();
        const agg = aggregateColumns(matrix, AggregationMethod.Normalized);
        const a = Number(process.hrtime.bigint() - t) / 1e6;
        t = process.hrtime.bigint();
        const times = await repo.submissionTimes(matrix.entryIds);
        const s = Number(process.hrtime.bigint() - t) / 1e6;
        t = process.hrtime.bigint();
        rankColumns(
          { ...agg, submittedAt: times.at },
          Int32Array.from(matrix.entryIds, (_, e) => e),
          DEFAULT_TIE_BREAKS,
        );
        const r = Number(process.hrtime.bigint() - t) / 1e6;
        console.log({ q, a, s, r });
      }
    }
    const referenceSeconds = await time(reference);
    console.log(`raw SQL mean (reference): ${(referenceSeconds * 1000).toFixed(1)} ms`);
    const metrics: {
      name: string;
      unit: 's';
      ours: number;
      reference: number;
      ratio: number;
      target: string;
    }[] = [];
    for (const method of [
      AggregationMethod.Mean,
      AggregationMethod.Median,
      AggregationMethod.Trimmed,
      AggregationMethod.Normalized,
    ]) {
      const seconds = await time(ours(method));
      const ratio = seconds / referenceSeconds;
      const pass = ratio <= TARGET_RATIO && seconds < TARGET_SECONDS;
      metrics.push({
        name: method,
        unit: 's',
        ours: Number(seconds.toFixed(4)),
        reference: Number(referenceSeconds.toFixed(4)),
        ratio: Number(ratio.toFixed(2)),
        target: `ratio<=${TARGET_RATIO} && ours<${TARGET_SECONDS}`,
      });
      console.log(
        `${method}: ${(seconds * 1000).toFixed(1)} ms, ${ratio.toFixed(2)}× the reference ${pass ? '(ok)' : '(MISSED)'}`,
      );
    }
    console.log(JSON.stringify({ bench: 'judging', metrics }));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
