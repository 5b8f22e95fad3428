import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RULE } from '../../users/dto/user.dto';
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
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @MaxLength(200)
  @PlainText()
  refreshToken: string;
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
