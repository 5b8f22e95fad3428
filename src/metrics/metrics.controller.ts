import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { hasMetricsToken } from './metrics-access';
import { Metrics } from './metrics.service';
import './messages';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "This instance's metrics in Prometheus' text format. Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; not served here when METRICS_PORT is set (it is served there), nor in production without either",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4' })
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const access = this.config.metrics;
    if (access.onApiPort === 'off') throw AppError.notFound();
    if (!hasMetricsToken(access, authorization))
      throw AppError.unauthorized('metrics.token_required');
    const { contentType, body } = await this.metrics.render();
    void reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  }
}
