import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ERRORS, Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/utils';
import type { FastifyInstance } from 'fastify';
import { createHash, Hash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { renderError } from '../common/errors/error-body';
import { localeFrom } from '../common/i18n/i18n';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MEDIA_RULES_SOURCE, MediaRulesSource } from './media-policy';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import { MediaStatus } from './entities/media-item.entity';
import { MediaEvents } from './media.events';
import { MediaIntakeService } from './media-intake.service';
import { MediaRepository } from './media.repository';
import './messages';

export const TUS_PATH = '/media/uploads/tus';
const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** Bytes a resumable upload buffers before the file write waits (one vectored write). */
const WRITE_BUFFER = 1024 * 1024;
/** Bytes of a PATCH body read ahead of the file write. */
const BODY_BUFFER = 1024 * 1024;

interface HashState {
  hash: Hash;
  offset: number;
}

/**
 * The tus file store, hashing bytes as they are written. The running hash lives in memory, so
 * after a restart (or a write that failed half way) the finished file is hashed again from disk
 * by streaming it.
 */
class HashingFileStore extends FileStore {
  private readonly hashes = new Map<string, HashState>();

  constructor(
    options: ConstructorParameters<typeof FileStore>[0],
    private readonly idleTimeoutMs: number,
    /** Called about once a second while bytes arrive (not per chunk). */
    private readonly onProgress: (id: string, offset: number) => void,
  ) {
    super(options);
  }

  override async create(file: Upload) {
    const created = await super.create(file);
    this.hashes.set(file.id, { hash: createHash('sha256'), offset: 0 });
    return created;
  }

  /**
   * Appends the body at `offset`, hashing and counting in one pass. The file stream buffers up
   * to WRITE_BUFFER bytes, so chunks that arrive while a write is in flight go out together in
   * one vectored write instead of one thread-pool round trip each.
   */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    // the tus server answers its own error objects ({status_code, body}) as they are
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    const state = this.hashes.get(id);
    const tracking = state && state.offset === offset ? state : undefined;
    if (!tracking) this.hashes.delete(id);
    let seen = 0;
    let lastByteAt = Date.now();
    const timeout = this.idleTimeoutMs;
    const meter = new Transform({
      highWaterMark: WRITE_BUFFER,
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        tracking?.hash.update(chunk);
        lastByteAt = Date.now();
        done(null, chunk);
      },
    });
    // one timer per request (not per chunk): progress is reported from here, and a body that
    // stops arriving is ended as stalled
    let reported = 0;
    const idle = setInterval(
      () => {
        if (seen !== reported) {
          reported = seen;
          this.onProgress(id, offset + seen);
        }
        if (Date.now() - lastByteAt >= timeout) meter.destroy(new Error('upload stalled'));
      },
      Math.max(50, Math.min(1000, timeout / 4)),
    );
    const out = createWriteStream(join(this.directory, id), {
      flags: 'r+',
      start: offset,
      highWaterMark: WRITE_BUFFER,
    });
    try {
      await pipeline(readable, meter, out);
    } catch {
      this.hashes.delete(id);
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      clearInterval(idle);
    }
    const next = offset + seen;
    if (tracking) tracking.offset = next;
    return next;
  }

  /** The digest when every byte went through this process, else null. */
  takeHash(id: string, size: number): string | null {
    const state = this.hashes.get(id);
    this.hashes.delete(id);
    return state && state.offset === size ? state.hash.digest('hex') : null;
  }

  forget(id: string) {
    this.hashes.delete(id);
  }
}

/**
 * The tus server reads the body through a web stream sized by the request's high-water mark
 * (one socket chunk by default), pausing and resuming the socket for every chunk. A wider
 * mark lets a few chunks queue while the disk write runs.
 */
function widenBodyBuffer(req: import('node:http').IncomingMessage) {
  const state = (req as unknown as { _readableState?: { highWaterMark?: number } })._readableState;
  if (state && typeof state.highWaterMark === 'number' && state.highWaterMark < BODY_BUFFER)
    state.highWaterMark = BODY_BUFFER;
}

