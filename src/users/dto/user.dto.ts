import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsEnum,
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
import { IsVnPhone } from '../../common/validation/phone';
import { User, UserRole, UserStatus } from '../entities/user.entity';

export const PASSWORD_RULE = /^(?=.*\p{L})(?=.*\d).{8,128}$/u;

const lower = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : value,
  );

export class RegisterDto {
  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ example: 'hoa@example.vn' })
  @lower()
  @ValidateIf((o: RegisterDto) => o.email !== undefined || o.phone === undefined)
  @IsEmail()
  @MaxLength(254)
  @SingleLineText()
  email?: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Any common Vietnamese spelling' })
  @ValidateIf((o: RegisterDto) => o.phone !== undefined || o.email === undefined)
  @IsString()
  @IsVnPhone()
  @PlainText()
  phone?: string;

  @ApiProperty({ minLength: 8, description: 'At least 8 characters with letters and digits' })
  @IsString()
  @Matches(PASSWORD_RULE, { context: { code: 'field.isStrongPassword' } })
  @PlainText()
  password: string;

  @ApiProperty({ format: 'uuid', description: 'The union unit the contestant belongs to' })
  @IsUUID()
  unitId: string;
}

/** The signed-in member's own profile: only the fields sent change. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Hoa' })
  @IsOptional()
  @SingleLineText()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active union unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'hoa@example.vn' })
  @IsOptional()
  @lower()
  @IsEmail()
  @MaxLength(254)
  @SingleLineText()
  email?: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Any common Vietnamese spelling' })
  @IsOptional()
  @IsString()
  @IsVnPhone()
  @PlainText()
  phone?: string;
}

export class CreateUserDto extends RegisterDto {
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  @IsEnum(UserRole)
  role: UserRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  declare unitId: string;
}

export class ChangeAccessDto {
  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole', description: 'The kind of account' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({
    enum: UserStatus,
    enumName: 'UserStatus',
    description: 'A disabled account cannot log in, and its sessions stop working',
  })
  @IsOptional()
  @IsEnum(UserStatus)
  status?: UserStatus;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

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

/** UserView as a JSON schema, for Fastify to serialize it with a compiled serializer. */
export const USER_VIEW_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    fullName: { type: 'string' },
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    role: { type: 'string' },
    status: { type: 'string' },
    unitId: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
  required: ['id', 'fullName', 'email', 'phone', 'role', 'status', 'unitId', 'createdAt'],
} as const;

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, example: '+84912345678' }) phone: string | null;
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' }) role: UserRole;
  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus' }) status: UserStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId: string | null;
  @ApiProperty() createdAt: string;

  static of(u: User): UserView {
    return {
      id: u.id,
      fullName: u.fullName,
      email: u.email,
      phone: u.phone,
      role: u.role,
      status: u.status,
      unitId: u.unitId,
      createdAt: u.createdAt.toISOString(),
    };
  }
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' })
  nextCursor: string | null;
}
