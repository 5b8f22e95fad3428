import type { Pool } from 'pg';
import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ENTITIES } from './entities';
import { loadMigrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
}

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: loadMigrations(),
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName ?? 'hoi-thi',
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

const MIGRATION_LOCK = 4_817_290_113;

/**
 * Runs pending migrations under an advisory lock, so instances starting together do not race.
 * Lock and migrations share one connection: a pool of one (or the embedded database's single
 * session) must not wait on itself.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/**
 * On the embedded database (PGlite) every connection is the same session, which runs one
 * statement at a time: more connections add no throughput, and work holding one connection
 * while it waits for another would wait on itself (or, inside a transaction, forever). There the
 * pool keeps a single connection, and callers queue for it in order. Asked once when the data
 * source starts (one query then; nothing per request, and nothing changes on a server).
 */
export async function limitPoolToOneSession(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query<{ v: string }[]>('SELECT version() AS v');
  if (!/PGlite/i.test(row.v)) return false;
  ((dataSource.driver as PostgresDriver).master as Pool).options.max = 1;
  return true;
}

/** A started data source on `settings` (one connection on the embedded database). */
export async function openDataSource(settings: DataSourceSettings): Promise<DataSource> {
  const dataSource = await createDataSource(settings).initialize();
  try {
    await limitPoolToOneSession(dataSource);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}
