import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { translate } from '../common/i18n/i18n';
import type { JobState } from './entities/job.entity';
import { JobCount, JobRow, JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import './messages';

export interface JobFilter {
  queue?: string;
}

/**
 * What an operator does with the queue: the jobs by state and age, the dead jobs with their last
 * error, and retrying or discarding them (audited). A retried job starts over with its full
 * number of attempts; its handler takes up the work where its subject was left.
 */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly repository: JobsRepository,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  async summary(): Promise<{ at: Date; counts: JobCount[] }> {
    return this.repository.counts();
  }

  list(state: JobState, filter: JobFilter, limit: number, after?: string): Promise<JobRow[]> {
    return this.repository.list(state, filter.queue, limit, after);
  }

  private async dead(id: string): Promise<JobRow> {
    const job = await this.repository.find(id);
    if (!job) throw AppError.notFound('jobs.not_found');
    if (job.state !== 'dead') throw AppError.conflict('jobs.not_dead', { state: job.state });
    return job;
  }

  async retry(id: string, actorId: string | null): Promise<void> {
    const job = await this.dead(id);
    const ids = await this.repository.retryDead({ id });
    if (!ids.length) return this.retry(id, actorId);
    await this.record('jobs.retried', job, actorId);
    this.jobs.poke();
  }

  async discard(id: string, actorId: string | null): Promise<void> {
    const job = await this.dead(id);
    const ids = await this.repository.discardDead({ id });
    if (!ids.length) return this.discard(id, actorId);
    await this.record('jobs.discarded', job, actorId);
  }

  /** Every dead job (of one queue): back to the queue. */
  async retryAll(filter: JobFilter, actorId: string | null): Promise<number> {
    const ids = await this.repository.retryDead(filter);
    for (const id of ids)
      await this.audit.record({
        actorId,
        action: 'jobs.retried',
        subjectType: 'job',
        subjectId: id,
      });
    if (ids.length) this.jobs.poke();
    return ids.length;
  }

  async discardAll(filter: JobFilter, actorId: string | null): Promise<number> {
    const ids = await this.repository.discardDead(filter);
    for (const id of ids)
      await this.audit.record({
        actorId,
        action: 'jobs.discarded',
        subjectType: 'job',
        subjectId: id,
      });
    return ids.length;
  }

  private record(action: string, job: JobRow, actorId: string | null) {
    return this.audit.record({
      actorId,
      action,
      subjectType: 'job',
      subjectId: job.id,
      before: {
        queue: job.queue,
        state: job.state,
        attempts: job.attempts,
        lastError: job.lastError,
      },
    });
  }
}

/** A state's name in the reader's language (for the command line). */
export const stateName = (state: JobState, locale: 'vi' | 'en') =>
  translate(`jobs.state.${state}`, locale);
