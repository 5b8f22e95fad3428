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
import { Category } from '../../contests/entities/category.entity';
import { Round } from '../../contests/entities/round.entity';
import type { Criterion } from '../scoring';

/** The criteria of one round, for one category (or every category when categoryId is null). */
@Entity('judging_rubrics')
@Index('ix_judging_rubrics_round', ['roundId', 'categoryId'])
export class Rubric {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'category_id' })
  category?: Category | null;

  @Column({ type: 'jsonb' })
  criteria: Criterion[];

  /** 1, then +1 for each change. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
