import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Round } from '../../contests/entities/round.entity';
import { Entry } from './entry.entity';

/** A round's result: the rank of each entry (1 = best). Judging fills it; advancement reads it. */
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

  @Column({ type: 'integer' })
  rank: number;

  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true })
  score: string | null;

  /** The entry's category when the results were fixed. */
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  /** The unit of the round's scope the entry was ranked under (null: the round is not scoped). */
  @Column({ type: 'uuid', nullable: true })
  scopeUnitId: string | null;
}
