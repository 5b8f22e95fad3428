import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ContestAccessService } from '../contests/contest-access.service';
import { RealtimeService } from '../realtime/realtime.service';
import { RoomRegistry } from '../realtime/room-registry';
import { JudgingProgressView } from './dto/judging.view';
import { SheetStatus } from './entities/score-sheet.entity';
import { JudgingRepository } from './judging.repository';

export const JUDGING_ROOM = 'judging';

/**
 * Live judging for organizers: the room `judging:<roundId>` (organizers of the contest only)
 * gets `judging.progress` and `judging.results`; each judge gets `judging.queue` on their own
 * socket with entry ids only (nothing naming authors or units, blind or not).
 */
@Injectable()
export class JudgingLive implements OnModuleInit {
  private readonly logger = new Logger('JudgingLive');
  /** Set by the results service: the current ranking of a round, for `judging.results`. */
  resultsOf?: (roundId: string) => Promise<unknown>;

  constructor(
    private readonly repo: JudgingRepository,
    private readonly access: ContestAccessService,
    private readonly realtime: RealtimeService,
    private readonly rooms: RoomRegistry,
  ) {}

  onModuleInit(): void {
    this.rooms.register(JUDGING_ROOM, {
      authorize: async (principal: Principal | null, roundId: string) => {
        if (!principal) return false;
        const round = await this.access.getRound(roundId).catch(() => null);
        return !!round && this.access.isOrganizer(principal, round.contestId);
      },
      snapshot: async (_principal, roundId) => this.snapshot(roundId),
    });
  }

  async snapshot(roundId: string): Promise<JudgingProgressView> {
    const [judges, assignments, settings] = await Promise.all([
      this.repo.progress(roundId),
      this.repo.assignments(roundId),
      this.repo.settings(roundId),
    ]);
    const submittedBy = new Map<string, number>();
    for (const a of assignments)
      if (a.active && a.sheetStatus === SheetStatus.Submitted)
        submittedBy.set(a.entryId, (submittedBy.get(a.entryId) ?? 0) + 1);
    const entryIds = new Set(assignments.filter((a) => a.active).map((a) => a.entryId));
    const complete = [...entryIds].filter(
      (e) => (submittedBy.get(e) ?? 0) >= settings.quorum,
    ).length;
    return {
      roundId,
      quorum: settings.quorum,
      judges,
      entries: { total: entryIds.size, complete },
      sheets: {
        assigned: judges.reduce((s, j) => s + j.assigned, 0),
        submitted: judges.reduce((s, j) => s + j.submitted, 0),
      },
    };
  }

  private room(roundId: string): string {
    return `${JUDGING_ROOM}:${roundId}`;
  }

  async progressChanged(roundId: string): Promise<void> {
    try {
      this.realtime.toRoom(this.room(roundId), 'judging.progress', await this.snapshot(roundId));
    } catch (err) {
      this.logger.error(err);
    }
  }

  async resultsChanged(roundId: string, reason = 'sheet_submitted'): Promise<void> {
    try {
      const results = this.resultsOf ? await this.resultsOf(roundId) : null;
      this.realtime.toRoom(this.room(roundId), 'judging.results', { roundId, reason, results });
    } catch (err) {
      this.logger.error(err);
    }
  }

  /** A reminder to one judge: sheets left in a round. */
  remind(
    judgeId: string,
    payload: { roundId: string; contestId: string; roundName: string; pending: number },
  ): void {
    this.realtime.toUser(judgeId, 'judging.reminder', payload);
  }

  queueChanged(judgeId: string, roundId: string, added: string[], removed: string[]): void {
    this.realtime.toUser(judgeId, 'judging.queue', { roundId, added, removed });
  }
}
