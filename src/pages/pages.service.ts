import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { FinalResults, ResultsService } from '../judging/results.service';
import { EntryShowcase, MediaShowcase } from '../media/media-showcase.service';
import { VoteIntegrityService } from '../vote-integrity/vote-integrity.service';
import './messages';
import type { HomeContest } from './home';
import { PagesRepository } from './pages.repository';
import type { ContestResultsView, PublishedRoundView, SessionEntryView } from './pages.views';

/** Competition ranks by votes, most first: as many votes, the same rank ("1, 1, 3"). */
export function voteRanks(votes: readonly number[]): { rank: number; tied: boolean }[] {
  return votes.map((v) => {
    let above = 0;
    let same = 0;
    for (const w of votes) {
      if (w > v) above++;
      else if (w === v) same++;
    }
    return { rank: above + 1, tied: same > 1 };
  });
}

/** What the public sees of a round's published results. */
function publishedRound(roundName: string, r: FinalResults): PublishedRoundView {
  return {
    roundId: r.roundId,
    roundName,
    juryWeight: r.juryWeight,
    publicWeight: r.publicWeight,
    voteSessions: r.publicVote.sessions.map((s) => ({
      title: s.title,
      counted: s.counted,
      chainHead: s.chainHead,
    })),
    groups: r.groups.map((g) => ({
      categoryName: g.categoryName,
      scopeUnitName: g.scopeUnitName,
      rows: r.rows
        .filter((x) => x.group === g.key)
        .map((x) => ({
          rank: x.rank,
          tied: x.tied,
          entryId: x.entryId,
          title: x.title,
          unitName: x.unitName,
          prize: x.prize,
          prizeLabel: x.prizeLabel,
          juryRank: x.juryRank,
          juryTied: x.juryTied,
          juryScore: x.juryScore,
          publicVotes: x.publicVotes,
          publicScore: x.publicScore,
          finalScore: x.finalScore,
          decidedBy: x.decidedBy,
        })),
    })),
  };
}

const picture = (s: EntryShowcase | undefined) =>
  s ? { url: s.thumb.url, width: s.thumb.width, height: s.thumb.height } : null;

@Injectable()
export class PagesService {
  constructor(
    private readonly repository: PagesRepository,
    private readonly integrity: VoteIntegrityService,
    private readonly judged: ResultsService,
    private readonly showcase: MediaShowcase,
  ) {}

  sessionTitle(id: string): Promise<string | null> {
    return this.repository.sessionTitle(id);
  }

  /** What the home page lists: the public contests, newest first. */
  publicContests(): Promise<HomeContest[]> {
    return this.repository.publicContests(50);
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

  /**
   * What is public of a contest's results now: the published results of its judged rounds
   * (prizes, the jury's ranking, the public vote and the combined result, per group), and the
   * sessions' tallies (unless hidden) with their chain heads.
   */
  async results(slug: string): Promise<ContestResultsView> {
    const contest = await this.repository.publicContest(slug.toLowerCase());
    if (!contest) throw AppError.notFound('pages.contest_not_found');
    const sessions = await this.repository.contestSessions(contest.id);
    const ids = sessions.map((s) => s.id);
    const [tallies, heads, published, entryLists, rounds] = await Promise.all([
      this.repository.tallies(ids),
      this.integrity.heads(ids),
      this.repository.publishedEntries(contest.id),
      Promise.all(ids.map((id) => this.repository.sessionEntries(id))),
      this.judged.published(contest.id),
    ]);
    const pictures = await this.showcase.forEntries(published.map((p) => p.id));
    return {
      slug: contest.slug,
      title: contest.title,
      description: contest.description,
      status: contest.status,
      rounds: rounds.map((r) => publishedRound(r.roundName, r.results)),
      published: published.map((p) => ({
        publicId: p.publicId,
        title: p.title,
        unitName: p.unitName,
        image: picture(pictures.get(p.id)),
      })),
      sessions: sessions.map((s, i) => {
        const counts = tallies.get(s.id)!;
        const list = entryLists[i] ?? [];
        const ranks = voteRanks(list.map((e) => counts.get(e.id) ?? 0));
        const entries = list.map((e, k) => ({
          entryId: e.id,
          title: e.title,
          unitName: e.unitName,
          votes: s.hideTallies ? null : (counts.get(e.id) ?? 0),
          rank: s.hideTallies ? null : ranks[k].rank,
          tied: s.hideTallies ? false : ranks[k].tied,
        }));
        if (!s.hideTallies) entries.sort((a, b) => a.rank! - b.rank!);
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
