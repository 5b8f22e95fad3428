import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RULE, UserView } from '../../users/dto/user.dto';
import { PlainText } from '../../common/validation/text';

export class LoginDto {
  @ApiProperty({
    description: 'Email or Vietnamese phone number in any common spelling',
    example: '0912 345 678',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  @PlainText()
  identifier: string;

  @ApiProperty({ example: 'matkhau2024' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @PlainText()
  password: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh token from the last login or refresh. Required, except in cookie mode ' +
      '(`X-Auth-Mode: cookie`, or a request authenticated by the ht_access cookie), where the ' +
      'ht_refresh cookie carries it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @PlainText()
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  @PlainText()
  currentPassword: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Matches(PASSWORD_RULE, { context: { code: 'field.isStrongPassword' } })
  @PlainText()
  newPassword: string;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ description: 'Refresh token lifetime in seconds' }) refreshExpiresIn: number;
}

/** The answer of login, register and refresh in cookie mode: the tokens are in cookies only. */
export class CookieSessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'Access token (ht_access cookie) lifetime in seconds' })
  expiresIn: number;
  @ApiProperty({ description: 'Refresh token (ht_refresh cookie) lifetime in seconds' })
  refreshExpiresIn: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When ht_access expires' })
  accessExpiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When ht_refresh expires' })
  refreshExpiresAt: string;
}

export class ForgotPasswordDto {
  @ApiProperty({
    example: '0912 345 678',
    description: "The account's phone number, in any common Vietnamese spelling",
  })
  @IsString()
  @Length(8, 24)
  @PlainText()
  phone: string;
}

export class ResetPasswordDto {
  @ApiProperty({ example: '0912 345 678', description: 'The number the code was sent to' })
  @IsString()
  @Length(8, 24)
  @PlainText()
  phone: string;

  @ApiProperty({ example: '123456', description: 'The 6 digits received' })
  @IsString()
  @Matches(/^\d{6}$/)
  @PlainText()
  code: string;

  @ApiProperty({ minLength: 8, description: 'At least 8 characters with letters and digits' })
  @IsString()
  @Matches(PASSWORD_RULE, { context: { code: 'field.isStrongPassword' } })
  @PlainText()
  newPassword: string;
}
