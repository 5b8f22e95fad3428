import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'phone' }) field: string;
  @ApiProperty({ example: 'field.isPhone' }) code: string;
  @ApiProperty({ example: 'Phải là số điện thoại Việt Nam hợp lệ.' }) message: string;
}

/** The one error shape of every endpoint. */
export class ErrorBodyView {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'common.validation_failed', description: 'Stable machine code' })
  code: string;
  @ApiProperty({
    example: 'Dữ liệu gửi lên không hợp lệ.',
    description: 'Vietnamese, or English with Accept-Language: en',
  })
  message: string;
  @ApiPropertyOptional({ type: [FieldErrorView] }) errors?: FieldErrorView[];
  @ApiProperty({ example: '0b6f1c1e-6a43-4c1f-a0f5-3f0b1d4a9e21' }) requestId: string;
}
