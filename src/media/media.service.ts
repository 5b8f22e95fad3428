import { Metrics } from '../metrics/metrics.service';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import { JudgeEntryAccessRegistry } from '../entries/judge-entry-access';
import { MediaPageView, MediaView } from './dto/media.dto';
import {
  DERIVED_VARIANTS,
  isPageVariant,
  MAX_PAGE_IMAGES,
  pageVariant,
  MediaItem,
  MediaStatus,
  MediaVariant,
} from './entities/media-item.entity';
import { contentDisposition } from './file-names';
import { MEDIA_ACCESS_POLICY, MediaAccessPolicy } from './media-policy';
import { MediaIntakeService } from './media-intake.service';
import { MediaRepository } from './media.repository';
import { FORMATS } from './sniff';
import './messages';

/** The file part of a multipart upload. */
export interface MultipartFile {
  stream: Readable;
  filename: string;
  mimetype: string;
  /** Whether the parser stopped passing the file's bytes on (a size limit): checked at its end. */
  truncated: () => boolean;
}

export interface FileResponse {
  status: 200 | 206 | 302 | 304;
  headers: Record<string, string>;
  body?: Readable;
}

/** A parsed `Range` header: one range, or null when absent or not a single byte range. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or garbage: serve it all
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

const EXT_BY_MIME = new Map(Object.values(FORMATS).map((f) => [f.mime, f.extensions[0]]));

/** Reading files: views, access by role and state, and byte serving with ranges. */
@Injectable()
export class MediaService {
  constructor(
    private readonly repository: MediaRepository,
    private readonly intake: MediaIntakeService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(MEDIA_ACCESS_POLICY) private readonly policy: MediaAccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly judges: JudgeEntryAccessRegistry,
  ) {}

  /**
   * Receives a small file (multipart), checks it and queues its processing. `open` is told the
   * most bytes the file may have (the category's limit or the multipart limit, the lower) and
   * gives the file's stream, which must deliver every byte it reads; `truncated` says whether
   * the parser cut the file short, which is never stored.
   */
  async receive(
    principal: Principal,
    entryId: string,
    open: (maxBytes: number) => Promise<MultipartFile | undefined>,
  ): Promise<MediaView> {
    try {
      const view = await this.receiveFile(principal, entryId, open);
      this.metrics.uploadStored('multipart');
      return view;
    } catch (err) {
      this.metrics.uploadFailed(
        'multipart',
        err instanceof AppError ? err.code : 'common.internal',
      );
      throw err;
    }
  }

