import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PlainText } from '../../common/validation/text';

export class EntryQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The entry the files belong to' })
  @IsUUID()
  entryId: string;
}

export class MediaReasonView {
  @ApiProperty({ example: 'media.duration_too_short' })
  code: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  params?: Record<string, unknown>;
}

/** One page image of a document (fetched at /media/{id}/{variant}). */
export class MediaPageView {
  @ApiProperty({ description: 'Page number, from 1' })
  page: number;
  @ApiProperty({ example: 'page-2', description: 'page for page 1, then page-2, page-3, …' })
  variant: string;
  @ApiProperty()
  width: number;
  @ApiProperty()
  height: number;
}

export class MediaView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  entryId: string;
  @ApiProperty({ enum: ['video', 'image', 'audio', 'document'], nullable: true })
  kind: string | null;
  @ApiProperty({ enum: ['uploading', 'processing', 'ready', 'rejected', 'failed'] })
  status: string;
  @ApiPropertyOptional({ type: MediaReasonView, nullable: true })
  reason: MediaReasonView | null;
  @ApiPropertyOptional({ description: 'Original file name (hidden under blind judging)' })
  originalName?: string;
  @ApiProperty({ type: String, nullable: true, description: 'Type detected from the content' })
  mime: string | null;
  @ApiProperty()
  sizeBytes: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'SHA-256 of the original' })
  sha256?: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'width, height, orientation, durationSeconds, codecs, pages',
  })
  facts: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    description: 'Versions that can be fetched at /media/{id}/{variant}',
    example: ['original', 'thumb', 'preview'],
  })
  variants: string[];
  @ApiPropertyOptional({
    type: [MediaPageView],
    description:
      "A document's page images in page order: its first pages (facts.pages says how many it has)",
  })
  pages?: MediaPageView[];
  @ApiProperty()
  createdAt: Date;
}

/** A signed address's query (see MediaUrlSigner); absent on ordinary requests. */
export class SignedMediaQueryDto {
  @ApiPropertyOptional({ description: 'Signed address: the viewer' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  u?: string;

  @ApiPropertyOptional({ description: "Signed address: the viewer's session" })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  s?: string;

  @ApiPropertyOptional({ description: 'Signed address: the judged round' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(64)
  r?: string;

  @ApiPropertyOptional({ description: 'Signed address: expiry (seconds since the epoch)' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(20)
  e?: string;

  @ApiPropertyOptional({ description: 'Signed address: its signature' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(100)
  sig?: string;
}
