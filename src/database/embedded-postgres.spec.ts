import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL', () => {
  const root = mkdtempSync(join(tmpdir(), 'hoithi-embedded-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps data across restarts and lets only one owner open a data directory', async () => {
    const dir = join(root, 'pg');
    const first = await startEmbeddedPostgres(dir);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(/in use by process/);
    const c = new Client({ connectionString: first.url });
    await c.connect();
    await c.query('CREATE TABLE kept (v text)');
    await c.query(`INSERT INTO kept VALUES ('Phú Yên')`);
    await c.end();
    await first.stop();

    const second = await startEmbeddedPostgres(dir);
    const c2 = new Client({ connectionString: second.url });
    await c2.connect();
    const { rows } = await c2.query('SELECT v FROM kept');
    await c2.end();
    await second.stop();
    expect(rows).toEqual([{ v: 'Phú Yên' }]);
  }, 180_000); // two starts of a fresh PGlite (initdb, then recovery): slow on a busy machine

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = join(root, 'stale');
    writeFileSync(`${dir}.lock`, '999999999');
    const db = await startEmbeddedPostgres(dir);
    await db.stop();
  });
});
