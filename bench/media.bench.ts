/**
 * npm run bench:media — uploads and thumbnails, ours beside a bare reference in the same run.
 *
 * Uploads: three tus uploads at once (one POST, one streaming PATCH each) of a 100 MB and of a
 * 1 GB file to our API, then the same three at once to a bare Node server that streams each body
 * to disk while hashing it. Throughput in MB/s (MB = 2^20 bytes) for all three together, and the
 * peak RSS growth of each server process (sampled from /proc every 50 ms), in alternating rounds
 * with each side's median. The API runs with
 * MEDIA_WORKER=false during this part: processing is not upload work.
 * Thumbnails: distinct 12-megapixel JPEGs uploaded (multipart) to the API while it takes no
 * jobs; then its job taking starts, and from there until every photo is ready (thumbnail 320 px +
 * preview 1280 px, decoded in the image worker process) is our time, beside a bare sharp loop in
 * its own process with the same pipeline, inputs, concurrency (one image per core, both outputs
 * at once), thread pool size and scheduling priority as the image worker. Meanwhile, the
 * event-loop delay p99 of the API process. Our time runs on the database's clock, from just before
 * job taking starts to the update that marked the last photo ready (polled every 100 ms, so that
 * the polling neither takes CPU from the work nor rounds the figure); both sides have their
 * processes started before their clock starts (the bare loop's own process, our image worker).
 * Also the CPU per photo of each side (ours: API + image worker + its database backends). Rounds
 * alternate (ours, reference, reference, ours, ...) and each side's median is reported: the
 * machine is shared. 48 photos and 5 rounds by default (BENCH_PHOTOS, BENCH_THUMB_ROUNDS). Files
 * are generated in a temporary folder and deleted.
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomFillSync } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { scratchDatabase } from './support';

const MB = 1024 * 1024;
const PARALLEL = 3;
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 48);
const SIZES = (process.env.BENCH_UPLOAD_MB ?? '100,1024').split(',').map(Number);
/** Which parts to run (both by default): `uploads`, `thumbnails`. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const THUMB_ROUNDS = Number(process.env.BENCH_THUMB_ROUNDS ?? 5);
const ROUNDS_LARGE = Number(process.env.BENCH_ROUNDS_LARGE ?? 2);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'uploads,thumbnails').split(','));
/** A folder for V8 CPU profiles of the API process (`--cpu-prof`), when set. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

interface Child {
  proc: ChildProcess;
  url: string;
  token?: string;
  entryId?: string;
}

function start(script: string, env: Record<string, string>, profile = false): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = fork(join(__dirname, script), [], {
      env: { ...process.env, ...env },
      execArgv:
        profile && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    proc.on('message', (m: { type: string; url: string; token?: string; entryId?: string }) => {
      if (m.type === 'ready') resolve({ proc, url: m.url, token: m.token, entryId: m.entryId });
    });
  });
}

function ask<T>(child: Child, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.proc.off('message', on);
      resolve(m as T);
    };
    child.proc.on('message', on);
    child.proc.send({ type });
  });
}

async function stop(child: Child) {
  child.proc.removeAllListeners('exit');
  const exited = new Promise((r) => child.proc.once('exit', r));
  child.proc.send({ type: 'stop' });
  await exited;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds used so far by a process's children (the API's image worker). */
