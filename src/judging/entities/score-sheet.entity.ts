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
import { Round } from '../../contests/entities/round.entity';
import { Entry } from '../../entries/entities/entry.entity';
import { User } from '../../users/entities/user.entity';

export enum SheetStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  /** Its assignment was released before submission (the judge left or recused). */
  Void = 'void',
}

/**
 * A phiếu chấm: one judge's scores of one entry in one round. Scores are exact decimals (two
 * places) stored as strings by criterion key; the total (0..100) is computed when submitted.
 */
@Entity('score_sheets')
@Index('uq_score_sheets', ['roundId', 'entryId', 'judgeId'], { unique: true })
@Index('ix_score_sheets_round_status', ['roundId', 'status'])
export class ScoreSheet {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Entry;

  @Column({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id' })
  judge?: User;

  @Column({ type: 'varchar', length: 12, default: SheetStatus.Draft })
  status: SheetStatus;

  /** criterion key → decimal string ("7.50"). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  scores: Record<string, string>;

  @Column({ type: 'text', default: '' })
  comment: string;

  /** criterion key → the judge's comment on it. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  criterionComments: Record<string, string>;

  @Column({ type: 'numeric', precision: 8, scale: 4, nullable: true })
  total: string | null;

  /** Score on the rubric's first criterion as a fraction of its maximum (for the tie-break). */
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  firstRatio: string | null;

  /** The rubric revision the scores were given against. */
  @Column({ type: 'integer', default: 1 })
  rubricRevision: number;

  /** Set when a rubric change reopened the sheet. */
  @Column({ type: 'boolean', default: false })
  reopened: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
