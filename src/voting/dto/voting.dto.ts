import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { WithinContestYears } from '../../common/validation/dates';
import { PlainText, SingleLineText } from '../../common/validation/text';
import {
  VoterIdentityKind,
  VotingMode,
  VotingSession,
  VotingSessionState,
} from '../entities/voting-session.entity';

/** `type: 'integer'` for the OpenAPI document (a nullable number is otherwise typed as an object). */
const Integer = 'integer';

export class VotingPolicyDto {
  @ApiPropertyOptional({
    type: Integer,
    description: 'Votes per voter per entry (null: no limit)',
    nullable: true,
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  perEntry?: number | null;

  @ApiPropertyOptional({
    type: Integer,
    description: 'Votes per voter in the session (null: no limit)',
    nullable: true,
    minimum: 1,
    maximum: 100000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  perSession?: number | null;

  @ApiPropertyOptional({
    type: Integer,
    description: "Votes per voter per day in the contest's time zone (null: no limit)",
    nullable: true,
    minimum: 1,
    maximum: 100000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  perDay?: number | null;

  @ApiProperty({
    enum: VoterIdentityKind,
    isArray: true,
    description: 'Identities a voter may use',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(VoterIdentityKind, { each: true })
  identities: VoterIdentityKind[];
}

export class ListVotingSessionsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contestId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the sessions of this round' })
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

export class CreateVotingSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contestId: string;

  @ApiProperty({ format: 'uuid', description: 'The public-vote round' })
  @IsUUID()
  roundId: string;

  @ApiProperty({ maxLength: 300 })
  @SingleLineText()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'Votable entries, in running order: entries of the contest active in the round, submitted or later. Default: all of them.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  entryIds?: string[];

  @ApiPropertyOptional({ enum: VotingMode, default: VotingMode.All })
  @IsOptional()
  @IsEnum(VotingMode)
  mode?: VotingMode;

  @ApiProperty({ type: VotingPolicyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => VotingPolicyDto)
  policy: VotingPolicyDto;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  opensAt?: Date | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  closesAt?: Date | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  hideTallies?: boolean;
}

export class UpdateVotingSessionDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ type: VotingPolicyDto })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => VotingPolicyDto)
  policy?: VotingPolicyDto;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  opensAt?: Date | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @WithinContestYears()
  closesAt?: Date | null;

  @ApiPropertyOptional({ enum: VotingMode })
  @IsOptional()
  @IsEnum(VotingMode)
  mode?: VotingMode;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  entryIds?: string[];
}

export class SessionActionDto {
  @ApiProperty({ enum: ['open', 'pause', 'close'] })
  @IsIn(['open', 'pause', 'close'])
  action: 'open' | 'pause' | 'close';
}

export class StageDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The entry on stage now (null: none)',
  })
  @IsOptional()
  @IsUUID()
  entryId: string | null;
}

export class VisibilityDto {
  @ApiProperty({ description: 'Hide live numbers from the public' })
  @IsBoolean()
  hideTallies: boolean;
}

export class CastVoteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  entryId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'If given, must equal the Idempotency-Key' })
  @IsOptional()
  @IsUUID()
  voteId?: string;

  @ApiPropertyOptional({ description: 'Device token (or send X-Voter-Token)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @PlainText()
  voterToken?: string;

  @ApiPropertyOptional({ description: 'Phone-verification token (integrity feature)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @PlainText()
  phoneToken?: string;
}

export class VoteReceiptView {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty({ enum: ['counted', 'already_counted'] })
  status: 'counted' | 'already_counted';
  @ApiPropertyOptional({
    example: '7K2QM-9XD4P',
    description: 'Receipt code: GET /voting/receipts/:voteId/:code says whether the vote counts',
  })
  receipt?: string;
  @ApiPropertyOptional({
    description: 'Stored but held for review by a fraud signal (not counted until released)',
  })
  held?: boolean;
}

export class DeviceTokenView {
  @ApiProperty({ description: 'Send as X-Voter-Token, or voterToken on sockets' })
  token: string;
  @ApiProperty()
  deviceId: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

export class VotingPolicyView {
  @ApiProperty({ nullable: true, type: Number })
  perEntry: number | null;
  @ApiProperty({ nullable: true, type: Number })
  perSession: number | null;
  @ApiProperty({ nullable: true, type: Number })
  perDay: number | null;
  @ApiProperty({ enum: VoterIdentityKind, isArray: true })
  identities: VoterIdentityKind[];
}

export class VotingSessionView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  contestId: string;
  @ApiProperty({ format: 'uuid' })
  roundId: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ enum: VotingSessionState })
  state: VotingSessionState;
  @ApiProperty({ description: 'Whether votes are accepted now (state and schedule)' })
  open: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  opensAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt: Date | null;
  @ApiProperty({ enum: VotingMode })
  mode: VotingMode;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  onStageEntryId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' })
  entryIds: string[];
  @ApiProperty({ type: VotingPolicyView })
  policy: VotingPolicyView;
  @ApiProperty({ description: "The contest's IANA time zone: per-day limits count days there" })
  timeZone: string;
  @ApiProperty()
  hideTallies: boolean;
  @ApiProperty({ description: 'Raised on every change' })
  revision: number;

  static of(
    session: VotingSession,
    entryIds: string[],
    timeZone: string,
    now = Date.now(),
  ): VotingSessionView {
    return {
      id: session.id,
      contestId: session.contestId,
      roundId: session.roundId,
      title: session.title,
      state: session.state,
      open: isOpenAt(session, now),
      opensAt: session.opensAt,
      closesAt: session.closesAt,
      mode: session.mode,
      onStageEntryId: session.onStageEntryId,
      entryIds,
      policy: {
        perEntry: session.policy.perEntry ?? null,
        perSession: session.policy.perSession ?? null,
        perDay: session.policy.perDay ?? null,
        identities: session.policy.identities,
      },
      timeZone,
      hideTallies: session.hideTallies,
      revision: session.revision,
    };
  }
}

export class TallyView {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;
  @ApiProperty({
    description:
      'Changes to the tally: one per vote counted or released and one per vote taken back for review (the votes counted, when none was); it only grows, so a viewer keeps the message with the largest',
  })
  seq: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Votes per entry id',
  })
  tallies: Record<string, number>;
}

/** The same rule as the batch statement, for display and schedule broadcasts. */
export function isOpenAt(session: VotingSession, now: number): boolean {
  const opens = session.opensAt?.getTime();
  const closes = session.closesAt?.getTime();
  const stateOk =
    session.state === VotingSessionState.Open ||
    (session.state === VotingSessionState.Scheduled && opens !== undefined);
  return stateOk && (opens === undefined || opens <= now) && (closes === undefined || now < closes);
}
