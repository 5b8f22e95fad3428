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
import { Contest } from './contest.entity';

export enum EntrantType {
  Collective = 'collective',
  Individual = 'individual',
  Both = 'both',
}

export enum MediaKind {
  Video = 'video',
  Image = 'image',
  Audio = 'audio',
  Document = 'document',
}

/** What the media feature enforces for a category's entries. */
export interface MediaRules {
  kinds: MediaKind[];
  minCount: number;
  maxCount: number;
  maxSizeBytes: number;
  /** Clips and audio, in seconds. */
  minDurationSeconds?: number | null;
  maxDurationSeconds?: number | null;
  /** Clips and images: the shorter side, in pixels (720 = 720p). */
  minResolution?: number | null;
  /** Clips: require landscape. */
  landscapeOnly?: boolean;
}

export interface CategoryRules {
  entrants: EntrantType;
  /** How many entries one unit may submit in this category. */
  maxEntriesPerUnit: number;
  /** Entry fields that must be filled before submission (beyond title, e.g. summary, contact). */
  requiredFields: string[];
  media: MediaRules;
}

@Entity('contest_categories')
@Index('uq_contest_categories_code', ['contestId', 'code'], { unique: true })
export class Category {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  /** Short code unique in the contest (e.g. "GP", "TT"). */
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb' })
  rules: CategoryRules;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
