/**
 * The reference for the thumbnail benchmark: a bare sharp loop in its own process, with the
 * same pipeline and settings as the image worker (its `openImage` and `webp`: auto-orient, 320 px and
 * 1280 px WebP at quality 80, no metadata), the same concurrency (one image per core, both
 * outputs at once) and the same scheduling priority (nice WORKER_NICE, set before sharp starts
 * a thread) and thread pool size. With BENCH_BARE_FSYNC=1 it also fsyncs each output and the
 * folder, as our storage does. Started by media.bench.ts with the photos in BENCH_FILES
 * (JSON) and the output folder in BENCH_OUT; answers with the seconds taken and the CPU seconds
 * (user + system, all threads) used meanwhile.
 */
import { availableParallelism, setPriority } from 'node:os';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { openImage, webp, WORKER_NICE } from '../src/media/image-worker';

type Sharp = (typeof import('sharp'))['default'];

/** The sharp loop's work for one photo: decode once, write both WebP outputs straight to disk. */
async function derivatives(
  sharp: Sharp,
  path: string,
  outputs: { path: string; width: number }[],
  maxPixels: number,
): Promise<void> {
  const { base } = await openImage(sharp, path, maxPixels);
  await Promise.all(outputs.map((o) => webp(base, o.width).toFile(o.path)));
}

async function main() {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // not permitted: same as the worker, which then runs at normal priority too
  }
  const sharp = (await import('sharp')).default;
  sharp.cache(false);
  sharp.concurrency(availableParallelism());
  const files = JSON.parse(process.env.BENCH_FILES!) as string[];
  const out = process.env.BENCH_OUT!;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: availableParallelism() }, async () => {
      while (next < files.length) {
        const i = next++;
        const outputs = [
          { path: join(out, `${i}-320.webp`), width: 320 },
          { path: join(out, `${i}-1280.webp`), width: 1280 },
        ];
        await derivatives(sharp, files[i], outputs, 50_000_000);
        // BENCH_BARE_FSYNC=1: store the outputs as durably as ours (file and folder fsync)
        if (process.env.BENCH_BARE_FSYNC === '1') {
          for (const o of [...outputs.map((x) => x.path), out]) {
            const handle = await open(o, 'r');
            await handle.sync().catch(() => undefined);
            await handle.close();
          }
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  process.send!({
    type: 'done',
    seconds: (performance.now() - started) / 1000,
    cpu: (used.user + used.system) / 1e6,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
