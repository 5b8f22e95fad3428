import { createHash, Hash } from 'node:crypto';
import { close, ftruncate, open, write } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Names of resumable uploads: 32 lowercase hex digits (never a path typed by a client). */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Size of the blocks a body is copied into on its way to disk (two per upload at most): the
 * bytes that arrive while one block is written go out together in the next write. Larger
 * writes (1 MB and up) were measured slower under write-back pressure, smaller ones cost more
 * system calls.
 */
const BLOCK = 256 * 1024;
/** Blocks kept for reuse between requests. */
const POOLED_BLOCKS = 16;

/** Whether a chunk is the whole of its memory (a socket read of body bytes only, no other view). */
function ownsBuffer(chunk: Buffer): chunk is Buffer & { buffer: ArrayBuffer } {
  return (
    chunk.byteOffset === 0 &&
    chunk.buffer instanceof ArrayBuffer &&
    chunk.length === chunk.buffer.byteLength
  );
}

let releasing: ArrayBuffer[] = [];

/**
 * Frees the memory of socket reads whose bytes are hashed and copied, instead of leaving it to
 * the garbage collector. Each read of a request body is a fresh 64 KB buffer held outside V8's
 * heap; left to the collector, they pile up until V8's external-memory limit (64 MB over the
 * last collection) forces a full collection of the whole API heap, which at upload speeds is
 * several a second, most of the upload's CPU time and tens of MB of resident memory. Only a
 * chunk that is the whole of its buffer is released (no other view of that memory exists), and
 * only after the current I/O callback has returned (the HTTP parser is done with the memory).
 */
