// The build's stamp: one SHA-256 over everything the build reads (sources, migrations, the web
// app's sources when there is one, the lock file and the compiler settings). `npm run build`
// writes it into dist/ as its last step; `npm start` (scripts/start.mjs) builds again only when
// the stamp is missing or differs. Hashing the ~400 files takes a few tens of milliseconds.
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

// `node scripts/build-stamp.mjs write` (the build's last step) | `check` (exit 1 when stale)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv[2];
  // the launcher hashes before building, so sources changed during the build make the next start build again
  if (command === 'write') writeStamp(ROOT, process.env.HOITHI_BUILD_HASH || sourceHash());
  else if (command === 'check') process.exit(builtHash() === sourceHash() ? 0 : 1);
  else {
    console.error('Usage: node scripts/build-stamp.mjs write|check');
    process.exit(2);
  }
}
