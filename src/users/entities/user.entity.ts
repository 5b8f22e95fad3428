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
import { OrgUnit } from '../../org-units/entities/org-unit.entity';

/** What kind of account this is; contest-scoped roles live in ContestMembership. */
export enum UserRole {
  Admin = 'admin',
  Organizer = 'organizer',
  Judge = 'judge',
  Contestant = 'contestant',
}

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
}

@Entity('users')
@Index('uq_users_email', ['email'], {
  unique: true,
  where: 'email IS NOT NULL AND deleted_at IS NULL',
})
@Index('uq_users_phone', ['phone'], {
  unique: true,
  where: 'phone IS NOT NULL AND deleted_at IS NULL',
})
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-cased, NFC. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** E.164 (`+84912345678`). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Column({ type: 'enum', enum: UserStatus, enumName: 'user_status', default: UserStatus.Active })
  status: UserStatus;

  @Column({ type: 'uuid', nullable: true })
  @Index('ix_users_unit')
  unitId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit | null;

  /** Raised to revoke every access token at once (logout everywhere, password change). */
  @Column({ type: 'integer', default: 0 })
  sessionVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
