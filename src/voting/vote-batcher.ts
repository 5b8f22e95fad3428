import { Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { BatchOutcome, BatchVote, VotingRepository } from './voting.repository';

export type VoteResult = BatchOutcome | { kind: 'unavailable' } | { kind: 'busy' };

interface Pending extends BatchVote {
  attempts: number;
  resolve(result: VoteResult): void;
}

export interface BatcherOptions {
  batchMax: number;
  batchWaitMs: number;
  concurrency: number;
  queueMax: number;
}

/** Slot hints kept per instance; beyond this many the hints start again from nothing. */
const HINTS_MAX = 500_000;

/** A vote that lost a slot race more often than this is answered "retry later". */
const MAX_ATTEMPTS = 25;
const RETRY_IN_BATCH = new Set(['40P01', '40001']);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Collects votes for a few milliseconds (or up to `batchMax`) and writes each batch with one
 * statement; every vote's promise resolves only after its batch has committed. A batch holds
 * at most one vote per voter and session, and a voter with a batch in flight waits for the next
 * one, so slots are taken in order and concurrent statements of one instance never compete.
 */
export class VoteBatcher {
  private readonly log = new Logger('VoteIntake');
  private queue: Pending[] = [];
  private readonly lanes: boolean[];
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private readonly busyVoters = new Set<string>();
  /**
   * Next free slots as this instance last saw them, for limits above 1 (with a limit of 1 the
   * slot is always 0): `entry` by session|voter|entry, `session` and `day` by session|voter.
   * Only hints: a stale one costs a retry, never a wrong count.
   */
  private readonly entryHints = new Map<string, number>();
  private readonly sessionHints = new Map<string, number>();
  private readonly dayHints = new Map<string, { day: string; next: number }>();
  /** Tally shards of this instance: one per lane, distinct from other instances' (randomly). */
  private readonly shardBase = randomInt(1, 1 << 24) * 16;
  private stopping = false;
  /** Written batches, votes in them, and milliseconds spent in the statements (for the stats). */
  readonly figures = { batches: 0, votes: 0, ms: 0 };
  private lastErrorLog = 0;
  private drained?: () => void;

  constructor(
    private readonly repository: VotingRepository,
    private readonly options: BatcherOptions,
    private readonly onCommitted: (sessionIds: Set<string>) => void,
  ) {
    this.lanes = new Array<boolean>(options.concurrency).fill(false);
  }

  get queued(): number {
    return this.queue.length;
  }

  submit(vote: BatchVote): Promise<VoteResult> {
    if (this.stopping) return Promise.resolve({ kind: 'unavailable' });
    if (this.queue.length >= this.options.queueMax) return Promise.resolve({ kind: 'busy' });
    return new Promise<VoteResult>((resolve) => {
      this.queue.push({ ...vote, attempts: 0, resolve });
      this.schedule();
    });
  }

  /** Writes what is queued, then answers anything left as unavailable. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.queue.length || this.inFlight) {
      await new Promise<void>((resolve) => {
        this.drained = resolve;
        this.schedule();
        setTimeout(resolve, timeoutMs).unref();
      });
    }
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.queue.splice(0)) p.resolve({ kind: 'unavailable' });
  }

  private schedule(): void {
    if (!this.queue.length) {
      if (!this.inFlight) this.drained?.();
      return;
    }
    if (this.inFlight >= this.options.concurrency) return;
    if (this.queue.length >= this.options.batchMax || this.stopping) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.batchWaitMs);
  }

  /** Puts this instance's idea of the voter's next free slots on a new vote. */
  private hint(p: Pending, voter: string): void {
    p.entrySlot = this.entryHints.get(`${voter}|${p.entryId}`);
    p.sessionSlot = this.sessionHints.get(voter);
    const d = this.dayHints.get(voter);
    if (d) {
      p.daySlot = d.next;
      p.day = d.day;
    }
  }

  /**
   * Remembers the slots a vote took (`step` 1: the next is one further) or the next free ones
   * the database reported (`step` 0), and puts them on the vote for its retry.
   */
  private learn(p: Pending, o: BatchOutcome, step: 0 | 1): void {
    const voter = `${p.sessionId}|${p.voterKey}`;
    if (this.entryHints.size + this.sessionHints.size + this.dayHints.size > HINTS_MAX) {
      this.entryHints.clear();
      this.sessionHints.clear();
      this.dayHints.clear();
    }
    if (o.entrySlot !== null) {
      p.entrySlot = o.entrySlot + step;
      if ((o.perEntry ?? 0) > 1) this.entryHints.set(`${voter}|${p.entryId}`, p.entrySlot);
    }
    if (o.sessionSlot !== null) {
      p.sessionSlot = o.sessionSlot + step;
      if ((o.perSession ?? 0) > 1) this.sessionHints.set(voter, p.sessionSlot);
    }
    if (o.daySlot !== null && o.day !== null) {
      p.daySlot = o.daySlot + step;
      p.day = o.day;
      if ((o.perDay ?? 0) > 1) this.dayHints.set(voter, { day: o.day, next: p.daySlot });
    }
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.options.concurrency || !this.queue.length) return;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const voters = new Set<string>();
    const ids = new Set<string>();
    for (const p of this.queue) {
      const voter = `${p.sessionId}|${p.voterKey}`;
      if (
        batch.length < this.options.batchMax &&
        !voters.has(voter) &&
        !ids.has(p.id) &&
        !this.busyVoters.has(voter)
      ) {
        if (!p.attempts) this.hint(p, voter);
        batch.push(p);
        voters.add(voter);
        ids.add(p.id);
      } else rest.push(p);
    }
    if (!batch.length) return; // every queued voter has a batch in flight: its end reschedules
    this.queue = rest;
    const lane = this.lanes.indexOf(false);
    this.lanes[lane] = true;
    this.inFlight++;
    for (const v of voters) this.busyVoters.add(v);
    try {
      const t0 = performance.now();
      const outcomes = await this.repository.castBatch(batch, this.shardBase + lane);
      this.figures.batches++;
      this.figures.votes += batch.length;
      this.figures.ms += performance.now() - t0;
      const retry: Pending[] = [];
      const counted = new Set<string>();
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if (!o || o.kind === 'retry') {
          if (++p.attempts >= MAX_ATTEMPTS) p.resolve({ kind: 'unavailable' });
          else {
            if (o) this.learn(p, o, 0);
            retry.push(p);
          }
          return;
        }
        if (o.kind === 'counted') this.learn(p, o, 1);
        if (o.kind === 'counted') counted.add(p.sessionId);
        p.resolve(o);
      });
      if (counted.size) this.onCommitted(counted);
      if (retry.length) this.queue = retry.concat(this.queue);
    } catch (err) {
      const code = errorCode(err);
      if (code && RETRY_IN_BATCH.has(code)) {
        const again = batch.filter((p) => ++p.attempts < MAX_ATTEMPTS);
        for (const p of batch) if (p.attempts >= MAX_ATTEMPTS) p.resolve({ kind: 'unavailable' });
        this.queue = again.concat(this.queue);
      } else {
        // The outcome is unknown (the database may have committed before the connection
        // broke): the client retries with the same vote id and learns it was counted.
        const now = Date.now();
        if (now - this.lastErrorLog > 5000) {
          this.lastErrorLog = now;
          this.log.warn(`vote batch failed (${code ?? 'no code'}): ${(err as Error).message}`);
        }
        for (const p of batch) p.resolve({ kind: 'unavailable' });
      }
    } finally {
      for (const v of voters) this.busyVoters.delete(v);
      this.lanes[lane] = false;
      this.inFlight--;
      this.schedule();
    }
  }
}
