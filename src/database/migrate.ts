/**
 * Migration tools, run from the compiled build (see package.json):
 *   run       apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR)
 *   revert    undo the last migration
 *   generate  write migrations/<timestamp>-<Name>.ts with what the entities need beyond the
 *             migrations (computed on a scratch database, never on yours)
 *   check     fail when entities and migrations drift (CI runs this)
 * The scratch database is a temporary database on MIGRATION_SCRATCH_URL / TEST_DATABASE_URL
 * when set, else an in-memory embedded PostgreSQL.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { openDataSource, runMigrations } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { MIGRATIONS_DIR } from './migrations';

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const server = process.env.MIGRATION_SCRATCH_URL || process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedPostgres();
    try {
      return await fn(embedded.url);
    } finally {
      await embedded.stop();
    }
  }
  const name = `hoithi_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(server);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function pendingSchemaChanges(url: string) {
  const ds: DataSource = await openDataSource({ url, poolSize: 2 });
  try {
    await runMigrations(ds);
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    await ds.destroy();
  }
}

const quote = (sql: string) =>
  '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

async function main() {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'run':
    case 'revert': {
      const config = loadConfig();
      const embedded = config.databaseUrl
        ? undefined
        : await startEmbeddedPostgres(join(config.dataDir, 'pg'));
      const ds = await openDataSource({ url: config.databaseUrl ?? embedded!.url, poolSize: 2 });
      try {
        if (command === 'run') {
          const done = await runMigrations(ds);
          console.log(done.length ? `Applied: ${done.join(', ')}` : 'No pending migrations.');
        } else {
          await ds.undoLastMigration({ transaction: 'each' });
          console.log('Reverted the last migration.');
        }
      } finally {
        await ds.destroy();
        await embedded?.stop();
      }
      return;
    }
    case 'generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
      }
      const sql = await withScratchDatabase(pendingSchemaChanges);
      if (sql.upQueries.length === 0) {
        console.log('Entities and migrations agree; nothing to generate.');
        return;
      }
      const timestamp = Date.now();
      const up = sql.upQueries
        .map((q) => `    await queryRunner.query(${quote(q.query)});`)
        .join('\n');
      const down = sql.downQueries
        .reverse()
        .map((q) => `    await queryRunner.query(${quote(q.query)});`)
        .join('\n');
      const file = join(MIGRATIONS_DIR.replace(/dist[\\/]/, ''), `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
      );
      console.log(`Wrote ${file}`);
      return;
    }
    case 'check': {
      const sql = await withScratchDatabase(pendingSchemaChanges);
      if (sql.upQueries.length) {
        console.error(
          'Entities and migrations drift; run `npm run migration:generate -- <Name>`. Missing:',
        );
        for (const q of sql.upQueries) console.error(`  ${q.query}`);
        process.exit(1);
      }
      console.log('Entities and migrations agree.');
      return;
    }
    default:
      throw new Error('usage: migrate.js run|revert|generate <Name>|check');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
