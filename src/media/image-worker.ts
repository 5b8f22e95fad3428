/**
 * The image worker: a child process of the API that decodes images and writes their WebP
 * derivatives with sharp, so that decoding never competes with the API's event loop inside one
 * process. It lowers its own scheduling priority before sharp starts any thread (every thread
 * it creates inherits it): on a busy machine the API's sockets are served first, and the
 * decoding takes what is left. Started and spoken to by MediaTools (IPC messages); it uses
 * every core (sharp's concurrency and libuv's pool sized to the cores).
 *
 * Plain TypeScript without decorators, so that it also runs from its source under Node's type
 * stripping (tests).
 */
import { availableParallelism, setPriority } from 'node:os';

/** Scheduling priority (nice) of the image worker and of ffmpeg/pdftoppm runs. */
export const WORKER_NICE = 10;

export interface DerivativesRequest {
  id: number;
  op: 'derivatives';
  path: string;
  outputs: { path: string; width: number }[];
  maxPixels: number;
}

export interface DerivativesResult {
  width: number;
  height: number;
  outputs: { path: string; width: number; height: number }[];
}

export type WorkerReply =
  { id: number; ok: true; result: DerivativesResult } | { id: number; ok: false; message: string };

type Sharp = (typeof import('sharp'))['default'];

/**
 * Decodes the whole image (a truncated or corrupt file fails here), applies the EXIF
 * orientation and writes each WebP derivative without any metadata.
 */
export async function derivatives(
  sharp: Sharp,
  path: string,
  outputs: { path: string; width: number }[],
  maxPixels: number,
): Promise<DerivativesResult> {
  const meta = await sharp(path, { limitInputPixels: maxPixels }).metadata();
  const base = sharp(path, { limitInputPixels: maxPixels, failOn: 'truncated' }).rotate();
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  const results = await Promise.all(
    outputs.map(async (o) => {
      const info = await base
        .clone()
        .resize({ width: o.width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(o.path);
      return { path: o.path, width: info.width, height: info.height };
    }),
  );
  return { width, height, outputs: results };
}

async function serve() {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // not permitted: the worker runs at the API's priority
  }
  const sharp = (await import('sharp')).default;
  sharp.cache(false);
  sharp.concurrency(availableParallelism());
  // one image decoded per core at a time; requests beyond that wait their turn here, so the
  // API may hand over the next image while it does its own I/O for the previous one
  const slots = availableParallelism();
  let busy = 0;
  const waiting: (() => void)[] = [];
  const decode = async (msg: DerivativesRequest) => {
    if (busy >= slots) await new Promise<void>((r) => waiting.push(r));
    busy++;
    try {
      return await derivatives(sharp, msg.path, msg.outputs, msg.maxPixels);
    } finally {
      busy--;
      waiting.shift()?.();
    }
  };
  process.on('message', (msg: DerivativesRequest) => {
    if (msg?.op !== 'derivatives') return;
    decode(msg).then(
      (result) => process.send?.({ id: msg.id, ok: true, result } satisfies WorkerReply),
      (err: unknown) =>
        process.send?.({
          id: msg.id,
          ok: false,
          message: err instanceof Error ? err.message : String(err),
        } satisfies WorkerReply),
    );
  });
  // the API went away: nothing left to work for
  process.on('disconnect', () => process.exit(0));
  process.send?.({ id: 0, ready: true });
}

if (process.send && process.env.HOITHI_IMAGE_WORKER === '1') void serve();
