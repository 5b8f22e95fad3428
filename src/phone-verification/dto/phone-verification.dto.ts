import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PlainText } from '../../common/validation/text';

export class SendCodeDto {
  @ApiProperty({ example: '0912 345 678', description: 'Any common Vietnamese spelling' })
  @IsString()
  @Length(8, 24)
  @PlainText()
  phone: string;

  @ApiPropertyOptional({ description: 'The device token (or send X-Voter-Token)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @PlainText()
  voterToken?: string;
}

export class VerifyCodeDto {
  @ApiProperty({ example: '0912 345 678' })
  @IsString()
  @Length(8, 24)
  @PlainText()
  phone: string;

  @ApiProperty({ example: '123456', description: 'The 6 digits received' })
  @IsString()
  @Matches(/^\d{6}$/)
  @PlainText()
  code: string;
}

export class CodeSentView {
  @ApiProperty({ description: 'The number the code went to (E.164)' })
  phone: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
  @ApiProperty({ description: 'Tries allowed for this code' })
  maxAttempts: number;
  @ApiProperty({ description: 'Seconds before another code may be requested' })
  resendAfter: number;
}

export class VerifiedPhoneView {
  @ApiProperty({ description: 'Send as phoneToken with votes' })
  token: string;
  @ApiProperty({ description: 'The verified number (E.164)' })
  phone: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}
