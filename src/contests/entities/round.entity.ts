import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Contest } from './contest.entity';

export enum RoundKind {
  Submission = 'submission',
  Screening = 'screening',
  Judging = 'judging',
  PublicVote = 'public_vote',
  Final = 'final',
}

export enum RoundStatus {
  Pending = 'pending',
  Open = 'open',
  Closed = 'closed',
}

/**
 * A stage of the contest. Its scope is a level of the unit tree: a round scoped to depth 1
 * runs once per commune (entries grouped by their commune), one scoped to depth 0 once for
 * the province. Times are stored in UTC, entered and shown in the contest's time zone.
 */
@Entity('contest_rounds')
@Index('uq_contest_rounds_position', ['contestId', 'position'], { unique: true })
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  /** Order in the contest, from 1. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  kind: RoundKind;

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  /** Late submissions are accepted this long after closesAt (0 = none). */
  @Column({ type: 'integer', default: 0 })
  graceSeconds: number;

  /** Root of the round's scope in the unit tree (null = the contest's owner unit). */
  @Column({ type: 'uuid', nullable: true })
  scopeUnitId: string | null;

  /** Depth in the unit tree at which entries are grouped ("each commune" = commune depth). */
  @Column({ type: 'integer', nullable: true })
  scopeDepth: number | null;

  @Column({
    type: 'enum',
    enum: RoundStatus,
    enumName: 'round_status',
    default: RoundStatus.Pending,
  })
  status: RoundStatus;

  /** Set when the round's ranking is fixed (judging closes it). */
  @Column({ type: 'timestamptz', nullable: true })
  resultsFixedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
