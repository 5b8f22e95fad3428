import { uuidParam } from '../common/validation/uuid-param';
import {
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
} from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { Locale, localeFrom, translate } from '../common/i18n/i18n';
import {
  AdvanceEntriesDto,
  AwardEntryDto,
  BulkScreenEntriesDto,
  CreateEntryDto,
  ListEntriesQuery,
  PublishEntriesDto,
  ScreenEntryDto,
  UpdateEntryDto,
} from './dto/entry.dto';
import {
  AdvanceResultView,
  BulkScreenResultView,
  EntryHistoryView,
  OwnEntryRoundsView,
  EntryPage,
  EntryView,
  JudgeEntryView,
  PublishResultView,
} from './dto/entry.view';
import { AdvancementService } from './advancement.service';
import { ScreeningService } from './screening.service';
import { EntriesService, EntryDescription, EntryReadAs } from './entries.service';
import { Entry } from './entities/entry.entity';
import { EntrySnapshot } from './entities/entry-version.entity';
import './messages';

export function entryView(d: EntryDescription, locale: Locale): EntryView {
  const e = d.entry;
  return {
    id: e.id,
    contestId: e.contestId,
    categoryId: e.categoryId,
    unitId: e.unitId,
    unitName: e.unitNameAtSubmission ?? e.unitNameAtCreation,
    ownerId: e.ownerId,
    authorType: e.authorType,
    members: e.members,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    contactEmail: e.contactEmail,
    title: e.title,
    summary: e.summary,
    status: e.status,
    allowedActions: d.allowedActions,
    missing: d.missing.map((m) => ({
      field: m.field,
      code: m.code,
      message: translate(m.code, locale, m.params),
    })),
    currentRoundId: e.currentRoundId,
    version: e.version,
    submittedAt: e.submittedAt,
    disqualificationReason: e.disqualificationReason,
    returnReason: e.returnReason,
    returnedAt: e.returnedAt,
    publishedAt: e.publishedAt,
    publicUrl: e.publishedAt ? `/p/${e.publicId}` : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function judgeView(e: Entry, s: EntrySnapshot, blind: boolean): JudgeEntryView {
  const view: JudgeEntryView = {
    id: e.id,
    contestId: e.contestId,
    categoryId: s.categoryId,
    version: e.version,
    status: e.status,
    currentRoundId: e.currentRoundId,
    title: s.title,
    summary: s.summary,
    authorType: s.authorType,
    blind,
  };
  if (!blind) {
    view.members = s.members;
    view.unitId = s.unitId;
    view.unitName = s.unitName;
    view.contactName = s.contactName;
    view.contactPhone = s.contactPhone;
    view.contactEmail = s.contactEmail;
  }
  return view;
}

function readView(r: EntryReadAs, locale: Locale): EntryView | JudgeEntryView {
  return r.kind === 'full' ? entryView(r, locale) : judgeView(r.entry, r.snapshot, r.blind);
}

const readResponse = {
  description: 'Full entry for its unit and the organizers; the frozen version for judges',
  schema: { oneOf: [{ $ref: getSchemaPath(EntryView) }, { $ref: getSchemaPath(JudgeEntryView) }] },
};

@ApiTags('entries')
@ApiBearerAuth()
@ApiExtraModels(EntryView, JudgeEntryView)
@Controller()
export class EntriesController {
  constructor(
    private readonly entries: EntriesService,
    private readonly advancement: AdvancementService,
    private readonly screening: ScreeningService,
  ) {}

  @Post('contests/:contestId/entries')
  @ApiOperation({ summary: "Create a draft entry for the caller's unit (contestants)" })
  @ApiCreatedResponse({ type: EntryView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Contest not open, window closed' })
  async create(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: CreateEntryDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.create(contestId, dto, user), localeFrom(language));
  }

  @Get('contests/:contestId/entries')
  @ApiOperation({
    summary: 'List entries: organizers all, contestants their unit, judges those in judging',
  })
  @ApiOkResponse({ type: EntryPage })
  // The service answers the page's JSON bytes (written by the query): sent as they are.
  @Header('content-type', 'application/json; charset=utf-8')
  list(
    @Param('contestId', uuidParam) contestId: string,
    @Query() query: ListEntriesQuery,
    @CurrentUser() user: Principal,
  ): Promise<Buffer> {
    return this.entries.list(contestId, query, user);
  }

  @Post('contests/:contestId/rounds/:roundId/advance')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "Forward entries of a round to the next: by hand, or the top N of each category (per unit of the round's scope) by the fixed result; only within the rounds' window and state unless overridden with a reason",
  })
  @ApiOkResponse({ type: AdvanceResultView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Invalid transition, no ranking, round not opened or the next one closed',
  })
  advance(
    @Param('contestId', uuidParam) contestId: string,
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: AdvanceEntriesDto,
    @CurrentUser() user: Principal,
  ): Promise<AdvanceResultView> {
    return this.advancement.advance(contestId, roundId, dto, user);
  }

  @Post('contests/:contestId/entries/screen')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Screen many entries with one decision (organizers): each is decided as if alone; those ' +
      'that cannot take it are left unchanged and said why',
  })
  @ApiOkResponse({ type: BulkScreenResultView })
  screenMany(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: BulkScreenEntriesDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<BulkScreenResultView> {
    return this.screening.screenMany(contestId, dto, user, localeFrom(language));
  }

  @Post('contests/:contestId/entries/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish entries of a contest (all publishable ones, or some)' })
  @ApiOkResponse({ type: PublishResultView })
  async publishMany(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: PublishEntriesDto,
    @CurrentUser() user: Principal,
  ): Promise<PublishResultView> {
    return { published: await this.entries.publishMany(contestId, dto, user) };
  }

  @Get('entries/:id')
  @ApiOperation({ summary: 'One entry, as the caller may see it' })
  @ApiOkResponse(readResponse)
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView | JudgeEntryView> {
    return readView(await this.entries.read(id, user), localeFrom(language));
  }

  @Patch('entries/:id')
  @ApiOperation({ summary: 'Edit a draft (its unit, until the submission round closes)' })
  @ApiOkResponse({ type: EntryView })
  async update(
    @Param('id', uuidParam) id: string,
    @Body() dto: UpdateEntryDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.update(id, dto, user), localeFrom(language));
  }

  @Post('entries/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit a draft: freezes a version; refused after the deadline' })
  @ApiOkResponse({ type: EntryView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Late, quota reached, not a draft' })
  async submit(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.submit(id, user), localeFrom(language));
  }

  @Post('entries/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw a submitted entry (before screening)' })
  @ApiOkResponse({ type: EntryView })
  async withdraw(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.withdraw(id, user), localeFrom(language));
  }

  @Post('entries/:id/screen')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Screening: eligible; disqualified with a reason; or returned to the contestant with a ' +
      'reason (a draft again, editable and submitted again until the deadline) (organizers)',
  })
  @ApiOkResponse({ type: EntryView })
  async screen(
    @Param('id', uuidParam) id: string,
    @Body() dto: ScreenEntryDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(
      await this.entries.screen(id, dto.decision, dto.reason, user, dto),
      localeFrom(language),
    );
  }

  @Post('entries/:id/award')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Award an advanced entry (organizers)' })
  @ApiOkResponse({ type: EntryView })
  async award(
    @Param('id', uuidParam) id: string,
    @Body() dto: AwardEntryDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.award(id, dto.reason, user, dto), localeFrom(language));
  }

  @Post('entries/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish one entry: it gets a stable public page (organizers)' })
  @ApiOkResponse({ type: EntryView })
  async publish(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<EntryView> {
    return entryView(await this.entries.publish(id, user), localeFrom(language));
  }

  @Get('entries/:id/rounds')
  @ApiOperation({
    summary: 'The rounds an entry went through (its own unit, or the organizers)',
    description:
      'Where the entry stands in each round it reached: in it now, forwarded to the next, or ' +
      "stopped there. The contestant portal shows it as the entry's history.",
  })
  @ApiOkResponse({ type: OwnEntryRoundsView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async rounds(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
  ): Promise<OwnEntryRoundsView> {
    const rounds = await this.entries.roundsFor(id, user);
    return {
      rounds: rounds.map((r) => ({
        roundId: r.roundId,
        status: r.status,
        enteredAt: r.createdAt,
        decidedAt: r.decidedAt,
      })),
    };
  }

  @Get('entries/:id/history')
  @ApiOperation({ summary: "An entry's rounds and its audit trail (organizers)" })
  @ApiOkResponse({ type: EntryHistoryView })
  async history(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: Principal,
  ): Promise<EntryHistoryView> {
    const { rounds, audit } = await this.entries.history(id, user);
    return {
      rounds: rounds.map((r) => ({
        roundId: r.roundId,
        status: r.status,
        source: r.source,
        decidedBy: r.decidedBy,
        decidedAt: r.decidedAt,
        enteredAt: r.createdAt,
      })),
      audit: audit.map((a) => ({
        id: a.id,
        at: a.at,
        actorId: a.actorId,
        action: a.action,
        before: a.before,
        after: a.after,
        reason: a.reason,
      })),
    };
  }
}
