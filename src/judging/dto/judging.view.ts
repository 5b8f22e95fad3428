import { ApiProperty } from '@nestjs/swagger';
import { PrizeTiersView } from '../../contests/dto/contest.dto';
import { AggregationMethod } from '../aggregation';
import { SheetStatus } from '../entities/score-sheet.entity';
import { TieBreak } from '../ranking';
import type { Prize } from '../standings';
import { CriterionView } from './judge.view';

/** A judge of the round's panel (inactive: removed or replaced). */
export class PanelMemberView {
  @ApiProperty({ format: 'uuid' }) judgeId: string;
  @ApiProperty() active: boolean;
}

/** A judge of the contest. */
export class ContestJudgeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

/** A judge of the panel who may not judge an entry, and why. */
export class JudgingConflictView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ format: 'uuid' }) judgeId: string;
  @ApiProperty({ enum: ['unit', 'owner', 'member', 'recusal'] }) reason:
    'unit' | 'owner' | 'member' | 'recusal';
}

/** A judge assigned an entry, with their sheet's status. */
export class AssignedJudgeView {
  @ApiProperty({ format: 'uuid' }) judgeId: string;
  @ApiProperty({
    enum: SheetStatus,
    enumName: 'SheetStatus',
    nullable: true,
    description: 'null: no sheet yet',
  })
  sheetStatus: SheetStatus | null;
  @ApiProperty({ description: 'Still on the panel (false: removed, sheet kept)' })
  onPanel: boolean;
}

/** An entry of the round with its judges (as organizers see it: not blind). */
export class AssignedEntryView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() title: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ type: [AssignedJudgeView] }) judges: AssignedJudgeView[];
}

/** Panel judges excluded from an entry by their first reason, and judges the panel lacks. */
export class ShortfallReasonsView {
  @ApiProperty() unit: number;
  @ApiProperty() owner: number;
  @ApiProperty() member: number;
  @ApiProperty() recusal: number;
  @ApiProperty() category: number;
  @ApiProperty({ description: 'Judges the panel would need even with none excluded' })
  capacity: number;
}

/** An entry short of its quorum, with why, in the caller's language. */
export class ShortfallView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ description: 'Judges still needed' }) needed: number;
  @ApiProperty() assigned: number;
  @ApiProperty({ type: ShortfallReasonsView }) reasons: ShortfallReasonsView;
  @ApiProperty() message: string;
}

/** A judge's progress in the round. */
export class JudgeProgressView {
  @ApiProperty({ format: 'uuid' }) judgeId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() assigned: number;
  @ApiProperty() drafts: number;
  @ApiProperty() submitted: number;
}

/** Every entry of the round with its judges, the loads, and the entries short of the quorum. */
export class AssignmentsView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ description: 'Judges per entry' }) quorum: number;
  @ApiProperty({ type: [PanelMemberView] }) panel: PanelMemberView[];
  @ApiProperty({ type: [ContestJudgeView], description: 'The judges of the contest' })
  judges: ContestJudgeView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Entries assigned, by judge of the panel',
  })
  loads: Record<string, number>;
  @ApiProperty({ type: [JudgingConflictView] }) conflicts: JudgingConflictView[];
  @ApiProperty({ type: [AssignedEntryView] }) entries: AssignedEntryView[];
  @ApiProperty({ type: [ShortfallView] }) shortfalls: ShortfallView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The shortfalls in a sentence, in the caller’s language (null: none)',
  })
  message: string | null;
  @ApiProperty({ type: [JudgeProgressView] }) progress: JudgeProgressView[];
}

export class ProgressEntriesView {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Entries with as many submitted sheets as the quorum' })
  complete: number;
}

export class ProgressSheetsView {
  @ApiProperty() assigned: number;
  @ApiProperty() submitted: number;
}

/** Every judge's progress, and the round's (the live room's snapshot too). */
export class JudgingProgressView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() quorum: number;
  @ApiProperty({ type: [JudgeProgressView] }) judges: JudgeProgressView[];
  @ApiProperty({ type: ProgressEntriesView }) entries: ProgressEntriesView;
  @ApiProperty({ type: ProgressSheetsView }) sheets: ProgressSheetsView;
}

/** A criterion of a stored rubric, with its weight as a share of 100. */
export class RubricCriterionView extends CriterionView {
  @ApiProperty({ description: 'The weight normalized to a sum of 100 (two decimals)' })
  normalizedWeight: number;
}

