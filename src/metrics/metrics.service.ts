import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
} from 'prom-client';

type Labels = Record<string, string>;

/** Seconds buckets for requests and statements: 0.5 ms to 10 s. */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Outcomes of a vote that count it (or find it counted); every other outcome is a refusal. */
const ACCEPTED = new Set(['counted', 'duplicate']);

/**
 * This instance's metrics, in its own registry (each instance, and each application a test
 * builds, reports its own), read by GET /metrics in Prometheus' text format.
 *
 * Cost on hot paths (measured ~0.2 µs per vote, ~0.7 µs per request): a vote adds two counter
 * increments (children bound once per outcome); a batch one histogram observation of its size
 * and one of its duration; an HTTP request one histogram observation, its child looked up once
 * per method, route pattern and status (a Map hit afterwards); a database statement two clock
 * reads and one observation without labels. Gauges (queue length, pool, sockets, jobs) are read
 * only when scraped; the jobs' counts are one GROUP BY statement per scrape.
 */
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();

  private readonly http = new Histogram({
    name: 'hoithi_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, with their durations',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly httpChildren = new Map<string, { observe(v: number): void }>();

  readonly dbQuery = new Histogram({
    name: 'hoithi_db_query_duration_seconds',
    help: 'Database statements sent by this instance, by duration (queueing for a connection excluded)',
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly votesReceived = this.counter({
    name: 'hoithi_votes_received_total',
    help: 'Votes received by this instance (HTTP and sockets), before any check',
  });
  private readonly votes = this.counter({
    name: 'hoithi_votes_total',
    help: 'Votes answered, by outcome: counted, duplicate (already counted), or refused',
    labelNames: ['outcome'],
  });
  private readonly refusals = this.counter({
    name: 'hoithi_vote_refusals_total',
    help: 'Votes refused, by reason (closed, not_votable, limit_entry, limit_session, limit_day, busy, unavailable, no_session, identity_required, mismatch)',
    labelNames: ['reason'],
  });
  private readonly voteOutcome = new Map<string, { inc(): void }[]>();

  private readonly batchSize = new Histogram({
    name: 'hoithi_vote_batch_size',
    help: 'Votes per batch statement',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    registers: [this.registry],
  });
  private readonly batchDuration = new Histogram({
    name: 'hoithi_vote_batch_duration_seconds',
    help: 'Duration of a batch statement of votes, until it committed',
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly broadcast = new Histogram({
    name: 'hoithi_tally_broadcast_duration_seconds',
    help: 'Time to build and send one round of live tallies to the viewers of the sessions that changed',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  private readonly uploadBytes = this.counter({
    name: 'hoithi_upload_bytes_total',
    help: 'Bytes of media received, by path (multipart, tus)',
    labelNames: ['path'],
  });
  private readonly uploads = this.counter({
    name: 'hoithi_uploads_total',
    help: 'Uploads stored (checked and queued for processing), by path',
    labelNames: ['path'],
  });
  private readonly uploadFailures = this.counter({
    name: 'hoithi_upload_failures_total',
    help: 'Upload requests that failed, by path and error code',
    labelNames: ['path', 'code'],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  private counter<T extends string>(config: Omit<CounterConfiguration<T>, 'registers'>) {
    return new Counter<T>({ ...config, registers: [this.registry] });
  }

  /**
   * A gauge read when scraped: `read` sets its values (it may query; it should be cheap).
   * Owners register theirs once (the sockets, the vote queue, the pool, the jobs).
   */
  gauge(
    name: string,
    help: string,
    labelNames: string[],
    read: (set: (labels: Labels, value: number) => void) => void | Promise<void>,
  ): void {
    if (this.registry.getSingleMetric(name)) this.registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await read((labels, value) =>
          labelNames.length ? this.set(labels, value) : this.set(value),
        );
      },
    });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.http.labels({ method, route, status: String(status) });
      this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  voteReceived(): void {
    this.votesReceived.inc();
  }

  /** The answer to one vote: `kind` is the batcher's outcome, or the refusal made before it. */
  voteAnswered(kind: string): void {
    let children = this.voteOutcome.get(kind);
    if (!children) {
      children = ACCEPTED.has(kind)
        ? [this.votes.labels(kind)]
        : [this.votes.labels('refused'), this.refusals.labels(kind)];
      this.voteOutcome.set(kind, children);
    }
    for (const c of children) c.inc();
  }

  voteBatch(size: number, ms: number): void {
    this.batchSize.observe(size);
    this.batchDuration.observe(ms / 1000);
  }

  tallyBroadcast(ms: number): void {
    this.broadcast.observe(ms / 1000);
  }

  uploadReceived(path: 'multipart' | 'tus', bytes: number): void {
    if (bytes > 0) this.uploadBytes.labels(path).inc(bytes);
  }

  uploadStored(path: 'multipart' | 'tus'): void {
    this.uploads.labels(path).inc();
  }

  uploadFailed(path: 'multipart' | 'tus', code: string): void {
    this.uploadFailures.labels(path, code).inc();
  }

  /** The text a scrape reads. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }
}
