// The build's stamp: one SHA-256 over everything the build reads (sources, migrations, the web
// app's sources when there is one, the lock file and the compiler settings). `npm run build`
// writes it into dist/ as its last step; `npm start` (scripts/start.mjs) builds again only when
// the stamp is missing or differs. Hashing the ~400 files takes a few tens of milliseconds.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP_FILE = join('dist', '.build-stamp');

// bench/ is built too, and imports a helper from test/support/
const DIRS = ['src', 'migrations', 'bench', join('test', 'support'), 'web', 'scripts'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
// inside the folders above: what the build or other tools write, never what the build reads
const SKIP = new Set(['node_modules', 'dist', 'build', '.svelte-kit', 'coverage', '.vite']);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (SKIP.has(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, out);
    else if (e.isFile()) out.push(path);
  }
}

/** The hash of the sources as they are now. */
export function sourceHash(root = ROOT) {
  const files = [];
  for (const d of DIRS) walk(join(root, d), files);
  for (const f of FILES) if (existsSync(join(root, f))) files.push(join(root, f));
  files.sort();
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(relative(root, f).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(f));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The hash written by the last build, or undefined when there is none. */
export function builtHash(root = ROOT) {
  try {
    return readFileSync(join(root, STAMP_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function writeStamp(root = ROOT, hash = sourceHash(root)) {
  writeFileSync(join(root, STAMP_FILE), `${hash}\n`);
}

async function build(hash) {
  process.stderr.write(
    'hoi-thi: the sources changed since the last build (or there is none): building…\n',
  );
  const started = Date.now();
  // npm_execpath: the npm that runs this script; else the one on PATH
  const npm = process.env.npm_execpath;
  const [command, args] = npm
    ? [process.execPath, [npm, 'run', 'build', '--silent']]
    : ['npm', ['run', 'build', '--silent']];
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, HOITHI_BUILD_HASH: hash },
  });
  // a signal during the build stops the build and this process
  const stop = (signal) => child.kill(signal);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const [code, signal] = await new Promise((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  if (signal) process.exit(signal === 'SIGINT' ? 130 : 143);
  if (code !== 0) {
    process.stderr.write(`hoi-thi: the build failed (exit ${code})\n`);
    process.exit(code ?? 1);
  }
  process.stderr.write(`hoi-thi: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Builds (`npm run build`) unless the last build is of the sources as they are now. */
export async function ensureBuilt() {
  const hash = sourceHash();
  if (builtHash() !== hash) await build(hash);
}

// `node scripts/build-stamp.mjs write` (the build's last step) | `check` (exit 1 when stale) |
// `ensure` (build when stale: `npm run cli` and the migration scripts)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv[2];
  // the launcher hashes before building, so sources changed during the build make the next start build again
  if (command === 'write') writeStamp(ROOT, process.env.HOITHI_BUILD_HASH || sourceHash());
  else if (command === 'check') process.exit(builtHash() === sourceHash() ? 0 : 1);
  else if (command === 'ensure') await ensureBuilt();
  else {
    console.error('Usage: node scripts/build-stamp.mjs write|check|ensure');
    process.exit(2);
  }
}
