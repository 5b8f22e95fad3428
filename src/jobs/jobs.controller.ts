import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { Body, Param, Query } from '../common/validation/params';
import { uuidParam } from '../common/validation/uuid-param';
import { UserRole } from '../users/entities/user.entity';
import {
  JobPage,
  JobQueueFilter,
  JobsChangedView,
  JobsSummaryView,
  JobView,
  ListJobsQuery,
} from './dto/jobs.dto';
import type { JobRow } from './jobs.repository';
import { JobsAdminService } from './jobs-admin.service';

const view = (j: JobRow): JobView => ({
  id: j.id,
  queue: j.queue,
  state: j.state,
  payload: j.payload,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  runAfter: new Date(j.runAfter).toISOString(),
  createdAt: new Date(j.createdAt).toISOString(),
  updatedAt: new Date(j.updatedAt).toISOString(),
});

/** The background job queue, for system administrators (the same as `npm run cli -- jobs`). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Only system administrators' })
@Roles(UserRole.Admin)
@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly admin: JobsAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Jobs by queue and state: how many, the oldest, how many are due' })
  @ApiOkResponse({ type: JobsSummaryView })
  async summary(): Promise<JobsSummaryView> {
    const { at, counts } = await this.admin.summary();
    return { at: new Date(at).toISOString(), counts };
  }

  @Get('list')
  @ApiOperation({
    summary:
      'Jobs in one state (dead by default), most recently changed first, with their last error',
  })
  @ApiOkResponse({ type: JobPage })
  async list(@Query() query: ListJobsQuery): Promise<JobPage> {
    const limit = query.limit ?? 100;
    const rows = await this.admin.list(query.state ?? 'dead', query, limit, query.after);
    return {
      items: rows.map(view),
      nextCursor: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Put a dead job back in its queue with its attempts counted anew' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The job is not dead' })
  async retry(@Param('id', uuidParam) id: string, @CurrentUser() actor: Principal): Promise<void> {
    await this.admin.retry(id, actor.id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Discard a dead job' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The job is not dead' })
  async discard(
    @Param('id', uuidParam) id: string,
    @CurrentUser() actor: Principal,
  ): Promise<void> {
    await this.admin.discard(id, actor.id);
  }

  @Post('dead/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Put every dead job (of one queue) back in its queue' })
  @ApiOkResponse({ type: JobsChangedView })
  async retryAll(
    @Body() filter: JobQueueFilter,
    @CurrentUser() actor: Principal,
  ): Promise<JobsChangedView> {
    return { count: await this.admin.retryAll(filter, actor.id) };
  }

  @Post('dead/discard')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Discard every dead job (of one queue)' })
  @ApiOkResponse({ type: JobsChangedView })
  async discardAll(
    @Body() filter: JobQueueFilter,
    @CurrentUser() actor: Principal,
  ): Promise<JobsChangedView> {
    return { count: await this.admin.discardAll(filter, actor.id) };
  }
}
