import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Round } from '../../contests/entities/round.entity';
import { Entry } from './entry.entity';

/**
 * A round's fixed result: each entry's rank (1 = best) in its group — its category, and the unit
 * of the round's scope when the round is scoped by unit — by the combined score of the jury and
 * the public vote; entries that nothing but their id separates share a rank. Judging fills it
 * when it fixes the results; advancement reads it.
 */
@Entity('round_rankings')
@Index('ix_round_rankings_rank', ['roundId', 'rank'])
export class RoundRanking {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Entry;

  /** Rank in the group (category × scope unit). */
  @Column({ type: 'integer' })
  rank: number;

  /** The combined score the rank comes from (the jury's alone without a public vote). */
  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true })
  score: string | null;

  /** The entry's category when the results were fixed. */
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  /** The unit of the round's scope the entry was ranked under (null: the round is not scoped). */
  @Column({ type: 'uuid', nullable: true })
  scopeUnitId: string | null;

  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true })
  juryScore: string | null;

  /** Rank in the group by the jury alone. */
  @Column({ type: 'integer', nullable: true })
  juryRank: number | null;

  /** Counted public votes used (null: the round had no public vote). */
  @Column({ type: 'integer', nullable: true })
  publicVotes: number | null;

  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true })
  publicScore: string | null;
}
