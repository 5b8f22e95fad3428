// `npm start`: builds when the sources changed since the last build (or there is none), then
// runs the service in this very process. npm runs the script as `exec node scripts/start.mjs`,
// so this process is npm's direct child and receives the SIGTERM/SIGINT npm forwards, as node
// itself would: the service shuts down gracefully and npm exits with its code. No second
// process is left behind holding the data folder.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtHash, ROOT, sourceHash } from './build-stamp.mjs';

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

const hash = sourceHash();
if (builtHash() !== hash) await build(hash);
await import(pathToFileURL(join(ROOT, 'dist', 'src', 'main.js')).href);
