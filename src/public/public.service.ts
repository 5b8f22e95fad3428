import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ContestAccessService } from '../contests/contest-access.service';
import { EntriesRepository } from '../entries/entries.repository';
import '../entries/messages';
import { MediaShowcase, ShowcasePicture } from '../media/media-showcase.service';
import type { PublicEntryView, PublicPictureView } from './public-entry.view';

@Injectable()
export class PublicService {
  constructor(
    private readonly entries: EntriesRepository,
    private readonly contests: ContestAccessService,
    private readonly showcase: MediaShowcase,
  ) {}

  /** A published entry by its public id; anything else (unknown, unpublished) is 404. */
  async entry(publicId: string, baseUrl: string): Promise<PublicEntryView> {
    const entry = await this.entries.findPublished(publicId);
    if (!entry || !entry.publishedAt) throw AppError.notFound('entries.not_found');
    const [version, contest, category, shown] = await Promise.all([
      this.entries.version(entry.id, entry.version),
      this.contests.getContest(entry.contestId),
      this.contests.getCategory(entry.categoryId),
      this.showcase.forEntries([entry.id]).then((m) => m.get(entry.id)),
    ]);
    // published before share images were made at publication: made now, for the next crawl
    if (shown?.share?.pending) await this.showcase.prepareShareImage(shown.coverId);
    const absolute = (p: ShowcasePicture | null | undefined): PublicPictureView | null =>
      p ? { url: `${baseUrl}${p.url}`, width: p.width, height: p.height, type: p.type } : null;
    const image = absolute(shown?.large ?? shown?.thumb);
    const s = version?.snapshot;
    return {
      publicId: entry.publicId,
      url: `${baseUrl}/p/${entry.publicId}`,
      title: s?.title ?? entry.title,
      summary: s?.summary ?? entry.summary,
      authorType: s?.authorType ?? entry.authorType,
      members: (s?.members ?? entry.members).map((m) => ({ name: m.name, role: m.role ?? null })),
      unitName: s?.unitName ?? entry.unitNameAtSubmission ?? entry.unitNameAtCreation,
      contestTitle: contest?.title ?? '',
      contestSlug: contest?.slug ?? '',
      categoryName: category?.name ?? '',
      status: entry.status,
      imageUrl: image?.url ?? null,
      image,
      shareImage: absolute(shown?.share),
      clip: shown?.clip
        ? {
            url: `${baseUrl}${shown.clip.url}`,
            type: shown.clip.type,
            width: shown.clip.width,
            height: shown.clip.height,
            posterUrl: shown.clip.poster ? `${baseUrl}${shown.clip.poster}` : null,
          }
        : null,
      publishedAt: entry.publishedAt,
    };
  }
}
