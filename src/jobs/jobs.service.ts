import { Metrics } from '../metrics/metrics.service';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { availableParallelism } from 'node:os';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ClaimedJob, JobCount, JobsRepository } from './jobs.repository';

/** Thrown by a handler to put its job back for later without using up an attempt. */
export class DeferJob extends Error {
  constructor(
    readonly delaySeconds: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface JobContext {
  id: string;
  attempt: number;
  maxAttempts: number;
  /** True on the last attempt: the handler may record a final failure. */
  last: boolean;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;
export type DeadHandler = (payload: Record<string, unknown>, error: string) => Promise<void>;

const LEASE_SECONDS = 300;

/**
 * The durable job queue: jobs are rows in PostgreSQL (see JobsRepository). Handlers register per
 * queue; when MEDIA_WORKER is on, this process polls for due jobs and runs up to two per core.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, { run: JobHandler; dead?: DeadHandler }>();
  private readonly startHooks: (() => void)[] = [];
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  /** Slots promised to claims still on their way (so that two claims never overfill). */
  private reserved = 0;
  /** A poke arrived while a poll was running: poll again as soon as it ends. */
  private pokedWhilePolling = false;
  private stopped = true;
  private readonly concurrency: number;

  constructor(
    private readonly repository: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // two jobs per core by default: a job spends part of its time in I/O (database, files),
    // and the decoding itself is bounded by the image worker (one image per core) and ffmpeg
    this.concurrency = config.media.workerConcurrency || 2 * availableParallelism();
  }

  register(queue: string, run: JobHandler, dead?: DeadHandler): void {
    this.handlers.set(queue, { run, dead });
  }

  /**
   * Runs `prepare` whenever job taking starts (e.g. starting a helper process), so that the first
   * jobs do not wait for it.
   */
  whenStarted(prepare: () => void): void {
    this.startHooks.push(prepare);
    if (!this.stopped) prepare();
  }

  async enqueue(
    queue: string,
    payload: Record<string, unknown>,
    manager?: EntityManager,
  ): Promise<string> {
    const id = await this.repository.enqueue(
      queue,
      payload,
      this.config.media.jobMaxAttempts,
      manager,
    );
    return id;
  }

  /** Looks for work now (after an enqueue has committed) instead of at the next poll. */
  poke(): void {
    if (!this.stopped) setImmediate(() => void this.poll());
  }

  onApplicationBootstrap(): void {
    this.registerGauges();
    if (this.config.media.worker) this.start();
  }

  /** Queue depth and age by kind (queue) and state, read from the table when scraped. */
  private registerGauges(): void {
    let counts: Promise<JobCount[]> | undefined;
    // the three gauges share one statement per scrape
    const read = () =>
      (counts ??= this.repository
        .counts()
        .then(
          (r) => r.counts,
          () => [],
        )
        .finally(() => setImmediate(() => (counts = undefined))));
    this.metrics.gauge(
      'hoithi_jobs',
      'Jobs by queue (kind) and state (queued, active, done, dead)',
      ['queue', 'state'],
      async (set) => {
        for (const c of await read()) set({ queue: c.queue, state: c.state }, c.count);
      },
    );
    this.metrics.gauge(
      'hoithi_jobs_due',
      'Queued jobs whose time has come, by queue (the backlog)',
      ['queue'],
      async (set) => {
        for (const c of await read()) if (c.state === 'queued') set({ queue: c.queue }, c.due);
      },
    );
    this.metrics.gauge(
      'hoithi_job_oldest_age_seconds',
      'Age of the oldest job by queue and state (queued: the oldest due one)',
      ['queue', 'state'],
      async (set) => {
        for (const c of await read()) {
          const age = c.state === 'queued' ? c.oldestDueAgeSeconds : c.oldestAgeSeconds;
          if (age !== null && c.state !== 'done') set({ queue: c.queue, state: c.state }, age);
        }
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pause();
  }

  /** Starts taking jobs (at boot when MEDIA_WORKER is on; tools may start it later). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const prepare of this.startHooks) {
      try {
        prepare();
      } catch (err) {
        this.logger.warn(`job start hook failed: ${(err as Error).message}`);
      }
    }
    this.schedule(0);
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async pause(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // let running jobs finish (their leases would hand them to another worker otherwise),
    // including any a claim under way when this was called still launched
    while (this.running.size || this.reserved) {
      await Promise.allSettled([...this.running]);
      if (!this.running.size && this.reserved) await new Promise((r) => setImmediate(r));
    }
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), delay);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (this.polling) {
      this.pokedWhilePolling = true;
      return;
    }
    this.polling = true;
    this.pokedWhilePolling = false;
    try {
      const free = this.concurrency - this.running.size - this.reserved;
      if (free > 0) {
        this.reserved += free;
        try {
          const jobs = await this.repository.claim([...this.handlers.keys()], free, LEASE_SECONDS);
          for (const job of jobs) this.launch(job);
        } finally {
          this.reserved -= free;
        }
      }
    } catch (err) {
      this.logger.warn(`job poll failed: ${(err as Error).message}`);
    } finally {
      this.polling = false;
      // a job finished (or one was enqueued) during the claim: look again now, not a poll later
      this.schedule(this.pokedWhilePolling ? 0 : this.config.media.jobPollMs);
    }
  }

  private launch(job: ClaimedJob) {
    const p = this.execute(job).then(
      (outcome) => {
        this.running.delete(p);
        // the queue was found empty as this job finished: new work pokes or the next poll finds it
        if (outcome !== 'queue-empty') this.poke();
      },
      (err: unknown) => {
        this.running.delete(p);
        this.logger.warn(`job ${job.queue} ${job.id}: ${(err as Error).message}`);
        this.poke();
      },
    );
    this.running.add(p);
  }

  /**
   * Completes a job that succeeded and, while job taking is on, takes the next due jobs for the
   * slots free once it is gone, in the same statement: the next job starts without waiting
   * for a poll, and without a round trip of its own.
   */
  private async completeAndContinue(job: ClaimedJob): Promise<'queue-empty' | undefined> {
    // this job's slot is still counted in `running`: it is free once this job is done
    const free = this.stopped ? 0 : this.concurrency - this.running.size + 1 - this.reserved;
    if (free <= 0) {
      await this.repository.complete(job.id);
      return undefined;
    }
    this.reserved += free;
    try {
      const next = await this.repository.completeAndClaim(
        job.id,
        [...this.handlers.keys()],
        free,
        LEASE_SECONDS,
      );
      for (const j of next) this.launch(j);
      return next.length < free ? 'queue-empty' : undefined;
    } finally {
      this.reserved -= free;
    }
  }

  private async execute(job: ClaimedJob): Promise<'queue-empty' | undefined> {
    const handler = this.handlers.get(job.queue);
    if (!handler) return undefined;
    const heartbeat = setInterval(
      () => void this.repository.extendLease(job.id, LEASE_SECONDS).catch(() => undefined),
      (LEASE_SECONDS * 1000) / 3,
    );
    heartbeat.unref();
    try {
      await handler.run(job.payload, {
        id: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        last: job.attempts >= job.maxAttempts,
      });
      clearInterval(heartbeat);
      return await this.completeAndContinue(job);
    } catch (err) {
      clearInterval(heartbeat);
      if (err instanceof DeferJob) {
        await this.repository.defer(job.id, err.delaySeconds, err.message).catch(() => undefined);
        return undefined;
      }
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const delay = Math.min(300, 2 ** job.attempts);
      const state = await this.repository.fail(job.id, message, delay).catch(() => 'queued');
      this.logger.warn(`job ${job.queue} ${job.id} attempt ${job.attempts} failed: ${message}`);
      if (state === 'dead' && handler.dead) {
        await handler.dead(job.payload, message).catch(() => undefined);
      }
      return undefined;
    }
  }

  /** Runs due jobs until none is left (tests and tools; bounded by `maxRounds`). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      await Promise.allSettled([...this.running]);
      const jobs = await this.repository.claim(
        [...this.handlers.keys()],
        this.concurrency,
        LEASE_SECONDS,
      );
      if (!jobs.length && !this.running.size) return;
      for (const job of jobs) this.launch(job);
    }
  }
}
