import { Logger } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { SlotHints } from './slot-hints';
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
  /** Slot hints held at most (fixed memory: 6 bytes each). */
  hintCapacity: number;
  /** Told each written batch's size and statement time (ms), for the metrics. */
  onBatch?: (size: number, ms: number) => void;
}

/** A vote that lost a slot race more often than this is answered "retry later". */
const MAX_ATTEMPTS = 25;
const RETRY_IN_BATCH = new Set(['40P01', '40001']);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What the batcher keeps per session: the voters with a vote in a batch being written, and
 * which limits above 1 the session has (with a limit of 1 the slot is always 0, so no hint is
 * kept): the hints themselves are in the batcher's fixed-size table. Only hints: a stale one
 * costs a retry, never a wrong count.
 */
class SessionState {
  readonly busy = new Set<string>();
  entryLimited = false;
  sessionLimited = false;
  /** The calendar day of the session's per-day hints (null: no per-day limit above 1). */
  day: string | null = null;
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
  private readonly sessions = new Map<string, SessionState>();
  private readonly hints: SlotHints;
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
    this.hints = new SlotHints(options.hintCapacity);
  }

  get queued(): number {
    return this.queue.length;
  }

  submit(vote: BatchVote): Promise<VoteResult> {
    if (this.stopping) return Promise.resolve({ kind: 'unavailable' });
    if (this.queue.length >= this.options.queueMax) return Promise.resolve({ kind: 'busy' });
    return new Promise<VoteResult>((resolve) => {
      // The caller hands the vote over: it becomes the queue entry (no copy per vote).
      const p = vote as Pending;
      p.attempts = 0;
      p.resolve = resolve;
      this.queue.push(p);
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

  private state(sessionId: string): SessionState {
    let st = this.sessions.get(sessionId);
    if (!st) {
      st = new SessionState();
      this.sessions.set(sessionId, st);
    }
    return st;
  }

  /** Puts this instance's idea of the voter's next free slots on a new vote. */
  private hint(p: Pending, st: SessionState): void {
    const h = this.hints;
    if (st.entryLimited) p.entrySlot = h.get('entry', p.sessionId, p.voterKey, p.entryId);
    if (st.sessionLimited) p.sessionSlot = h.get('session', p.sessionId, p.voterKey);
    if (st.day !== null) {
      const next = h.get('day', p.sessionId, p.voterKey, st.day);
      if (next !== undefined) {
        p.daySlot = next;
        p.day = st.day;
      }
    }
  }

  /**
   * Remembers the slots a vote took (`step` 1: the next is one further) or the next free ones
   * the database reported (`step` 0), and puts them on the vote for its retry.
   */
  private learn(p: Pending, o: BatchOutcome, step: 0 | 1, st: SessionState): void {
    const h = this.hints;
    if (o.entrySlot !== null) {
      p.entrySlot = o.entrySlot + step;
      if ((o.perEntry ?? 0) > 1) {
        st.entryLimited = true;
        h.set('entry', p.sessionId, p.voterKey, p.entryId, p.entrySlot);
      }
    }
    if (o.sessionSlot !== null) {
      p.sessionSlot = o.sessionSlot + step;
      if ((o.perSession ?? 0) > 1) {
        st.sessionLimited = true;
        h.set('session', p.sessionId, p.voterKey, '', p.sessionSlot);
      }
    }
    if (o.daySlot !== null && o.day !== null) {
      p.daySlot = o.daySlot + step;
      p.day = o.day;
      if ((o.perDay ?? 0) > 1) {
        // Keyed by the day (in the contest's time zone): yesterday's hints are never read
        // again and give way to today's.
        st.day = o.day;
        h.set('day', p.sessionId, p.voterKey, o.day, p.daySlot);
      }
    }
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.options.concurrency || !this.queue.length) return;
    const batch: Pending[] = [];
    /** Each vote's session state, by position in the batch. */
    const states: SessionState[] = [];
    const rest: Pending[] = [];
    const ids = new Set<string>();
    let lastSession: string | undefined;
    let st: SessionState | undefined;
    for (const p of this.queue) {
      if (p.sessionId !== lastSession) {
        lastSession = p.sessionId;
        st = this.state(p.sessionId);
      }
      // One vote per voter in the batch, none while the voter has a batch in flight.
      if (batch.length < this.options.batchMax && !st!.busy.has(p.voterKey) && !ids.has(p.id)) {
        if (!p.attempts) this.hint(p, st!);
        batch.push(p);
        states.push(st!);
        st!.busy.add(p.voterKey);
        ids.add(p.id);
      } else rest.push(p);
    }
    if (!batch.length) return; // every queued voter has a batch in flight: its end reschedules
    this.queue = rest;
    const lane = this.lanes.indexOf(false);
    this.lanes[lane] = true;
    this.inFlight++;
    try {
      const t0 = performance.now();
      const outcomes = await this.repository.castBatch(batch, this.shardBase + lane);
      const ms = performance.now() - t0;
      this.figures.batches++;
      this.figures.votes += batch.length;
      this.figures.ms += ms;
      this.options.onBatch?.(batch.length, ms);
      const retry: Pending[] = [];
      const counted = new Set<string>();
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if (!o || o.kind === 'retry') {
          if (++p.attempts >= MAX_ATTEMPTS) p.resolve({ kind: 'unavailable' });
          else {
            if (o) this.learn(p, o, 0, states[i]);
            retry.push(p);
          }
          return;
        }
        if (o.kind === 'counted') {
          this.learn(p, o, 1, states[i]);
          counted.add(p.sessionId);
        }
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
      for (let i = 0; i < batch.length; i++) states[i].busy.delete(batch[i].voterKey);
      this.lanes[lane] = false;
      this.inFlight--;
      this.schedule();
    }
  }
}
