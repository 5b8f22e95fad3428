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
import { Entry } from '../../entries/entities/entry.entity';
import { User } from '../../users/entities/user.entity';

/** A judge assigned to score an entry in a round. Released assignments stay, inactive. */
@Entity('judging_assignments')
@Index('uq_judging_assignments', ['roundId', 'entryId', 'judgeId'], { unique: true })
@Index('ix_judging_assignments_judge', ['roundId', 'judgeId', 'active'])
export class Assignment {
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

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
