import { Client } from 'pg';
import { createDataSource, runMigrations } from '../../src/database/data-source';

/**
 * Picks the PostgreSQL the end-to-end tests use: TEST_DATABASE_URL, else a server on
 * 127.0.0.1:5432 if one answers, else an embedded in-memory database per test file
 * (`TEST_DATABASE_URL=embedded` forces that). With a
 * server, the schema is migrated once into a template that each test file clones.
 */
async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const forced = process.env.TEST_DATABASE_URL === 'embedded';
  let server = forced ? undefined : process.env.TEST_DATABASE_URL;
  let source = 'TEST_DATABASE_URL';
  if (!server && !forced) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await reachable(local)) {
      server = local;
      source = 'the server on 127.0.0.1:5432';
    }
  }
  if (!server) {
    process.env.HOITHI_TEST_DB_MODE = 'embedded';
    console.log('\n[e2e] database: embedded PGlite, one in-memory database per test file\n');
    return;
  }
  const template = `hoithi_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${template}`;
  const ds = await createDataSource({ url: url.toString(), poolSize: 1 }).initialize();
  await runMigrations(ds);
  await ds.destroy();
  process.env.HOITHI_TEST_DB_MODE = 'server';
  process.env.HOITHI_TEST_SERVER = server;
  process.env.HOITHI_TEST_TEMPLATE = template;
  const shown = new URL(server);
  shown.password = shown.password ? '***' : '';
  console.log(
    `\n[e2e] database: PostgreSQL from ${source} (${shown.host}), template ${template}\n`,
  );
}
