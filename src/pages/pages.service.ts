import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { EntryShowcase, MediaShowcase } from '../media/media-showcase.service';
import { VoteIntegrityService } from '../vote-integrity/vote-integrity.service';
import './messages';
import { PagesRepository } from './pages.repository';
import type { ContestResultsView, SessionEntryView } from './pages.views';

const picture = (s: EntryShowcase | undefined) =>
  s ? { url: s.thumb.url, width: s.thumb.width, height: s.thumb.height } : null;

@Injectable()
export class PagesService {
  constructor(
    private readonly repository: PagesRepository,
    private readonly integrity: VoteIntegrityService,
    private readonly showcase: MediaShowcase,
  ) {}

  sessionTitle(id: string): Promise<string | null> {
    return this.repository.sessionTitle(id);
  }

  async sessionEntries(sessionId: string): Promise<SessionEntryView[]> {
    const rows = await this.repository.sessionEntries(sessionId);
    if (!rows) throw AppError.notFound('pages.session_not_found');
    // published entries' pictures (small) and clips; the others show their running number
    const shown = await this.showcase.forEntries(rows.map((r) => r.id));
    return rows.map((r) => {
      const s = shown.get(r.id);
      return {
        ...r,
        imageUrl: s?.thumb.url ?? null,
        image: picture(s),
        clip: s?.clip
          ? { url: s.clip.url, type: s.clip.type, width: s.clip.width, height: s.clip.height }
          : null,
      };
    });
  }

  /** What is public of a contest's results now: sessions' tallies (unless hidden), chain heads. */
  async results(slug: string): Promise<ContestResultsView> {
    const contest = await this.repository.publicContest(slug.toLowerCase());
    if (!contest) throw AppError.notFound('pages.contest_not_found');
    const sessions = await this.repository.contestSessions(contest.id);
    const ids = sessions.map((s) => s.id);
    const [tallies, heads, published, entryLists] = await Promise.all([
      this.repository.tallies(ids),
      this.integrity.heads(ids),
      this.repository.publishedEntries(contest.id),
      Promise.all(ids.map((id) => this.repository.sessionEntries(id))),
    ]);
    const pictures = await this.showcase.forEntries(published.map((p) => p.id));
    return {
      slug: contest.slug,
      title: contest.title,
      description: contest.description,
      status: contest.status,
      published: published.map((p) => ({
        publicId: p.publicId,
        title: p.title,
        unitName: p.unitName,
        image: picture(pictures.get(p.id)),
      })),
      sessions: sessions.map((s, i) => {
        const counts = tallies.get(s.id)!;
        const entries = (entryLists[i] ?? []).map((e) => ({
          entryId: e.id,
          title: e.title,
          unitName: e.unitName,
          votes: s.hideTallies ? null : (counts.get(e.id) ?? 0),
        }));
        if (!s.hideTallies) entries.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
        return {
          id: s.id,
          title: s.title,
          state: s.state,
          entries,
          chainHead: heads.get(s.id) ?? null,
        };
      }),
    };
  }
}
