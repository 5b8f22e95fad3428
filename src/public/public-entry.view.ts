import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PublicMemberView {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true }) role: string | null;
}

/** A published entry as anyone may read it (no contact details). */
export class PublicEntryView {
  @ApiProperty() publicId: string;
  @ApiProperty({ description: 'Absolute URL of this page' }) url: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['collective', 'individual'] }) authorType: string;
  @ApiProperty({ type: [PublicMemberView] }) members: PublicMemberView[];
  @ApiProperty({ description: 'The unit, named as it was at submission' }) unitName: string;
  @ApiProperty() contestTitle: string;
  @ApiProperty() contestSlug: string;
  @ApiProperty() categoryName: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true, description: 'Preview image, when the entry has media' })
  imageUrl: string | null;
  @ApiProperty() publishedAt: Date;
}
