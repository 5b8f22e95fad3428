import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const ROOT = resolve(__dirname, '../..');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** As the postgres user when running as root (initdb refuses root), else as ourselves. */
function asPostgres(cmd: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A private PostgreSQL in a temporary directory, on its own port, that tests may stop. */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'hoithi-fault-pg-'));
  port = 0;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    chmodSync(this.dir, 0o777);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', this.dir]);
    this.port = await freePort();
    asPostgres(`${PG_BIN}/initdb`, [
      '-D',
      join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
    await this.start();
  }

  async start(): Promise<void> {
    asPostgres(`${PG_BIN}/pg_ctl`, [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60`,
      'start',
    ]);
    await until('PostgreSQL', async () => {
      const c = new Client({ connectionString: this.url });
      await c.connect();
      await c.end();
      return true;
    });
  }

  /** `immediate`: like a crash (no checkpoint); connections are cut at once. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    asPostgres(`${PG_BIN}/pg_ctl`, ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      /* already stopped */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private Redis keeping nothing on disk. */
export class PrivateRedis {
  port = 0;
  private proc?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await until('Redis', async () => {
      execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'ignore' });
      return true;
    });
  }

  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  }
}

/** The built application (`dist/src/main.js`) as a child process. */
export class AppProcess {
  port = 0;
  private proc?: ChildProcess;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.output = '';
    this.proc = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATA_DIR: join(tmpdir(), 'hoithi-fault-data'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    await until(
      `the application on ${this.port}`,
      async () => {
        if (this.proc!.exitCode !== null) throw new Error(`exited: ${this.output}`);
        const res = await fetch(`${this.url}/health`);
        return res.status === 200;
      },
      60_000,
    );
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await gone;
  }
}
