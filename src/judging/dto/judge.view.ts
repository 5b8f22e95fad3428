import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SheetStatus } from '../entities/score-sheet.entity';

/** A judge's score sheet for one entry, as its judge (or an organizer) reads it. */
export class ScoreSheetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({
    enum: SheetStatus,
    enumName: 'SheetStatus',
    description: 'void: its assignment was released before submission (judge left or recused)',
  })
  status: SheetStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Score by criterion key',
  })
  scores: Record<string, number>;
  @ApiProperty({ description: 'The overall comment' }) comment: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Comment by criterion key',
  })
  criterionComments: Record<string, string>;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Weighted total (0–100) once submitted; null for a draft',
  })
  total: number | null;
  @ApiProperty({ description: 'Reopened by a rubric change after it was submitted' })
  reopened: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The version a change is made on (sent back as baseUpdatedAt)',
  })
  updatedAt: string;
}

/** What a judge sees of a round: its name, contest, and window in the contest's time zone. */
export class JudgeRoundMetaView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty() contestTitle: string;
  @ApiProperty({ description: 'IANA time zone of the contest', example: 'Asia/Ho_Chi_Minh' })
  timeZone: string;
  @ApiProperty({ type: String, format: 'date-time' }) opensAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'Including the grace period' })
  closesAt: string;
  @ApiProperty() closed: boolean;
  @ApiProperty({ description: 'Whether a submitted sheet may be changed while the round is open' })
  allowRevision: boolean;
  @ApiProperty({ description: 'Authors, unit and members are hidden from judges' })
  blind: boolean;
}

export class JudgeRoundProgressView {
  @ApiProperty() assigned: number;
  @ApiProperty() drafts: number;
  @ApiProperty() submitted: number;
  @ApiProperty({ description: 'Assigned and not yet submitted' }) left: number;
}

/** A round on the judge's home, with their progress and the next entry to score. */
export class JudgeRoundView extends JudgeRoundMetaView {
  @ApiProperty({ description: 'On the panel (false: holds assignments only)' }) onPanel: boolean;
  @ApiProperty({ type: JudgeRoundProgressView }) progress: JudgeRoundProgressView;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The first entry of the queue not yet submitted',
  })
  next: string | null;
}

export class JudgeRoundsView {
  @ApiProperty({ type: [JudgeRoundView] }) rounds: JudgeRoundView[];
}

export class JudgeEntryMemberView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
}

/** An entry as its judge gets it: what was submitted, nothing naming people or units when blind. */
export class JudgeQueueItemView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ description: 'The frozen (submitted) version judged' }) version: number;
  @ApiProperty({ description: 'True when unit, members and contact are left out' })
  blind: boolean;
  @ApiPropertyOptional({ description: 'Not when blind' }) unitName?: string;
  @ApiPropertyOptional({ type: [JudgeEntryMemberView], description: 'Not when blind' })
  members?: JudgeEntryMemberView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Not when blind' })
  contactName?: string | null;
  @ApiProperty({
    type: ScoreSheetView,
    nullable: true,
    description: "The judge's own sheet (null when none)",
  })
  sheet: ScoreSheetView | null;
}

export class JudgeQueueProgressView {
  @ApiProperty() assigned: number;
  @ApiProperty() drafts: number;
  @ApiProperty() submitted: number;
}

/** The judge's assigned entries of a round, in the order assigned. */
export class JudgeQueueView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: JudgeRoundMetaView }) round: JudgeRoundMetaView;
  @ApiProperty() closed: boolean;
  @ApiProperty() blind: boolean;
  @ApiProperty({ type: JudgeQueueProgressView }) progress: JudgeQueueProgressView;
  @ApiProperty({ type: [JudgeQueueItemView] }) items: JudgeQueueItemView[];
}

/** A criterion of a rubric as stored. */
export class CriterionView {
  @ApiProperty({ example: 'noi-dung' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({
    description: 'Relative weight; the weights of a rubric sum to 100 or are normalized',
  })
  weight: number;
  @ApiProperty() max: number;
  @ApiProperty() step: number;
}

export class JudgeCategoryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
}

export class JudgeMediaFactsView {
  @ApiPropertyOptional() width?: number;
  @ApiPropertyOptional() height?: number;
  @ApiPropertyOptional() durationSeconds?: number;
  @ApiPropertyOptional() pages?: number;
}

/** A page image of a document, with its signed address and size. */
export class JudgePageView {
  @ApiProperty({ description: 'Page number, from 1' }) page: number;
  @ApiProperty({ description: 'Signed address of the page image' }) url: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

/** A file of an entry as its judge gets it: kind, size, facts and signed addresses only. */
export class JudgeMediaView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['video', 'image', 'audio', 'document'], nullable: true })
  kind: string | null;
  @ApiProperty({ enum: ['ready'], description: 'Only files ready to play are listed' })
  status: string;
  @ApiProperty({ type: String, nullable: true }) mime: string | null;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ type: JudgeMediaFactsView }) facts: JudgeMediaFactsView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Signed address by variant (thumb, preview, poster, page-N…)',
  })
  urls: Record<string, string>;
  @ApiPropertyOptional({
    type: [JudgePageView],
    description:
      "A document's page images in page order (its first pages only: fewer than facts.pages " +
      'when the document is longer); documents only',
  })
  pages?: JudgePageView[];
  @ApiPropertyOptional({ description: 'Not when blind' }) originalName?: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the signed addresses expire (null: none)',
  })
  expiresAt: string | null;
}

/** An assigned entry opened by its judge: the entry, its round, rubric, files and sheet. */
export class JudgeEntryDetailView extends JudgeQueueItemView {
  @ApiProperty({ type: JudgeRoundMetaView }) round: JudgeRoundMetaView;
  @ApiProperty({ type: JudgeCategoryView }) category: JudgeCategoryView;
  @ApiProperty({
    type: [CriterionView],
    nullable: true,
    description: "The category's rubric (or the round's default); null when none",
  })
  rubric: CriterionView[] | null;
  @ApiProperty({ type: [JudgeMediaView] }) media: JudgeMediaView[];
}

export class RecusalView {
  @ApiProperty({ description: 'Always true: the entry left the queue' }) recused: boolean;
}