/** A rubric of the round: for a category, or (categoryId null) for every other one. */
export class RubricView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: every category',
  })
  categoryId: string | null;
  @ApiProperty({ description: 'Raised by each change' }) revision: number;
  @ApiProperty({ description: 'The weights as given do not sum to 100 (they count as shares)' })
  weightsNormalized: boolean;
  @ApiProperty({ type: [RubricCriterionView] }) criteria: RubricCriterionView[];
}

const JURY_KEYS = ['score', 'firstCriterion', 'firstPlaces', 'earlierSubmission'];

/** A group the round ranks on its own: a category, within a unit of the round's scope if scoped. */
export class ResultGroupView {
  @ApiProperty() key: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty() categoryName: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The unit of the round's scope (null: the round is not scoped by unit)",
  })
  scopeUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) scopeUnitName: string | null;
  @ApiProperty({ description: 'Entries in the group' }) entries: number;
}

/** What the jury's and the combined ranking show of an entry. */
abstract class RankedEntryView {
  @ApiProperty() tied: boolean;
  @ApiProperty({ description: "The group's key (see groups)" }) group: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ description: "The entry's short code (its public page once published)" })
  publicId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeUnitId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no submitted sheet' })
  score: number | null;
  @ApiProperty({ description: 'Submitted sheets' }) sheets: number;
  @ApiProperty() quorumMet: boolean;
  @ApiProperty({ type: Number, nullable: true }) firstCriterion: number | null;
  @ApiProperty() firstPlaces: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
}

/** An entry's place in the jury's ranking. */
export class ResultRowView extends RankedEntryView {
  @ApiProperty({ description: 'Rank in its group by the jury; tied entries share it' })
  rank: number;
  @ApiProperty({
    type: String,
    enum: JURY_KEYS,
    nullable: true,
    description: 'What put it below the entry above it; null for the first and ties',
  })
  decidedBy: string | null;
}

/** The jury's ranking of a round, per group (live until the results are fixed). */
export class RoundResultsView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: AggregationMethod, enumName: 'AggregationMethod' })
  method: AggregationMethod;
  @ApiProperty({ enum: TieBreak, enumName: 'TieBreak', isArray: true }) tieBreaks: TieBreak[];
  @ApiProperty() quorum: number;
  @ApiProperty({ description: 'Judges may change a submitted sheet while the round is open' })
  allowRevision: boolean;
  @ApiProperty() fixed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultsFixedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({
    type: [ResultGroupView],
    description: 'In order (categories by position, then units of the scope by name)',
  })
  groups: ResultGroupView[];
  @ApiProperty({ type: [ResultRowView], description: 'By group, then rank' })
  rows: ResultRowView[];
}

/** An entry's place in the combined result (jury and public vote), with its prize. */
export class FinalRowView extends RankedEntryView {
  @ApiProperty({ description: 'Rank in its group by the combined score; tied entries share it' })
  rank: number;
  @ApiProperty({
    type: String,
    enum: ['finalScore', ...JURY_KEYS],
    nullable: true,
    description: 'What put it below the entry above it; null for the first and ties',
  })
  decidedBy: string | null;
  @ApiProperty() juryRank: number;
  @ApiProperty() juryTied: boolean;
  @ApiProperty({ type: String, enum: JURY_KEYS, nullable: true }) juryDecidedBy: string | null;
  @ApiProperty({ type: Number, nullable: true }) juryScore: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Counted public votes (null: the round has no public vote)',
  })
  publicVotes: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '0–100, relative to the most voted entry of the group (null: no public vote)',
  })
  publicScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) finalScore: number | null;
  @ApiProperty({
    type: String,
    enum: ['first', 'second', 'third', 'consolation'],
    nullable: true,
  })
  prize: Prize | null;
  @ApiProperty({ type: String, nullable: true, example: 'Giải Nhất' }) prizeLabel: string | null;
}

export class VoteChainHeadView {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
}

/** A voting session of the round, as the result reads it. */
export class PublicVoteSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'No vote can arrive any more' }) over: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({
    type: VoteChainHeadView,
    nullable: true,
    description: 'Head of the hash chain when the votes were counted (null: no vote yet)',
  })
  chainHead: VoteChainHeadView | null;
  @ApiProperty({ description: 'Votes that count' }) counted: number;
  @ApiProperty({ description: 'Held by a fraud signal and not decided' }) quarantined: number;
  @ApiProperty({ description: 'Thrown out by an organizer' }) voided: number;
}

