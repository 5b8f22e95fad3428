import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsVnPhone } from '../../common/validation/phone';
import { PlainText, SingleLineText } from '../../common/validation/text';
import { ContestRole } from '../../users/entities/contest-membership.entity';
import type { ContestInvitation } from '../entities/invitation.entity';

const INVITED_ROLES = [ContestRole.Judge, ContestRole.Organizer] as const;

const lower = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : value,
  );
const upperCode = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase() : value,
  );

export class CreateInvitationDto {
  @ApiProperty({ enum: INVITED_ROLES, description: 'judge or organizer' })
  @IsIn(INVITED_ROLES, {
    context: { code: 'contests.invitation_role', values: 'judge, organizer' },
  })
  role: ContestRole.Judge | ContestRole.Organizer;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Phone, or email, not both' })
  @ValidateIf((o: CreateInvitationDto) => o.phone !== undefined || o.email === undefined)
  @IsString()
  @IsVnPhone()
  @PlainText()
  phone?: string;

  @ApiPropertyOptional({ example: 'giamkhao@example.vn' })
  @lower()
  @ValidateIf((o: CreateInvitationDto) => o.email !== undefined || o.phone === undefined)
  @IsEmail()
  @MaxLength(254)
  @SingleLineText()
  email?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'Limit the member to these categories; omit or null for all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  categoryIds?: string[] | null;
}

export class AcceptInvitationDto {
  @ApiProperty({
    example: 'K7M2Q9XA',
    description: 'The code that was sent (spaces and dashes ignored)',
  })
  @upperCode()
  @IsString()
  @Matches(/^[A-Z0-9]{8}$/, { context: { code: 'contests.invitation_code_format' } })
  @PlainText()
  code: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty({ enum: ContestRole, enumName: 'ContestRole' }) role: ContestRole;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ type: [String], nullable: true }) categoryIds: string[] | null;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'Past its expiry: send a new one' }) expired: boolean;
  @ApiProperty() createdAt: string;

  static of(i: ContestInvitation, now = new Date()): InvitationView {
    return {
      id: i.id,
      contestId: i.contestId,
      role: i.role,
      phone: i.phone,
      email: i.email,
      categoryIds: i.categoryIds,
      expiresAt: i.expiresAt.toISOString(),
      expired: i.expiresAt <= now,
      createdAt: i.createdAt.toISOString(),
    };
  }
}

export class AcceptedInvitationView {
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty() contestTitle: string;
  @ApiProperty({ enum: ContestRole, enumName: 'ContestRole' }) role: ContestRole;
  @ApiProperty({
    description:
      "The account became a judge's (a contestant's account that had never entered): sign-in again or refresh to get the judge's screens",
  })
  accountChanged: boolean;
}
