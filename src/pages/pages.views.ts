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
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'By votes, entries with as many votes sharing it ("1, 1, 3"); null while hidden',
  })
  rank: number | null;
  @ApiProperty({ description: 'Shares its rank with another entry' }) tied: boolean;
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

export class PublishedResultRowView {
  @ApiProperty({ description: 'Rank in the group by the combined result; ties share it' })
  rank: number;
  @ApiProperty() tied: boolean;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() title: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ nullable: true, type: String, enum: ['first', 'second', 'third', 'consolation'] })
  prize: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Giải Nhất' }) prizeLabel: string | null;
  @ApiProperty({ description: "Rank in the group by the jury's score alone" }) juryRank: number;
  @ApiProperty() juryTied: boolean;
  @ApiProperty({ nullable: true, type: Number }) juryScore: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Counted public votes' })
  publicVotes: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: '0–100: 100 × votes ÷ the most votes of an entry of the group',
  })
  publicScore: number | null;
  @ApiProperty({ nullable: true, type: Number }) finalScore: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What put it below the entry above it (finalScore, score or a tie-break)',
  })
  decidedBy: string | null;
}

export class PublishedResultGroupView {
  @ApiProperty() categoryName: string;
  @ApiProperty({ nullable: true, type: String, description: "The unit of the round's scope" })
  scopeUnitName: string | null;
  @ApiProperty({ type: [PublishedResultRowView] }) rows: PublishedResultRowView[];
}

export class PublishedVoteSessionView {
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Votes counted in the result' }) counted: number;
  @ApiProperty({ type: ResultChainHeadView, nullable: true }) chainHead: ResultChainHeadView | null;
}

export class PublishedRoundView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundName: string;
  @ApiProperty() juryWeight: number;
  @ApiProperty() publicWeight: number;
  @ApiProperty({ type: [PublishedVoteSessionView], description: 'The votes the result used' })
  voteSessions: PublishedVoteSessionView[];
  @ApiProperty({ type: [PublishedResultGroupView] }) groups: PublishedResultGroupView[];
}

export class ContestResultsView {
  @ApiProperty({
    type: [PublishedRoundView],
    description: 'Published results of judged rounds: prizes, jury ranking, public vote, combined',
  })
  rounds: PublishedRoundView[];
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [ResultSessionView] }) sessions: ResultSessionView[];
  @ApiProperty({ type: [PublishedEntryView] }) published: PublishedEntryView[];
}
