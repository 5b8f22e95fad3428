import type { Trip } from './fraud-detector';

/** What one sweep did: votes taken out of the tally, and the ids not stored (yet). */
export interface SweepOutcome {
  quarantined: number;
  /** Of the trip's vote ids, those not found among the session's votes. */
  missing: string[];
}

export interface SweepJob extends Trip {
  /** Runs done so far. */
  attempt: number;
  dueAt: number;
}

interface SessionQueue {
  jobs: SweepJob[];
  running: boolean;
  again: boolean;
  timer?: NodeJS.Timeout;
  timerAt?: number;
}

/**
 * After a fraud key trips, a sweep takes the votes seen under it before out of the tally.
 * Sweeps run off the intake path: right after the next batch of the session commits (the
 * tripping vote's batch, usually), or after `delaysMs[0]` at the latest, one session at a time
 * (a session's sweeps never run concurrently in this process). Votes of the key that were
 * still being written (another batch in flight) are not stored yet when the sweep runs: the
 * sweep is run again for them after each further delay of `delaysMs`, then they are given up
 * (a vote that was refused is never stored). A sweep that names voters (phone runs, crowds whose ids were not
 * all kept) is run again on the same schedule, to catch their votes in flight; sweeps are
 * idempotent, so a run that finds nothing new changes nothing.
 */
export class RetroactiveSweeper {
  private readonly sessions = new Map<string, SessionQueue>();
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly execute: (job: SweepJob) => Promise<SweepOutcome>,
    private readonly onError: (job: SweepJob, err: unknown) => void,
    private readonly delaysMs: readonly number[] = [250, 1000, 3000, 10_000],
  ) {}

  /** Sweeps waiting or running (for tests and the operational figures). */
  get pending(): number {
    let n = 0;
    for (const q of this.sessions.values()) n += q.jobs.length + (q.running ? 1 : 0);
    return n;
  }

  enqueue(trip: Trip, now = Date.now()): void {
    if (this.stopped) return;
    const job: SweepJob = { ...trip, attempt: 0, dueAt: now + this.delaysMs[0] };
    let q = this.sessions.get(trip.sessionId);
    if (!q) {
      q = { jobs: [], running: false, again: false };
      this.sessions.set(trip.sessionId, q);
    }
    q.jobs.push(job);
    this.arm(trip.sessionId, q);
  }

  /** Votes of these sessions were committed: their new sweeps run now. Cheap when idle. */
  committed(sessionIds: Iterable<string>): void {
    if (!this.sessions.size || this.stopped) return;
    for (const id of sessionIds) {
      const q = this.sessions.get(id);
      if (!q || !q.jobs.some((j) => j.attempt === 0)) continue;
      for (const j of q.jobs) if (j.attempt === 0) j.dueAt = 0;
      this.kick(id, q);
    }
  }

  /** Runs every waiting sweep now (whatever its delay), and waits for all of them. */
  async drain(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await Promise.all([...this.running]);
      let waiting = false;
      for (const [id, q] of this.sessions) {
        if (!q.jobs.length) continue;
        waiting = true;
        for (const j of q.jobs) j.dueAt = 0;
        this.kick(id, q);
      }
      if (!waiting && !this.running.size) return;
    }
  }

  /** Sweeps still waiting are run once more (best effort), then nothing runs any more. */
  async stop(): Promise<void> {
    for (const q of this.sessions.values()) for (const j of q.jobs) j.attempt = Infinity;
    await this.drain();
    this.stopped = true;
    for (const q of this.sessions.values()) if (q.timer) clearTimeout(q.timer);
    this.sessions.clear();
  }

  private arm(sessionId: string, q: SessionQueue): void {
    if (this.stopped || !q.jobs.length) return;
    const at = Math.min(...q.jobs.map((j) => j.dueAt));
    if (q.timer && q.timerAt !== undefined && q.timerAt <= at) return;
    if (q.timer) clearTimeout(q.timer);
    q.timerAt = at;
    q.timer = setTimeout(
      () => {
        q.timer = undefined;
        q.timerAt = undefined;
        this.kick(sessionId, q);
      },
      Math.max(0, at - Date.now()),
    );
    q.timer.unref();
  }

  private kick(sessionId: string, q: SessionQueue): void {
    if (q.running) {
      q.again = true;
      return;
    }
    q.running = true;
    const run = this.run(q).finally(() => {
      this.running.delete(run);
      q.running = false;
      if (q.again) {
        q.again = false;
        this.kick(sessionId, q);
        return;
      }
      if (!q.jobs.length) {
        if (q.timer) clearTimeout(q.timer);
        if (this.sessions.get(sessionId) === q) this.sessions.delete(sessionId);
      } else this.arm(sessionId, q);
    });
    this.running.add(run);
  }

  private async run(q: SessionQueue): Promise<void> {
    const now = Date.now();
    const due = q.jobs.filter((j) => j.dueAt <= now);
    if (!due.length) return;
    q.jobs = q.jobs.filter((j) => j.dueAt > now);
    for (const job of due) {
      let leftover = job.voteIds;
      try {
        const outcome = await this.execute(job);
        leftover = outcome.missing;
      } catch (err) {
        this.onError(job, err);
      }
      job.attempt++;
      const delay = this.delaysMs[job.attempt];
      if ((leftover.length || job.voterKeys.length) && delay !== undefined && !this.stopped) {
        job.voteIds = leftover;
        job.dueAt = Date.now() + delay;
        q.jobs.push(job);
      }
    }
  }
}
