import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Round } from '../../contests/entities/round.entity';
import { AggregationMethod } from '../aggregation';
import { TieBreak } from '../ranking';
import type { PublicVoteSession } from '../public-score.source';

/** The public vote a round's fixed results used: weights applied and the sessions counted. */
export interface PublicVoteSnapshot {
  juryWeight: number;
  publicWeight: number;
  /** When the votes were counted. */
  readAt: string;
  sessions: PublicVoteSession[];
}

/** How one round is judged: quorum, aggregation, tie-breaks; and when its results were published. */
@Entity('judging_rounds')
export class JudgingRound {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @OneToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  /** Judges per entry. */
  @Column({ type: 'integer', default: 3 })
  quorum: number;

  @Column({ type: 'varchar', length: 20, default: AggregationMethod.Mean })
  method: AggregationMethod;

  /** Set from DEFAULT_TIE_BREAKS when the row is created. */
  @Column({ type: 'jsonb' })
  tieBreaks: TieBreak[];

  /** Seed of the assignment (reproducible). */
  @Column({ type: 'varchar', length: 64, default: '' })
  seed: string;

  @Column({ type: 'boolean', default: false })
  closedForced: boolean;

  /** Whether a judge may change a submitted sheet while the round is open. */
  @Column({ type: 'boolean', default: true })
  allowRevision: boolean;

  /**
   * Set when the results are fixed: the public vote they used (no session: `sessions` empty).
   * Null for rounds fixed before the public vote was part of the result.
   */
  @Column({ type: 'jsonb', nullable: true })
  publicVote: PublicVoteSnapshot | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