type TusRequest = Parameters<
  NonNullable<ConstructorParameters<typeof Server>[0]['onIncomingRequest']>
>[0];

/** Resumable uploads (tus 1.0) on `/media/uploads/tus`, files assembled on disk. */
@Injectable()
export class MediaTusService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MediaUploads');
  private readonly principals = new WeakMap<object, Principal>();
  private server!: Server;
  private store!: HashingFileStore;
  private cleanupTimer?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: AccessTokenVerifier,
    private readonly intake: MediaIntakeService,
    private readonly repository: MediaRepository,
    private readonly events: MediaEvents,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(MEDIA_RULES_SOURCE) private readonly rulesSource: MediaRulesSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const expiryMs = this.config.media.uploadExpiryHours * 3600_000;
    this.store = new HashingFileStore(
      { directory: this.storage.resumableDir, expirationPeriodInMilliseconds: expiryMs },
      this.config.media.uploadIdleTimeoutMs,
      (id, offset) => void this.progress(id, offset).catch(() => undefined),
    );
    this.server = new Server({
      path: TUS_PATH,
      datastore: this.store,
      relativeLocation: true,
      maxSize: this.config.media.maxUploadBytes,
      allowedOrigins: this.config.corsOrigins.length ? this.config.corsOrigins : () => false,
      namingFunction: () =>
        createHash('sha256').update(crypto.randomUUID()).digest('hex').slice(0, 32),
      getFileIdFromRequest: (_req, lastPath) =>
        lastPath && UPLOAD_ID.test(lastPath) ? lastPath : undefined,
      onIncomingRequest: (req, id) => this.authorize(req, id),
      onUploadCreate: (req, upload) => this.create(req, upload),
      onUploadFinish: (req, upload) => this.finish(req, upload),
      onResponseError: (req, err) => this.renderError(req, err),
    });

    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // tus bodies are read by the tus server itself, as a stream
    fastify.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) =>
      done(null),
    );
    const handler = async (
      request: { raw: import('node:http').IncomingMessage },
      reply: { hijack(): void; raw: import('node:http').ServerResponse },
    ) => {
      reply.hijack();
      if (request.raw.method === 'PATCH') widenBodyBuffer(request.raw);
      await this.server.handle(request.raw, reply.raw);
    };
    for (const url of [TUS_PATH, `${TUS_PATH}/:id`]) {
      fastify.route({
        method: ['POST', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS', 'GET'],
        url,
        handler,
      });
    }

    const every = Math.min(15 * 60_000, expiryMs);
    this.cleanupTimer = setInterval(() => void this.cleanupExpired().catch(() => undefined), every);
    this.cleanupTimer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.cleanupTimer);
  }

  private async principalOf(req: TusRequest): Promise<Principal> {
    const known = this.principals.get(req);
    if (known) return known;
    const header = req.headers.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw AppError.unauthorized('auth.token_invalid');
    const principal = await this.verifier.verify(m[1]);
    this.principals.set(req, principal);
    return principal;
  }

  /** Every tus request needs a valid token; an existing upload is its starter's alone. */
  private async authorize(req: TusRequest, id: string): Promise<void> {
    const principal = await this.principalOf(req);
    if (req.method === 'POST') return;
    const item = await this.repository.findByTusId(id);
    if (!item || item.ownerId !== principal.id || item.status !== MediaStatus.Uploading) {
      throw AppError.notFound('media.upload_not_found');
    }
  }

  private async create(req: TusRequest, upload: Upload) {
    const principal = await this.principalOf(req);
    const meta = upload.metadata ?? {};
    const entryId = meta.entryId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw AppError.notFound('media.entry_not_found');
    if (upload.size === undefined) throw AppError.badRequest('common.bad_request');
    const rules = await this.intake.begin(principal, entryId);
    const intent = this.intake.describe(
      rules,
      meta.filename ?? meta.name ?? undefined,
      meta.filetype ?? undefined,
      upload.size,
    );
    const item = await this.repository.create({
      entryId,
      ownerId: principal.id,
      status: MediaStatus.Uploading,
      originalName: intent.name.name,
      declaredType: intent.declaredType?.slice(0, 200) || null,
      sizeBytes: upload.size,
      tusId: upload.id,
    });
    this.events.status(item, { progress: 0 });
    return { metadata: { ...meta, mediaId: item.id } };
  }

  private async progress(tusId: string, offset: number) {
    const item = await this.repository.findByTusId(tusId);
    if (item?.sizeBytes)
      this.events.status(item, { progress: Math.round((offset / item.sizeBytes) * 100) / 100 });
  }

  private async finish(req: TusRequest, upload: Upload) {
    const principal = await this.principalOf(req);
    const item = await this.repository.findByTusId(upload.id);
    if (!item) throw AppError.notFound('media.upload_not_found');
    const path = join(this.storage.resumableDir, upload.id);
    const size = upload.size ?? (await stat(path)).size;
    const sha256 =
      this.store.takeHash(upload.id, size) ?? (await this.storage.hashFile(path)).sha256;
    await rm(`${path}.json`, { force: true });
    try {
      const rules = await this.rulesSource.rulesFor(item.entryId);
      if (!rules) throw AppError.notFound('media.entry_not_found');
      const intent = {
        rules,
        name: this.intake.describeName(item.originalName),
        declaredType: item.declaredType ?? undefined,
      };
      const type = await this.intake.inspect({ path, sha256, size }, intent);
      const admitted = await this.intake.admit(
        principal,
        item.entryId,
        { path, sha256, size },
        type,
        intent,
        item,
      );
      return { headers: { 'Media-Id': admitted.id } };
    } catch (err) {
      await rm(path, { force: true });
      const reason =
        err instanceof AppError
          ? { code: err.code, params: err.params }
          : { code: 'media.processing_failed' };
      await this.repository.update(item.id, { status: MediaStatus.Rejected, reason, tusId: null });
      this.events.status({ ...item, status: MediaStatus.Rejected, reason });
      throw err;
    }
  }

  private renderError(req: TusRequest, err: Error | { status_code: number; body: string }) {
    if (!(err instanceof AppError)) {
      if (err instanceof Error) this.logger.warn(`tus: ${err.message}`);
      return undefined;
    }
    const rendered = renderError(
      err,
      localeFrom(req.headers.get('accept-language') ?? undefined),
      req.headers.get('x-request-id') ?? undefined,
    );
    return { status_code: rendered.status, body: JSON.stringify(rendered.body) };
  }

  /**
   * Removes resumable uploads started more than UPLOAD_EXPIRY_HOURS ago and never finished,
   * and temporary files left behind by a crash.
   */
  async cleanupExpired(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.media.uploadExpiryHours * 3600_000);
    const stale = await this.repository.findStaleUploads(before);
    for (const item of stale) {
      if (item.tusId && UPLOAD_ID.test(item.tusId)) {
        const path = join(this.storage.resumableDir, item.tusId);
        this.store.forget(item.tusId);
        await rm(path, { force: true });
        await rm(`${path}.json`, { force: true });
      }
      const reason = { code: 'media.upload_expired' };
      await this.repository.update(item.id, { status: MediaStatus.Failed, reason, tusId: null });
      this.events.status({ ...item, status: MediaStatus.Failed, reason });
    }
    // files in the resumable folder that no upload claims, older than the expiry
    for (const dir of [this.storage.resumableDir]) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const id = name.replace(/\.json$/, '');
        const s = await stat(join(dir, name)).catch(() => null);
        if (!s || s.mtime >= before) continue;
        const owner = UPLOAD_ID.test(id) ? await this.repository.findByTusId(id) : null;
        if (!owner) await rm(join(dir, name), { force: true });
      }
    }
    await this.storage.cleanTemp(before);
    return stale.length;
  }
}
