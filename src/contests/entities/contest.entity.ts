import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export enum ContestStatus {
  Draft = 'draft',
  Open = 'open',
  Judging = 'judging',
  Closed = 'closed',
  Published = 'published',
}

export interface PrizeTiers {
  first: number;
  second: number;
  third: number;
  consolation: number;
}

/** Settings the judging and voting features read. */
export interface ContestSettings {
  /** Judges see nothing that names authors, units or contact people. */
  blindJudging: boolean;
  /** Weights of the jury and public scores in the final result, summing to 100. */
  juryWeight: number;
  publicWeight: number;
  prizeTiers: PrizeTiers;
}

@Entity('contests')
@Index('uq_contests_slug', ['slug'], { unique: true })
export class Contest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** URL name: lower-case ascii, digits and dashes. */
  @Column({ type: 'varchar', length: 120 })
  slug: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** IANA time zone in which times are entered and shown. */
  @Column({ type: 'varchar', length: 64, default: 'Asia/Ho_Chi_Minh' })
  timeZone: string;

  @Column({
    type: 'enum',
    enum: ContestStatus,
    enumName: 'contest_status',
    default: ContestStatus.Draft,
  })
  status: ContestStatus;

  @Column({ type: 'jsonb' })
  settings: ContestSettings;

  /** The union unit running the contest (its subtree may take part). */
  @Column({ type: 'uuid', nullable: true })
  ownerUnitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  revision: number;
}
