import { Logger } from '@nestjs/common';
import { SLOT_KIND_BITS, SlotBackfill } from './day-limit';
import type { VotingRepository } from './voting.repository';

/**
 * Votes per chunk (whole voters: a chunk ends after the voter of its last vote): each chunk's
 * statements take some tens of milliseconds on a server, and on the embedded database (one
 * statement at a time) the votes wait no longer than that.
 */
const CHUNK_VOTES = 2000;
/** Codes a chunk is simply run again for (it changes nothing when it fails). */
const RETRY_CODES = new Set(['40P01', '40001', '23505']);
const KINDS = Object.keys(SLOT_KIND_BITS) as Array<keyof SlotBackfill>;

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Gives the votes cast before a limit was set the slots of that limit, in the background and
 * in chunks of voters, each chunk one statement of its own: no session lock is held, so the
 * intake goes on meanwhile (the batch statement keeps free, for each voter not reached yet, the
 * slots the backfill will give: vote_next_slot). When every chunk is done the session's
 * pending kinds are cleared, unless a change set new ones meanwhile: then it runs again.
 *
 * Started by the instance that changed the limits, and picked up by any instance at boot and
 * every minute (a backfill cut short by a restart resumes). Two instances running the same
 * backfill give the same slots: a chunk only fills votes still without one.
 */
export class SlotBackfiller {
  private readonly log = new Logger('SlotBackfill');
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly repository: VotingRepository,
    private readonly chunkVotes = CHUNK_VOTES,
  ) {}

  /** Backfills the session's pending kinds (again after the current pass, if one is running). */
  start(sessionId: string): void {
    if (this.stopped) return;
    if (this.running.has(sessionId)) {
      this.again.add(sessionId);
      return;
    }
    const run = this.run(sessionId)
      .catch((err: unknown) =>
        this.log.warn(`slot backfill of ${sessionId} postponed: ${(err as Error).message}`),
      )
      .finally(() => {
        this.running.delete(sessionId);
        if (this.again.delete(sessionId)) this.start(sessionId);
      });
    this.running.set(sessionId, run);
  }

  /** Waits for the backfills running now (and those they start again). */
  async settle(): Promise<void> {
    for (let i = 0; i < 100 && this.running.size; i++)
      await Promise.all([...this.running.values()]);
  }

  /** Lets the chunks in flight end; no new one starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running.values()]);
  }

  private async run(sessionId: string): Promise<void> {
    for (let pass = 0; pass < 100 && !this.stopped; pass++) {
      const state = await this.repository.backfillState(sessionId);
      if (!state || !state.pending) return;
      const kinds = KINDS.filter((k) => state.pending & SLOT_KIND_BITS[k]);
      let after = '';
      for (;;) {
        if (this.stopped) return;
        const upTo = await this.repository.backfillChunkEnd(sessionId, after, this.chunkVotes);
        for (const kind of kinds) await this.chunk(sessionId, kind, after, upTo);
        if (upTo === null) break;
        after = upTo;
      }
      if (await this.repository.finishBackfill(sessionId, state.seq)) return;
    }
  }

  private async chunk(
    sessionId: string,
    kind: keyof SlotBackfill,
    after: string,
    upTo: string | null,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.repository.backfillChunk(sessionId, kind, after, upTo);
        return;
      } catch (err) {
        const code = errorCode(err);
        if (attempt >= 5 || !code || !RETRY_CODES.has(code)) throw err;
      }
    }
  }
}
