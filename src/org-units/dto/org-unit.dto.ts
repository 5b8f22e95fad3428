import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PlainText, SingleLineText } from '../../common/validation/text';
import { OrgUnit, OrgUnitStatus } from '../entities/org-unit.entity';
import { OrgUnitEvent, OrgUnitEventType } from '../entities/org-unit-event.entity';

/** Codes are trimmed and upper-cased, then only A-Z, 0-9, '.', '_' and '-' are allowed. */
export const UNIT_CODE_RULE = /^[A-Z0-9._-]{1,50}$/;

export const normalizeUnitCode = (value: string): string =>
  value.normalize('NFC').trim().toUpperCase();

const UnitCode = () =>
  Transform(({ value }) => (typeof value === 'string' ? normalizeUnitCode(value) : value));

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const queryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

const queryInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'DLK.BMT', description: 'Unique; upper-cased; A-Z 0-9 . _ -' })
  @UnitCode()
  @IsString()
  @Matches(UNIT_CODE_RULE, { context: { code: 'org_units.code_format' } })
  @PlainText()
  code: string;

  @ApiProperty({ example: 'Hội LHPN phường Buôn Ma Thuột' })
  @SingleLineText()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'Xã', description: 'Level label: "Tỉnh", "Xã", "Phường", "Chi hội"…' })
  @SingleLineText()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  kind: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Omit for a root unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class RenameOrgUnitDto {
  @ApiProperty({ example: 'Hội LHPN phường Tân An' })
  @SingleLineText()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'Phường', description: 'New level label, if it changes too' })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  kind?: string;

  @ApiPropertyOptional({
    example: '2025-07-01',
    description: 'When it took effect (default today)',
  })
  @IsOptional()
  @Matches(DATE_ONLY, { context: { code: 'org_units.date_format' } })
  @PlainText()
  effectiveOn?: string;
}

export class RecodeOrgUnitDto {
  @ApiProperty({ example: 'DLK.TA' })
  @UnitCode()
  @IsString()
  @Matches(UNIT_CODE_RULE, { context: { code: 'org_units.code_format' } })
  @PlainText()
  code: string;

  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { context: { code: 'org_units.date_format' } })
  @PlainText()
  effectiveOn?: string;
}

export class MoveOrgUnitDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The new parent; null makes the unit a root',
  })
  @ValidateIf((o: MoveOrgUnitDto) => o.parentId !== null)
  @IsUUID()
  parentId: string | null;

  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { context: { code: 'org_units.date_format' } })
  @PlainText()
  effectiveOn?: string;
}

export class MergeOrgUnitsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Units merged into the target' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sourceIds: string[];

  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { context: { code: 'org_units.date_format' } })
  @PlainText()
  effectiveOn?: string;
}

export class DissolveOrgUnitDto {
  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { context: { code: 'org_units.date_format' } })
  @PlainText()
  effectiveOn?: string;
}

export class ListOrgUnitsQuery {
  @ApiPropertyOptional({
    example: 'phu yen',
    description: 'Part of the name, with or without diacritics, any case; or a code prefix',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @PlainText()
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only direct children of this unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ default: false, description: 'Include merged and dissolved units' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean()
  includeHistorical?: boolean;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @PlainText()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @queryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ChildrenQuery {
  @ApiPropertyOptional({ default: false, description: 'Include merged and dissolved children' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean()
  includeHistorical?: boolean;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @PlainText()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @queryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class SubtreeQuery {
  @ApiPropertyOptional({
    default: false,
    description:
      'Also merged and dissolved units that were under the unit, and units merged into any unit of the subtree',
  })
  @IsOptional()
  @queryBoolean()
  @IsBoolean()
  includeHistorical?: boolean;
}

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Cursor: the last event id of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  @PlainText()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @queryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check and report without writing' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class OrgUnitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DLK.BMT' }) code: string;
  @ApiProperty({ example: 'Hội LHPN phường Buôn Ma Thuột' }) name: string;
  @ApiProperty({ example: 'Phường' }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ description: '0 for a root' }) depth: number;
  @ApiProperty({ enum: OrgUnitStatus, enumName: 'OrgUnitStatus' }) status: OrgUnitStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) mergedIntoId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(u: OrgUnit): OrgUnitView {
    return {
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parentId,
      depth: u.depth,
      status: u.status,
      mergedIntoId: u.mergedIntoId,
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    };
  }
}

export class OrgUnitDetailView extends OrgUnitView {
  @ApiProperty({ type: [OrgUnitView], description: 'From the root down to the parent' })
  ancestors: OrgUnitView[];
}

export class OrgUnitPage {
  @ApiProperty({ type: [OrgUnitView] }) items: OrgUnitView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

export class OrgUnitSubtreeView {
  @ApiProperty({ format: 'uuid' }) rootId: string;
  @ApiProperty() includeHistorical: boolean;
  @ApiProperty() count: number;
  @ApiProperty({ type: [OrgUnitView], description: 'The root first, then by depth and name' })
  items: OrgUnitView[];
}

export class OrgUnitEventView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ enum: OrgUnitEventType, enumName: 'OrgUnitEventType' }) type: OrgUnitEventType;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-07-01' }) effectiveOn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty() at: string;

  static of(e: OrgUnitEvent): OrgUnitEventView {
    return {
      id: e.id,
      unitId: e.unitId,
      type: e.type,
      before: e.before,
      after: e.after,
      effectiveOn: e.effectiveOn,
      actorId: e.actorId,
      at: e.at.toISOString(),
    };
  }
}

export class OrgUnitHistoryPage {
  @ApiProperty({ type: [OrgUnitEventView] }) items: OrgUnitEventView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' })
  nextCursor: string | null;
}

export class MergeResultView {
  @ApiProperty({ type: OrgUnitView }) target: OrgUnitView;
  @ApiProperty({ type: [OrgUnitView] }) merged: OrgUnitView[];
  @ApiProperty({ description: 'Active sub-units moved under the target' }) movedChildren: number;
}

export class ImportRowView {
  @ApiProperty({ description: 'Row number in the file (the header is row 1)' }) rowNumber: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'The parent after the import' })
  parentCode: string | null;
  @ApiProperty({ enum: ['create', 'update', 'unchanged'] }) action:
    'create' | 'update' | 'unchanged';
}

export class ImportReportView {
  @ApiProperty({
    type: [ImportRowView],
    description: 'What happens to each row (the first 1000), in file order',
  })
  items: ImportRowView[];
  @ApiProperty() dryRun: boolean;
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
}
