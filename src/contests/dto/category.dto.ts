import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MultiLineText, PlainText, SingleLineText } from '../../common/validation/text';
import { Category, EntrantType, MediaKind } from '../entities/category.entity';

/** Entry fields a category may require before submission. */
export const REQUIRED_FIELD_CHOICES = [
  'summary',
  'contactName',
  'contactPhone',
  'contactEmail',
  'members',
] as const;

const GIB = 1024 * 1024 * 1024;

export class MediaRulesDto {
  @ApiProperty({ enum: MediaKind, enumName: 'MediaKind', isArray: true, example: ['video'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(MediaKind, { each: true })
  kinds: MediaKind[];

  @ApiProperty({ minimum: 0, maximum: 100, example: 1 })
  @IsInt()
  @Min(0)
  @Max(100)
  minCount: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxCount: number;

  @ApiProperty({ minimum: 1, maximum: 10 * GIB, example: 524288000, description: 'Per file' })
  @IsInt()
  @Min(1)
  @Max(10 * GIB)
  maxSizeBytes: number;

  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number, description: 'Clips, audio' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  minDurationSeconds?: number | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: Number, example: 300 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  maxDurationSeconds?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    nullable: true,
    type: Number,
    example: 720,
    description: 'Shorter side in pixels (720 = 720p)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  minResolution?: number | null;

  @ApiPropertyOptional({ description: 'Clips must be landscape' })
  @IsOptional()
  @IsBoolean()
  landscapeOnly?: boolean;
}

export class CategoryRulesDto {
  @ApiProperty({ enum: EntrantType, enumName: 'EntrantType', description: 'Who may enter' })
  @IsEnum(EntrantType)
  entrants: EntrantType;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  maxEntriesPerUnit: number;

  @ApiProperty({
    enum: REQUIRED_FIELD_CHOICES,
    isArray: true,
    example: ['summary', 'contactName', 'contactPhone'],
  })
  @IsArray()
  @ArrayMaxSize(REQUIRED_FIELD_CHOICES.length)
  @ArrayUnique()
  @IsIn(REQUIRED_FIELD_CHOICES, {
    each: true,
    context: { code: 'contests.required_field_unknown', values: REQUIRED_FIELD_CHOICES.join(', ') },
  })
  requiredFields: string[];

  @ApiProperty({ type: MediaRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MediaRulesDto)
  media: MediaRulesDto;
}

export class CreateCategoryDto {
  @ApiProperty({ example: 'GP', maxLength: 40, description: 'Short code unique in the contest' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_-]+$/)
  @PlainText()
  code: string;

  @ApiProperty({ example: 'Giải pháp tổ chức sinh hoạt hội', maxLength: 300 })
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Display order' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @ApiProperty({ type: CategoryRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CategoryRulesDto)
  rules: CategoryRulesDto;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ example: 'GP', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_-]+$/)
  @PlainText()
  code?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @ApiPropertyOptional({ type: CategoryRulesDto, description: 'Replaces the rules as a whole' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CategoryRulesDto)
  rules?: CategoryRulesDto;
}

export class MediaRulesView {
  @ApiProperty({ enum: MediaKind, enumName: 'MediaKind', isArray: true }) kinds: MediaKind[];
  @ApiProperty() minCount: number;
  @ApiProperty() maxCount: number;
  @ApiProperty() maxSizeBytes: number;
  @ApiProperty({ nullable: true, type: Number }) minDurationSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxDurationSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number }) minResolution: number | null;
  @ApiProperty() landscapeOnly: boolean;
}

export class CategoryRulesView {
  @ApiProperty({ enum: EntrantType, enumName: 'EntrantType' }) entrants: EntrantType;
  @ApiProperty() maxEntriesPerUnit: number;
  @ApiProperty({ type: [String] }) requiredFields: string[];
  @ApiProperty({ type: MediaRulesView }) media: MediaRulesView;
}

export class CategoryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: CategoryRulesView }) rules: CategoryRulesView;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(c: Category): CategoryView {
    const m = c.rules.media;
    return {
      id: c.id,
      contestId: c.contestId,
      code: c.code,
      name: c.name,
      description: c.description,
      position: c.position,
      rules: {
        entrants: c.rules.entrants,
        maxEntriesPerUnit: c.rules.maxEntriesPerUnit,
        requiredFields: [...c.rules.requiredFields],
        media: {
          kinds: [...m.kinds],
          minCount: m.minCount,
          maxCount: m.maxCount,
          maxSizeBytes: m.maxSizeBytes,
          minDurationSeconds: m.minDurationSeconds ?? null,
          maxDurationSeconds: m.maxDurationSeconds ?? null,
          minResolution: m.minResolution ?? null,
          landscapeOnly: m.landscapeOnly ?? false,
        },
      },
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