  private async receiveFile(
    principal: Principal,
    entryId: string,
    open: (maxBytes: number) => Promise<MultipartFile | undefined>,
  ): Promise<MediaView> {
    const rules = await this.intake.begin(principal, entryId);
    const categoryMax = this.intake.maxBytes(rules);
    const multipartMax = this.config.media.multipartMaxBytes;
    const max = Math.min(categoryMax, multipartMax);
    const tooLarge = () =>
      categoryMax <= multipartMax
        ? new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.too_large', { max })
        : new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'media.multipart_too_large', { max });
    const part = await open(max);
    if (!part) throw AppError.badRequest('media.file_required');
    let intent;
    try {
      intent = this.intake.describe(rules, part.filename, part.mimetype);
    } catch (err) {
      part.stream.resume();
      throw err;
    }
    const file = await this.storage.writeTemp(part.stream, {
      maxBytes: max,
      tooLarge,
      idleTimeoutMs: this.config.media.uploadIdleTimeoutMs,
    });
    this.metrics.uploadReceived('multipart', file.size);
    if (part.truncated()) {
      await this.storage.removeTemp(file.path);
      throw tooLarge();
    }
    const type = await this.intake.inspect(file, intent);
    const item = await this.intake.admit(principal, entryId, file, type, intent);
    return this.view(item, false);
  }

  private variants(item: MediaItem, anonymous: boolean): MediaVariant[] {
    const list: MediaVariant[] = [];
    if (item.sha256 && item.status !== MediaStatus.Rejected && !(anonymous && item.kind !== null))
      list.push('original');
    for (const v of DERIVED_VARIANTS) if (item.derivatives?.[v]) list.push(v);
    // a document's further page images, in page order (page-2, page-3, …)
    for (let n = 2; n <= MAX_PAGE_IMAGES && item.derivatives?.[pageVariant(n)]; n++)
      list.push(pageVariant(n));
    return list;
  }

  /** A document's page images with their sizes, in page order. */
  private pages(item: MediaItem): MediaPageView[] {
    const pages: MediaPageView[] = [];
    for (let n = 1; n <= MAX_PAGE_IMAGES; n++) {
      const variant = pageVariant(n);
      const d = item.derivatives?.[variant];
      if (!d) break;
      pages.push({ page: n, variant, width: d.width ?? 0, height: d.height ?? 0 });
    }
    return pages;
  }

  view(item: MediaItem, anonymous: boolean): MediaView {
    return {
      id: item.id,
      entryId: item.entryId,
      kind: item.kind,
      status: item.status,
      reason: item.reason,
      ...(anonymous ? {} : { originalName: item.originalName, sha256: item.sha256 }),
      mime: item.mime,
      sizeBytes: item.sizeBytes,
      facts: { ...item.facts },
      variants: this.variants(item, anonymous),
      ...(item.kind === 'document' ? { pages: this.pages(item) } : {}),
      createdAt: item.createdAt,
    };
  }

  private async readable(principal: Principal | null, id: string, variant: MediaVariant | 'info') {
    const item = await this.repository.findById(id);
    if (!item) throw AppError.notFound('media.not_found');
    const decision = await this.policy.canRead(principal, item, variant);
    if (!decision.allowed) throw AppError.notFound('media.not_found');
    return { item, decision };
  }

  async get(principal: Principal | null, id: string): Promise<MediaView> {
    const { item, decision } = await this.readable(principal, id, 'info');
    return this.view(item, decision.anonymous);
  }

  async list(principal: Principal | null, entryId: string): Promise<MediaView[]> {
    const items = await this.repository.listByEntry(entryId);
    const views: MediaView[] = [];
    for (const item of items) {
      const decision = await this.policy.canRead(principal, item, 'info');
      if (decision.allowed) views.push(this.view(item, decision.anonymous));
    }
    return views;
  }

  async file(
    principal: Principal | null,
    id: string,
    variant: MediaVariant,
    range: string | undefined,
    ifNoneMatch: string | undefined,
    /** A signed address given for judging in this round: the judge must still be able to. */
    judgingRoundId?: string | null,
  ): Promise<FileResponse> {
    const { item, decision } = await this.readable(principal, id, variant);
    if (
      judgingRoundId &&
      principal &&
      !(await this.judges.mayViewInRound(principal.id, item.entryId, judgingRoundId))
    )
      throw AppError.forbidden('media.url_no_access');
    if (variant === 'original' && decision.anonymous)
      throw AppError.forbidden('media.blind_original_hidden');
    let key: string | null;
    let mime: string;
    if (variant === 'original') {
      if (
        item.status === MediaStatus.Rejected ||
        item.status === MediaStatus.Uploading ||
        !item.sha256
      )
        throw AppError.notFound('media.variant_missing', { variant });
      key = item.sha256;
      mime = item.mime ?? 'application/octet-stream';
    } else {
      const d = item.status === MediaStatus.Ready ? item.derivatives?.[variant] : undefined;
      if (!d)
        throw AppError.notFound('media.variant_missing', {
          variant: isPageVariant(variant) ? 'page' : variant,
        });
      key = d.key;
      mime = d.mime;
    }
    const stat = await this.storage.stat(key);
    if (!stat)
      throw AppError.notFound('media.variant_missing', {
        variant: isPageVariant(variant) ? 'page' : variant,
      });
    const size = stat.size;
    const etag = `"${key}"`;
    const headers: Record<string, string> = {
      'content-type': mime,
      etag,
      'cache-control': decision.publicCache ? 'public, max-age=3600' : 'private, no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'accept-ranges': 'bytes',
    };
    const download = variant === 'original' || item.kind === 'document';
    if (download) {
      const ext = EXT_BY_MIME.get(mime) ?? 'bin';
      const name =
        decision.anonymous || variant !== 'original' ? `${item.id}.${ext}` : item.originalName;
      headers['content-disposition'] = contentDisposition('attachment', name);
    } else {
      headers['content-disposition'] = 'inline';
    }
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)
    ) {
      return { status: 304, headers };
    }
    // an object store that serves downloads itself: the client fetches (and ranges) it there
    const location = await this.storage.downloadUrl?.(key, {
      contentType: mime,
      contentDisposition: headers['content-disposition'],
    });
    if (location)
      return { status: 302, headers: { location, 'cache-control': 'private, no-store' } };
    const r = parseRange(range, size);
    if (r === 'unsatisfiable') {
      throw new AppError(
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        'media.range_not_satisfiable',
        {},
        [],
        {
          'Content-Range': `bytes */${size}`,
        },
      );
    }
    if (r) {
      headers['content-range'] = `bytes ${r.start}-${r.end}/${size}`;
      headers['content-length'] = String(r.end - r.start + 1);
      return { status: 206, headers, body: this.storage.read(key, r) };
    }
    headers['content-length'] = String(size);
    return { status: 200, headers, body: this.storage.read(key) };
  }
}
