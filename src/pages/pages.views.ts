import { ApiProperty } from '@nestjs/swagger';

/** A small picture of an entry (320 px wide), relative to the service, with its size. */
export class EntryPictureView {
  @ApiProperty({ example: '/media/0b9d…/thumb' }) url: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

/** A playable clip of an entry (MP4), relative to the service. */
export class EntryClipView {
  @ApiProperty({ example: '/media/0b9d…/preview' }) url: string;
  @ApiProperty({ example: 'video/mp4' }) type: string;
  @ApiProperty({ nullable: true, type: Number }) width: number | null;
  @ApiProperty({ nullable: true, type: Number }) height: number | null;
}

export class SessionEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Running order, from 0' }) position: number;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The unit, as named at submission' })
  unitName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Public page /p/:publicId, once published',
  })
  publicId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "Its picture's URL, once published with an image, clip or document",
  })
  imageUrl: string | null;
  @ApiProperty({ type: EntryPictureView, nullable: true }) image: EntryPictureView | null;
  @ApiProperty({ type: EntryClipView, nullable: true }) clip: EntryClipView | null;
}

export class ResultEntryView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Null while numbers are hidden' })
  votes: number | null;
}

export class ResultChainHeadView {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
}

export class ResultSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: [ResultEntryView], description: 'Most votes first' })
  entries: ResultEntryView[];
  @ApiProperty({
    type: ResultChainHeadView,
    nullable: true,
    description: "Head of the vote log's hash chain",
  })
  chainHead: ResultChainHeadView | null;
}

export class PublishedEntryView {
  @ApiProperty() publicId: string;
  @ApiProperty() title: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: EntryPictureView, nullable: true }) image: EntryPictureView | null;
}

export class ContestResultsView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [ResultSessionView] }) sessions: ResultSessionView[];
  @ApiProperty({ type: [PublishedEntryView] }) published: PublishedEntryView[];
}
