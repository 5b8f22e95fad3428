import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Job, JobState } from './entities/job.entity';

/** TypeORM answers UPDATE ... RETURNING with [rows, affected] on PostgreSQL. */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]))
    return result[0] as T[];
  return result as T[];
}

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** The due jobs of queues $1 (at most $2, except `also`'s), locked for the claiming statement. */
const claimable = (also = '') => `SELECT id FROM jobs
           WHERE ${also}queue = ANY($1)
             AND ((state = 'queued' AND run_after <= now())
               OR (state = 'active' AND locked_until < now()))
           ORDER BY run_after
           LIMIT $2
           FOR UPDATE SKIP LOCKED`;

function claimed(result: unknown): ClaimedJob[] {
  const rows = returned<{
    id: string;
    queue: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>(result);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  }));
}

export interface JobCount {
  queue: string;
  state: JobState;
  count: number;
  oldestAgeSeconds: number;
  due: number;
  oldestDueAgeSeconds: number | null;
}

export interface JobRow {
  id: string;
  queue: string;
  state: JobState;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAfter: Date;
  createdAt: Date;
  updatedAt: Date;
}

const JOB_COLUMNS = `id, queue, state, payload, attempts, max_attempts AS "maxAttempts",
  last_error AS "lastError", run_after AS "runAfter", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enqueue(
    queue: string,
    payload: Record<string, unknown>,
    maxAttempts: number,
    manager?: EntityManager,
  ): Promise<string> {
    const repo = (manager ?? this.dataSource.manager).getRepository(Job);
    const job = await repo.save(repo.create({ queue, payload, maxAttempts, state: 'queued' }));
    return job.id;
  }

  /** Takes up to `limit` due jobs (or jobs whose worker's lease ran out) of the given queues. */
  async claim(queues: string[], limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
    if (!queues.length || limit <= 0) return [];
    const result: unknown = await this.dataSource.query(
      `UPDATE jobs SET state = 'active', attempts = attempts + 1,
              locked_until = now() + make_interval(secs => $3), updated_at = now()
        WHERE id IN (${claimable()})
        RETURNING id, queue, payload, attempts, max_attempts`,
      [queues, limit, leaseSeconds],
    );
    return claimed(result);
  }

  /**
   * Marks a job done and takes up to `limit` due jobs in the same statement (one round trip
   * where a worker would otherwise complete, then poll). The finished job is never taken again.
   */
  async completeAndClaim(
    id: string,
    queues: string[],
    limit: number,
    leaseSeconds: number,
  ): Promise<ClaimedJob[]> {
    if (!queues.length || limit <= 0) {
      await this.complete(id);
      return [];
    }
    const result: unknown = await this.dataSource.query(
      `WITH finished AS (
         UPDATE jobs SET state = 'done', locked_until = NULL, last_error = NULL, updated_at = now()
          WHERE id = $4)
       UPDATE jobs SET state = 'active', attempts = attempts + 1,
              locked_until = now() + make_interval(secs => $3), updated_at = now()
        WHERE id IN (${claimable('id <> $4 AND ')})
        RETURNING id, queue, payload, attempts, max_attempts`,
      [queues, limit, leaseSeconds, id],
    );
    return claimed(result);
  }

  async extendLease(id: string, leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET locked_until = now() + make_interval(secs => $2) WHERE id = $1 AND state = 'active'`,
      [id, leaseSeconds],
    );
  }

  async complete(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET state = 'done', locked_until = NULL, last_error = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** A failed attempt: back to the queue after a delay, or dead when attempts are used up. */
  async fail(id: string, error: string, retryDelaySeconds: number): Promise<'queued' | 'dead'> {
    const result: unknown = await this.dataSource.query(
      `UPDATE jobs SET
          state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
          run_after = now() + make_interval(secs => $3),
          locked_until = NULL, last_error = $2, updated_at = now()
        WHERE id = $1 RETURNING state`,
      [id, error.slice(0, 4000), retryDelaySeconds],
    );
    return returned<{ state: 'queued' | 'dead' }>(result)[0]?.state ?? 'dead';
  }

  /** Puts a job back without counting the attempt (a dependency such as ffmpeg is missing). */
  async defer(id: string, delaySeconds: number, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET state = 'queued', attempts = GREATEST(attempts - 1, 0),
              run_after = now() + make_interval(secs => $2), locked_until = NULL,
              last_error = $3, updated_at = now()
        WHERE id = $1`,
      [id, delaySeconds, reason],
    );
  }

  /** Removes finished jobs older than the given age (dead jobs are kept for inspection). */
  async purgeDone(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM jobs WHERE state = 'done' AND updated_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
  }

  /** Jobs by queue and state, with the age of the oldest and, when queued, of the oldest due. */
  async counts(): Promise<{ at: Date; counts: JobCount[] }> {
    const rows = await this.dataSource.query<(JobCount & { at: Date })[]>(
      `SELECT now() AS at, queue, state, count(*)::int AS count,
              round(extract(epoch FROM now() - min(created_at)))::int AS "oldestAgeSeconds",
              (count(*) FILTER (WHERE state = 'queued' AND run_after <= now()))::int AS due,
              round(extract(epoch FROM now() - min(run_after)
                FILTER (WHERE state = 'queued' AND run_after <= now())))::int AS "oldestDueAgeSeconds"
         FROM jobs GROUP BY queue, state ORDER BY queue, state`,
    );
    const at =
      rows[0]?.at ?? (await this.dataSource.query<{ at: Date }[]>('SELECT now() AS at'))[0].at;
    return { at, counts: rows.map(({ at: _at, ...c }) => c) };
  }

  /** Jobs in one state, the most recently changed first; `after` is the last id of a page. */
  list(
    state: JobState,
    queue: string | undefined,
    limit: number,
    after?: string,
  ): Promise<JobRow[]> {
    return this.dataSource.query<JobRow[]>(
      `SELECT ${JOB_COLUMNS} FROM jobs
        WHERE state = $1 AND ($2::text IS NULL OR queue = $2)
          AND ($4::uuid IS NULL OR (updated_at, id) <
               (SELECT updated_at, id FROM jobs WHERE id = $4))
        ORDER BY updated_at DESC, id DESC
        LIMIT $3`,
      [state, queue ?? null, limit, after ?? null],
    );
  }

  async find(id: string): Promise<JobRow | null> {
    const rows = await this.dataSource.query<JobRow[]>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Dead jobs (one, or all of a queue or of every queue) back to the queue with their attempts
   * counted from zero; their last error is kept until they run. Returns the ids retried.
   */
  async retryDead(filter: { id?: string; queue?: string }): Promise<string[]> {
    const result: unknown = await this.dataSource.query(
      `UPDATE jobs SET state = 'queued', attempts = 0, run_after = now(), locked_until = NULL,
              updated_at = now()
        WHERE state = 'dead' AND ($1::uuid IS NULL OR id = $1)
          AND ($2::text IS NULL OR queue = $2)
        RETURNING id`,
      [filter.id ?? null, filter.queue ?? null],
    );
    return returned<{ id: string }>(result).map((r) => r.id);
  }

  /** Removes dead jobs (one, or all of a queue or of every queue). Returns the ids removed. */
  async discardDead(filter: { id?: string; queue?: string }): Promise<string[]> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM jobs WHERE state = 'dead' AND ($1::uuid IS NULL OR id = $1)
          AND ($2::text IS NULL OR queue = $2)
        RETURNING id`,
      [filter.id ?? null, filter.queue ?? null],
    );
    return returned<{ id: string }>(result).map((r) => r.id);
  }
}
