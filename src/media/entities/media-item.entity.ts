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
import { User } from '../../users/entities/user.entity';

export enum MediaStatus {
  Uploading = 'uploading',
  Processing = 'processing',
  Ready = 'ready',
  Rejected = 'rejected',
  Failed = 'failed',
}

export type MediaVariant =
  'original' | 'thumb' | 'preview' | 'mobile' | 'poster' | 'page' | 'social' | PageVariant;
/**
 * The image of page n (2, 3, …) of a document; page 1 is `page`. Made for the first
 * MAX_PAGE_IMAGES pages only (`facts.pages` says how many the document has).
 */
export type PageVariant = `page-${number}`;
export const MAX_PAGE_IMAGES = 50;

/** The variant holding the image of page n (from 1). */
export function pageVariant(n: number): MediaVariant {
  return n === 1 ? 'page' : `page-${n}`;
}

/** Whether a name is the variant of a page image after the first (`page-2` … `page-50`). */
export function isPageVariant(name: string): name is PageVariant {
  const m = /^page-([1-9]\d{0,2})$/.exec(name);
  return !!m && Number(m[1]) >= 2 && Number(m[1]) <= MAX_PAGE_IMAGES;
}
/**
 * Versions made from a file: `social` is the 1200×630 JPEG that share previews (Zalo, Facebook)
 * expect, made when the entry is published.
 */
export const DERIVED_VARIANTS: MediaVariant[] = [
  'thumb',
  'preview',
  'mobile',
  'poster',
  'page',
  'social',
];

export interface Derivative {
  key: string;
  mime: string;
  size: number;
  width?: number;
  height?: number;
}

/** What processing learned from the content (never from the name). */
export interface MediaFacts {
  width?: number;
  height?: number;
  orientation?: 'portrait' | 'landscape' | 'square';
  durationSeconds?: number;
  container?: string;
  videoCodec?: string;
  audioCodec?: string;
  /** A document's page count. */
  pages?: number;
  /** How many of its pages were made into images (the first ones; fewer than `pages` when cut). */
  pageImages?: number;
}

export interface MediaReason {
  code: string;
  params?: Record<string, unknown>;
}

const bigint = {
  to: (v?: number | null) => v,
  from: (v?: string | null) => (v === null || v === undefined ? v : Number(v)),
};

/** One uploaded file of an entry, its checks and its derivatives. */
@Entity('media_items')
@Index('ix_media_items_entry', ['entryId', 'createdAt'])
@Index('ix_media_items_sha256', ['sha256'])
@Index('uq_media_items_tus_id', ['tusId'], { unique: true })
export class MediaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The entry this file belongs to (enforced by the entries feature). */
  @Column({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'varchar', length: 16, nullable: true })
  kind: 'video' | 'image' | 'audio' | 'document' | null;

  @Column({ type: 'varchar', length: 16 })
  status: MediaStatus;

  @Column({ type: 'jsonb', nullable: true })
  reason: MediaReason | null;

  /** Sanitized original name: shown and offered as download name, never used as a path. */
  @Column({ type: 'varchar', length: 300 })
  originalName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  declaredType: string | null;

  /** Detected from the content. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  mime: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  format: string | null;

  @Column({ type: 'bigint', transformer: bigint })
  sizeBytes: number;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** The resumable upload's id while it is being uploaded. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  tusId: string | null;

  @Column({ type: 'jsonb', default: {} })
  facts: MediaFacts;

  @Column({ type: 'jsonb', default: {} })
  derivatives: Partial<Record<MediaVariant, Derivative>>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
