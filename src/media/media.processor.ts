import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  mediaDurationProblem,
  mediaOrientation,
  mediaOrientationProblem,
  mediaResolutionProblem,
  RuleProblem,
} from '../contests/contest-rules';
import { DeferJob, JobsService } from '../jobs/jobs.service';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import {
  Derivative,
  MediaFacts,
  MediaItem,
  MediaReason,
  MediaStatus,
  MAX_PAGE_IMAGES,
  MediaVariant,
  pageVariant,
} from './entities/media-item.entity';
import { MEDIA_RULES_SOURCE, MediaRules, MediaRulesSource } from './media-policy';
import { MediaEvents } from './media.events';
import { MediaRepository } from './media.repository';
import { ImageWorkerUnavailable, MediaTools, ProbeFacts } from './media-tools';
import { ConversionStopped, OfficeConverter } from './office-converter';
import { PROCESS_QUEUE } from './media-intake.service';
import type { DerivativeOutput } from './image-worker';

/** Makes a published entry's share image (1200×630 JPEG) from its cover file. */
export const SOCIAL_QUEUE = 'media.social';
export const SOCIAL_SIZE = { width: 1200, height: 630 } as const;
import { ooxmlPageCount } from './structure';

/** The content broke a rule or failed to decode: the file is refused, not retried. */
export class MediaRejection extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

const FFMPEG_RETRY_SECONDS = 30;
const ANONYMIZE_MAX_BYTES = 64 * 1024 * 1024;
/** A page image's width: readable on a phone, light enough for 3G (a text page: ~100 KB). */
const PAGE_WIDTH = 1200;
/** The longer side pdftoppm draws a page at (an A4 page then comes out 1200 wide). */
const PAGE_RENDER_PX = 1700;
/** How long a document's pages may take to draw in all: a hostile PDF stops drawing there. */
const PAGES_BUDGET_MS = 5 * 60_000;

const orientation = (width: number, height: number): MediaFacts['orientation'] =>
  mediaOrientation(width, height);

/** Refuses the file for a broken category rule (the checks submission makes again). */
function refuse(problem: RuleProblem | null): void {
  if (problem) throw new MediaRejection(problem.code, problem.params);
}

/**
 * Background processing of admitted files (the `media.process` job): decode, check the
 * category's rules that need a decode, make derivatives, then mark the file ready or rejected.
 */
@Injectable()
export class MediaProcessor implements OnModuleInit {
  private readonly logger = new Logger('MediaProcessor');
  /** Slides came without LibreOffice installed (said once per process). */
  private sofficeMissingTold = false;

  constructor(
    private readonly repository: MediaRepository,
    private readonly jobs: JobsService,
    private readonly tools: MediaTools,
    private readonly office: OfficeConverter,
    private readonly events: MediaEvents,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(MEDIA_RULES_SOURCE) private readonly rulesSource: MediaRulesSource,
  ) {}

  onModuleInit() {
    this.jobs.register(
      PROCESS_QUEUE,
      (payload) => this.process(String(payload.mediaId)),
      (payload) => this.markFailed(String(payload.mediaId)),
    );
    this.jobs.register(SOCIAL_QUEUE, (payload) => this.social(String(payload.mediaId)));
    // the image worker's start (a process, sharp loaded) is not paid by the first image
    this.jobs.whenStarted(() => this.tools.warmImageWorker());
  }

