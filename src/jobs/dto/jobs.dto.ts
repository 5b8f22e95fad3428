import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { SingleLineText } from '../../common/validation/text';
import { JOB_STATES, type JobState } from '../entities/job.entity';

const QUEUE_NAME = /^[a-z][a-z0-9._-]{0,99}$/;

export class JobQueueFilter {
  @ApiPropertyOptional({ description: 'Only this queue (e.g. media.process)' })
  @IsOptional()
  @IsString()
  @SingleLineText()
  @Matches(QUEUE_NAME)
  queue?: string;
}

export class ListJobsQuery extends JobQueueFilter {
  @ApiPropertyOptional({ enum: JOB_STATES, default: 'dead' })
  @IsOptional()
  @IsIn(JOB_STATES)
  state?: JobState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cursor: the last id of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class JobCountView {
  @ApiProperty({ example: 'media.process' })
  queue: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty()
  count: number;

  @ApiProperty({ description: 'Age of the oldest job in this state, in seconds' })
  oldestAgeSeconds: number;

  @ApiProperty({
    description:
      'Queued only: jobs due now (the rest wait for a retry delay); the queue depth a worker sees',
  })
  due: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Queued only: how long the oldest due job has waited, in seconds',
  })
  oldestDueAgeSeconds: number | null;
}

export class JobsSummaryView {
  @ApiProperty({ type: [JobCountView] })
  counts: JobCountView[];

  @ApiProperty({ description: 'When the counts were taken (the database clock)' })
  at: string;
}

export class JobView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  queue: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ type: Object })
  payload: Record<string, unknown>;

  @ApiProperty()
  attempts: number;

  @ApiProperty()
  maxAttempts: number;

  @ApiProperty({ nullable: true, type: String })
  lastError: string | null;

  @ApiProperty()
  runAfter: string;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;
}

export class JobPage {
  @ApiProperty({ type: [JobView] })
  items: JobView[];

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  nextCursor: string | null;
}

export class JobsChangedView {
  @ApiProperty({ description: 'How many dead jobs were retried or discarded' })
  count: number;
}
