import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Entry } from './entry.entity';

/** What was submitted, frozen: judges and the public read this, never the live draft. */
export interface EntrySnapshot {
  title: string;
  summary: string;
  categoryId: string;
  authorType: string;
  members: { name: string; role?: string | null }[];
  unitId: string;
  unitName: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

@Entity('entry_versions')
@Index('uq_entry_versions', ['entryId', 'version'], { unique: true })
export class EntryVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Entry;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: EntrySnapshot;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