  async process(mediaId: string): Promise<void> {
    let item = await this.repository.findById(mediaId);
    if (!item?.sha256) return;
    // a job given up on and retried by an administrator: the file is processed again
    if (item.status === MediaStatus.Failed && item.reason?.code === 'media.processing_failed') {
      await this.repository.update(item.id, { status: MediaStatus.Processing, reason: null });
      item = { ...item, status: MediaStatus.Processing, reason: null };
      this.events.status(item);
    }
    if (item.status !== MediaStatus.Processing) return;
    const rules = (await this.rulesSource.rulesFor(item.entryId)) ?? null;
    const made: Partial<Record<MediaVariant, Derivative>> = {};
    try {
      const facts = await this.run(item, rules, made);
      const patch = { status: MediaStatus.Ready, facts, derivatives: made, reason: null };
      await this.repository.update(item.id, patch);
      this.events.status({ ...item, ...patch });
    } catch (err) {
      await this.discard(made, item.id);
      if (err instanceof MediaRejection) {
        const reason: MediaReason = { code: err.code, params: err.params };
        await this.repository.update(item.id, {
          status: MediaStatus.Rejected,
          reason,
          derivatives: {},
        });
        await this.discardOriginal(item);
        this.events.status({ ...item, status: MediaStatus.Rejected, reason });
        return;
      }
      if (err instanceof DeferJob) this.events.status(item, { waitingFor: 'ffmpeg' });
      throw err;
    }
  }

  /**
   * The share image of a ready file (Zalo and Facebook previews: 1200×630, JPEG), made with sharp
   * in the image worker from the picture that stands for the file: an image itself, a clip's
   * poster frame, a document's first page. Nothing to do when it exists or cannot be made (the
   * pages then share the larger preview).
   */
  async social(mediaId: string): Promise<void> {
    const item = await this.repository.findById(mediaId);
    if (!item || item.status !== MediaStatus.Ready || item.derivatives?.social) return;
    const from =
      item.kind === 'image'
        ? item.sha256
        : item.kind === 'video'
          ? item.derivatives?.poster?.key
          : item.kind === 'document'
            ? item.derivatives?.page?.key
            : undefined;
    if (!from) return;
    const made: Partial<Record<MediaVariant, Derivative>> = {};
    try {
      await this.imageSet(await this.storage.localFile(from), made, [
        { variant: 'social', ...SOCIAL_SIZE, format: 'jpeg' },
      ]);
    } catch (err) {
      await this.discard(made, item.id);
      if (err instanceof MediaRejection) return;
      throw err;
    }
    if (!made.social || !(await this.repository.addDerivative(item.id, 'social', made.social)))
      await this.discard(made, item.id);
  }

  private async markFailed(mediaId: string) {
    const item = await this.repository.findById(mediaId);
    if (!item || item.status !== MediaStatus.Processing) return;
    const reason = { code: 'media.processing_failed' };
    await this.repository.update(mediaId, { status: MediaStatus.Failed, reason });
    this.events.status({ ...item, status: MediaStatus.Failed, reason });
  }

  private async discard(made: Partial<Record<MediaVariant, Derivative>>, mediaId: string) {
    for (const d of Object.values(made)) {
      if (d && !(await this.repository.isReferenced(d.key, mediaId)))
        await this.storage.remove(d.key);
    }
  }

  private async discardOriginal(item: MediaItem) {
    if (item.sha256 && !(await this.repository.isReferenced(item.sha256, item.id))) {
      await this.storage.remove(item.sha256);
    }
  }

  /**
   * Stores a finished output under its hash. `written` is the hash and size of the file when its
   * writer computed them while writing it (the image worker does): it is not read back then.
   */
  private async keep(
    path: string,
    mime: string,
    size?: { width: number; height: number },
    written?: { sha256?: string; size?: number },
  ): Promise<Derivative> {
    const { sha256, size: bytes } =
      written?.sha256 && written.size !== undefined
        ? { sha256: written.sha256, size: written.size }
        : await this.storage.hashFile(path);
    const stored = await this.storage.commit(path, sha256, bytes);
    return { key: stored.key, mime, size: stored.size, ...(size ?? {}) };
  }

