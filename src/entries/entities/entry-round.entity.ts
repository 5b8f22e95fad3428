import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Round } from '../../contests/entities/round.entity';
import { Entry } from './entry.entity';

export enum EntryRoundStatus {
  /** In the round now. */
  Active = 'active',
  /** Forwarded from this round to the next. */
  Advanced = 'advanced',
  /** Stopped at this round. */
  Eliminated = 'eliminated',
}

export enum EntryRoundSource {
  Submission = 'submission',
  Manual = 'manual',
  TopN = 'top_n',
}

/** An entry's passage through one round; the rows of an entry are its history across rounds. */
@Entity('entry_rounds')
@Index('uq_entry_rounds', ['entryId', 'roundId'], { unique: true })
@Index('ix_entry_rounds_round', ['roundId', 'status'])
export class EntryRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Entry;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({
    type: 'enum',
    enum: EntryRoundStatus,
    enumName: 'entry_round_status',
    default: EntryRoundStatus.Active,
  })
  status: EntryRoundStatus;

  /** How the entry came into this round. */
  @Column({ type: 'varchar', length: 20 })
  source: EntryRoundSource;

  /** Who decided the outcome of this round for the entry, and when. */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
