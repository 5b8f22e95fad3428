import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus } from '../common/events/event-bus';
import { JobsService } from '../jobs/jobs.service';
import type { Derivative, MediaVariant } from './entities/media-item.entity';
import { SOCIAL_QUEUE } from './media.processor';
import { ShowcaseRepository, ShowcaseRow } from './showcase.repository';

/** A picture of a file, served at `url` (relative to the service). */
export interface ShowcasePicture {
  url: string;
  width: number;
  height: number;
  type: string;
}

export interface ShowcaseClip {
  url: string;
  type: string;
  width: number | null;
  height: number | null;
  poster: string | null;
}

/** What the public pages show of a published entry. */
export interface EntryShowcase {
  /** The file that stands for the entry. */
  coverId: string;
  /** A small picture (320 px wide) for lists, the stage and overlays. */
  thumb: ShowcasePicture;
  /** The same picture larger (1280 px wide) for the entry's own page. */
  large: ShowcasePicture | null;
  /**
   * The share preview: the 1200×630 JPEG Zalo and Facebook expect once the media worker has made
   * it, the larger picture until then; `pending` says it is being made.
   */
  share: (ShowcasePicture & { pending: boolean }) | null;
  /** A playable clip (MP4), its size and its poster frame. */
  clip: ShowcaseClip | null;
}

const LARGE: Record<ShowcaseRow['kind'], MediaVariant> = {
  image: 'preview',
  video: 'poster',
  document: 'page',
};

function picture(mediaId: string, variant: MediaVariant, d?: Derivative): ShowcasePicture | null {
  if (!d?.width || !d.height) return null;
  return { url: `/media/${mediaId}/${variant}`, width: d.width, height: d.height, type: d.mime };
}

/**
 * Entries' pictures and clips for the public pages (voting page, overlay, share page, results),
 * published entries only, from the derivatives the media worker made; and the share image of a
 * published entry, queued for the media worker when the entry is published (or, for one
 * published before, when its page is first asked for).
 */
@Injectable()
export class MediaShowcase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MediaShowcase');
  private unsubscribe?: () => void;
  /** Files whose share image this process has queued (bounded; a repeat costs one no-op job). */
  private readonly queued = new Set<string>();

  constructor(
    private readonly rows: ShowcaseRepository,
    private readonly jobs: JobsService,
    private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.bus.subscribe('entry.changed', async (event) => {
      if (event.action !== 'publish') return;
      const cover = (await this.forEntries([event.entryId])).get(event.entryId);
      if (cover?.share?.pending) await this.prepareShareImage(cover.coverId);
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  async forEntries(entryIds: readonly string[]): Promise<Map<string, EntryShowcase>> {
    const out = new Map<string, EntryShowcase>();
    const rows = await this.rows.rows(entryIds);
    for (const r of rows.filter((x) => x.role === 'cover')) {
      const thumb = picture(r.mediaId, 'thumb', r.derivatives.thumb);
      if (!thumb) continue;
      const large = picture(r.mediaId, LARGE[r.kind], r.derivatives[LARGE[r.kind]]);
      const social = picture(r.mediaId, 'social', r.derivatives.social);
      const share = social
        ? { ...social, pending: false }
        : large
          ? { ...large, pending: true }
          : null;
      out.set(r.entryId, { coverId: r.mediaId, thumb, large, share, clip: null });
    }
    for (const r of rows.filter((x) => x.role === 'clip')) {
      const preview = r.derivatives.preview;
      const shown = out.get(r.entryId);
      if (!preview || !shown) continue;
      shown.clip = {
        url: `/media/${r.mediaId}/preview`,
        type: preview.mime,
        width: preview.width ?? null,
        height: preview.height ?? null,
        poster: r.derivatives.poster ? `/media/${r.mediaId}/poster` : null,
      };
    }
    return out;
  }

  /** Queues the share image of a cover file that has none (once per process). */
  async prepareShareImage(mediaId: string): Promise<void> {
    if (this.queued.has(mediaId)) return;
    if (this.queued.size >= 10_000) this.queued.clear();
    this.queued.add(mediaId);
    try {
      await this.jobs.enqueue(SOCIAL_QUEUE, { mediaId });
      this.jobs.poke();
    } catch (err) {
      this.queued.delete(mediaId);
      this.logger.warn(`share image not queued: ${(err as Error).message}`);
    }
  }
}
