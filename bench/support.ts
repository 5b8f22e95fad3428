import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** What the benchmarks share: a scratch database (PostgreSQL when reachable, else embedded), ports. */
export interface Database {
  url: string;
  /** The scratch database's name on the server ('' for the embedded one). */
  name: string;
  kind: string;
  drop(): Promise<void>;
}

export async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function scratchDatabase(): Promise<Database> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(server)) {
    const name = `hoithi_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      name,
      kind: `PostgreSQL at ${url.host}, scratch database ${name}`,
      async drop() {
        const a = new Client({ connectionString: server });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres();
  return {
    url: embedded.url,
    name: '',
    kind: 'embedded PGlite (in memory)',
    drop: () => embedded.stop(),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A UUIDv7 (RFC 9562) as the voting page makes vote ids: the time in milliseconds, then the
 * random bits of a v4 UUID with its version changed to 7.
 */
export function uuidv7(): string {
  const t = Date.now().toString(16).padStart(12, '0');
  const r = randomUUID();
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(15)}`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (at most a minute) until the service at `url` answers `/health`. */
export async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      /* starting */
    }
    await sleep(200);
  }
  throw new Error('the application did not start');
}

/**
 * The built service (dist/) as a child process in production settings, on `dbUrl`, with a
 * fresh JWT secret and no Redis or demo data; `env` adds or overrides settings. Resolves once
 * /health answers.
 */
export async function startBuiltService(
  dbUrl: string,
  env: Record<string, string> = {},
): Promise<{ url: string; proc: ChildProcess }> {
  const root = join(__dirname, '../..');
  const port = await freePort();
  const proc = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  return { url, proc };
}
