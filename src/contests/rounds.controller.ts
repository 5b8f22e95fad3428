import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
} from '@nestjs/common';
import { Body, Param } from '../common/validation/params';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { localeFrom } from '../common/i18n/i18n';
import type { TimeLocale } from '../common/time/zoned-time';
import type { Round } from './entities/round.entity';
import { ContestAccessService } from './contest-access.service';
import { uuidParam } from '../common/validation/uuid-param';
import { ContestsService } from './contests.service';
import { ChangeRoundStatusDto, CreateRoundDto, RoundView, UpdateRoundDto } from './dto/round.dto';
import { RoundsService } from './rounds.service';

@ApiTags('contests')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Not an organizer of the contest' })
@Controller('contests/:contestId/rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly contests: ContestsService,
    private readonly access: ContestAccessService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The contest's rounds in order, times in UTC and in local time" })
  @ApiOkResponse({ type: [RoundView] })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async list(
    @Param('contestId', uuidParam) contestId: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<RoundView[]> {
    const { contest } = await this.contests.getReadable({ id: contestId }, user);
    const locale = localeFrom(language);
    return (await this.rounds.list(contestId)).map((r) =>
      RoundView.of(r, contest.timeZone, locale),
    );
  }

  @Get(':roundId')
  @ApiOperation({ summary: 'One round' })
  @ApiOkResponse({ type: RoundView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(
    @Param('contestId', uuidParam) contestId: string,
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<RoundView> {
    const { contest } = await this.contests.getReadable({ id: contestId }, user);
    const round = await this.access.getRound(roundId);
    if (round.contestId !== contestId) throw AppError.notFound('contests.round_not_found');
    return RoundView.of(round, contest.timeZone, localeFrom(language));
  }

  @Post()
  @ApiOperation({
    summary: "Add a round; times are read in the contest's time zone unless they carry an offset",
  })
  @ApiCreatedResponse({ type: RoundView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The position is taken' })
  async create(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: CreateRoundDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<RoundView> {
    const round = await this.rounds.create(contestId, dto, user);
    return this.view(round, localeFrom(language));
  }

  @Patch(':roundId')
  @ApiOperation({ summary: 'Change a round (organizers)' })
  @ApiOkResponse({ type: RoundView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView })
  async update(
    @Param('contestId', uuidParam) contestId: string,
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: UpdateRoundDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<RoundView> {
    const round = await this.rounds.update(contestId, roundId, dto, user);
    return this.view(round, localeFrom(language));
  }

  @Post(':roundId/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open or close a round (organizers)' })
  @ApiOkResponse({ type: RoundView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Not allowed from the current status' })
  async changeStatus(
    @Param('contestId', uuidParam) contestId: string,
    @Param('roundId', uuidParam) roundId: string,
    @Body() dto: ChangeRoundStatusDto,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<RoundView> {
    const round = await this.rounds.changeStatus(contestId, roundId, dto.status, user);
    return this.view(round, localeFrom(language));
  }

  @Delete(':roundId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a round that has not opened (organizers)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView })
  async remove(
    @Param('contestId', uuidParam) contestId: string,
    @Param('roundId', uuidParam) roundId: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.rounds.remove(contestId, roundId, user);
  }

  private async view(round: Round, locale: TimeLocale): Promise<RoundView> {
    const contest = await this.access.getContest(round.contestId);
    return RoundView.of(round, contest.timeZone, locale);
  }
}