  private async run(
    item: MediaItem,
    rules: MediaRules | null,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<MediaFacts> {
    const path = await this.storage.localFile(item.sha256!);
    switch (item.kind) {
      case 'image':
        return this.image(path, rules, made);
      case 'video':
        return this.video(item, path, rules, made);
      case 'audio':
        return this.audio(item, path, rules, made);
      case 'document':
        return this.document(item, path, made);
      default:
        throw new MediaRejection('media.unsupported_format');
    }
  }

  private async imageSet(
    source: string,
    made: Partial<Record<MediaVariant, Derivative>>,
    variants: ({ variant: MediaVariant } & Omit<DerivativeOutput, 'path'>)[],
  ) {
    const outputs = variants.map((v) => ({
      ...v,
      path: this.storage.tempPath(v.format === 'jpeg' ? '.jpg' : '.webp'),
    }));
    let result;
    try {
      result = await this.tools.imageDerivatives(source, outputs);
    } catch (err) {
      await Promise.all(outputs.map((o) => this.storage.removeTemp(o.path)));
      // the worker died or was stopped: the job fails this attempt and is tried again
      if (err instanceof ImageWorkerUnavailable) throw err;
      const message = (err as Error).message ?? '';
      if (/pixel limit/i.test(message)) throw new MediaRejection('media.too_many_pixels', {});
      throw new MediaRejection('media.decode_failed');
    }
    // the outputs are stored side by side (hash, fsync, rename: mostly waiting on the disk)
    const kept = await Promise.allSettled(
      result.outputs.map((o, i) =>
        this.keep(
          o.path,
          outputs[i].format === 'jpeg' ? 'image/jpeg' : 'image/webp',
          { width: o.width, height: o.height },
          o,
        ),
      ),
    );
    kept.forEach((k, i) => {
      if (k.status === 'fulfilled') made[outputs[i].variant] = k.value;
    });
    const failed = kept.find((k): k is PromiseRejectedResult => k.status === 'rejected');
    if (failed) throw failed.reason;
    return result;
  }

  private async image(
    path: string,
    rules: MediaRules | null,
    made: Partial<Record<MediaVariant, Derivative>>,
  ) {
    const { width, height } = await this.imageSet(path, made, [
      { variant: 'thumb', width: 320 },
      { variant: 'preview', width: 1280 },
    ]);
    if (rules) refuse(mediaResolutionProblem(rules, width, height));
    return { width, height, orientation: orientation(width, height) };
  }

  private async probe(path: string): Promise<ProbeFacts> {
    if (!(await this.tools.available('ffprobe')) || !(await this.tools.available('ffmpeg'))) {
      throw new DeferJob(FFMPEG_RETRY_SECONDS, 'ffmpeg is not installed');
    }
    try {
      return await this.tools.probe(path);
    } catch {
      throw new MediaRejection('media.decode_failed');
    }
  }

  private checkDuration(rules: MediaRules | null, duration: number) {
    if (rules) refuse(mediaDurationProblem(rules, duration));
  }

  private progress(item: MediaItem) {
    let last = 0;
    return (fraction: number) => {
      const now = Date.now();
      if (now - last < 1000 && fraction < 1) return;
      last = now;
      this.events.status(item, { progress: Math.round(fraction * 100) / 100 });
    };
  }

  private async video(
    item: MediaItem,
    path: string,
    rules: MediaRules | null,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<MediaFacts> {
    const p = await this.probe(path);
    if (!p.video) throw new MediaRejection('media.no_video_stream');
    const turned = p.video.rotation === 90 || p.video.rotation === 270;
    const width = turned ? p.video.height : p.video.width;
    const height = turned ? p.video.width : p.video.height;
    const facts: MediaFacts = {
      width,
      height,
      orientation: orientation(width, height),
      durationSeconds: Math.round(p.durationSeconds * 1000) / 1000,
      container: item.format ?? p.container,
      videoCodec: p.video.codec,
      audioCodec: p.audio?.codec,
    };
    this.checkDuration(rules, p.durationSeconds);
    if (rules) {
      refuse(mediaResolutionProblem(rules, width, height));
      refuse(mediaOrientationProblem(rules, width, height));
    }

    const frame = this.storage.tempPath('.png');
    try {
      await this.tools.posterFrame(path, Math.min(1, p.durationSeconds / 2), frame);
      await this.imageSet(frame, made, [
        { variant: 'thumb', width: 320 },
        { variant: 'poster', width: 1280 },
      ]);
    } finally {
      await this.storage.removeTemp(frame);
    }
    const playable =
      item.format === 'mp4' &&
      p.video.codec === 'h264' &&
      (p.video.pixFmt === 'yuv420p' || p.video.pixFmt === 'yuvj420p') &&
      (!p.audio || p.audio.codec === 'aac' || p.audio.codec === 'mp3');
    const out = this.storage.tempPath('.mp4');
    try {
      await this.tools.playableVideo(path, out, playable, p.durationSeconds, this.progress(item));
      made.preview = await this.keep(out, 'video/mp4', { width, height });
    } finally {
      await this.storage.removeTemp(out);
    }
    // the light copy for judges on 3G (a convenience: the clip is fine without it)
    const light = this.storage.tempPath('.mp4');
    try {
      await this.tools.mobileVideo(path, light, p.durationSeconds);
      const short = Math.min(width, height);
      const scale = short > 360 ? 360 / short : 1;
      made.mobile = await this.keep(light, 'video/mp4', {
        width: Math.round(width * scale),
        height: Math.round(height * scale),
      });
    } catch (err) {
      this.logger.warn(`light copy of ${item.id} not made: ${(err as Error).message}`);
    } finally {
      await this.storage.removeTemp(light);
    }
    return facts;
  }

  private async audio(
    item: MediaItem,
    path: string,
    rules: MediaRules | null,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<MediaFacts> {
    const p = await this.probe(path);
    if (!p.audio) throw new MediaRejection('media.no_audio_stream');
    this.checkDuration(rules, p.durationSeconds);
    const out = this.storage.tempPath('.m4a');
    try {
      await this.tools.playableAudio(
        path,
        out,
        p.audio.codec === 'aac',
        p.durationSeconds,
        this.progress(item),
      );
      made.preview = await this.keep(out, 'audio/mp4');
    } finally {
      await this.storage.removeTemp(out);
    }
    return {
      durationSeconds: Math.round(p.durationSeconds * 1000) / 1000,
      container: item.format ?? p.container,
      audioCodec: p.audio.codec,
    };
  }

  private async document(
    item: MediaItem,
    path: string,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<MediaFacts> {
    if (item.format === 'pdf') {
      const scan = await this.tools.scanPdf(path);
      if (scan.active) throw new MediaRejection('media.pdf_scripted', { feature: scan.active });
      return this.pdfPages(item, path, item.sizeBytes, scan.pages, made);
    }
    const declared = await ooxmlPageCount(path, item.sizeBytes);
    const converted = item.format === 'pptx' ? await this.slides(item, path, made) : null;
    return { ...(declared ? { pages: declared } : {}), ...converted };
  }

  /**
   * A slide deck's pages, as an uploaded PDF's: LibreOffice converts it to PDF (in the storage's
   * temporary folder), which then goes the same way (its information and XMP blanked, kept as
   * the document judges open, its pages drawn from that copy). A convenience like the page
   * images: without LibreOffice, or when it fails or runs out of time, the deck is ready as
   * before (its slide count only). Null then.
   */
  private async slides(
    item: MediaItem,
    path: string,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<MediaFacts | null> {
    if (!(await this.office.available())) {
      if (!this.sofficeMissingTold) {
        this.sofficeMissingTold = true;
        this.logger.warn('soffice (LibreOffice) not found: slides are ready without page images');
      }
      return null;
    }
    const pdf = this.storage.tempPath('.pdf');
    try {
      let size: number;
      try {
        ({ size } = await this.office.slidesToPdf(path, pdf));
      } catch (err) {
        // the service is stopping: the job is tried again
        if (err instanceof ConversionStopped) throw err;
        this.logger.warn(`slides of ${item.id} not converted: ${(err as Error).message}`);
        return null;
      }
      const scan = await this.tools.scanPdf(pdf);
      // LibreOffice writes no active content; a PDF that has some anyway is not handed out
      return await this.pdfPages(item, pdf, size, scan.pages, made, !scan.active);
    } finally {
      await this.storage.removeTemp(pdf);
    }
  }

  /**
   * A PDF's anonymized copy (the document judges open, kept when `keepCopy`) and page images,
   * drawn from that copy when there is one; its page count.
   */
  private async pdfPages(
    item: MediaItem,
    path: string,
    sizeBytes: number,
    scannedPages: number | null,
    made: Partial<Record<MediaVariant, Derivative>>,
    keepCopy = true,
  ): Promise<MediaFacts> {
    // the anonymized copy is made in memory: only for documents of a reasonable size
    if (keepCopy && sizeBytes <= ANONYMIZE_MAX_BYTES) {
      const clean = this.storage.tempPath('.pdf');
      try {
        await this.tools.anonymizedPdf(path, clean);
        made.preview = await this.keep(clean, 'application/pdf');
      } finally {
        await this.storage.removeTemp(clean);
      }
    }
    // the pages are drawn from the copy judges get (whose metadata is blanked) when there is one
    const source = made.preview ? await this.storage.localFile(made.preview.key) : path;
    const pages = (await this.tools.pdfPageCount(source)) ?? scannedPages;
    const drawn = await this.pageImages(item, source, pages, made);
    // no count read: the pages drawn are all of them when drawing stopped before the bound
    const count = pages ?? (drawn && drawn < MAX_PAGE_IMAGES ? drawn : null);
    return {
      ...(count ? { pages: count } : {}),
      ...(drawn ? { pageImages: drawn } : {}),
    };
  }

  /**
   * The first pages of a PDF (at most MAX_PAGE_IMAGES) as images a phone on a slow link can
   * load: pdftoppm draws each page (its longer side PAGE_RENDER_PX), sharp makes it a WebP
   * PAGE_WIDTH wide without any metadata (page 1 also gives the thumbnail). pdftoppm draws the
   * next page while the image worker encodes this one (two processes, two cores). A convenience:
   * the document is fine without them, so drawing stops at the first page that fails or when
   * PAGES_BUDGET_MS has passed. Returns how many pages were made.
   */
  private async pageImages(
    item: MediaItem,
    source: string,
    pages: number | null,
    made: Partial<Record<MediaVariant, Derivative>>,
  ): Promise<number> {
    const last = Math.min(pages ?? MAX_PAGE_IMAGES, MAX_PAGE_IMAGES);
    const progress = this.progress(item);
    const until = Date.now() + PAGES_BUDGET_MS;
    const draw = (n: number) =>
      this.tools.pdfPage(source, n, this.storage.tempPath(), PAGE_RENDER_PX).catch(() => null);
    let drawn = 0;
    let next: Promise<string | null> = last > 0 ? draw(1) : Promise.resolve(null);
    try {
      for (let n = 1; n <= last; n++) {
        const png = await next;
        next = Promise.resolve(null);
        if (!png) break;
        if (n < last && Date.now() < until) next = draw(n + 1);
        try {
          await this.imageSet(png, made, [
            ...(n === 1 ? [{ variant: 'thumb' as const, width: 320 }] : []),
            { variant: pageVariant(n), width: PAGE_WIDTH },
          ]);
          drawn = n;
        } catch (err) {
          // the worker died or was stopped: the job is tried again
          if (err instanceof ImageWorkerUnavailable) throw err;
          break;
        } finally {
          await this.storage.removeTemp(png);
        }
        progress(n / last);
      }
    } finally {
      // a page drawn ahead and not used
      const ahead = await next;
      if (ahead) await this.storage.removeTemp(ahead);
    }
    return drawn;
  }
}
