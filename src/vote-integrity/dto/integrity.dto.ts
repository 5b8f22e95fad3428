import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { MultiLineText, PlainText } from '../../common/validation/text';
import { VoteFlagStatus } from '../entities/vote-flag.entity';
import { FRAUD_REASONS, FraudReason } from '../signals';

export class QueueQuery {
  @ApiPropertyOptional({ enum: VoteFlagStatus, default: VoteFlagStatus.Quarantined })
  @IsOptional()
  @IsEnum(VoteFlagStatus)
  status?: VoteFlagStatus;

  @ApiPropertyOptional({ enum: FRAUD_REASONS })
  @IsOptional()
  @IsIn(FRAUD_REASONS)
  reason?: FraudReason;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @PlainText()
  cursor?: string;
}

export class DecideDto {
  @ApiProperty({ enum: ['release', 'void'] })
  @IsIn(['release', 'void'])
  action: 'release' | 'void';

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 10000 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  voteIds?: string[];

  @ApiPropertyOptional({ description: 'Every quarantined vote of the session (or of `reason`)' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ enum: FRAUD_REASONS, description: 'With all: only votes with it' })
  @IsOptional()
  @IsIn(FRAUD_REASONS)
  reason?: FraudReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept in the audit log)' })
  @IsOptional()
  @MultiLineText()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class FlagView {
  @ApiProperty({ format: 'uuid' }) voteId: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ description: 'Kind and a short prefix of the voter key' }) voter: string;
  @ApiProperty() channel: string;
  @ApiProperty({ enum: FRAUD_REASONS, isArray: true }) reasons: string[];
  @ApiProperty({ enum: VoteFlagStatus }) status: VoteFlagStatus;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
}

export class FlagCountsView {
  @ApiProperty() quarantined: number;
  @ApiProperty() released: number;
  @ApiProperty() voided: number;
}

export class QueueView {
  @ApiProperty({ type: FlagCountsView }) counts: FlagCountsView;
  @ApiProperty({ type: [FlagView] }) items: FlagView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DecisionView {
  @ApiProperty({ enum: ['release', 'void'] }) action: string;
  @ApiProperty({ description: 'Votes decided now' }) decided: number;
  @ApiProperty({ type: FlagCountsView }) counts: FlagCountsView;
}

export class ChainHeadView {
  @ApiProperty({ description: 'Batches in the chain' }) seq: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the latest batch' }) hash: string;
}

export class ReceiptView {
  @ApiProperty({ format: 'uuid' }) voteId: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({
    enum: ['counted', 'quarantined', 'voided'],
    description: 'counted: in the tally; quarantined: held for review; voided: thrown out',
  })
  status: 'counted' | 'quarantined' | 'voided';
  @ApiProperty({ nullable: true, type: Number, description: "The vote's batch in the chain" })
  batchSeq: number | null;
  @ApiProperty({ nullable: true, type: String }) batchHash: string | null;
  @ApiProperty({ type: ChainHeadView, nullable: true }) chainHead: ChainHeadView | null;
}

export class ChainProblemView {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ['prev_mismatch', 'hash_mismatch', 'count_mismatch'] }) problem: string;
}

export class ChainCheckView {
  @ApiProperty({ description: 'Every batch chains and hashes as recorded; no vote outside it' })
  valid: boolean;
  @ApiProperty() batches: number;
  @ApiProperty({ description: 'Head recomputed from the stored votes' }) head: string;
  @ApiProperty({ type: ChainHeadView, nullable: true, description: 'Head as recorded' })
  recordedHead: ChainHeadView | null;
  @ApiProperty({ type: [ChainProblemView], description: 'The first problems found (≤ 50)' })
  problems: ChainProblemView[];
  @ApiProperty({ description: 'Votes of the session that are in no batch of its chain' })
  unchained: number;
}

export class TallyDifferenceView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() recomputed: number;
  @ApiProperty() live: number;
}

export class RecountView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ description: 'Recomputed tallies equal the live ones and the chain is valid' })
  equal: boolean;
  @ApiProperty({ type: ChainCheckView }) chain: ChainCheckView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  recomputed: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  live: Record<string, number>;
  @ApiProperty({ type: [TallyDifferenceView] }) differences: TallyDifferenceView[];
  @ApiProperty({ description: 'Votes stored in the chain' }) votes: number;
  @ApiProperty({ description: 'Of which held or voided' }) notCounting: number;
}
