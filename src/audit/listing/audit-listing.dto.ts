import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { WithinContestYears } from '../../common/validation/dates';
import { PlainText } from '../../common/validation/text';
import type { AuditListRow } from './audit-listing.repository';

const queryInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );

export class ListAuditQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "One contest's records (organizers of it); without it, anyone but an administrator sees only their own actions",
  })
  @IsOptional()
  @IsUUID()
  contestId?: string;

  @ApiPropertyOptional({
    example: 'contest.',
    description: 'An action ("contest.member_added"), or a prefix ending in a dot ("contest.")',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}(\.([a-z_]{1,40}(\.)?)?)?$/, { context: { code: 'audit.action_format' } })
  @PlainText()
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this account did' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    example: 'org_unit',
    description: 'Kind of subject (contest, entry, org_unit, …)',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { context: { code: 'audit.subject_type_format' } })
  @PlainText()
  subjectType?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this time on' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  to?: Date;

  @ApiPropertyOptional({ description: 'Cursor: nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { context: { code: 'audit.invalid_cursor' } })
  @PlainText()
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @queryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditRecordView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The actor’s name; null for the system',
  })
  actorName: string | null;
  @ApiProperty({ example: 'contest.member_added' }) action: string;
  @ApiProperty({ example: 'contest' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contestId: string | null;
  @ApiProperty({ nullable: true, type: String }) contestTitle: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;

  static of(r: AuditListRow): AuditRecordView {
    return { ...r, at: r.at.toISOString() };
  }
}

export class AuditPage {
  @ApiProperty({ type: [AuditRecordView] }) items: AuditRecordView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for older records' })
  nextCursor: string | null;
}
