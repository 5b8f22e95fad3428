import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '../database/data-source';

/** The table TypeORM records applied migrations in (it is part of the schema, not the data). */
const MIGRATIONS_TABLE = 'schema_migrations';
/** Rows sent per INSERT when a logical dump is loaded. */
const LOAD_ROWS = 2000;
const LOAD_BYTES = 8 * 1024 * 1024;
const FETCH_ROWS = 2000;

export class DumpError extends Error {}

/** What a backup records of its database, read in the dump's own snapshot. */
export interface DatabaseFacts {
  /** Migrations applied, in order: the schema version the dump belongs to. */
  migrations: string[];
  /** Rows per table. */
  tables: Record<string, number>;
  /** Content keys of stored files that rows refer to (originals and derivatives). */
  mediaKeys: string[];
}

/** The keys a database refers to in the media store. */
const MEDIA_KEYS_SQL = `SELECT sha256 AS key FROM media_items WHERE sha256 IS NOT NULL
  UNION SELECT d.value->>'key' FROM media_items, jsonb_each(derivatives) d
   WHERE jsonb_typeof(derivatives) = 'object' AND d.value ? 'key'`;

async function facts(client: Client): Promise<DatabaseFacts> {
  const migrations = await client.query<{ name: string }>(
    `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`,
  );
  const tables: Record<string, number> = {};
  for (const name of await tableNames(client)) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
    tables[name] = Number(r.rows[0].n);
  }
  const keys = await client.query<{ key: string }>(MEDIA_KEYS_SQL);
  return {
    migrations: migrations.rows.map((r) => r.name),
    tables,
    mediaKeys: keys.rows.map((r) => r.key).filter((k) => /^[0-9a-f]{64}$/.test(k)),
  };
}

/** Tables of the data (the public schema, but the migrations' own). */
async function tableNames(client: Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1
      ORDER BY tablename`,
    [MIGRATIONS_TABLE],
  );
  return r.rows.map((x) => x.name);
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A connection string without its password, and the password for the tools' environment. */
function toolTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return {
    dbname: u.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (stderr.length < 8000) stderr += c;
    });
    child.on('error', (err) =>
      reject(new DumpError(`${cmd}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new DumpError(`${cmd} exited ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
    });
  });
}

/**
 * The database of a PostgreSQL server, through pg_dump and pg_restore (custom format). The dump
 * reads a snapshot exported by a transaction held open meanwhile, so the facts recorded beside
 * it (migrations, row counts, the media keys the rows refer to) are those of the same instant.
 */
export class PgDumpAdapter {
  constructor(
    private readonly pgDump = 'pg_dump',
    private readonly pgRestore = 'pg_restore',
  ) {}

  async dump(url: string, file: string): Promise<DatabaseFacts> {
    const client = await connect(url);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id'))
        .rows[0].id;
      const recorded = await facts(client);
      const target = toolTarget(url);
      await runTool(
        this.pgDump,
        [
          `--snapshot=${snapshot}`,
          '--format=custom',
          '--no-owner',
          '--file',
          file,
          '--dbname',
          target.dbname,
        ],
        target.env,
      );
      await client.query('COMMIT');
      return recorded;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Into an empty database: everything or nothing (one transaction). */
  async restore(url: string, file: string): Promise<void> {
    const target = toolTarget(url);
    await runTool(
      this.pgRestore,
      [
        '--exit-on-error',
        '--single-transaction',
        '--no-owner',
        '--no-privileges',
        '--dbname',
        target.dbname,
        file,
      ],
      target.env,
    );
  }
}

/**
 * A logical copy of the data through SQL, for the embedded database (no pg_dump of its version
 * is at hand, and PGlite lives inside the service's process): one JSON line per row and one file
 * per table, read in one transaction (on PGlite a transaction has the database to itself, so the
 * copy is of one instant). Loaded into a database migrated to the same schema, with triggers and
 * foreign keys held off during the load, and the sequences set as they were.
 */
export class LogicalDumpAdapter {
  async dump(url: string, dir: string): Promise<DatabaseFacts & { sequences: SequenceState[] }> {
    const client = await connect(url);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const recorded = await facts(client);
      for (const table of Object.keys(recorded.tables)) {
        const out = createWriteStream(join(dir, `${table}.jsonl`), { flags: 'wx' });
        const closed = once(out, 'close');
        try {
          await client.query(
            `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t`,
          );
          for (;;) {
            const page = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
            for (const row of page.rows) {
              if (!out.write(`${row.j}\n`)) await once(out, 'drain');
            }
            if (page.rows.length < FETCH_ROWS) break;
          }
          await client.query('CLOSE backup_rows');
        } finally {
          out.end();
          await closed;
        }
      }
      const sequences = await client.query<SequenceState>(
        `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
          WHERE schemaname = 'public' ORDER BY sequencename`,
      );
      await client.query('COMMIT');
      return { ...recorded, sequences: sequences.rows };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Loads a dump into the database at `url`, which must hold no data: it is migrated first, and
   * its migrations must then be exactly the dump's. One transaction: all or nothing.
   */
  async load(
    url: string,
    dir: string,
    expected: { migrations: string[]; tables: Record<string, number>; sequences: SequenceState[] },
  ): Promise<void> {
    await migrate(url);
    const client = await connect(url);
    try {
      const applied = (
        await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)
      ).rows.map((r) => r.name);
      if (applied.join('\n') !== expected.migrations.join('\n'))
        throw new DumpError('schema_mismatch');
      const present = new Set(await tableNames(client));
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      for (const table of Object.keys(expected.tables)) {
        if (!present.has(table)) throw new DumpError('schema_mismatch');
        const loaded = await this.loadTable(client, table, join(dir, `${table}.jsonl`));
        if (loaded !== expected.tables[table]) throw new DumpError(`rows_mismatch:${table}`);
      }
      for (const s of expected.sequences) {
        if (s.value === null) continue;
        await client.query(`SELECT setval(format('%I.%I', 'public', $1::text), $2::bigint, true)`, [
          s.name,
          s.value,
        ]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async loadTable(client: Client, table: string, file: string): Promise<number> {
    // a table that rows were taken from holds no row yet (the database was empty)
    const existing = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    if (Number(existing.rows[0].n) > 0) throw new DumpError('target_not_empty');
    let batch: string[] = [];
    let bytes = 0;
    let total = 0;
    const flush = async () => {
      if (!batch.length) return;
      // rows as JSON text, turned back into the table's own types by PostgreSQL (numbers,
      // bytes and times are never read into JavaScript values on the way)
      await client.query(
        `INSERT INTO "${table}" OVERRIDING SYSTEM VALUE
         SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`,
        [`[${batch.join(',')}]`],
      );
      total += batch.length;
      batch = [];
      bytes = 0;
    };
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(line);
      bytes += line.length;
      if (batch.length >= LOAD_ROWS || bytes >= LOAD_BYTES) await flush();
    }
    await flush();
    return total;
  }
}

export interface SequenceState {
  name: string;
  /** Null when the sequence was never used. */
  value: string | null;
}

/** Applies this build's migrations to the database at `url`. */
export async function migrate(url: string): Promise<void> {
  const dataSource = await createDataSource({ url, poolSize: 1 }).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Whether the database at `url` has no table in its public schema (nothing to overwrite). */
export async function databaseIsEmpty(url: string): Promise<boolean> {
  const client = await connect(url);
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    return Number(r.rows[0].n) === 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
