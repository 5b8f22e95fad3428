// `npm test`'s first step (the `pretest` script): what the tests need beyond npm.
// - ffmpeg/ffprobe, Chromium, poppler-utils (pdftoppm), LibreOffice's Impress without its
//   desktop parts (soffice, which converts slides to PDF), and a Redis on 127.0.0.1:6379;
// - when one is missing and this runs as root (or with password-less sudo) on a machine with
//   apt-get, as CI and fresh machines here do, it is installed from Debian's packages (and Redis
//   started, keeping nothing on disk), as .ci/run does;
// - otherwise the run stops at once with one line naming the command to run.
// PostgreSQL needs nothing here: without a server on 127.0.0.1:5432 (or TEST_DATABASE_URL), the
// tests run on the embedded database (test/support/global-setup.ts).
// When everything is there it costs a few PATH lookups and one loopback connection (~10 ms).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, name)));

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 6379 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

const packages = [];
if (!onPath('ffmpeg') || !onPath('ffprobe')) packages.push('ffmpeg');
if (!executable(CHROMIUM)) packages.push('chromium');
if (!onPath('pdftoppm')) packages.push('poppler-utils');
if (!onPath('soffice')) packages.push('libreoffice-impress-nogui');
const redisUp = await redisAnswers();
if (!redisUp && !onPath('redis-server')) packages.push('redis-server');
if (!packages.length && redisUp) process.exit(0);

const root = process.getuid?.() === 0;
const sudo =
  !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
const asRoot = (cmd, args) =>
  spawnSync(root ? cmd : 'sudo', root ? args : ['-n', cmd, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0;

const REDIS_ARGS = [
  '--daemonize',
  'yes',
  '--bind',
  '127.0.0.1',
  '-::1',
  '--port',
  '6379',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  '/tmp',
  '--logfile',
  '/tmp/hoithi-test-redis.log',
];
const manual = [
  packages.length ? `sudo apt-get install -y ${packages.join(' ')}` : '',
  redisUp ? '' : `redis-server ${REDIS_ARGS.map((a) => (a === '' ? '""' : a)).join(' ')}`,
]
  .filter(Boolean)
  .join(' && ');

if (!(root || sudo) || !onPath('apt-get')) {
  console.error(
    `The tests need ${[...packages, ...(redisUp ? [] : ['a Redis on 127.0.0.1:6379'])].join(', ')}: run  ${manual}  then npm test again.`,
  );
  process.exit(1);
}

if (packages.length) {
  console.error(`Installing what the tests need: ${packages.join(' ')} (apt-get, once)`);
  const ok =
    asRoot('apt-get', ['update', '-qq']) &&
    asRoot('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (!ok) {
    console.error(`Installing ${packages.join(' ')} failed: run  ${manual}  then npm test again.`);
    process.exit(1);
  }
}
if (!redisUp) {
  console.error('Starting Redis on 127.0.0.1:6379 (keeps nothing on disk)');
  asRoot('redis-server', REDIS_ARGS);
  let up = false;
  for (let i = 0; i < 50 && !up; i++) {
    up = await redisAnswers();
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) {
    console.error(`Redis did not start: run  ${manual}  then npm test again.`);
    process.exit(1);
  }
}
