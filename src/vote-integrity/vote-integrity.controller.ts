import { uuidParam } from '../common/validation/uuid-param';
import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import {
  DecideDto,
  DecisionView,
  QueueQuery,
  QueueView,
  ReceiptView,
  RecountView,
} from './dto/integrity.dto';
import { VoteIntegrityService } from './vote-integrity.service';

@ApiTags('vote-integrity')
@Controller()
export class VoteIntegrityController {
  constructor(private readonly integrity: VoteIntegrityService) {}

  @ApiBearerAuth()
  @Get('voting/sessions/:id/quarantine')
  @ApiOperation({ summary: 'Votes held by fraud signals (organizers), oldest first' })
  @ApiOkResponse({ type: QueueView })
  queue(
    @Param('id', uuidParam) id: string,
    @Query() query: QueueQuery,
    @CurrentUser() actor: Principal,
  ): Promise<QueueView> {
    return this.integrity.queue(id, query, actor);
  }

  @ApiBearerAuth()
  @Post('voting/sessions/:id/quarantine/decisions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Release (count) or void held votes, chosen or all at once (audited)',
  })
  @ApiOkResponse({ type: DecisionView })
  decide(
    @Param('id', uuidParam) id: string,
    @Body() dto: DecideDto,
    @CurrentUser() actor: Principal,
  ): Promise<DecisionView> {
    return this.integrity.decide(id, dto, actor);
  }

  @ApiBearerAuth()
  @Post('voting/sessions/:id/integrity/recount')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Check the hash chain and recompute every tally from the stored votes (organizers)',
  })
  @ApiOkResponse({ type: RecountView })
  recount(
    @Param('id', uuidParam) id: string,
    @CurrentUser() actor: Principal,
  ): Promise<RecountView> {
    return this.integrity.recount(id, actor);
  }

  @Public()
  @Get('voting/receipts/:voteId/:code')
  @ApiOperation({
    summary: 'Check a vote receipt: counted, held for review, or voided; with the chain head',
  })
  @ApiParam({ name: 'code', example: '7K2QM-9XD4P' })
  @ApiOkResponse({ type: ReceiptView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  receipt(
    @Param('voteId', uuidParam) voteId: string,
    @Param('code') code: string,
  ): Promise<ReceiptView> {
    return this.integrity.receipt(voteId, code);
  }
}
