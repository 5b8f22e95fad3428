import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsVnPhone } from '../../common/validation/phone';
import { MultiLineText, PlainText, SingleLineText } from '../../common/validation/text';
import { SORT_VALUES } from '../entry-list.query';
import { EntryStatus } from '../entry-state-machine';
import { AuthorType } from '../entities/entry.entity';

export class EntryMemberDto {
  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @SingleLineText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, example: 'Chi hội trưởng', nullable: true })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MaxLength(200)
  role?: string | null;
}

class EntryFieldsDto {
  @ApiPropertyOptional({ enum: AuthorType, enumName: 'AuthorType' })
  @IsOptional()
  @IsEnum(AuthorType)
  authorType?: AuthorType;

  @ApiPropertyOptional({ type: [EntryMemberDto], description: 'Named members of a collective' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EntryMemberDto)
  members?: EntryMemberDto[];

  @ApiPropertyOptional({ type: String, example: 'Trần Thị Mai', nullable: true })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: '0912 345 678', nullable: true })
  @IsOptional()
  @IsString()
  @IsVnPhone()
  @PlainText()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'mai@example.vn', nullable: true })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  @SingleLineText()
  contactEmail?: string | null;

  @ApiPropertyOptional({ example: 'Sinh hoạt chi hội qua nhóm Zalo' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(20000)
  summary?: string;
}

export class CreateEntryDto extends EntryFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId: string;

  @ApiProperty({ enum: AuthorType, enumName: 'AuthorType' })
  @IsEnum(AuthorType)
  declare authorType: AuthorType;

  @ApiProperty({ example: 'Chuyển đổi số trong sinh hoạt chi hội Phú Yên' })
  @SingleLineText()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;
}

export class UpdateEntryDto extends EntryFieldsDto {
  @ApiPropertyOptional({ example: 'Chuyển đổi số trong sinh hoạt chi hội Phú Yên' })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;
}

export class ScreenEntryDto {
  @ApiProperty({
    enum: ['eligible', 'disqualified', 'returned'],
    description:
      'returned: back to the contestant as a draft with the reason, to complete and submit ' +
      'again while submissions are open',
  })
  @IsIn(['eligible', 'disqualified', 'returned'])
  decision: 'eligible' | 'disqualified' | 'returned';

  @ApiPropertyOptional({
    description: 'Required to disqualify or return, and with override',
    example: 'Sao chép bài của đơn vị khác',
  })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({
    description:
      "Act although the entry's round is not open or its time has not come or has passed " +
      '(organizers; needs a reason; recorded in the audit log as entry.round_override)',
  })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class BulkScreenEntriesDto extends ScreenEntryDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 500,
    description: 'Entries of the contest to screen with the same decision (and reason)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  entryIds: string[];
}

export class AwardEntryDto {
  @ApiPropertyOptional({ example: 'Giải Nhất' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    description:
      "Act although the entry's round is not open or its time has not come or has passed " +
      '(organizers; needs a reason; recorded in the audit log as entry.round_override)',
  })
  @IsOptional()
  @IsBoolean()
  override?: boolean;
}

export class AdvanceEntriesDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Picked by hand' })
  @ValidateIf((o: AdvanceEntriesDto) => o.topNPerUnit === undefined)
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  entryIds?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    description:
      "The best N of each category (within each unit at the round's scope depth when the round is scoped), by the round's fixed result; entries tied at the cut go together",
  })
  @ValidateIf((o: AdvanceEntriesDto) => o.entryIds === undefined)
  @IsInt()
  @Min(1)
  @Max(1000)
  topNPerUnit?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Close the advancement: the other eligible entries of the round are eliminated',
  })
  @IsOptional()
  @IsBoolean()
  eliminateOthers?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Advance although the round was never opened, has not reached its opening time, or the next round is closed or over (audited; a reason is required)',
  })
  @IsOptional()
  @IsBoolean()
  override?: boolean;

  @ApiPropertyOptional({ description: 'Why (required with override); recorded in the audit log' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class PublishEntriesDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Entries to publish; all publishable entries of the contest when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  entryIds?: string[];
}

const toBool = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
const toInt = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );

export class ListEntriesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries that are or were in this round' })
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: "With unitId: the unit's whole subtree" })
  @IsOptional()
  @toBool()
  @IsBoolean()
  subtree?: boolean;

  @ApiPropertyOptional({ enum: EntryStatus, enumName: 'EntryStatus' })
  @IsOptional()
  @IsEnum(EntryStatus)
  status?: EntryStatus;

  @ApiPropertyOptional({
    description: 'Words to find, with or without diacritics, any case (prefix match on each word)',
    example: 'phu yen',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @PlainText()
  q?: string;

  @ApiPropertyOptional({
    enum: SORT_VALUES,
    default: '-createdAt',
    description: '"-" for descending',
  })
  @IsOptional()
  @IsIn(SORT_VALUES)
  sort?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @PlainText()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
