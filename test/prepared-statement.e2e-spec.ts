import type { Socket } from 'node:net';
import { Pool, PoolClient } from 'pg';
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

  it('answers an error, and keeps the process alive, when the connection dies under it', async () => {
    const st = new PreparedStatement<{ x: number }>(
      () => pool,
      'hoithi_test_dies',
      'SELECT 1 AS x FROM pg_sleep($1::float8)',
    );
    await st.rows([0]); // the connection is made and prepared first
    // Cut the connection while the statement runs on it, as a server stop or restart does.
    pool.once('acquire', (client: PoolClient) => {
      setTimeout(
        () => (client as unknown as { connection: { stream: Socket } }).connection.stream.destroy(),
        200,
      );
    });
    await expect(st.rows([3])).rejects.toThrow(/Connection terminated/);
    expect(await st.rows([0])).toEqual([{ x: 1 }]);
  });
});
