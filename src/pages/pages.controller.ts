import { Controller, Get, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { Param, Query } from '../common/validation/params';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { Locale, localeFrom } from '../common/i18n/i18n';
import { renderHome } from './home';
import { Compressed, compressNow, readSocketClient } from './assets';
import {
  loadPageAssets,
  PageAssets,
  renderControl,
  renderOverlay,
  renderResults,
  renderVotePage,
} from './html';
import { PagesService } from './pages.service';
import { ContestResultsView, SessionEntryView } from './pages.views';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => AppError.notFound('pages.session_not_found'),
});

/**
 * Light pages served by the application (Vietnamese, no framework, no CDN): each is one
 * compressed HTML document with its CSS and script inline, plus socket.io's browser client from
 * this server. They read the same public API and socket events as any other client.
 */
@ApiTags('pages')
@Public()
@Controller()
export class PagesController {
  private readonly assets: PageAssets;
  private readonly socketClient: Compressed;

  constructor(private readonly pages: PagesService) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = (require('socket.io-client/package.json') as { version: string }).version;
    this.assets = loadPageAssets(version);
    this.socketClient = new Compressed(readSocketClient(), 'application/javascript; charset=utf-8');
  }

  @Get()
  @ApiOperation({
    summary:
      'Home page: what the service is, links to the web app, the public contests and /docs (Vietnamese; English with ?lang=en or Accept-Language: en)',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // `lang` is vi or en; any other query (share trackers such as fbclid) is ignored
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'vi')
      throw AppError.validation([
        { field: 'lang', code: 'field.isIn', params: { values: 'vi, en' } },
      ]);
    const locale: Locale =
      lang === 'en' || lang === 'vi' ? lang : localeFrom(req.headers['accept-language']);
    const contests = await this.pages.publicContests();
    void reply.header('content-language', locale);
    const page = renderHome(this.assets.css, locale, contests);
    this.html(req, reply, page, 'no-cache', 'Accept-Encoding, Accept-Language');
  }

  @Get('assets/socket.io.min.js')
  @ApiOperation({ summary: "socket.io's browser client, served from the application" })
  @ApiProduces('application/javascript')
  @ApiOkResponse({ description: 'JavaScript (gzip or brotli)' })
  socketIo(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const c = this.socketClient;
    if (req.headers['if-none-match'] === c.etag) {
      void reply.status(304).send();
      return;
    }
    const { body, encoding } = c.pick(req.headers['accept-encoding']);
    void reply
      .header('content-type', c.type)
      .header('cache-control', 'public, max-age=604800, immutable')
      .header('etag', c.etag)
      .header('vary', 'Accept-Encoding');
    if (encoding) void reply.header('content-encoding', encoding);
    void reply.send(body);
  }

  @Get('public/voting-sessions/:id/entries')
  @ApiTags('voting')
  @ApiOperation({
    summary: "A voting session's entries as viewers see them (title, unit, picture)",
  })
  @ApiOkResponse({ type: [SessionEntryView] })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  sessionEntries(@Param('id', uuid) id: string): Promise<SessionEntryView[]> {
    return this.pages.sessionEntries(id);
  }

  @Get('public/contests/:slug/results')
  @ApiOperation({
    summary:
      "A contest's public results: sessions' tallies (unless hidden), chain heads, published entries",
  })
  @ApiOkResponse({ type: ContestResultsView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  results(@Param('slug') slug: string): Promise<ContestResultsView> {
    if (!/^[a-z0-9-]{1,120}$/i.test(slug)) throw AppError.notFound('pages.contest_not_found');
    return this.pages.results(slug);
  }

  @Get('v/:sessionId')
  @ApiOperation({ summary: 'Voting page of a session (mobile, Vietnamese)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async vote(
    @Param('sessionId', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const title = await this.pages.sessionTitle(id);
    if (title === null) throw AppError.notFound('pages.session_not_found');
    this.html(req, reply, renderVotePage(this.assets, id, title, this.url(req)));
  }

  @Get('overlay/:sessionId')
  @ApiOperation({ summary: "Livestream overlay for OBS's browser source (transparent)" })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'theme', required: false, enum: ['dark', 'light'] })
  @ApiQuery({ name: 'numbers', required: false, enum: ['0', '1'] })
  @ApiOkResponse({ description: 'HTML' })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async overlay(
    @Param('sessionId', uuid) id: string,
    @Query('theme') theme: string | undefined,
    @Query('numbers') numbers: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if ((await this.pages.sessionTitle(id)) === null)
      throw AppError.notFound('pages.session_not_found');
    const page = renderOverlay(
      this.assets,
      id,
      theme === 'light' ? 'light' : 'dark',
      numbers !== '0',
    );
    this.html(req, reply, page);
  }

  @Get('control/:sessionId')
  @ApiOperation({ summary: 'Organizer control page of a session (login through the API)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async control(
    @Param('sessionId', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const title = await this.pages.sessionTitle(id);
    if (title === null) throw AppError.notFound('pages.session_not_found');
    this.html(req, reply, renderControl(this.assets, id, title), 'no-store');
  }

  @Get('results/:contestSlug')
  @ApiOperation({ summary: 'Public results page of a contest, with a share preview' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML' })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async resultsPage(
    @Param('contestSlug') slug: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^[a-z0-9-]{1,120}$/i.test(slug)) throw AppError.notFound('pages.contest_not_found');
    const results = await this.pages.results(slug);
    this.html(req, reply, renderResults(this.assets, results, this.url(req)), 'public, max-age=30');
  }

  private url(req: FastifyRequest): string {
    return `${req.protocol}://${req.host}${req.url.split('?')[0]}`;
  }

  private html(
    req: FastifyRequest,
    reply: FastifyReply,
    page: string,
    cache = 'no-cache',
    vary = 'Accept-Encoding',
  ): void {
    const { body, encoding } = compressNow(page, req.headers['accept-encoding']);
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', cache)
      .header('vary', vary)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin');
    if (encoding) void reply.header('content-encoding', encoding);
    void reply.send(body);
  }
}
