import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { localeFrom } from '../common/i18n/i18n';
import { uuidParam } from '../common/validation/uuid-param';
import {
  AssignDto,
  CloseRoundDto,
  ExportQuery,
  JudgingSettingsDto,
  PanelJudgeDto,
  RemindJudgesDto,
  ReplaceJudgeDto,
  RubricDto,
  WindowOverrideDto,
} from './dto/judging.dto';
import {
  AssignmentsView,
  FinalResultsView,
  JudgingProgressView,
  JudgingSettingsView,
  RemindersView,
  RoundResultsView,
  RubricView,
  SavedRubricView,
} from './dto/judging.view';
import { ExportService, XLSX_TYPE } from './export.service';
import { JudgingService } from './judging.service';
import { RemindersService } from './reminders.service';
import { ResultsService } from './results.service';
import { normalizedWeights, weightsAreNormalized } from './scoring';

/** Organizers: settings, rubrics, panel and assignment, progress, results, close, publish, exports. */
@ApiTags('judging')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Not an organizer of the contest' })
@Controller('judging/rounds/:roundId')
export class JudgingController {
  constructor(
    private readonly judging: JudgingService,
    private readonly results: ResultsService,
    private readonly exports: ExportService,
    private readonly reminders: RemindersService,
  ) {}

  @Put('settings')
  @ApiOperation({
    summary:
      'Quorum, aggregation method and tie-breaks of the round, as a whole: a field left out takes its default (audited)',
  })
  @ApiOkResponse({ type: JudgingSettingsView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  settings(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: JudgingSettingsDto,
    @CurrentUser() user: Principal,
  ): Promise<JudgingSettingsView> {
    return this.judging.updateSettings(roundId, dto, user);
  }

  @Get('rubrics')
  @ApiOperation({ summary: "The round's rubrics (organizers and judges)" })
  @ApiOkResponse({ type: [RubricView] })
  async rubrics(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<RubricView[]> {
    return (await this.judging.rubrics(roundId, user)).map((r) => ({
      id: r.id,
      roundId: r.roundId,
      categoryId: r.categoryId,
      revision: r.revision,
      weightsNormalized: weightsAreNormalized(r.criteria),
      criteria: r.criteria.map((c, i) => ({
        ...c,
        normalizedWeight: Math.round(normalizedWeights(r.criteria)[i] * 100) / 100,
      })),
    }));
  }

  @Put('rubrics')
  @ApiOperation({
    summary:
      'Create or replace the rubric of a category (or the default); once scoring started, a reason is required and the affected sheets reopen',
  })
  @ApiOkResponse({ type: SavedRubricView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Frozen without a reason, or round closed',
  })
  putRubric(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: RubricDto,
    @CurrentUser() user: Principal,
  ): Promise<SavedRubricView> {
    return this.judging.putRubric(roundId, dto, user);
  }

  @Post('assign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Assign judges: quorum per entry, balanced loads, no conflicts (seeded); entries short of the quorum say why. Only within the judging window unless overridden',
  })
  @ApiOkResponse({ type: AssignmentsView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Round closed, not opened, or outside its window',
  })
  assign(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: AssignDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<AssignmentsView> {
    return this.judging.assign(roundId, dto, user, localeFrom(language));
  }

  @Get('assignments')
  @ApiOperation({
    summary: 'Every entry with its judges, the loads, and the entries short of the quorum with why',
  })
  @ApiOkResponse({ type: AssignmentsView })
  assignments(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<AssignmentsView> {
    return this.judging.assignmentsView(roundId, user, localeFrom(language));
  }

  @Post('panel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Add a judge to the panel mid-round; the assignment rebalances' })
  @ApiOkResponse({ type: AssignmentsView })
  addJudge(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: PanelJudgeDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<AssignmentsView> {
    return this.judging.addJudge(roundId, dto.judgeId, user, dto, localeFrom(language));
  }

  @Delete('panel/:judgeId')
  @ApiOperation({ summary: 'Remove a judge; submitted sheets stay, unstarted assignments move' })
  @ApiOkResponse({ type: AssignmentsView })
  removeJudge(
    @Param('roundId', uuidParam) roundId: string,
    @Param('judgeId', uuidParam) judgeId: string,
    @Query() query: WindowOverrideDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<AssignmentsView> {
    return this.judging.removeJudge(roundId, judgeId, user, undefined, query, localeFrom(language));
  }

  @Post('panel/:judgeId/replace')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace a judge; submitted sheets stay, unstarted assignments move' })
  @ApiOkResponse({ type: AssignmentsView })
  replaceJudge(
    @Param('roundId', uuidParam) roundId: string,
    @Param('judgeId', uuidParam) judgeId: string,
    @Body() dto: ReplaceJudgeDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<AssignmentsView> {
    return this.judging.removeJudge(
      roundId,
      judgeId,
      user,
      dto.withJudgeId,
      dto,
      localeFrom(language),
    );
  }

  @Get('progress')
  @ApiOperation({ summary: "Every judge's progress" })
  @ApiOkResponse({ type: JudgingProgressView })
  progress(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<JudgingProgressView> {
    return this.judging.progress(roundId, user);
  }

  @Post('reminders')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Remind the judges with sheets left (or those chosen): on their sockets, and to their phone through the notification gateway (audited)',
  })
  @ApiOkResponse({ type: RemindersView })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'A judge not on the panel' })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Round closed' })
  remind(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: RemindJudgesDto,
    @CurrentUser() user: Principal,
  ): Promise<RemindersView> {
    return this.reminders.remind(roundId, dto, user);
  }

  @Get('results')
  @ApiOperation({
    summary:
      'The ranking (live until closed, then fixed), with the tie-break that decided each place',
  })
  @ApiOkResponse({ type: RoundResultsView })
  ranking(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<RoundResultsView> {
    return this.results.results(roundId, user);
  }

  @Post('close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Close the round and fix its ranking; refused without quorum unless forced with a reason',
  })
  @ApiOkResponse({ type: RoundResultsView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Some entries lack their quorum' })
  close(
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: CloseRoundDto,
    @CurrentUser() user: Principal,
  ): Promise<RoundResultsView> {
    return this.results.close(roundId, dto, user);
  }

  @Get('final')
  @ApiOperation({
    summary: 'Jury and public scores combined by the contest weights, prizes per category',
  })
  @ApiOkResponse({ type: FinalResultsView })
  final(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<FinalResultsView> {
    return this.results.final(roundId, user);
  }

  @Post('publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish the results (contestants then see their breakdown)' })
  @ApiOkResponse({ type: FinalResultsView })
  publish(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<FinalResultsView> {
    return this.results.publish(roundId, user);
  }

  @Get('export.xlsx')
  @ApiOperation({ summary: 'XLSX: score matrix, ranking and prizes, print-ready' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  async xlsx(
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const body = await this.exports.xlsx(roundId, user);
    void reply
      .header('content-type', XLSX_TYPE)
      .header(
        'content-disposition',
        `attachment; filename="ket-qua-cham-${roundId.slice(0, 8)}.xlsx"`,
      );
    return body;
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'CSV (UTF-8): the score matrix, the ranking or the prizes' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The table' })
  async csv(
    @Param('roundId', uuidParam) roundId: string,
    @Query() query: ExportQuery,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const table = query.table ?? 'matrix';
    const body = await this.exports.csv(roundId, table, user);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${table}-${roundId.slice(0, 8)}.csv"`);
    return body;
  }
}
