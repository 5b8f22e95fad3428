import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { ContestAccessService } from '../contests/contest-access.service';
import { EntriesRepository } from '../entries/entries.repository';
import '../entries/messages';
import type { PublicEntryView } from './public-entry.view';

@Injectable()
export class PublicService {
  constructor(
    private readonly entries: EntriesRepository,
    private readonly contests: ContestAccessService,
  ) {}

  /** A published entry by its public id; anything else (unknown, unpublished) is 404. */
  async entry(publicId: string, baseUrl: string): Promise<PublicEntryView> {
    const entry = await this.entries.findPublished(publicId);
    if (!entry || !entry.publishedAt) throw AppError.notFound('entries.not_found');
    const [version, contest, category] = await Promise.all([
      this.entries.version(entry.id, entry.version),
      this.contests.getContest(entry.contestId),
      this.contests.getCategory(entry.categoryId),
    ]);
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
      imageUrl: null,
      publishedAt: entry.publishedAt,
    };
  }
}
