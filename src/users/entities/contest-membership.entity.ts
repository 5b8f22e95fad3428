import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from './user.entity';
import { Contest } from '../../contests/entities/contest.entity';

export enum ContestRole {
  Organizer = 'organizer',
  Judge = 'judge',
  Contestant = 'contestant',
}

/**
 * A user's role in one contest. A user may hold several roles in one contest (an organizer who
 * also judges) but each role once.
 */
@Entity('contest_memberships')
@Index('uq_contest_memberships', ['contestId', 'userId', 'role'], { unique: true })
@Index('ix_contest_memberships_user', ['userId'])
export class ContestMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'enum', enum: ContestRole, enumName: 'contest_role' })
  role: ContestRole;

  /** Judges and organizers may be limited to some categories; null means all. */
  @Column({ type: 'uuid', array: true, nullable: true })
  categoryIds: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
