import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus } from '@nestjs/common';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError } from '../common/errors/app-error';
import type { S3StoreConfig } from '../config/config';
import { LocalDiskStorage, storageError } from './local-disk.storage';
import type {
  DownloadOptions,
  MediaStorage,
  StoredObject,
  TempFile,
  WriteOptions,
} from './storage';
import './messages';

const KEY = /^[0-9a-f]{64}$/;
/** Parts of a multipart upload: 8 MiB each, four in flight (at most 32 MiB buffered). */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

function notFound(err: unknown): boolean {
  const e = err as S3ServiceException & { Code?: string };
  return (
    e?.$metadata?.httpStatusCode === 404 ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchKey' ||
    e?.Code === 'NoSuchKey'
  );
}

/** An object store that cannot be reached or refuses us: 503, the file was not kept or read. */
function unavailable(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const local = storageError(err);
  if (local !== err) return local;
  return new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'storage.unavailable');
}

/**
 * Objects in an S3-compatible object store, shared by every instance: `<prefix>objects/<sha256>`.
 * What must be local stays under UPLOADS_DIR: files being written (`tmp/`), resumable uploads
 * (`resumable/`) and `cache/`, copies of objects that processing tools read as files (an
 * original committed by this instance is kept there, so that its processing does not fetch it
 * back; anything older than the upload expiry is removed with the temporary files).
 * Multipart uploads for large objects, ranged reads, presigned URLs for downloads.
 */
export class S3Storage implements MediaStorage {
  private readonly local: LocalDiskStorage;
  private readonly cacheDir: string;
  readonly resumableDir: string;

  constructor(
    root: string,
    private readonly config: S3StoreConfig,
    private readonly client: S3Client = S3Storage.client(config),
  ) {
    this.local = new LocalDiskStorage(root);
    this.cacheDir = join(root, 'cache');
    this.resumableDir = this.local.resumableDir;
  }

  static client(config: S3StoreConfig): S3Client {
    return new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // we send no checksum the store may not know; integrity is the object's SHA-256 name
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  init(): void {
    this.local.init();
    mkdirSync(this.cacheDir, { recursive: true });
  }

  private objectKey(key: string): string {
    if (!KEY.test(key)) throw AppError.notFound('storage.missing');
    return `${this.config.prefix}objects/${key}`;
  }

  private cachePath(key: string): string {
    if (!KEY.test(key)) throw AppError.notFound('storage.missing');
    return join(this.cacheDir, key);
  }

  tempPath(suffix = ''): string {
    return this.local.tempPath(suffix);
  }

  writeTemp(source: Readable, options?: WriteOptions): Promise<TempFile> {
    return this.local.writeTemp(source, options);
  }

  hashFile(path: string): Promise<{ sha256: string; size: number }> {
    return this.local.hashFile(path);
  }

  removeTemp(path: string): Promise<void> {
    return this.local.removeTemp(path);
  }

  async commit(tempPath: string, sha256: string, size?: number): Promise<StoredObject> {
    const Key = this.objectKey(sha256);
    try {
      const existing = await this.stat(sha256);
      if (existing) {
        await rm(tempPath, { force: true });
        return { key: sha256, size: existing.size, existed: true };
      }
      const bytes = size ?? (await stat(tempPath)).size;
      await new Upload({
        client: this.client,
        params: {
          Bucket: this.config.bucket,
          Key,
          Body: createReadStream(tempPath),
          ContentLength: bytes,
          ContentType: 'application/octet-stream',
        },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      }).done();
      // kept as this instance's local copy (processing reads it next)
      await rename(tempPath, this.cachePath(sha256)).catch(() => rm(tempPath, { force: true }));
      return { key: sha256, size: bytes, existed: false };
    } catch (err) {
      await rm(tempPath, { force: true });
      throw unavailable(err);
    }
  }

  async check(): Promise<void> {
    await this.local.check();
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
  }

  async localFile(key: string): Promise<string> {
    const path = this.cachePath(key);
    const now = new Date();
    // touched on use, so that the cleanup leaves a copy being worked on alone
    if (
      await utimes(path, now, now).then(
        () => true,
        () => false,
      )
    )
      return path;
    const part = this.local.tempPath('.part');
    try {
      await pipeline(this.read(key), createWriteStream(part, { flags: 'wx' }));
      await rename(part, path);
      return path;
    } catch (err) {
      await rm(part, { force: true });
      throw err instanceof AppError ? err : unavailable(err);
    }
  }

  async stat(key: string): Promise<{ size: number; mtime: Date } | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
      );
      return { size: head.ContentLength ?? 0, mtime: head.LastModified ?? new Date(0) };
    } catch (err) {
      if (notFound(err)) return null;
      throw unavailable(err);
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    const out = new PassThrough();
    const abort = new AbortController();
    out.once('close', () => abort.abort());
    this.client
      .send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.objectKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
        { abortSignal: abort.signal },
      )
      .then(
        (res) => {
          const body = res.Body as Readable;
          body.once('error', (err) => out.destroy(unavailable(err) as Error));
          out.once('close', () => body.destroy());
          body.pipe(out);
        },
        (err: unknown) =>
          out.destroy(
            (notFound(err) ? AppError.notFound('storage.missing') : unavailable(err)) as Error,
          ),
      );
    return out;
  }

  async downloadUrl(key: string, options: DownloadOptions): Promise<string | undefined> {
    if (!this.config.presignedDownloads) return undefined;
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.contentDisposition,
      }),
      { expiresIn: this.config.presignTtlSeconds },
    );
  }

  async remove(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
      );
    } catch (err) {
      if (!notFound(err)) throw unavailable(err);
    }
    await rm(this.cachePath(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    const prefix = `${this.config.prefix}objects/`;
    let token: string | undefined;
    do {
      const page = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        )
        .catch((err: unknown) => {
          throw unavailable(err);
        });
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(prefix.length);
        if (key && KEY.test(key)) yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async cleanTemp(before: Date): Promise<void> {
    await this.local.cleanTemp(before);
    for (const name of await readdir(this.cacheDir).catch(() => [] as string[])) {
      const path = join(this.cacheDir, name);
      const s = await stat(path).catch(() => null);
      if (s && s.mtime < before) await rm(path, { force: true });
    }
  }

  async countFiles(): Promise<number> {
    let n = await this.local.countFiles();
    for await (const key of this.list()) if (key) n++;
    return n;
  }
}
