import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/**
 * `npm start` as an operator (or Docker, systemd, pm2) runs it: on a copy of the repository
 * (sharing node_modules), so the build it makes is its own. The first start builds; SIGTERM or
 * SIGINT sent to the npm process stops the service, leaves no process behind and frees the data
 * folder; the next start serves without building.
 */
describe('npm start and its signals', () => {
  let tree: string;
  let dataDir: string;
  const started: ChildProcess[] = [];

  beforeAll(() => {
    tree = join(ROOT, 'test-artifacts', `start-${process.pid}-${randomBytes(3).toString('hex')}`);
    mkdirSync(tree, { recursive: true });
    const skip = new Set(['node_modules', 'dist']);
    for (const name of ['src', 'migrations', 'bench', 'test', 'scripts', 'web']) {
      if (!existsSync(join(ROOT, name))) continue;
      cpSync(join(ROOT, name), join(tree, name), {
        recursive: true,
        filter: (from) => !from.split('/').some((part) => skip.has(part)),
      });
    }
    for (const name of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      '.npmrc',
    ]) {
      if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(tree, name));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
    dataDir = mkdtempSync(join(tmpdir(), 'hoithi-start-'));
  });

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(tree, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface NpmStart {
    npm: ChildProcess;
    url: string;
    /** ms from spawning `npm start` to its "listening on" line */
    readyMs: number;
    out(): string;
    err(): string;
    exited: Promise<number | string>;
  }

  async function npmStart(): Promise<NpmStart> {
    const t0 = Date.now();
    const npm = spawn('npm', ['start'], {
      cwd: tree,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        UPLOADS_DIR: join(dataDir, 'uploads'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, as in a terminal: Ctrl-C signals the whole group
      detached: true,
    });
    started.push(npm);
    let out = '';
    let err = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | string>((resolve) =>
      npm.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
    const url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /listening on (http:\/\/[^\s]+)/.exec(out);
        if (match) {
          npm.stdout.off('data', check);
          resolve(match[1]);
        }
      };
      npm.stdout.on('data', check);
      void exited.then((code) =>
        reject(new Error(`npm start exited (${code}) before serving:\n${out}\n${err}`)),
      );
    });
    return { npm, url, readyMs: Date.now() - t0, out: () => out, err: () => err, exited };
  }

  /** Every process whose command line or working directory is in the copied tree. */
  function processesOfTree(): string[] {
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      if (Number(pid) === process.pid) continue;
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        let cwd = '';
        try {
          cwd = readlinkSync(`/proc/${pid}/cwd`);
        } catch {
          /* another user's process */
        }
        if (cmd.includes(tree) || cwd.startsWith(tree)) found.push(`${pid}: ${cmd.trim()}`);
      } catch {
        /* ended meanwhile */
      }
    }
    return found;
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  /** The pids of the processes npm started (the service, and its media worker's children). */
  function descendants(pid: number): number[] {
    const out: number[] = [];
    const children = (p: number): number[] => {
      try {
        return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        return [];
      }
    };
    const stack = [pid];
    while (stack.length) {
      for (const c of children(stack.pop()!)) {
        out.push(c);
        stack.push(c);
      }
    }
    return out;
  }

  const stampFile = () => join(tree, 'dist', '.build-stamp');

  it('builds on the first start, stops on SIGTERM to npm (or Ctrl-C) leaving no process, and starts again without building', async () => {
    const first = await npmStart();
    console.log(`[start-stop] first start (with its build): serving after ${first.readyMs} ms`);
    expect(first.err()).toContain('building');
    expect(existsSync(stampFile())).toBe(true);
    const stampTime = statSync(stampFile()).mtimeMs;
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    const service = descendants(first.npm.pid!);
    expect(service.length).toBeGreaterThan(0);
    first.npm.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.out()).toContain('SIGTERM: finishing in-flight requests');
    for (const pid of service) expect(alive(pid)).toBe(false);
    expect(processesOfTree()).toEqual([]);

    // the data folder is free: a new start on it serves, and nothing is built again
    const second = await npmStart();
    console.log(`[start-stop] restart on a built tree: serving after ${second.readyMs} ms`);
    expect(second.err()).not.toContain('building');
    expect(statSync(stampFile()).mtimeMs).toBe(stampTime);
    const health = await fetch(`${second.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ checks: { database: { status: 'ok' } } });

    // Ctrl-C: SIGINT to the whole group (npm and the service), and npm forwards it once more
    const again = descendants(second.npm.pid!);
    process.kill(-second.npm.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.out()).toContain('SIGINT: finishing in-flight requests');
    for (const pid of again) expect(alive(pid)).toBe(false);
    expect(processesOfTree()).toEqual([]);
  }, 300_000);

  it('builds again when a source changed since the last build', () => {
    const check = () => {
      try {
        execFileSync(process.execPath, [join(tree, 'scripts', 'build-stamp.mjs'), 'check']);
        return 0;
      } catch (err) {
        return (err as { status: number }).status;
      }
    };
    expect(check()).toBe(0);
    const file = join(tree, 'src', 'main.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// changed\n`);
    expect(check()).toBe(1);
  });
});
