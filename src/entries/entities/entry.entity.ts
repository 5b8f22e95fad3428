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
import { Contest } from '../../contests/entities/contest.entity';
import { Round } from '../../contests/entities/round.entity';
import { OrgUnit } from '../../org-units/entities/org-unit.entity';
import { User } from '../../users/entities/user.entity';
import { EntryStatus } from '../entry-state-machine';

export enum AuthorType {
  Collective = 'collective',
  Individual = 'individual',
}

export interface EntryMember {
  name: string;
  role?: string | null;
}

/**
 * A bài dự thi. Editable while a draft; submitting freezes a version (EntryVersion) which is
 * what judges and the public read.
 */
@Entity('entries')
@Index('uq_entries_public_id', ['publicId'], { unique: true })
@Index('ix_entries_contest_status_submitted', ['contestId', 'status', 'submittedAt', 'id'])
@Index('ix_entries_contest_created', ['contestId', 'createdAt', 'id'])
@Index('ix_entries_contest_submitted', ['contestId', 'submittedAt', 'id'])
@Index('ix_entries_contest_updated', ['contestId', 'updatedAt', 'id'])
@Index('ix_entries_contest_title', ['contestId', 'title', 'id'])
@Index('ix_entries_contest_category_unit', ['contestId', 'categoryId', 'unitId', 'status'])
@Index('ix_entries_unit', ['unitId'])
@Index('ix_entries_current_round', ['currentRoundId'])
/** GIN over to_tsvector('simple', search_text), created by hand in the migration. */
@Index('ix_entries_search', { synchronize: false })
export class Entry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @Column({ type: 'uuid' })
  categoryId: string;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  /** The union unit the entry comes from. */
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit;

  /** The unit's name when the draft was created. */
  @Column({ type: 'varchar', length: 300 })
  unitNameAtCreation: string;

  /** The unit's name as it was at submission (units are renamed and merged later). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  unitNameAtSubmission: string | null;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'enum', enum: AuthorType, enumName: 'entry_author_type' })
  authorType: AuthorType;

  @Column({ type: 'jsonb' })
  members: EntryMember[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'enum', enum: EntryStatus, enumName: 'entry_status', default: EntryStatus.Draft })
  status: EntryStatus;

  @Column({ type: 'uuid', nullable: true })
  currentRoundId: string | null;

  @ManyToOne(() => Round, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'current_round_id' })
  currentRound?: Round | null;

  /** Number of the last frozen version (0 = never submitted). */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  disqualificationReason: string | null;

  /** Why screening returned the entry to its contestant (kept until it is submitted again). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  returnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Short random slug of the public page (/p/:publicId), stable once set. */
  @Column({ type: 'varchar', length: 16 })
  publicId: string;

  /** Folded (lower case, no diacritics) title, summary, unit name and members. */
  @Column({ type: 'text', default: '' })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
