import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import { PlainText, SingleLineText } from '../../common/validation/text';
import { formatZoned, TimeLocale, toZonedIso } from '../../common/time/zoned-time';
import { Round, RoundKind, RoundStatus } from '../entities/round.entity';

const TIME_HINT =
  "Local time in the contest's time zone (2026-03-31T17:00) or ISO 8601 with an offset";

export class CreateRoundDto {
  @ApiProperty({ minimum: 1, maximum: 100, example: 1, description: 'Order in the contest' })
  @IsInt()
  @Min(1)
  @Max(100)
  position: number;

  @ApiProperty({ example: 'Vòng nộp bài cấp xã', maxLength: 200 })
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: RoundKind, enumName: 'RoundKind' })
  @IsEnum(RoundKind)
  kind: RoundKind;

  @ApiProperty({ example: '2026-03-01T08:00', description: TIME_HINT })
  @IsString()
  @MaxLength(40)
  @PlainText()
  opensAt: string;

  @ApiProperty({ example: '2026-03-31T17:00', description: TIME_HINT })
  @IsString()
  @MaxLength(40)
  @PlainText()
  closesAt: string;

  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'Late submissions accepted this long',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  graceSeconds?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "Root of the round's scope in the unit tree (null = the contest's owner unit)",
  })
  @IsOptional()
  @IsUUID()
  scopeUnitId?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    nullable: true,
    type: Number,
    description: 'Depth in the unit tree at which entries are grouped (commune level, …)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  scopeDepth?: number | null;
}

export class UpdateRoundDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: RoundKind, enumName: 'RoundKind' })
  @IsOptional()
  @IsEnum(RoundKind)
  kind?: RoundKind;

  @ApiPropertyOptional({ example: '2026-03-01T08:00', description: TIME_HINT })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @PlainText()
  opensAt?: string;

  @ApiPropertyOptional({ example: '2026-03-31T17:00', description: TIME_HINT })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @PlainText()
  closesAt?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  graceSeconds?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  scopeUnitId?: string | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  scopeDepth?: number | null;
}

export class ChangeRoundStatusDto {
  @ApiProperty({ enum: [RoundStatus.Open, RoundStatus.Closed], enumName: 'RoundTargetStatus' })
  @IsIn([RoundStatus.Open, RoundStatus.Closed])
  status: RoundStatus.Open | RoundStatus.Closed;
}

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: RoundKind, enumName: 'RoundKind' }) kind: RoundKind;
  @ApiProperty({ enum: RoundStatus, enumName: 'RoundStatus' }) status: RoundStatus;
  @ApiProperty({ example: '2026-03-31T10:00:00.000Z', description: 'UTC' }) opensAt: string;
  @ApiProperty({ example: '2026-03-31T10:00:00.000Z', description: 'UTC' }) closesAt: string;
  @ApiProperty({ example: '2026-03-31T17:00:00+07:00', description: "In the contest's zone" })
  opensAtLocal: string;
  @ApiProperty({ example: '2026-03-31T17:00:00+07:00', description: "In the contest's zone" })
  closesAtLocal: string;
  @ApiProperty({ example: '17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)', description: 'For people' })
  opensAtText: string;
  @ApiProperty({ example: '17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)', description: 'For people' })
  closesAtText: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone: string;
  @ApiProperty() graceSeconds: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) scopeUnitId: string | null;
  @ApiProperty({ nullable: true, type: Number }) scopeDepth: number | null;
  @ApiProperty({ nullable: true, type: String }) resultsFixedAt: string | null;

  static of(r: Round, timeZone: string, locale: TimeLocale): RoundView {
    return {
      id: r.id,
      contestId: r.contestId,
      position: r.position,
      name: r.name,
      kind: r.kind,
      status: r.status,
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      opensAtLocal: toZonedIso(r.opensAt, timeZone),
      closesAtLocal: toZonedIso(r.closesAt, timeZone),
      opensAtText: formatZoned(r.opensAt, timeZone, locale),
      closesAtText: formatZoned(r.closesAt, timeZone, locale),
      timeZone,
      graceSeconds: r.graceSeconds,
      scopeUnitId: r.scopeUnitId,
      scopeDepth: r.scopeDepth,
      resultsFixedAt: r.resultsFixedAt ? r.resultsFixedAt.toISOString() : null,
    };
  }
}
