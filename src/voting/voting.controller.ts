import { uuidParam } from '../common/validation/uuid-param';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { accessCookie } from '../auth/session-cookies';
import { CurrentUser, Public } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import {
  CastVoteDto,
  CreateVotingSessionDto,
  DeviceTokenView,
  ListVotingSessionsQuery,
  SessionActionDto,
  StageDto,
  TallyView,
  UpdateVotingSessionDto,
  VisibilityDto,
  VoteReceiptView,
  VotingSessionView,
} from './dto/voting.dto';
import { VotingService } from './voting.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FINGERPRINT = /^[A-Za-z0-9_-]{1,64}$/;

/** The X-Client-Fingerprint header when it is one (else it is ignored). */
const validFingerprint = (v: string | undefined) => (v && FINGERPRINT.test(v) ? v : null);

@ApiTags('voting')
@Controller('voting')
export class VotingController {
  constructor(
    private readonly voting: VotingService,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  @Public()
  @Post('device-token')
  @ApiOperation({
    summary: 'Issue a device token a viewer votes with (signed, no account needed)',
    description:
      'Limited per client address (IPv6: per /64) and per browser fingerprint when one is ' +
      'sent (429 voting.device_tokens_limited with Retry-After). A vote sooner than ' +
      'VOTE_MIN_HUMAN_MS after its token was issued is held as too fast.',
  })
  @ApiHeader({
    name: 'X-Client-Fingerprint',
    required: false,
    description: "A hash of the browser's traits (tokens per fingerprint are limited)",
  })
  @ApiCreatedResponse({ type: DeviceTokenView })
  @ApiTooManyRequestsResponse({ type: ErrorBodyView })
  deviceToken(
    @Headers('x-client-fingerprint') fingerprint: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<DeviceTokenView> {
    return this.voting.issueDeviceToken(req.ip, validFingerprint(fingerprint));
  }

  @Public()
  @Post('sessions/:id/votes')
  @ApiOperation({
    summary: 'Cast a vote (answered after it is committed)',
    description:
      'The Idempotency-Key is the vote id (a UUID the app makes once per vote): sending it again ' +
      'answers 200 already_counted and never counts twice; the same key with another body is 409 ' +
      'voting.idempotency_mismatch. Refusals: voting.window_closed, voting.entry_not_votable, ' +
      'voting.limit_reached, voting.identity_required. 503 voting.unavailable / voting.busy: ' +
      'send the same vote again after Retry-After.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The vote id (UUID)' })
  @ApiHeader({ name: 'X-Voter-Token', required: false, description: 'Device token' })
  @ApiHeader({
    name: 'X-Client-Fingerprint',
    required: false,
    description: "A hash of the browser's traits (fraud signals: many devices from one browser)",
  })
  @ApiHeader({
    name: 'X-Page-Elapsed',
    required: false,
    description:
      'Milliseconds from the page appearing to the vote (fraud signals; it may only make the ' +
      'vote look faster than the time since its device token was issued, never slower)',
  })
  @ApiCreatedResponse({ type: VoteReceiptView, description: 'Counted' })
  @ApiOkResponse({ type: VoteReceiptView, description: 'Already counted (a retry)' })
  @ApiConflictResponse({ type: ErrorBodyView })
  @ApiServiceUnavailableResponse({ type: ErrorBodyView })
  async cast(
    @Param('id', uuidParam) sessionId: string,
    @Body() dto: CastVoteDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-voter-token') voterHeader: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-client-fingerprint') fingerprint: string | undefined,
    @Headers('x-page-elapsed') elapsed: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VoteReceiptView> {
    if (!key || !UUID.test(key)) throw AppError.badRequest('voting.idempotency_key_required');
    const voteId = key.toLowerCase();
    if (dto.voteId && dto.voteId.toLowerCase() !== voteId)
      throw AppError.conflict('voting.idempotency_mismatch');
    let memberId: string | null = null;
    if (authorization && /^Bearer\s+/i.test(authorization)) {
      memberId = (await this.verifier.verify(authorization.replace(/^Bearer\s+/i, ''))).id;
    } else if (!authorization && accessCookie(req)) {
      // a member signed in to the web app (cookie, with the CSRF header), else anonymous
      memberId = (await this.verifier.optionalFromRequest(req))?.id ?? null;
    }
    const receipt = await this.voting.cast(
      {
        sessionId,
        entryId: dto.entryId.toLowerCase(),
        voteId,
        channel: 'http',
        ip: req.ip,
        fingerprint: validFingerprint(fingerprint),
        elapsedMs: elapsed && /^\d{1,9}$/.test(elapsed) ? Number(elapsed) : null,
      },
      { memberId, deviceToken: dto.voterToken ?? voterHeader, phoneToken: dto.phoneToken },
    );
    void reply.status(receipt.status === 'counted' ? HttpStatus.CREATED : HttpStatus.OK);
    return receipt;
  }

  @Public()
  @Get('stats')
  @ApiOperation({
    summary: 'Operational figures for benchmarks (404 unless VOTING_STATS_ENDPOINT is on)',
  })
  @ApiOkResponse({ description: '{queued, rssBytes, broadcasts, broadcastMs[]}' })
  stats() {
    return this.voting.stats();
  }

  @ApiBearerAuth()
  @Post('sessions')
  @ApiOperation({ summary: 'Create a voting session for a public-vote round (organizers)' })
  @ApiCreatedResponse({ type: VotingSessionView })
  create(
    @Body() dto: CreateVotingSessionDto,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView> {
    return this.voting.create(dto, actor);
  }

  @ApiBearerAuth()
  @Get('sessions')
  @ApiOperation({
    summary: "A contest's voting sessions, or one round's, oldest first (organizers)",
  })
  @ApiOkResponse({ type: [VotingSessionView] })
  list(
    @Query() query: ListVotingSessionsQuery,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView[]> {
    return this.voting.list(query.contestId, query.roundId, actor);
  }

  @Public()
  @Get('sessions/:id')
  @ApiOperation({ summary: 'A voting session: its entries, window and rules' })
  @ApiOkResponse({ type: VotingSessionView })
  get(@Param('id', uuidParam) id: string): Promise<VotingSessionView> {
    return this.voting.view(id);
  }

  @Public()
  @Get('sessions/:id/tallies')
  @ApiOperation({
    summary: 'Counted votes per entry (null for the public while the organizers hide them)',
  })
  @ApiOkResponse({ type: TallyView })
  async tallies(
    @Param('id', uuidParam) id: string,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<TallyView | null> {
    let principal: Principal | null = null;
    if (authorization && /^Bearer\s+/i.test(authorization))
      principal = await this.verifier.verify(authorization.replace(/^Bearer\s+/i, ''));
    else if (!authorization) principal = await this.verifier.optionalFromRequest(req);
    return this.voting.tallies(id, principal);
  }

  @ApiBearerAuth()
  @Get('sessions/:id/recount')
  @ApiOperation({ summary: 'Compare the live tallies with a count of the stored votes' })
  @ApiOkResponse({ description: '{stored, tallies, equal}' })
  recount(@Param('id', uuidParam) id: string, @CurrentUser() actor: Principal) {
    return this.voting.recount(id, actor);
  }

  @ApiBearerAuth()
  @Patch('sessions/:id')
  @ApiOperation({ summary: 'Change the title, rules, schedule, mode or entries' })
  @ApiOkResponse({ type: VotingSessionView })
  update(
    @Param('id', uuidParam) id: string,
    @Body() dto: UpdateVotingSessionDto,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView> {
    return this.voting.update(id, dto, actor);
  }

  @ApiBearerAuth()
  @Post('sessions/:id/state')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Open, pause or close now (broadcast at once)' })
  @ApiOkResponse({ type: VotingSessionView })
  act(
    @Param('id', uuidParam) id: string,
    @Body() dto: SessionActionDto,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView> {
    return this.voting.act(id, dto.action, actor);
  }

  @ApiBearerAuth()
  @Post('sessions/:id/stage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Switch the entry on stage (the only votable one in on_stage mode)' })
  @ApiOkResponse({ type: VotingSessionView })
  stage(
    @Param('id', uuidParam) id: string,
    @Body() dto: StageDto,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView> {
    return this.voting.stage(id, dto.entryId?.toLowerCase() ?? null, actor);
  }

  @ApiBearerAuth()
  @Post('sessions/:id/visibility')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hide or show live numbers to the public (organizers still see them)' })
  @ApiOkResponse({ type: VotingSessionView })
  visibility(
    @Param('id', uuidParam) id: string,
    @Body() dto: VisibilityDto,
    @CurrentUser() actor: Principal,
  ): Promise<VotingSessionView> {
    return this.voting.visibility(id, dto.hideTallies, actor);
  }
}