function childrenCpuOf(pid: number): number {
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const fields = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[1]) === pid) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU seconds used so far by the PostgreSQL backends serving one database. */
function databaseCpuOf(database: string): number {
  let total = 0;
  if (!database) return total; // embedded: its work is in the API process
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      if (!readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = stat.split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Samples a process's RSS while `work` runs; returns the peak growth over the start. */
async function peakGrowth<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; growth: number }> {
  const base = rssOf(pid);
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

/** A PDF-shaped file (valid header, one binary stream, xref, trailer) of about `size` bytes. */
async function makeDocument(path: string, size: number) {
  const out = createWriteStream(path);
  const head = Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${size} >>\nstream\n`, 'latin1');
  out.write(head);
  const chunk = Buffer.alloc(4 * MB);
  let written = 0;
  while (written < size) {
    const n = Math.min(chunk.length, size - written);
    randomFillSync(chunk, 0, n);
    if (!out.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
      await new Promise<void>((r) => out.once('drain', () => r()));
    written += n;
  }
  const xref = head.length + size + '\nendstream\nendobj\n'.length;
  out.end(
    `\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\nstartxref\n${xref}\n%%EOF\n`,
  );
  await new Promise<void>((r) => out.once('finish', () => r()));
}

function send(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    if (body) {
      const stream = createReadStream(body, { highWaterMark: MB });
      stream.pipe(req);
    } else req.end();
  });
}

async function tusUpload(api: Child, file: string, size: number) {
  const meta = `entryId ${Buffer.from(api.entryId!).toString('base64')},filename ${Buffer.from('tai-lieu.pdf').toString('base64')},filetype ${Buffer.from('application/pdf').toString('base64')}`;
  const created = await send(`${api.url}/media/uploads/tus`, 'POST', {
    'Tus-Resumable': '1.0.0',
    'Upload-Length': size,
    'Upload-Metadata': meta,
    Authorization: `Bearer ${api.token}`,
  });
  if (created.status !== 201) throw new Error(`tus create: ${created.status}`);
  const location = new URL(String(created.headers.location), api.url).toString();
  const patched = await send(
    location,
    'PATCH',
    {
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': 0,
      'Content-Type': 'application/offset+octet-stream',
      'Content-Length': size,
      Authorization: `Bearer ${api.token}`,
    },
    file,
  );
  if (patched.status !== 204) throw new Error(`tus patch: ${patched.status}`);
}

async function bareUpload(bare: Child, file: string, size: number) {
  const res = await send(
    `${bare.url}/upload`,
    'POST',
    { 'Content-Type': 'application/octet-stream', 'Content-Length': size },
    file,
  );
  if (res.status !== 204) throw new Error(`bare upload: ${res.status}`);
}

async function timed(work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'hoithi-bench-media-'));
  const uploads = join(work, 'uploads');
  const bareDir = join(work, 'bare');
  rmSync(bareDir, { recursive: true, force: true });
  mkdirSync(bareDir, { recursive: true });
  const db = await scratchDatabase();
  const children: Child[] = [];
  try {
    console.log(
      `media bench: ${availableParallelism()} cores, uploads ${SIZES.join(' and ')} MB x${PARALLEL} at once, ${PHOTOS} photos of 12 MP`,
    );
    const metrics: Record<string, unknown>[] = [];
    if (PARTS.has('uploads')) {
      const api = await start(
        'media-server.js',
        {
          DATABASE_URL: db.url,
          UPLOADS_DIR: uploads,
          MEDIA_WORKER: 'false',
          DATA_DIR: join(work, 'data'),
        },
        true,
      );
      children.push(api);
      const bare = await start('bare-upload-server.js', { UPLOAD_DIR: bareDir });
      children.push(bare);

      // warm-up of both servers (code paths compiled, connections open), not measured
      const warm = join(work, 'warm.pdf');
      await makeDocument(warm, 4 * MB);
      for (let i = 0; i < 3; i++) {
        await Promise.all([
          tusUpload(api, warm, statSync(warm).size),
          bareUpload(bare, warm, statSync(warm).size),
        ]);
      }
      rmSync(warm, { force: true });

      let oursGrowth = 0;
      let bareGrowth = 0;
      for (const mb of SIZES) {
        const size = mb * MB;
        const file = join(work, `doc-${mb}.pdf`);
        await makeDocument(file, size - 200);
        const real = statSync(file).size;
        // alternating rounds (ours first, then the reference first, ...), median of each side:
        // the machine is shared, and one disturbed run should not decide the figure
        const oursTimes: number[] = [];
        const refTimes: number[] = [];
        let oursCpu = 0;
        let refCpu = 0;
        const runOurs = async () => {
          const cpu = cpuOf(api.proc.pid!);
          const r = await peakGrowth(api.proc.pid!, () =>
            timed(() =>
              Promise.all(Array.from({ length: PARALLEL }, () => tusUpload(api, file, real))),
            ),
          );
          rmSync(join(uploads, 'objects'), { recursive: true, force: true });
          oursTimes.push(r.result);
          oursCpu += cpuOf(api.proc.pid!) - cpu;
          oursGrowth = Math.max(oursGrowth, r.growth);
        };
        const runRef = async () => {
          const cpu = cpuOf(bare.proc.pid!);
          const r = await peakGrowth(bare.proc.pid!, () =>
            timed(() =>
              Promise.all(Array.from({ length: PARALLEL }, () => bareUpload(bare, file, real))),
            ),
          );
          for (const f of readdirSync(bareDir)) rmSync(join(bareDir, f), { force: true });
          refTimes.push(r.result);
          refCpu += cpuOf(bare.proc.pid!) - cpu;
          bareGrowth = Math.max(bareGrowth, r.growth);
        };
        const rounds = mb >= 1024 ? ROUNDS_LARGE : ROUNDS;
        for (let i = 0; i < rounds; i++) {
          if (i % 2 === 0) {
            await runOurs();
            await runRef();
          } else {
            await runRef();
            await runOurs();
          }
        }
        rmSync(file, { force: true });
        const ours = { result: median(oursTimes) };
        const ref = { result: median(refTimes) };
        const oursRate = round((PARALLEL * real) / MB / ours.result);
        const refRate = round((PARALLEL * real) / MB / ref.result);
        console.log(
          `upload ${mb} MB x${PARALLEL}, median of ${rounds}: ours ${oursRate} MB/s ` +
            `(runs ${oursTimes.map((t) => round((PARALLEL * real) / MB / t)).join(', ')}), ` +
            `bare ${refRate} MB/s (runs ${refTimes.map((t) => round((PARALLEL * real) / MB / t)).join(', ')}), ` +
            `ratio ${round(oursRate / refRate, 3)}; server CPU per round ours ${round(oursCpu / rounds)} s, bare ${round(refCpu / rounds)} s; peak RSS growth so far ours +${round(oursGrowth / MB, 1)} MB, bare +${round(bareGrowth / MB, 1)} MB`,
        );
        metrics.push({
          name: `upload-${mb >= 1024 ? `${mb / 1024}gb` : `${mb}mb`}`,
          unit: 'MB/s',
          ours: oursRate,
          reference: refRate,
          ratio: round(oursRate / refRate, 3),
          target: 'ratio>=0.8',
        });
      }
      metrics.push({
        name: 'upload-rss-growth',
        unit: 'MB',
        ours: round(oursGrowth / MB, 1),
        reference: round(bareGrowth / MB, 1),
        ratio: round(oursGrowth / Math.max(bareGrowth, 1), 3),
        target: 'ours<=100',
      });
      await stop(api);
      children.splice(children.indexOf(api), 1);
    }
    if (PARTS.has('thumbnails')) {
      // --- thumbnails -------------------------------------------------------------------------
      const photos = join(work, 'photos');
      mkdirSync(photos);
      const w = 4000;
      const h = 3000;
      const raw = Buffer.alloc(w * h * 3);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const i = (y * w + x) * 3;
          raw[i] = (x * 255) / w;
          raw[i + 1] = (y * 255) / h;
          raw[i + 2] = 128 + 100 * Math.sin(x / 37) * Math.cos(y / 23);
        }
      const files: string[] = [];
      for (let i = 0; i < PHOTOS; i++) {
        const path = join(photos, `p${i}.jpg`);
        await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
          .modulate({ hue: i * 13 })
          .jpeg({ quality: 90 })
          .toFile(path);
        files.push(path);
      }

      const api2 = await start(
        'media-server.js',
        {
          DATABASE_URL: db.url,
          UPLOADS_DIR: uploads,
          MEDIA_WORKER: 'false',
          JOB_POLL_MS: '200',
          ...(process.env.BENCH_JOBS ? { MEDIA_WORKER_CONCURRENCY: process.env.BENCH_JOBS } : {}),
          DATA_DIR: join(work, 'data'),
        },
        true,
      );
      children.push(api2);
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      // the documents of the upload part were removed with their folder: no processing for them
      await pg.query(`UPDATE jobs SET state = 'done' WHERE state = 'queued'`);
      await pg.query(`DELETE FROM media_items`);
      const out = join(work, 'bare-thumbs');
      mkdirSync(out);
      // alternating rounds (ours, reference, reference, ours, ...), median of each side; the
      // event-loop delay is the worst p99 of our rounds
      const oursTimes: number[] = [];
      const refTimes: number[] = [];
      const oursCpu: number[] = [];
      /** Our CPU seconds per round by process: the API, its image worker, its database backends. */
      const oursParts: { api: number; worker: number; database: number }[] = [];
      const refCpu: number[] = [];
      const loops: { p99: number; max: number }[] = [];
      const uploadTimes: number[] = [];
      // both sides have their processes running before their clock starts: the bare loop's is
      // forked (and sharp loaded) before it starts timing; ours starts its image worker when job
      // taking starts, which this first start (with nothing queued) does
      await ask(api2, 'start-jobs');
      await ask(api2, 'pause-jobs');
      const runOurs = async () => {
        await pg.query(`DELETE FROM media_items`);
        rmSync(join(uploads, 'objects'), { recursive: true, force: true });
        mkdirSync(join(uploads, 'objects'));
        // the photos are uploaded (and checked) first, with job taking paused; then the jobs
        // start, and the time until every photo is ready is the processing time
        const uploadSeconds = await timed(async () => {
          let next = 0;
          await Promise.all(
            Array.from({ length: PARALLEL }, async () => {
              while (next < files.length) {
                const file = files[next++];
                const body = readFileSync(file);
                const boundary = `----hoithi${randomBytes(8).toString('hex')}`;
                const payload = Buffer.concat([
                  Buffer.from(
                    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anh.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
                  ),
                  body,
                  Buffer.from(`\r\n--${boundary}--\r\n`),
                ]);
                const res = await fetch(`${api2.url}/media/uploads?entryId=${api2.entryId}`, {
                  method: 'POST',
                  headers: {
                    Authorization: `Bearer ${api2.token}`,
                    'Content-Type': `multipart/form-data; boundary=${boundary}`,
                  },
                  body: payload,
                });
                if (res.status !== 201)
                  throw new Error(`photo upload: ${res.status} ${await res.text()}`);
              }
            }),
          );
        });
        uploadTimes.push(uploadSeconds);
        await ask(api2, 'reset-loop');
        const cpu = () => ({
          api: cpuOf(api2.proc.pid!),
          worker: childrenCpuOf(api2.proc.pid!),
          database: databaseCpuOf(db.name),
        });
        const cpuBefore = cpu();
        // the clock is the database's: from just before job taking starts to the moment the last
        // photo was marked ready (its row's update time), so that how often this loop looks does
        // not decide the figure; it looks rarely, to take little CPU from the work it measures
        const {
          rows: [{ started }],
        } = await pg.query<{ started: Date }>(`SELECT clock_timestamp() AS started`);
        await ask(api2, 'start-jobs');
        let seconds: number;
        for (;;) {
          await new Promise((r) => setTimeout(r, 100));
          const { rows } = await pg.query<{ n: number; bad: number; seconds: number }>(
            `SELECT count(*) FILTER (WHERE status = 'ready')::int AS n,
                    count(*) FILTER (WHERE status IN ('rejected','failed'))::int AS bad,
                    extract(epoch FROM max(updated_at) - $1::timestamptz)::float8 AS seconds
               FROM media_items WHERE kind = 'image'`,
            [started],
          );
          if (rows[0].bad) throw new Error('a photo was refused');
          if (rows[0].n >= files.length) {
            seconds = rows[0].seconds;
            break;
          }
        }
        const cpuAfter = cpu();
        const parts = {
          api: cpuAfter.api - cpuBefore.api,
          worker: cpuAfter.worker - cpuBefore.worker,
          database: cpuAfter.database - cpuBefore.database,
        };
        oursParts.push(parts);
        oursCpu.push(parts.api + parts.worker + parts.database);
        loops.push(await ask<{ p99: number; max: number }>(api2, 'loop'));
        await ask(api2, 'pause-jobs');
        oursTimes.push(seconds);
      };
      const runRef = async () => {
        const seconds = await new Promise<number>((resolve, reject) => {
          const proc = fork(join(__dirname, 'bare-thumbnails.js'), [], {
            env: {
              ...process.env,
              BENCH_FILES: JSON.stringify(files),
              BENCH_OUT: out,
              UV_THREADPOOL_SIZE: String(availableParallelism()),
            },
            execArgv: [],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          proc.once('error', reject);
          proc.on('message', (m: { type: string; seconds: number; cpu: number }) => {
            if (m.type === 'done') {
              refCpu.push(m.cpu);
              resolve(m.seconds);
              proc.kill();
            }
          });
          proc.once(
            'exit',
            (code) => code && reject(new Error(`bare thumbnails exited with ${code}`)),
          );
        });
        refTimes.push(seconds);
      };
      for (let i = 0; i < THUMB_ROUNDS; i++) {
        if (i % 2 === 0) {
          await runOurs();
          await runRef();
        } else {
          await runRef();
          await runOurs();
        }
      }
      await pg.end();
      const oursSeconds = median(oursTimes);
      const bareSeconds = median(refTimes);
      const loop = {
        p99: Math.max(...loops.map((l) => l.p99)),
        max: Math.max(...loops.map((l) => l.max)),
      };
      const oursRate = round(files.length / oursSeconds);
      const bareRate = round(files.length / bareSeconds);
      console.log(
        `thumbnails (320 + 1280 px WebP) of ${files.length} 12 MP photos: median of ${THUMB_ROUNDS}: ours ${oursRate} images/s (queued to ready, after uploads at ${round(files.length / median(uploadTimes))} photos/s; runs ${oursTimes.map((x) => round(files.length / x)).join(', ')}), bare sharp loop (same pipeline, concurrency and priority) ${bareRate} images/s (runs ${refTimes.map((x) => round(files.length / x)).join(', ')}), ratio ${round(oursRate / bareRate, 3)}`,
      );
      console.log(
        `CPU per photo (user + system): ours ${round((1000 * median(oursCpu)) / files.length, 1)} ms (API + image worker + the API's database backends; runs ${oursCpu.map((c) => round((1000 * c) / files.length, 1)).join(', ')}), bare loop ${round((1000 * median(refCpu)) / files.length, 1)} ms (runs ${refCpu.map((c) => round((1000 * c) / files.length, 1)).join(', ')})`,
      );
      const perPhoto = (k: 'api' | 'worker' | 'database') =>
        round((1000 * median(oursParts.map((p) => p[k]))) / files.length, 1);
      console.log(
        `ours by process, CPU per photo (median of rounds): API ${perPhoto('api')} ms, image worker ${perPhoto('worker')} ms, database ${perPhoto('database')} ms`,
      );
      console.log(
        `event-loop delay of the API process meanwhile: p99 ${round(loop.p99)} ms (worst round; rounds ${loops.map((l) => round(l.p99)).join(', ')}), max ${round(loop.max)} ms`,
      );
      metrics.push({
        name: 'thumbnails',
        unit: 'images/s',
        ours: oursRate,
        reference: bareRate,
        ratio: round(oursRate / bareRate, 3),
        target: 'ratio>=0.9',
      });
      metrics.push({ name: 'event-loop-p99', unit: 'ms', ours: round(loop.p99), target: '<20' });
    }
    console.log(JSON.stringify({ bench: 'media', metrics }));
  } finally {
    for (const c of children) await stop(c).catch(() => undefined);
    await db.drop().catch((err: unknown) => console.error('could not drop the database:', err));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
