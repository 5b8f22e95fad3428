import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum VoteFlagStatus {
  /** Stored, not in the public tally, waiting for an organizer. */
  Quarantined = 'quarantined',
  /** An organizer let it count. */
  Released = 'released',
  /** An organizer threw it out: it never counts. */
  Voided = 'voided',
}

/** A vote a fraud signal stopped: why, and what an organizer decided. */
@Entity('vote_flags')
@Index('ix_vote_flags_queue', ['sessionId', 'status', 'createdAt'])
export class VoteFlag {
  @PrimaryColumn({ type: 'uuid' })
  voteId: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'text', array: true })
  reasons: string[];

  @Column({
    type: 'enum',
    enum: VoteFlagStatus,
    enumName: 'vote_flag_status',
    default: VoteFlagStatus.Quarantined,
  })
  status: VoteFlagStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
