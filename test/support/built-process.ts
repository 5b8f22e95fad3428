import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles the product (tsconfig.build.json) into a private folder under test-artifacts/, so
 * test files running at the same time never share or clear each other's build. Returns the
 * folder; node_modules resolve from the repository as for dist/.
 */
export async function buildProduct(): Promise<{ dir: string; remove(): void }> {
  const dir = join(
    ROOT,
    'test-artifacts',
    `build-${process.pid}-${randomBytes(3).toString('hex')}`,
  );
  mkdirSync(dir, { recursive: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', dir],
      { cwd: ROOT },
    );
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`the build failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: err });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningProcess {
  child: ChildProcess;
  /** Base URL once the service printed its "listening on" line. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves when stdout has a line containing `text`. */
  waitForOutput(text: string): Promise<void>;
}

/** Starts `node <build>/src/main.js` with exactly the given environment (plus PATH and HOME). */
export function startProcess(buildDir: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [join(buildDir, 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of watchers.splice(0)) {
      if (out.includes(w.text)) w.resolve();
      else watchers.push(w);
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const proc: RunningProcess = {
    child,
    url: '',
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (text) =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(text)) return resolve();
        watchers.push({ text, resolve });
        void exited.then((code) =>
          reject(new Error(`process exited (${code}) before printing "${text}":\n${out}\n${err}`)),
        );
      }),
  };
  return proc;
}

/** Starts the service and waits for its "listening on" line; PORT=0 picks a free port. */
export async function startService(
  buildDir: string,
  env: Record<string, string>,
): Promise<RunningProcess> {
  const proc = startProcess(buildDir, { HOST: '127.0.0.1', PORT: '0', ...env });
  await proc.waitForOutput('listening on http://');
  const match = /listening on (http:\/\/[^\s]+)/.exec(proc.stdout());
  proc.url = match![1];
  return proc;
}

/** SIGTERM, then the exit code. */
export async function stopService(proc: RunningProcess): Promise<number | string> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  return proc.exited;
}
