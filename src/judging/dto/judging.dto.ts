import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsISO8601,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MultiLineText, PlainText, SingleLineText } from '../../common/validation/text';
import { AggregationMethod } from '../aggregation';
import { DEFAULT_TIE_BREAKS, TieBreak } from '../ranking';

/** PUT: the round's judging settings as a whole; a field left out takes its default. */
export class JudgingSettingsDto {
  @ApiPropertyOptional({ description: 'Judges per entry', minimum: 1, maximum: 20, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  quorum?: number;

  @ApiPropertyOptional({
    enum: AggregationMethod,
    enumName: 'AggregationMethod',
    default: AggregationMethod.Mean,
  })
  @IsOptional()
  @IsEnum(AggregationMethod)
  method?: AggregationMethod;

  @ApiPropertyOptional({
    enum: TieBreak,
    enumName: 'TieBreak',
    isArray: true,
    default: [...DEFAULT_TIE_BREAKS],
    description: 'Applied in this order after the score; the entry id always decides last',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(TieBreak, { each: true })
  tieBreaks?: TieBreak[];

  @ApiPropertyOptional({
    default: true,
    description: 'Whether judges may change a submitted sheet while the round is open',
  })
  @IsOptional()
  @IsBoolean()
  allowRevision?: boolean;
}

export class CriterionDto {
  @ApiPropertyOptional({ description: 'Stable key (c1, c2, … when omitted)', example: 'noi-dung' })
  @IsOptional()
  @PlainText()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/)
  key?: string;

  @ApiProperty({ example: 'Nội dung, tính thiết thực' })
  @SingleLineText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Giải pháp phù hợp với sinh hoạt chi hội' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({
    description: 'Relative weight; weights sum to 100 or are normalized',
    example: 40,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight: number;

  @ApiProperty({ example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max: number;

  @ApiProperty({ example: 0.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  step: number;
}

export class RubricDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: every category',
  })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ description: 'Required once scoring has started' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const toBool = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * Organizers only: act on the assignment outside the round's judging window or before the round
 * is opened (never once it is closed), with a reason; audited.
 */
export class WindowOverrideDto {
  @ApiPropertyOptional({
    default: false,
    description:
      "Assign outside the round's judging window or before it is opened (not once closed); needs a reason, audited",
  })
  @IsOptional()
  @toBool()
  @IsBoolean()
  outsideWindow?: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required with outsideWindow' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AssignDto extends WindowOverrideDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 20,
    description: "Judges per entry (default: the round's quorum, 3 unless set)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  quorum?: number;

  @ApiPropertyOptional({
    description: "Seed of the assignment (same seed, same result; default: the round's seed)",
  })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  seed?: string;
}

export class PanelJudgeDto extends WindowOverrideDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  judgeId: string;
}

export class ReplaceJudgeDto extends WindowOverrideDto {
  @ApiProperty({ format: 'uuid', description: 'The judge who takes over' })
  @IsUUID()
  withJudgeId: string;
}

export class ReasonDto {
  @ApiProperty()
  @MultiLineText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class SheetDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Score per criterion key, within 0..max, in multiples of the step',
    example: { c1: 8.5, c2: 7 },
  })
  @IsObject()
  scores: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 2000 },
    description: 'A comment per criterion key (replaces the comments kept when given)',
  })
  @IsOptional()
  @IsObject()
  criterionComments?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Submit (every criterion scored); otherwise a draft' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The updatedAt of the sheet this change was made on (null: made on no sheet). When the ' +
      'sheet has changed since (another device), the change is refused with 409 judging.sheet_stale',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  baseUpdatedAt?: string | null;
}

export class CloseRoundDto {
  @ApiPropertyOptional({ description: 'Close although some entries lack their quorum' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ description: 'Required when forcing' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['matrix', 'ranking', 'prizes'], description: 'CSV: which table' })
  @IsOptional()
  @IsEnum({ matrix: 'matrix', ranking: 'ranking', prizes: 'prizes' })
  table?: 'matrix' | 'ranking' | 'prizes';
}

export class RemindJudgesDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Only these judges of the panel (default: every judge with sheets left)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  judgeIds?: string[];
}
