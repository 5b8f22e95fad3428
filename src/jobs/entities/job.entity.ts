import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const JOB_STATES = ['queued', 'active', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * A durable background job. Workers claim due jobs with `FOR UPDATE SKIP LOCKED` and hold a
 * lease; a job whose worker died is claimed again when its lease runs out. After `maxAttempts`
 * failures it is kept in the dead state (the dead-letter) with its last error.
 */
@Entity('jobs')
@Index('ix_jobs_due', ['state', 'runAfter'])
export class Job {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  queue: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state: JobState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'integer', default: 3 })
  maxAttempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  runAfter: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
