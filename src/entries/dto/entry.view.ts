import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EntryAction, EntryStatus } from '../entry-state-machine';
import { AuthorType } from '../entities/entry.entity';
import { EntryMemberDto } from './entry.dto';

/** Something an entry lacks against its category's rules (the same as submission answers). */
export class EntryProblemView {
  @ApiProperty({ description: '`media` for the count of files, `media.<fileId>` for one file' })
  field: string;
  @ApiProperty({ example: 'media.too_few' }) code: string;
  @ApiProperty({ description: "In the request's language" }) message: string;
}

/** An entry as its unit and the organizers see it. */
export class EntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ description: 'Unit name at submission (at creation for drafts)' })
  unitName: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: AuthorType, enumName: 'AuthorType' }) authorType: AuthorType;
  @ApiProperty({ type: [EntryMemberDto] }) members: EntryMemberDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) contactName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'E.164' }) contactPhone:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: EntryStatus, enumName: 'EntryStatus' }) status: EntryStatus;
  @ApiProperty({
    enum: EntryAction,
    enumName: 'EntryAction',
    isArray: true,
    description:
      'What the caller may do now: the actions of their side (the entry’s unit, or the ' +
      'organizers) from this status, inside the round’s window and state; submit only once ' +
      'nothing is missing',
  })
  allowedActions: EntryAction[];
  @ApiProperty({
    type: [EntryProblemView],
    description: 'What a draft still lacks before it can be submitted (empty otherwise)',
  })
  missing: EntryProblemView[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) currentRoundId:
    string | null;
  @ApiProperty({ description: 'Number of the last submitted version (0 = never submitted)' })
  version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) disqualificationReason: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Why screening returned the entry to its contestant (a draft again, to complete and ' +
      'submit before the deadline); cleared when it is submitted again',
  })
  returnReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) returnedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt: Date | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Public page path once published',
  })
  publicUrl: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** The frozen version of an entry as a judge reads it; blind judging hides who made it. */
export class JudgeEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: EntryStatus, enumName: 'EntryStatus' }) status: EntryStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) currentRoundId:
    string | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: AuthorType, enumName: 'AuthorType' }) authorType: string;
  @ApiProperty({ description: 'True when authors, unit and contact are hidden' }) blind: boolean;
  @ApiPropertyOptional({ type: [EntryMemberDto] }) members?: EntryMemberDto[];
  @ApiPropertyOptional({ format: 'uuid' }) unitId?: string;
  @ApiPropertyOptional() unitName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) contactName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactPhone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactEmail?: string | null;
}

export class EntrySummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EntryStatus, enumName: 'EntryStatus' }) status: EntryStatus;
  @ApiProperty({ enum: AuthorType, enumName: 'AuthorType' }) authorType: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Hidden in blind judging',
  })
  unitId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Hidden in blind judging' })
  unitName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) currentRoundId:
    string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class EntryPage {
  @ApiProperty({ type: [EntrySummaryView] }) items: EntrySummaryView[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page',
  })
  nextCursor: string | null;
}

export class EntryRoundView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ enum: ['active', 'advanced', 'eliminated'] }) status: string;
  @ApiProperty({ enum: ['submission', 'manual', 'top_n'] }) source: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt: Date | null;
  @ApiProperty() enteredAt: Date;
}

/** A round the entry went through, as its own unit sees it (who decided is not shown). */
export class OwnEntryRoundView {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({
    enum: ['active', 'advanced', 'eliminated'],
    description: 'In the round now, forwarded from it to the next, or stopped at it',
  })
  status: string;
  @ApiProperty() enteredAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt: Date | null;
}

export class OwnEntryRoundsView {
  @ApiProperty({ type: [OwnEntryRoundView], description: 'Oldest first' })
  rounds: OwnEntryRoundView[];
}

export class AuditRecordView {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
}

export class EntryHistoryView {
  @ApiProperty({ type: [EntryRoundView], description: 'Rounds the entry went through' })
  rounds: EntryRoundView[];
  @ApiProperty({ type: [AuditRecordView], description: 'Every change, oldest first' })
  audit: AuditRecordView[];
}

export class TieAtCutView {
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) scopeUnitId: string | null;
  @ApiProperty({ description: 'The rank the tied entries share' }) rank: number;
  @ApiProperty({ type: [String] }) entryIds: string[];
}

export class AdvanceResultView {
  @ApiProperty({ format: 'uuid' }) fromRoundId: string;
  @ApiProperty({ format: 'uuid' }) toRoundId: string;
  @ApiProperty({ type: [String] }) advanced: string[];
  @ApiProperty({ type: [String] }) eliminated: string[];
  @ApiProperty({
    type: [TieAtCutView],
    description: 'Top N: groups where entries tied at the cut were forwarded together',
  })
  tiesAtCut: TieAtCutView[];
  @ApiProperty({ description: "The round's window or state was overridden (audited)" })
  override: boolean;
}

export class PublishResultView {
  @ApiProperty({ type: [String] }) published: string[];
}

export class BulkScreenOutcomeView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({
    enum: EntryStatus,
    enumName: 'EntryStatus',
    nullable: true,
    type: String,
    description: 'The status it now has; null when it was left unchanged',
  })
  status: EntryStatus | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was left unchanged' })
  code: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The same, in words' })
  message: string | null;
}

export class BulkScreenResultView {
  @ApiProperty({ description: 'How many entries took the decision' }) screened: number;
  @ApiProperty({ type: [BulkScreenOutcomeView], description: 'One per entry asked, in order' })
  results: BulkScreenOutcomeView[];
}
