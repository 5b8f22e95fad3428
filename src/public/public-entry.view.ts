import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PublicMemberView {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) role: string | null;
}

/** A picture of an entry, at an absolute URL, with its size and type. */
export class PublicPictureView {
  @ApiProperty() url: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty({ example: 'image/jpeg' }) type: string;
}

/** A playable clip of an entry (MP4), at an absolute URL. */
export class PublicClipView {
  @ApiProperty() url: string;
  @ApiProperty({ example: 'video/mp4' }) type: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) width: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) height: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Its poster frame' })
  posterUrl: string | null;
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
  @ApiPropertyOptional({
    nullable: true,
    description: "The entry's picture (an image, a clip's poster frame, a document's first page)",
  })
  imageUrl: string | null;
  @ApiPropertyOptional({ type: PublicPictureView, nullable: true })
  image: PublicPictureView | null;
  @ApiPropertyOptional({
    type: PublicPictureView,
    nullable: true,
    description: 'The share preview: a 1200×630 JPEG (the larger picture until it is made)',
  })
  shareImage: PublicPictureView | null;
  @ApiPropertyOptional({ type: () => PublicClipView, nullable: true })
  clip: PublicClipView | null;
  @ApiProperty() publishedAt: Date;
}
