import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  stat,
  unlink,
} from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { MediaStorage, StoredObject, TempFile, WriteOptions } from './storage';
import './messages';

const KEY = /^[0-9a-f]{64}$/;

/** Disk errors become clear, translated errors; anything else is passed through. */
export function storageError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError(HttpStatus.INSUFFICIENT_STORAGE, 'storage.disk_full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppError(HttpStatus.INTERNAL_SERVER_ERROR, 'storage.permission_denied');
  return err;
}

/** Counts bytes, hashes them and enforces limits while they stream to disk. */
class HashingMeter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private idle?: NodeJS.Timeout;

  constructor(private readonly options: WriteOptions) {
    super();
    this.arm();
  }

  private arm() {
    if (!this.options.idleTimeoutMs) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.destroy(new AppError(HttpStatus.REQUEST_TIMEOUT, 'media.upload_stalled'));
    }, this.options.idleTimeoutMs);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void) {
    this.size += chunk.length;
    if (this.options.maxBytes !== undefined && this.size > this.options.maxBytes) {
      return done(
        this.options.tooLarge?.() ??
          new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.too_large', {
            max: this.options.maxBytes,
          }),
      );
    }
    this.hash.update(chunk);
    this.arm();
    this.push(chunk);
    done();
  }

  override _flush(done: () => void) {
    clearTimeout(this.idle);
    done();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void) {
    clearTimeout(this.idle);
    done(err);
  }
}

/**
 * Local disk under one root: `objects/ab/cd/<sha256>` for content, `tmp/` for files being
 * written, `resumable/` for tus uploads. All on one file system, so a rename is atomic: a
 * reader sees no file or a whole one.
 */
export class LocalDiskStorage implements MediaStorage {
  private readonly tmpDir: string;
  private readonly objectsDir: string;
  /** Object folders known to exist (made by this process), so a commit skips making them. */
  private readonly madeDirs = new Set<string>();
  readonly resumableDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
    this.objectsDir = join(root, 'objects');
    this.resumableDir = join(root, 'resumable');
  }

  /** Creates the folders; a permission problem is reported at boot, not at the first upload. */
  init(): void {
    for (const dir of [this.root, this.tmpDir, this.objectsDir, this.resumableDir]) {
      mkdirSync(dir, { recursive: true });
    }
  }

  tempPath(suffix = ''): string {
    return join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}${suffix}`);
  }

  async writeTemp(source: Readable, options: WriteOptions = {}): Promise<TempFile> {
    const path = this.tempPath();
    const meter = new HashingMeter(options);
    try {
      const out = createWriteStream(path, { flags: 'wx' });
      await pipeline(source, meter, out);
      await this.fsyncFile(path);
      return { path, sha256: meter.hash.digest('hex'), size: meter.size };
    } catch (err) {
      // the source may still be flowing (client still sending): stop reading it
      if (!source.destroyed) source.resume();
      await rm(path, { force: true });
      throw storageError(err);
    }
  }

  /**
   * Reads through one buffer sized to the file (at most 1 MB), reused for every read: a read
   * stream would allocate a fresh 1 MB buffer per read, which for the many small derivatives
   * only feeds the garbage collector (and a full collection of the API heap per 64 MB).
   */
  async hashFile(path: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    const handle = await open(path, 'r');
    try {
      const { size: expected } = await handle.stat();
      const buf = Buffer.allocUnsafe(Math.max(1, Math.min(expected, 1 << 20)));
      let size = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, size);
        if (!bytesRead) break;
        hash.update(buf.subarray(0, bytesRead));
        size += bytesRead;
      }
      return { sha256: hash.digest('hex'), size };
    } finally {
      await handle.close();
    }
  }

  private async fsyncFile(path: string) {
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async fsyncDir(dir: string) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } catch {
      // some file systems refuse fsync on folders; the rename is still atomic
    } finally {
      await handle.close();
    }
  }

  private dirOf(key: string) {
    return join(this.objectsDir, key.slice(0, 2), key.slice(2, 4));
  }

  localPath(key: string): string {
    if (!KEY.test(key)) throw AppError.notFound('storage.missing');
    return join(this.dirOf(key), key);
  }

  async check(): Promise<void> {
    await access(this.objectsDir, constants.W_OK);
    await access(this.tmpDir, constants.W_OK);
  }

  localFile(key: string): Promise<string> {
    return Promise.resolve(this.localPath(key));
  }

  async *list(): AsyncIterable<string> {
    const walk = async (dir: string): Promise<string[]> =>
      readdir(dir).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [] as string[];
        throw storageError(err);
      });
    for (const a of (await walk(this.objectsDir)).sort()) {
      for (const b of (await walk(join(this.objectsDir, a))).sort()) {
        for (const key of (await walk(join(this.objectsDir, a, b))).sort()) {
          if (KEY.test(key)) yield key;
        }
      }
    }
  }

  async commit(tempPath: string, sha256: string, size?: number): Promise<StoredObject> {
    const target = this.localPath(sha256);
    try {
      const existing = await stat(target).catch(() => null);
      if (existing) {
        await rm(tempPath, { force: true });
        return { key: sha256, size: existing.size, existed: true };
      }
      await this.fsyncFile(tempPath);
      const dir = this.dirOf(sha256);
      if (!this.madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.madeDirs.add(dir);
      }
      await rename(tempPath, target).catch(async (err: NodeJS.ErrnoException) => {
        // the folder was removed behind our back (an operator cleaning up): make it again
        if (err.code !== 'ENOENT') throw err;
        await mkdir(dir, { recursive: true });
        await rename(tempPath, target);
      });
      await this.fsyncDir(dir);
      return { key: sha256, size: size ?? (await stat(target)).size, existed: false };
    } catch (err) {
      await rm(tempPath, { force: true });
      throw storageError(err);
    }
  }

  async stat(key: string) {
    const s = await stat(this.localPath(key)).catch(() => null);
    return s ? { size: s.size, mtime: s.mtime } : null;
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.localPath(key), range ? { ...range } : {});
  }

  async remove(key: string): Promise<void> {
    await unlink(this.localPath(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw storageError(err);
    });
  }

  async removeTemp(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async cleanTemp(before: Date): Promise<void> {
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      const path = join(this.tmpDir, name);
      const s = await stat(path).catch(() => null);
      // a folder too: a tool's run folder left by a crash (LibreOffice's profile and output)
      if (s && s.mtime < before) await rm(path, { recursive: true, force: true });
    }
  }

  async countFiles(): Promise<number> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    return entries.filter((e) => e.isFile()).length;
  }
}
