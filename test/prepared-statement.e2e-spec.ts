import { Pool } from 'pg';
import { PreparedStatement } from '../src/database/prepared-statement';
import { createTestDatabase, TestDatabase } from './support/test-db';

const SQL = 'SELECT x * 2 AS y FROM unnest($1::int[]) AS x ORDER BY x';

/** A hot statement prepared once per connection and planned for each execution. */
describe('PreparedStatement', () => {
  let db: TestDatabase;
  let pool: Pool;
  const embedded = process.env.HOITHI_TEST_DB_MODE !== 'server';
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection, so what the statement left on its session can be read back.
    pool = new Pool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('answers with the rows of each execution', async () => {
    const st = new PreparedStatement<{ y: number }>(() => pool, 'hoithi_test_double', SQL);
    expect(await st.rows([[3, 1, 2]])).toEqual([{ y: 2 }, { y: 4 }, { y: 6 }]);
    expect(await st.rows([[10]])).toEqual([{ y: 20 }]);
  });

  it('is prepared under its name and planned for every execution, never generically', async () => {
    const st = new PreparedStatement<{ y: number }>(() => pool, 'hoithi_test_custom', SQL);
    for (let i = 0; i < 12; i++) await st.rows([Array.from({ length: 50 + i }, (_, k) => k)]);
    const { rows } = await pool.query<{ generic_plans: string; custom_plans: string }>(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1`,
      ['hoithi_test_custom'],
    );
    if (embedded) {
      // PGlite: one session for every connection, so the statement runs unnamed.
      expect(rows).toEqual([]);
    } else {
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].generic_plans)).toBe(0);
      expect(Number(rows[0].custom_plans)).toBe(12);
    }
  });

  it('closes a connection whose statement failed and works on the next one', async () => {
    const st = new PreparedStatement<{ y: number }>(
      () => pool,
      'hoithi_test_fail',
      'SELECT 1 / x AS y FROM unnest($1::int[]) AS x',
    );
    await expect(st.rows([[0]])).rejects.toMatchObject({ code: '22012' });
    expect(await st.rows([[1]])).toEqual([{ y: 1 }]);
  });
});
