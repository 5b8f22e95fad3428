import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OrgUnitEventType {
  Created = 'created',
  Renamed = 'renamed',
  Recoded = 'recoded',
  Moved = 'moved',
  Merged = 'merged',
  Absorbed = 'absorbed',
  Dissolved = 'dissolved',
  Imported = 'imported',
}

/** The history of a unit: every rename, move and merge with the state before and after. */
@Entity('org_unit_events')
@Index('ix_org_unit_events_unit', ['unitId', 'id'])
export class OrgUnitEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'enum', enum: OrgUnitEventType, enumName: 'org_unit_event_type' })
  type: OrgUnitEventType;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** When the change took effect in the real world (e.g. 2025-07-01 for the reform). */
  @Column({ type: 'date', nullable: true })
  effectiveOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
