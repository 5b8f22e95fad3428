import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MultiLineText, PlainText, SingleLineText } from '../../common/validation/text';
import { Contest, ContestStatus } from '../entities/contest.entity';
import { ContestRole } from '../../users/entities/contest-membership.entity';
import { SLUG_PATTERN } from '../contest-rules';
import { CategoryView } from './category.dto';
import { RoundView } from './round.dto';
import { IsTimeZone } from './time-zone.validator';

const SLUG_HINT = 'Lower-case ascii letters, digits and single dashes';

export class PrizeTiersDto {
  @ApiProperty({ minimum: 0, example: 1, description: 'First prizes (giải Nhất)' })
  @IsInt()
  @Min(0)
  @Max(1000)
  first: number;

  @ApiProperty({ minimum: 0, example: 2, description: 'Second prizes (giải Nhì)' })
  @IsInt()
  @Min(0)
  @Max(1000)
  second: number;

  @ApiProperty({ minimum: 0, example: 3, description: 'Third prizes (giải Ba)' })
  @IsInt()
  @Min(0)
  @Max(1000)
  third: number;

  @ApiProperty({ minimum: 0, example: 5, description: 'Consolation prizes (giải Khuyến khích)' })
  @IsInt()
  @Min(0)
  @Max(1000)
  consolation: number;
}

/** Settings; on update only the fields given change (weights are checked together). */
export class ContestSettingsDto {
  @ApiPropertyOptional({ description: 'Judges see nothing that names authors or units' })
  @IsOptional()
  @IsBoolean()
  blindJudging?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Jury share of the final score' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  juryWeight?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'Public vote share; juryWeight + publicWeight = 100',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  publicWeight?: number;

  @ApiPropertyOptional({ type: PrizeTiersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PrizeTiersDto)
  prizeTiers?: PrizeTiersDto;
}

export class CreateContestDto {
  @ApiProperty({ example: 'ung-dung-cntt-2026', maxLength: 120, description: SLUG_HINT })
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { context: { code: 'contests.invalid_slug' } })
  @PlainText()
  slug: string;

  @ApiProperty({ example: 'Hội thi Ứng dụng CNTT trong tổ chức sinh hoạt hội', maxLength: 300 })
  @SingleLineText()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh', default: 'Asia/Ho_Chi_Minh' })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  @PlainText()
  timeZone?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The union unit running the contest' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;

  @ApiPropertyOptional({ type: ContestSettingsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContestSettingsDto)
  settings?: ContestSettingsDto;
}

export class UpdateContestDto {
  @ApiPropertyOptional({ example: 'ung-dung-cntt-2026', maxLength: 120, description: SLUG_HINT })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { context: { code: 'contests.invalid_slug' } })
  @PlainText()
  slug?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh' })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  @PlainText()
  timeZone?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string | null;

  @ApiPropertyOptional({ type: ContestSettingsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContestSettingsDto)
  settings?: ContestSettingsDto;
}

export class ChangeContestStatusDto {
  @ApiProperty({ enum: ContestStatus, enumName: 'ContestStatus' })
  @IsEnum(ContestStatus)
  status: ContestStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why, kept in the audit record' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListContestsQuery {
  @ApiPropertyOptional({ enum: ContestStatus, enumName: 'ContestStatus' })
  @IsOptional()
  @IsEnum(ContestStatus)
  status?: ContestStatus;

  @ApiPropertyOptional({
    enum: ContestRole,
    enumName: 'ContestRole',
    description: 'Only contests where the caller holds this role (signed in)',
  })
  @IsOptional()
  @IsEnum(ContestRole)
  role?: ContestRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cursor: the last id of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class PrizeTiersView {
  @ApiProperty() first: number;
  @ApiProperty() second: number;
  @ApiProperty() third: number;
  @ApiProperty() consolation: number;
}

export class ContestSettingsView {
  @ApiProperty() blindJudging: boolean;
  @ApiProperty() juryWeight: number;
  @ApiProperty() publicWeight: number;
  @ApiProperty({ type: PrizeTiersView }) prizeTiers: PrizeTiersView;
}

export class ContestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone: string;
  @ApiProperty({ enum: ContestStatus, enumName: 'ContestStatus' }) status: ContestStatus;
  @ApiProperty({ type: ContestSettingsView }) settings: ContestSettingsView;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerUnitId: string | null;
  @ApiProperty({ description: 'Grows by one on every change' }) revision: number;
  @ApiProperty({
    enum: ContestRole,
    enumName: 'ContestRole',
    isArray: true,
    description: "The caller's roles in this contest",
  })
  myRoles: ContestRole[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(c: Contest, myRoles: ContestRole[] = []): ContestView {
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      description: c.description,
      timeZone: c.timeZone,
      status: c.status,
      settings: {
        blindJudging: c.settings.blindJudging,
        juryWeight: c.settings.juryWeight,
        publicWeight: c.settings.publicWeight,
        prizeTiers: { ...c.settings.prizeTiers },
      },
      ownerUnitId: c.ownerUnitId,
      revision: c.revision,
      myRoles,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export class ContestPage {
  @ApiProperty({ type: [ContestView] }) items: ContestView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' })
  nextCursor: string | null;
}

export class ContestDetailView extends ContestView {
  @ApiProperty({ type: [CategoryView] }) categories: CategoryView[];
  @ApiProperty({ type: [RoundView], description: 'In order of position' }) rounds: RoundView[];
}