/** The public vote behind a result. */
export class PublicVoteView {
  @ApiProperty({
    enum: ['none', 'open', 'closed'],
    description:
      'none: no voting session (the jury counts 100 %); open: a session can still take votes ' +
      '(the result is provisional); closed: every session is over',
  })
  status: 'none' | 'open' | 'closed';
  @ApiProperty({ enum: ['relative_to_top_of_group'] }) rule: 'relative_to_top_of_group';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ type: [PublicVoteSessionView] }) sessions: PublicVoteSessionView[];
}

/** Jury and public scores combined by the contest's weights, with prizes per group. */
export class FinalResultsView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() juryWeight: number;
  @ApiProperty() publicWeight: number;
  @ApiProperty({
    description: 'Until the results are fixed, and while a voting session is not over',
  })
  provisional: boolean;
  @ApiProperty({ type: PublicVoteView }) publicVote: PublicVoteView;
  @ApiProperty({ type: PrizeTiersView }) prizeTiers: PrizeTiersView;
  @ApiProperty() fixed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [ResultGroupView] }) groups: ResultGroupView[];
  @ApiProperty({ type: [FinalRowView] }) rows: FinalRowView[];
}

/** A judge reminded of the sheets they have left. */
export class ReminderOutcomeView {
  @ApiProperty({ format: 'uuid' }) judgeId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Sheets not yet submitted' }) pending: number;
  @ApiProperty({ description: 'Also sent to their phone (false: no phone, or the gateway failed)' })
  byPhone: boolean;
}

export class RemindersView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: [ReminderOutcomeView] }) sent: ReminderOutcomeView[];
  @ApiProperty({
    type: [String],
    description: 'Judges asked for (or on the panel) with nothing left to submit',
  })
  skipped: string[];
}

/** A rubric as saved. */
export class SavedRubricView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: every category',
  })
  categoryId: string | null;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({ description: '1, then +1 for each change' }) revision: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** The public vote a round's fixed results used: weights applied and the sessions counted. */
export class PublicVoteSnapshotView {
  @ApiProperty() juryWeight: number;
  @ApiProperty() publicWeight: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the votes were counted' })
  readAt: string;
  @ApiProperty({ type: [PublicVoteSessionView] }) sessions: PublicVoteSessionView[];
}

/** How a round is judged, as saved. */
export class JudgingSettingsView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ description: 'Judges per entry' }) quorum: number;
  @ApiProperty({ enum: AggregationMethod, enumName: 'AggregationMethod' })
  method: AggregationMethod;
  @ApiProperty({ enum: TieBreak, enumName: 'TieBreak', isArray: true }) tieBreaks: TieBreak[];
  @ApiProperty({ description: 'Of the last assignment' }) seed: string;
  @ApiProperty({ description: 'Closed without every quorum (with a reason)' })
  closedForced: boolean;
  @ApiProperty() allowRevision: boolean;
  @ApiProperty({
    type: PublicVoteSnapshotView,
    nullable: true,
    description: 'Once the results are fixed',
  })
  publicVote: PublicVoteSnapshotView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publishedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** A criterion's scores in a contestant's breakdown. */
export class CriterionScoresView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() max: number;
  @ApiProperty({ description: 'The weight as a share of 100 (four decimals)' }) weight: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no submitted sheet' })
  mean: number | null;
  @ApiProperty({ type: [Number], description: 'One per submitted sheet (no judge named)' })
  scores: number[];
}

/** A published round's result of an entry, by criterion, with its rank and prize. */
export class EntryRoundResultView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty() roundName: string;
  @ApiProperty({ enum: AggregationMethod, enumName: 'AggregationMethod' })
  method: AggregationMethod;
  @ApiProperty({ description: 'Submitted sheets' }) sheets: number;
  @ApiProperty({ type: [CriterionScoresView] }) criteria: CriterionScoresView[];
  @ApiProperty() weightsNormalized: boolean;
  @ApiProperty({ type: Number, nullable: true }) juryScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) publicVotes: number | null;
  @ApiProperty({ type: Number, nullable: true }) publicScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) finalScore: number | null;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty() tied: boolean;
  @ApiProperty({ type: ResultGroupView, nullable: true }) group: ResultGroupView | null;
  @ApiProperty({
    type: String,
    enum: ['first', 'second', 'third', 'consolation'],
    nullable: true,
  })
  prize: Prize | null;
  @ApiProperty({ type: String, nullable: true }) prizeLabel: string | null;
  @ApiProperty({
    type: String,
    enum: ['finalScore', ...JURY_KEYS],
    nullable: true,
  })
  decidedBy: string | null;
}

/** An entry's published results, round by round. */
export class EntryResultsView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ type: [EntryRoundResultView] }) rounds: EntryRoundResultView[];
}
