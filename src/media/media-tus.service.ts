import { Metrics } from '../metrics/metrics.service';
import {
  BeforeApplicationShutdown,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { renderError } from '../common/errors/error-body';
import { localeFrom } from '../common/i18n/i18n';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { storageError } from '../storage/local-disk.storage';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import { MediaItem, MediaStatus } from './entities/media-item.entity';
import { MEDIA_RULES_SOURCE, MediaRulesSource } from './media-policy';
import { MediaEvents } from './media.events';
import { MediaIntakeService } from './media-intake.service';
import { MediaRepository } from './media.repository';
import {
  AppendResult,
  ResumableFileStore,
  ResumableUpload,
  UPLOAD_ID,
} from './resumable-file.store';
import {
  parseMetadata,
  parseSize,
  stringifyMetadata,
  TUS_CONTENT_TYPE,
  TUS_EXPOSED_HEADERS,
  TUS_EXTENSIONS,
  TUS_VERSION,
} from './tus-protocol';
import './messages';

export const TUS_PATH = '/media/uploads/tus';

type Headers = Record<string, string>;

/** An upload being worked on by one request: a newer request on it stops this one first. */
interface Hold {
  controller: AbortController;
  done: Promise<void>;
}

/** Ends of a body that leave part of it unread: the connection cannot be reused. */
const UNREAD_BODY = new Set(['stalled', 'too_large', 'cancelled', 'aborted']);

/**
 * Resumable uploads (tus 1.0.0: core, creation, creation-with-upload, termination, expiration)
 * on `/media/uploads/tus`. Each PATCH body streams from the socket straight into the upload's
 * file, hashed on the way (ResumableFileStore.append); nothing holds a file in memory. Every
 * request needs a token, and an upload is its starter's alone. A finished upload goes through
 * the same content checks and admission as a multipart one.
 */
@Injectable()
export class MediaTusService
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('MediaUploads');
  private store!: ResumableFileStore;
  private readonly holds = new Map<string, Hold>();
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
    private readonly metrics: Metrics,
  ) {}

  onModuleInit() {
    this.store = new ResumableFileStore(this.storage.resumableDir);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // the tus routes read their bodies themselves, as streams, whatever the declared type (a
    // wrong type on PATCH is answered by the handler, in the tus way)
    void fastify.register((scope, _opts, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, next) => next(null));
      const route = (
        method: 'POST' | 'PATCH' | 'HEAD' | 'DELETE' | 'OPTIONS',
        url: string,
        run: (req: FastifyRequest, reply: FastifyReply, id: string) => Promise<void>,
      ) =>
        scope.route({
          method,
          url,
          handler: (req, reply) => this.guarded(req, reply, run),
        });
      route('OPTIONS', TUS_PATH, (req, reply) => this.options(reply));
      route('OPTIONS', `${TUS_PATH}/:id`, (req, reply) => this.options(reply));
      route('POST', TUS_PATH, (req, reply) => this.create(req, reply));
      route('HEAD', `${TUS_PATH}/:id`, (req, reply, id) => this.head(req, reply, id));
      route('PATCH', `${TUS_PATH}/:id`, (req, reply, id) => this.patch(req, reply, id));
      route('DELETE', `${TUS_PATH}/:id`, (req, reply, id) => this.terminate(req, reply, id));
      done();
    });

    const expiryMs = this.config.media.uploadExpiryHours * 3600_000;
    const every = Math.min(15 * 60_000, expiryMs);
    this.cleanupTimer = setInterval(() => void this.cleanupExpired().catch(() => undefined), every);
    this.cleanupTimer.unref();
  }

  /** Bodies still arriving stop (their bytes are kept): the client resumes on the next process. */
  beforeApplicationShutdown() {
    for (const hold of this.holds.values()) hold.controller.abort('shutdown');
  }

  onApplicationShutdown() {
    clearInterval(this.cleanupTimer);
  }

  // --- protocol ------------------------------------------------------------------------------

  private base(): Headers {
    return { 'Tus-Resumable': TUS_VERSION, 'Access-Control-Expose-Headers': TUS_EXPOSED_HEADERS };
  }

  /** Runs a handler; any error becomes the product's error body, with the tus headers. */
  private async guarded(
    req: FastifyRequest,
    reply: FastifyReply,
    run: (req: FastifyRequest, reply: FastifyReply, id: string) => Promise<void>,
  ): Promise<void> {
    try {
      const id = (req.params as { id?: string }).id ?? '';
      if (req.method !== 'OPTIONS' && req.headers['tus-resumable'] !== TUS_VERSION) {
        throw new AppError(
          HttpStatus.PRECONDITION_FAILED,
          'media.tus_version_unsupported',
          {},
          [],
          { 'Tus-Version': TUS_VERSION },
        );
      }
      if (req.method !== 'OPTIONS' && req.method !== 'POST' && !UPLOAD_ID.test(id))
        throw AppError.notFound('media.upload_not_found');
      await run(req, reply, id);
    } catch (err) {
      this.fail(req, reply, err);
    }
    return reply;
  }

  private fail(req: FastifyRequest, reply: FastifyReply, err: unknown) {
    if (reply.sent) return;
    const rendered = renderError(err, localeFrom(req.headers['accept-language']), req.id);
    if (req.method === 'PATCH' || req.method === 'POST')
      this.metrics.uploadFailed('tus', rendered.body.code);
    if (rendered.unexpected) this.logger.warn(`tus ${req.method}: ${(err as Error)?.message}`);
    const headers: Headers = { ...this.base(), ...rendered.headers };
    // a body left unread cannot be skipped over: the connection is closed after the answer
    if (hasBody(req) && !req.raw.readableEnded) headers.Connection = 'close';
    void reply.code(rendered.status).headers(headers).send(rendered.body);
  }

  private options(reply: FastifyReply): Promise<void> {
    void reply
      .code(204)
      .headers({
        ...this.base(),
        'Tus-Version': TUS_VERSION,
        'Tus-Extension': TUS_EXTENSIONS,
        'Tus-Max-Size': String(this.config.media.maxUploadBytes),
      })
      .send();
    return Promise.resolve();
  }

  /** Bearer token, or the web app's access cookie with the CSRF header on POST/PATCH/DELETE. */
  private principalOf(req: FastifyRequest): Promise<Principal> {
    return this.verifier.fromRequest(req);
  }

  /** The caller's own upload in progress, else 404 (whoever else's it is). */
  private async ownUpload(req: FastifyRequest, id: string) {
    const principal = await this.principalOf(req);
    const item = await this.repository.findByTusId(id);
    if (!item || item.ownerId !== principal.id || item.status !== MediaStatus.Uploading)
      throw AppError.notFound('media.upload_not_found');
    return { principal, item };
  }

  /**
   * Takes the upload for this request. A request still holding it (a body the client has
   * given up on, as seen from here: a resume comes after a broken connection) is stopped
   * first; the bytes it received are kept.
   */
  private async hold(id: string): Promise<{ signal: AbortSignal; release: () => void }> {
    for (let i = 0; i < 50; i++) {
      const current = this.holds.get(id);
      if (!current) break;
      current.controller.abort('superseded');
      await current.done;
    }
    if (this.holds.has(id)) throw AppError.conflict('media.upload_superseded');
    let release!: () => void;
    const hold: Hold = {
      controller: new AbortController(),
      done: new Promise<void>((r) => (release = r)),
    };
    this.holds.set(id, hold);
    return {
      signal: hold.controller.signal,
      release: () => {
        if (this.holds.get(id) === hold) this.holds.delete(id);
        release();
      },
    };
  }

  /** The upload's state on disk; 404 unknown, 410 gone or expired. */
  private async current(id: string): Promise<ResumableUpload> {
    const upload = await this.store.get(id);
    if (!upload) throw AppError.notFound('media.upload_not_found');
    if (upload === 'gone' || Date.now() > this.expiresAt(upload).getTime())
      throw new AppError(HttpStatus.GONE, 'media.upload_gone');
    return upload;
  }

  private expiresAt(upload: ResumableUpload): Date {
    return new Date(
      new Date(upload.creationDate).getTime() + this.config.media.uploadExpiryHours * 3600_000,
    );
  }

  // --- requests ------------------------------------------------------------------------------

  /** POST: a new upload (with the first bytes when the body carries them). */
  private async create(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (req.headers['upload-concat'] !== undefined)
      throw new AppError(HttpStatus.NOT_IMPLEMENTED, 'media.tus_unsupported', {
        feature: 'concatenation',
      });
    const rawLength = req.headers['upload-length'];
    if (rawLength === undefined) throw AppError.badRequest('media.tus_length_required');
    const size = parseSize(rawLength);
    if (size === null)
      throw AppError.badRequest('media.tus_header_invalid', { header: 'Upload-Length' });
    const rawMeta = req.headers['upload-metadata'];
    const meta = rawMeta === undefined ? {} : parseMetadata(rawMeta);
    if (!meta) throw AppError.badRequest('media.tus_metadata_invalid');
    const max = this.config.media.maxUploadBytes;
    if (size > max) throw new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.too_large', { max });
    const principal = await this.principalOf(req);

    const entryId = meta.entryId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw AppError.notFound('media.entry_not_found');
    const rules = await this.intake.begin(principal, entryId);
    const intent = this.intake.describe(
      rules,
      meta.filename ?? meta.name ?? undefined,
      meta.filetype ?? undefined,
      size,
    );
    const id = randomBytes(16).toString('hex');
    // the entry's place is taken now, before any byte is sent (or refused now)
    const item = await this.intake.reserve(principal, entryId, intent, size, id);
    const { signal, release } = await this.hold(id);
    let announced = false;
    let finishing = false;
    try {
      let upload: ResumableUpload;
      try {
        upload = await this.store.create(id, size, { ...meta, mediaId: item.id });
      } catch (err) {
        throw storageError(err);
      }
      this.events.status(item, { progress: 0 });
      announced = true;
      const headers: Headers = { ...this.base(), Location: `${TUS_PATH}/${id}` };
      // creation-with-upload: the body (when typed as upload data) holds the first bytes
      if (req.headers['content-type'] === TUS_CONTENT_TYPE && hasBody(req)) {
        const result = await this.receive(req, upload, item, signal);
        upload.offset = result.offset;
        headers['Upload-Offset'] = String(result.offset);
      }
      if (upload.offset === size) {
        finishing = true;
        Object.assign(headers, await this.finish(principal, item, upload));
      } else headers['Upload-Expires'] = this.expiresAt(upload).toUTCString();
      void reply.code(201).headers(headers).send();
    } catch (err) {
      // the client was not told where the upload is: it is no upload (a refused file is
      // recorded by finish, as after a PATCH)
      if (!finishing) await this.abandon(item, announced);
      throw err;
    } finally {
      release();
    }
  }

  /**
   * A creation that failed: its bytes and its row go, and with them its place. Should that
   * fail as well (the database gone), the upload expires as an unfinished one; the creation's
   * own error is the one answered.
   */
  private async abandon(item: MediaItem, announced: boolean): Promise<void> {
    try {
      if (item.tusId) await this.store.remove(item.tusId);
      await this.repository.remove(item.id);
    } catch (err) {
      this.logger.warn(`abandoned upload ${item.id} left for expiry: ${(err as Error)?.message}`);
      return;
    }
    if (announced)
      this.events.status({
        ...item,
        status: MediaStatus.Failed,
        reason: { code: 'media.upload_cancelled' },
      });
  }

  /** HEAD: how far an upload has come. */
  private async head(req: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    await this.ownUpload(req, id);
    const { release } = await this.hold(id);
    try {
      const upload = await this.current(id);
      void reply
        .code(200)
        .headers({
          ...this.base(),
          'Cache-Control': 'no-store',
          'Upload-Offset': String(upload.offset),
          'Upload-Length': String(upload.size),
          ...(Object.keys(upload.metadata).length
            ? { 'Upload-Metadata': stringifyMetadata(upload.metadata) }
            : {}),
        })
        .send();
    } finally {
      release();
    }
  }

  /** PATCH: bytes at the upload's offset. */
  private async patch(req: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const offset = parseSize(req.headers['upload-offset']);
    if (offset === null)
      throw AppError.badRequest('media.tus_header_invalid', { header: 'Upload-Offset' });
    if (req.headers['content-type'] !== TUS_CONTENT_TYPE)
      throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'media.tus_content_type');
    const { principal, item } = await this.ownUpload(req, id);
    const { signal, release } = await this.hold(id);
    try {
      const upload = await this.current(id);
      if (upload.offset !== offset)
        throw AppError.conflict('media.upload_offset_conflict', { offset: upload.offset });
      // the length is declared at creation (no deferred length)
      if (req.headers['upload-length'] !== undefined)
        throw AppError.badRequest('media.tus_header_invalid', { header: 'Upload-Length' });
      const declared = req.headers['content-length'];
      if (declared !== undefined && offset + Number(declared) > upload.size)
        throw new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.upload_exceeds_length', {
          length: upload.size,
        });
      const result = await this.receive(req, upload, item, signal);
      upload.offset = result.offset;
      const headers: Headers = { ...this.base(), 'Upload-Offset': String(result.offset) };
      if (upload.offset === upload.size)
        Object.assign(headers, await this.finish(principal, item, upload));
      else headers['Upload-Expires'] = this.expiresAt(upload).toUTCString();
      void reply.code(204).headers(headers).send();
    } finally {
      release();
    }
  }

  /** DELETE: the client gives the upload up; its bytes are removed. */
  private async terminate(req: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    const { item } = await this.ownUpload(req, id);
    const { release } = await this.hold(id);
    try {
      await this.store.remove(id);
      const reason = { code: 'media.upload_cancelled' };
      await this.repository.update(item.id, { status: MediaStatus.Failed, reason, tusId: null });
      this.events.status({ ...item, status: MediaStatus.Failed, reason });
      void reply.code(204).headers(this.base()).send();
    } finally {
      release();
    }
  }

  /**
   * Streams the request body into the upload. A body cut short keeps what arrived (the client
   * resumes from there); one that stops arriving or is taken over by a newer request is
   * answered with an error once its bytes are on disk; one that goes past the length is
   * refused whole (none of its bytes kept: the upload stays where it was).
   */
  private async receive(
    req: FastifyRequest,
    upload: ResumableUpload,
    item: MediaItem,
    signal: AbortSignal,
  ): Promise<AppendResult> {
    const result = await this.store.append(upload.id, upload.offset, req.raw, {
      limit: upload.size - upload.offset,
      idleTimeoutMs: this.config.media.uploadIdleTimeoutMs,
      signal,
      onProgress: (offset) =>
        this.events.status(item, {
          progress: upload.size ? Math.round((offset / upload.size) * 100) / 100 : 0,
        }),
    });
    this.metrics.uploadReceived('tus', result.offset - upload.offset);
    if (result.error) throw storageError(result.error);
    if (!UNREAD_BODY.has(result.end)) return result;
    switch (result.end) {
      case 'stalled':
        throw new AppError(HttpStatus.REQUEST_TIMEOUT, 'media.upload_stalled');
      case 'too_large':
        throw new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.upload_exceeds_length', {
          length: upload.size,
        });
      case 'cancelled':
        if (signal.reason === 'shutdown')
          throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'common.service_unavailable');
        throw AppError.conflict('media.upload_superseded');
      default:
        // the client went away: nobody reads the answer
        throw AppError.badRequest('media.upload_cancelled');
    }
  }

  /** The last byte arrived: content checks, then stored under its hash with its job queued. */
  private async finish(
    principal: Principal,
    item: MediaItem,
    upload: ResumableUpload,
  ): Promise<Headers> {
    const path = this.store.path(upload.id);
    const size = upload.size;
    const sha256 =
      this.store.takeHash(upload.id, size) ?? (await this.storage.hashFile(path)).sha256;
    await this.store.removeInfo(upload.id);
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
      this.metrics.uploadStored('tus');
      return { 'Media-Id': admitted.id };
    } catch (err) {
      await this.store.remove(upload.id);
      const reason =
        err instanceof AppError
          ? { code: err.code, params: err.params }
          : { code: 'media.processing_failed' };
      await this.repository.update(item.id, { status: MediaStatus.Rejected, reason, tusId: null });
      this.events.status({ ...item, status: MediaStatus.Rejected, reason });
      throw err;
    }
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
        this.holds.get(item.tusId)?.controller.abort('superseded');
        await this.store.remove(item.tusId);
      }
      const reason = { code: 'media.upload_expired' };
      await this.repository.update(item.id, { status: MediaStatus.Failed, reason, tusId: null });
      this.events.status({ ...item, status: MediaStatus.Failed, reason });
    }
    // files in the resumable folder that no upload claims, older than the expiry
    for (const file of await this.store.staleFiles(before)) {
      const owner = file.id ? await this.repository.findByTusId(file.id) : null;
      if (!owner) await this.store.removeFile(file.name);
    }
    await this.storage.cleanTemp(before);
    return stale.length;
  }
}

/** Whether a request carries a body (a length above zero, or chunked). */
function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
