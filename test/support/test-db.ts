import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { openDataSource, runMigrations } from '../../src/database/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface TestDatabase {
  url: string;
  /** A plain pg pool on the same database, for assertions straight from the tables. */
  pool: Pool;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template, or an embedded one. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const mode = process.env.HOITHI_TEST_DB_MODE;
  if (mode === 'server') {
    const server = process.env.HOITHI_TEST_SERVER!;
    const template = process.env.HOITHI_TEST_TEMPLATE!;
    const name = `${template}_f_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    const pool = new Pool({ connectionString: url.toString(), max: 3 });
    // the drop below ends any connection still open; that is expected, not a test failure
    pool.on('error', () => undefined);
    return {
      url: url.toString(),
      pool,
      async drop() {
        await pool.end();
        const a = new Client({ connectionString: server });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  return createEmbeddedTestDatabase();
}

/**
 * A fresh in-memory embedded database (PGlite, as `npm start` runs without DATABASE_URL),
 * migrated as the server's template is, whatever database the other test files use. It is one
 * session: its clients take turns, and a client's open transaction keeps the others waiting
 * until it ends (a query made on another connection inside it waits forever).
 */
export async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres();
  try {
    const ds = await openDataSource({ url: embedded.url, poolSize: 1 });
    await runMigrations(ds).finally(() => ds.destroy());
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  const pool = new Pool({ connectionString: embedded.url, max: 1 });
  return {
    url: embedded.url,
    pool,
    async drop() {
      await pool.end();
      await embedded.stop();
    },
  };
}
