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
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';

/** Scheduling priority (nice) of the image worker and of ffmpeg/pdftoppm runs. */
export const WORKER_NICE = 10;

/**
 * One output: WebP `width` wide (never enlarged), or, with a `height`, exactly `width`×`height`
 * (cropped around what draws the eye, enlarged when smaller) in `format` (a share image is a
 * JPEG: every previewer reads it).
 */
export interface DerivativeOutput {
  path: string;
  width: number;
  height?: number;
  format?: 'webp' | 'jpeg';
}

export interface DerivativesRequest {
  id: number;
  op: 'derivatives';
  path: string;
  outputs: DerivativeOutput[];
  maxPixels: number;
}

export interface DerivativesResult {
  width: number;
  height: number;
  /** `sha256` and `size` of each written file when the worker wrote it (see storedDerivatives). */
  outputs: { path: string; width: number; height: number; sha256?: string; size?: number }[];
}

export type WorkerReply =
  { id: number; ok: true; result: DerivativesResult } | { id: number; ok: false; message: string };

type Sharp = (typeof import('sharp'))['default'];
type SharpImage = ReturnType<Sharp>;

/**
 * Opens an image for its derivatives: the decode is checked against the pixel limit and fails on
 * a truncated or corrupt file, the EXIF orientation is applied (and the size reported after it).
 */
export async function openImage(sharp: Sharp, path: string, maxPixels: number) {
  const meta = await sharp(path, { limitInputPixels: maxPixels }).metadata();
  const base = sharp(path, { limitInputPixels: maxPixels, failOn: 'truncated' }).rotate();
  const swap = (meta.orientation ?? 1) >= 5;
  return {
    base,
    width: (swap ? meta.height : meta.width) ?? 0,
    height: (swap ? meta.width : meta.height) ?? 0,
  };
}

/** One WebP derivative: resized to the width (never enlarged), without any metadata. */
export function webp(base: SharpImage, width: number): SharpImage {
  return base.clone().resize({ width, withoutEnlargement: true }).webp({ quality: 80 });
}

/** One derivative as asked (see DerivativeOutput), without any metadata. */
export function derivative(base: SharpImage, o: DerivativeOutput): SharpImage {
  if (!o.height) return webp(base, o.width);
  const framed = base
    .clone()
    .resize({ width: o.width, height: o.height, fit: 'cover', position: 'attention' });
  return o.format === 'jpeg'
    ? framed.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true })
    : framed.webp({ quality: 80 });
}

/**
 * Decodes the whole image (a truncated or corrupt file fails here), applies the EXIF
 * orientation and encodes each WebP derivative without any metadata; each output is
 * encoded to memory, hashed and then written (a new file, never over an existing one), so that
 * the API can store it under its hash without reading it back. The write is synchronous on this
 * process's main thread (a page-cache copy of a small file): the thread pool stays with the
 * decoding. Making the files durable (fsync) and moving them into place is the storage's job.
 */
export async function storedDerivatives(
  sharp: Sharp,
  path: string,
  outputs: DerivativeOutput[],
  maxPixels: number,
): Promise<DerivativesResult> {
  const { base, width, height } = await openImage(sharp, path, maxPixels);
  const encoded = await Promise.all(
    outputs.map((o) => derivative(base, o).toBuffer({ resolveWithObject: true })),
  );
  const results = encoded.map(({ data, info }, i) => {
    const sha256 = createHash('sha256').update(data).digest('hex');
    writeFileSync(outputs[i].path, data, { flag: 'wx' });
    return {
      path: outputs[i].path,
      width: info.width,
      height: info.height,
      sha256,
      size: data.length,
    };
  });
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
      return await storedDerivatives(sharp, msg.path, msg.outputs, msg.maxPixels);
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
