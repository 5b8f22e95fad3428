import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One committed batch of votes in a session's hash chain: `hash` = SHA-256(prev_hash ‖ the
 * batch's votes in canonical order) (see chain.ts). Written by the same statement as the votes.
 */
@Entity('vote_batches')
@Index('uq_vote_batches_seq', ['sessionId', 'seq'], { unique: true })
export class VoteBatch {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ type: 'integer' })
  voteCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The latest batch of each session's chain; its row lock orders concurrent batches. */
@Entity('vote_chain_heads')
export class VoteChainHead {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'integer', default: 0 })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** The hash before the latest batch (written by the same update). */
  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
