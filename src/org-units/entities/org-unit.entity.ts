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

export enum OrgUnitStatus {
  Active = 'active',
  /** Merged into another unit (mergedIntoId); kept for history and for entries submitted under it. */
  Merged = 'merged',
  Dissolved = 'dissolved',
}

/**
 * A union unit in a tree of any depth. `path` is the chain of ids from the root, each followed
 * by '/', so "everything under X" is one indexed prefix match.
 */
@Entity('org_units')
@Index('uq_org_units_code', ['code'], { unique: true })
@Index('ix_org_units_parent', ['parentId'])
@Index('ix_org_units_path', { synchronize: false })
@Index('ix_org_units_merged_into', ['mergedIntoId'])
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** Lower-case, no diacritics: what search compares against. */
  @Column({ type: 'varchar', length: 300 })
  nameSearch: string;

  /** Level label as the union writes it: "Tỉnh", "Huyện", "Xã", "Chi hội"… (not fixed). */
  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnit | null;

  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  @Column({
    type: 'enum',
    enum: OrgUnitStatus,
    enumName: 'org_unit_status',
    default: OrgUnitStatus.Active,
  })
  status: OrgUnitStatus;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: OrgUnit | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
