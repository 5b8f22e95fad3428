import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ContestRole } from '../../users/entities/contest-membership.entity';
import { Contest } from './contest.entity';

/**
 * An invitation to judge or co-organize one contest, sent by phone or email with a code. The
 * code is kept only as its SHA-256; the person it was sent to (same phone or email on their
 * account) redeems it once, before it expires, and becomes a member.
 */
@Entity('contest_invitations')
@Index('uq_contest_invitations_code', ['codeHash'], { unique: true })
@Index('ix_contest_invitations_contest', ['contestId', 'createdAt'])
export class ContestInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'enum', enum: ContestRole, enumName: 'contest_role' })
  role: ContestRole;

  /** E.164 */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  /** Lower case */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'uuid', array: true, nullable: true })
  categoryIds: string[] | null;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