function release(buffer: ArrayBuffer) {
  if (releasing.push(buffer) > 1) return;
  setImmediate(() => {
    const list = releasing;
    releasing = [];
    for (const b of list) {
      try {
        (b as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
      } catch {
        // not detachable: the collector frees it
      }
    }
  });
}

/**
 * An upload as kept next to its bytes in `<id>.json` (the layout of tus's file store, so that
 * uploads begun before an upgrade resume after it). The offset is the size of the data file.
 */
export interface ResumableUpload {
  id: string;
  size: number;
  offset: number;
  metadata: Record<string, string | null>;
  creationDate: string;
}

interface StoredInfo {
  id: string;
  size?: number;
  metadata?: Record<string, string | null>;
  creation_date?: string;
}

/** How reading a body ended. */
export type AppendEnd =
  /** the body arrived whole */
  | 'complete'
  /** the client went away (connection closed before the end of the body) */
  | 'aborted'
  /** no byte arrived for the idle timeout */
  | 'stalled'
  /** the body went on past the upload's length: none of its bytes are kept */
  | 'too_large'
  /** stopped by `signal` (another request took the upload over, or the app shuts down) */
  | 'cancelled';

export interface AppendResult {
  offset: number;
  end: AppendEnd;
  /** A write failed (disk full, permissions): the bytes after `offset` were not kept. */
  error?: NodeJS.ErrnoException;
}

export interface AppendOptions {
  /** Bytes the body may carry (the upload's length minus the offset). */
  limit: number;
  idleTimeoutMs: number;
  signal: AbortSignal;
  /** Called about once a second while bytes arrive, with the offset reached. */
  onProgress?: (offset: number) => void;
}

/**
 * Resumable uploads on local disk (the resumable folder of the storage): one data file per
 * upload, appended to in place, and its description in `<id>.json`. The running SHA-256 of an
 * upload lives in memory while every byte since the first went through this process; after a
 * restart (or a failed write) the finished file is hashed again from disk.
 */
export class ResumableFileStore {
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();
  private readonly blocks: Buffer[] = [];

  constructor(readonly directory: string) {}

  path(id: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error(`not an upload id: ${id}`);
    return join(this.directory, id);
  }

  private infoPath(id: string) {
    return `${this.path(id)}.json`;
  }

  async create(id: string, size: number, metadata: Record<string, string | null>) {
    const path = this.path(id);
    await writeFile(path, '', { flag: 'wx' });
    const creationDate = new Date().toISOString();
    const info = { id, size, offset: 0, metadata, creation_date: creationDate };
    await writeFile(this.infoPath(id), JSON.stringify(info));
    this.hashes.set(id, { hash: createHash('sha256'), offset: 0 });
    return { id, size, offset: 0, metadata, creationDate } satisfies ResumableUpload;
  }

  /** The upload, null when unknown, 'gone' when its description exists but its bytes do not. */
  async get(id: string): Promise<ResumableUpload | null | 'gone'> {
    if (!UPLOAD_ID.test(id)) return null;
    let info: StoredInfo;
    try {
      info = JSON.parse(await readFile(this.infoPath(id), 'utf8')) as StoredInfo;
    } catch {
      return null;
    }
    const s = await stat(this.path(id)).catch(() => null);
    if (!s || !s.isFile()) return 'gone';
    return {
      id,
      size: info.size ?? 0,
      offset: s.size,
      metadata: info.metadata ?? {},
      creationDate: info.creation_date ?? s.birthtime.toISOString(),
    };
  }

  /** A write block from the pool (reused: a long upload allocates nothing per chunk). */
  private takeBlock(): Buffer {
    return this.blocks.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
  }

  private giveBlock(block: Buffer | null) {
    if (block && this.blocks.length < POOLED_BLOCKS) this.blocks.push(block);
  }

  /**
   * Appends a request body at `offset`. Each chunk is hashed as it arrives and copied into one
   * of two blocks of BLOCK bytes: while one is written in place, the next fills, and reading
   * pauses when both are busy (so an upload holds two blocks whatever its size, and the
   * socket's chunks are dropped at once instead of waiting in memory for the disk). Whatever
   * way the body ends, every byte accepted is on disk when this resolves, and the new offset
   * is the file's size. A body that goes past the upload's length is refused whole: the file
   * is cut back to `offset`, as if the request had never come.
   */
  append(id: string, offset: number, body: Readable, options: AppendOptions): Promise<AppendResult> {
    const path = this.path(id);
    const state = this.hashes.get(id);
    const tracking = state && state.offset === offset ? state : undefined;
    if (!tracking) this.hashes.delete(id);
    return new Promise((resolve) => {
      let fd = -1;
      let position = offset;
      let received = 0;
      let fill: Buffer | null = null;
      let spare: Buffer | null = null;
      let filled = 0;
      /** Bytes of a chunk not yet copied (both blocks busy): reading is paused meanwhile. */
      let carry: Buffer | null = null;
      /** The memory of the chunk being copied, released once it is copied (see release). */
      let source: ArrayBuffer | null = null;
      let writing = false;
      let paused = false;
      let stopped: AppendEnd | undefined;
      let failure: NodeJS.ErrnoException | undefined;
      /** The body is refused: what it wrote is cut off again and the rest dropped. */
      let refused = false;
      let lastByteAt = Date.now();
      let reported = offset;
      let settled = false;

      const finish = () => {
        if (settled || writing || !stopped || fd === -2) return;
        if (!failure && !refused && (filled || carry)) return;
        settled = true;
        cleanup();
        this.giveBlock(fill);
        this.giveBlock(spare);
        fill = spare = carry = source = null;
        if (refused) position = offset;
        const done = () => {
          if (tracking) {
            // the running hash has taken bytes that are not kept: the file is hashed again
            if (failure || refused) this.hashes.delete(id);
            else tracking.offset = position;
          }
          resolve({ offset: position, end: stopped!, error: failure });
        };
        if (fd < 0) return done();
        const handle = fd;
        fd = -1;
        if (!failure && !refused) return close(handle, done);
        // a failed write may have left part of its bytes, a refused body all it wrote: cut the
        // file back to what is known
        ftruncate(handle, position, () => close(handle, done));
      };

      /** Copies what it can of the carried chunk into the filling block. */
      const drain = () => {
        while (carry) {
          if (!fill) {
            fill = spare ?? this.takeBlock();
            spare = null;
            filled = 0;
          }
          if (filled === fill.length) return;
          const n = carry.copy(fill, filled);
          filled += n;
          carry = n < carry.length ? carry.subarray(n) : null;
        }
        if (source) {
          release(source);
          source = null;
        }
      };

      /** Writes the filling block when the disk is free; the other block fills meanwhile. */
      const kick = () => {
        if (writing || fd < 0) return;
        if (failure || refused || !filled || !fill) {
          if (failure || refused) filled = 0;
          return finish();
        }
        const block = fill;
        const length = filled;
        fill = null;
        filled = 0;
        writing = true;
        drain();
        write(fd, block, 0, length, position, (err, written) => {
          writing = false;
          lastByteAt = Date.now();
          if (spare) this.giveBlock(block);
          else spare = block;
          if (err || written !== length) {
            failure = err ?? Object.assign(new Error('short write'), { code: 'EIO' });
            carry = null;
            stop('aborted');
          } else position += written;
          drain();
          kick();
          if (paused && !carry && !stopped) {
            paused = false;
            body.resume();
          }
        });
      };

      const stop = (end: AppendEnd) => {
        if (stopped) return;
        stopped = end;
        body.pause();
        body.off('data', onData);
        kick();
      };

      const onData = (chunk: Buffer) => {
        if (stopped) return;
        lastByteAt = Date.now();
        if (received + chunk.length > options.limit) {
          refused = true;
          carry = null;
          return stop('too_large');
        }
        if (chunk.length) {
          tracking?.hash.update(chunk);
          received += chunk.length;
          source = ownsBuffer(chunk) ? chunk.buffer : null;
          carry = chunk;
          drain();
        }
        kick();
        if (carry) {
          paused = true;
          body.pause();
        }
      };
      const onEnd = () => stop('complete');
      const onClose = () => stop('aborted');
      const onAbort = () => stop('cancelled');

      const timer = setInterval(
        () => {
          const reached = offset + received;
          if (reached !== reported) {
            reported = reached;
            options.onProgress?.(reached);
          }
          if (!writing && Date.now() - lastByteAt >= options.idleTimeoutMs) stop('stalled');
        },
        Math.max(50, Math.min(1000, options.idleTimeoutMs / 4)),
      );
      const cleanup = () => {
        clearInterval(timer);
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onClose);
        body.off('close', onClose);
        options.signal.removeEventListener('abort', onAbort);
      };

      body.on('end', onEnd);
      body.on('error', onClose);
      body.on('close', onClose);
      options.signal.addEventListener('abort', onAbort);
      if (options.signal.aborted) stop('cancelled');

      fd = -2;
      open(path, 'r+', (err, handle) => {
        if (err) {
          fd = -1;
          failure = err;
          stop('aborted');
          return finish();
        }
        fd = handle;
        if (stopped) return kick();
        body.on('data', onData);
        body.resume();
      });
    });
  }

  /** The digest when every byte of the upload went through this process, else null. */
  takeHash(id: string, size: number): string | null {
    const state = this.hashes.get(id);
    this.hashes.delete(id);
    return state && state.offset === size ? state.hash.digest('hex') : null;
  }

  /** Removes the description, keeping the bytes (a finished upload about to be stored). */
  async removeInfo(id: string): Promise<void> {
    await rm(this.infoPath(id), { force: true });
  }

  /** Removes an upload: its bytes, its description and its running hash. */
  async remove(id: string): Promise<void> {
    this.hashes.delete(id);
    await rm(this.path(id), { force: true });
    await rm(this.infoPath(id), { force: true });
  }

  /**
   * Files of the resumable folder last changed before `before`, with the upload id they
   * belong to (null for a name that is no upload's).
   */
  async staleFiles(before: Date): Promise<{ name: string; id: string | null }[]> {
    const out: { name: string; id: string | null }[] = [];
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      const s = await stat(join(this.directory, name)).catch(() => null);
      if (!s || s.mtime >= before) continue;
      const id = name.replace(/\.json$/, '');
      out.push({ name, id: UPLOAD_ID.test(id) ? id : null });
    }
    return out;
  }

  async removeFile(name: string): Promise<void> {
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') return;
    await rm(join(this.directory, name), { force: true });
  }
}
