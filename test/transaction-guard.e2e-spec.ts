import { DataSource } from 'typeorm';
import { SecondConnectionError } from '../src/database/transaction-guard';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Inside a transaction every query goes through the transaction's own manager: a query that asks
 * the pool for another connection is refused at once (on the embedded database it would wait for
 * the connection its own transaction holds; on a server it would run outside the transaction).
 */
describe('a second connection inside a transaction', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('is refused, and the transaction rolls back; the transaction’s own manager works', async () => {
    const marker = `guard-${Date.now()}`;
    await expect(
      ds.transaction(async (m) => {
        await m.query(`CREATE TEMP TABLE IF NOT EXISTS guard_probe (v text) ON COMMIT DROP`);
        await m.query(`INSERT INTO guard_probe VALUES ($1)`, [marker]);
        await ds.query('SELECT 1');
      }),
    ).rejects.toBeInstanceOf(SecondConnectionError);

    // the same read through the manager, nested transactions (savepoints) included
    const rows = await ds.transaction(async (m) => {
      const outer = await m.query<{ n: number }[]>('SELECT 1 AS n');
      const inner = await m.transaction((n) => n.query<{ n: number }[]>('SELECT 2 AS n'));
      return [outer[0].n, inner[0].n];
    });
    expect(rows).toEqual([1, 2]);

    // outside a transaction, and after one has ended, the pool serves as usual
    await ds.transaction((m) => m.query('SELECT 1'));
    await expect(ds.query('SELECT 3 AS n')).resolves.toEqual([{ n: 3 }]);
  });

  it('follows work the transaction starts (a repository that reads on the data source)', async () => {
    const repo = ds.getRepository('users');
    await expect(
      ds.transaction(async () => {
        await Promise.resolve();
        return repo.count();
      }),
    ).rejects.toBeInstanceOf(SecondConnectionError);
  });
});
