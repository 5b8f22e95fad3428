import { Controller, Get, Headers } from '@nestjs/common';
import { Param, Query } from '../common/validation/params';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { localeFrom } from '../common/i18n/i18n';
import { CategoriesService } from './categories.service';
import { contestDetail } from './contest-views';
import { ContestsService } from './contests.service';
import { ContestDetailView, ContestPage, ContestView, ListContestsQuery } from './dto/contest.dto';
import { RoundsService } from './rounds.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What anyone may read without an account: contests that have opened. */
@ApiTags('public')
@Public()
@Controller('public/contests')
export class PublicContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly categories: CategoriesService,
    private readonly rounds: RoundsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Contests open to the public (open, judging, closed, published)' })
  @ApiOkResponse({ type: ContestPage })
  async list(@Query() query: ListContestsQuery): Promise<ContestPage> {
    const limit = query.limit ?? 50;
    const contests = await this.contests.list({ ...query, limit }, null);
    return {
      items: contests.map((c) => ContestView.of(c)),
      nextCursor: contests.length === limit ? contests[contests.length - 1].id : null,
    };
  }

  @Get(':idOrSlug')
  @ApiOperation({ summary: 'One public contest, by id or slug, with its categories and rounds' })
  @ApiParam({ name: 'idOrSlug', example: 'ung-dung-cntt-2026' })
  @ApiOkResponse({ type: ContestDetailView })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'Unknown, or not yet open' })
  async get(
    @Param('idOrSlug') idOrSlug: string,
    @Headers('accept-language') language?: string,
  ): Promise<ContestDetailView> {
    const key = UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug.toLowerCase() };
    const { contest } = await this.contests.getReadable(key, null);
    const [categories, rounds] = await Promise.all([
      this.categories.list(contest.id),
      this.rounds.list(contest.id),
    ]);
    return contestDetail(contest, [], categories, rounds, localeFrom(language));
  }
}
