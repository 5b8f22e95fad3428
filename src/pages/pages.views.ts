import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty({ nullable: true, type: String, description: 'Picture, when the entry has media' })
  imageUrl: string | null;
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
}

export class ContestResultsView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [ResultSessionView] }) sessions: ResultSessionView[];
  @ApiProperty({ type: [PublishedEntryView] }) published: PublishedEntryView[];
}
