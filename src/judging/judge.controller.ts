import { Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { Body, Param } from '../common/validation/params';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { uuidParam } from '../common/validation/uuid-param';
import {
  JudgeEntryDetailView,
  JudgeMediaView,
  JudgeQueueView,
  JudgeRoundsView,
  RecusalView,
  ScoreSheetView,
} from './dto/judge.view';
import { ReasonDto, SheetDto } from './dto/judging.dto';
import { EntryResultsView } from './dto/judging.view';
import { JudgingService } from './judging.service';
import { ResultsService } from './results.service';

/** Judges: their queue, the entries assigned to them (blind when the contest says so), their sheets. */
@ApiTags('judging')
@ApiBearerAuth()
@ApiForbiddenResponse({
  type: ErrorBodyView,
  description: 'Not assigned, conflicted, or not yours',
})
@ApiExtraModels(ScoreSheetView)
@Controller('judging')
export class JudgeController {
  constructor(
    private readonly judging: JudgingService,
    private readonly results: ResultsService,
  ) {}

  @Get('my-rounds')
  @ApiOperation({
    summary:
      "The judge's home: the rounds they sit on, windows and progress (submitted of assigned)",
  })
  @ApiOkResponse({ type: JudgeRoundsView })
  myRounds(@CurrentUser() user: Principal) {
    return this.judging.judgeRounds(user);
  }

  @Get('rounds/:roundId/queue')
  @ApiOperation({ summary: "The judge's assigned entries and progress" })
  @ApiOkResponse({ type: JudgeQueueView })
  queue(@Param('roundId', uuidParam) roundId: string, @CurrentUser() user: Principal) {
    return this.judging.queue(roundId, user);
  }

  @Get('rounds/:roundId/entries/:entryId')
  @ApiOperation({
    summary: 'An assigned entry (frozen version) with its rubric and the judge’s sheet',
  })
  @ApiOkResponse({ type: JudgeEntryDetailView })
  entry(
    @Param('roundId', uuidParam) roundId: string,
    @Param('entryId', uuidParam) entryId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.judging.readEntry(roundId, entryId, user);
  }

  @Get('rounds/:roundId/entries/:entryId/media')
  @ApiOperation({
    summary: "An assigned entry's files with fresh signed addresses (for <video>, <img>, <audio>)",
  })
  @ApiOkResponse({ type: [JudgeMediaView] })
  entryMedia(
    @Param('roundId', uuidParam) roundId: string,
    @Param('entryId', uuidParam) entryId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.judging.readEntryMedia(roundId, entryId, user);
  }

  @Get('rounds/:roundId/entries/:entryId/sheet')
  @ApiOperation({ summary: "The judge's own sheet for an entry (null when none)" })
  @ApiOkResponse({
    description: 'The sheet, or null when the judge has none for the entry',
    schema: { nullable: true, allOf: [{ $ref: getSchemaPath(ScoreSheetView) }] },
  })
  sheet(
    @Param('roundId', uuidParam) roundId: string,
    @Param('entryId', uuidParam) entryId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.judging.ownSheet(roundId, entryId, user);
  }

  @Put('rounds/:roundId/entries/:entryId/sheet')
  @ApiOperation({
    summary:
      'Save a draft, submit, or revise, while the round is open and within its judging window; audited',
  })
  @ApiOkResponse({ type: ScoreSheetView })
  @ApiBadRequestResponse({
    type: ErrorBodyView,
    description: 'Scores out of range, off-step, missing or unknown',
  })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Round closed, not opened, outside its window, or no rubric',
  })
  save(
    @Param('roundId', uuidParam) roundId: string,
    @Param('entryId', uuidParam) entryId: string,
    @Body() dto: SheetDto,
    @CurrentUser() user: Principal,
  ) {
    return this.judging.saveSheet(roundId, entryId, dto, user);
  }

  @Post('rounds/:roundId/entries/:entryId/recusal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Declare a conflict of interest with an entry (with a reason), within the judging window',
  })
  @ApiOkResponse({ type: RecusalView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Round closed, not opened, or outside its window',
  })
  recuse(
    @Param('roundId', uuidParam) roundId: string,
    @Param('entryId', uuidParam) entryId: string,
    @Body() dto: ReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.judging.recuse(roundId, entryId, dto.reason, user);
  }

  @Get('sheets/:sheetId')
  @ApiOperation({ summary: 'A sheet: its judge or an organizer only' })
  @ApiOkResponse({ type: ScoreSheetView })
  sheetById(@Param('sheetId', uuidParam) sheetId: string, @CurrentUser() user: Principal) {
    return this.judging.sheetById(sheetId, user);
  }

  @Get('entries/:entryId/results')
  @ApiOperation({
    summary: "A contestant's own entry: published results by criterion, rank and prize",
  })
  @ApiOkResponse({ type: EntryResultsView })
  entryResults(
    @Param('entryId', uuidParam) entryId: string,
    @CurrentUser() user: Principal,
  ): Promise<EntryResultsView> {
    return this.results.breakdown(entryId, user);
  }
}
