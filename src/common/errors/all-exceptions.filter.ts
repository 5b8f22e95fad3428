import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { localeFrom } from '../i18n/i18n';
import { renderError } from './error-body';

/** Every HTTP error leaves the service in one shape: see ErrorBody. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const rendered = renderError(
      exception,
      localeFrom(request.headers['accept-language']),
      request.id,
      {
        method: request.method,
        path: request.url.split('?')[0],
        bodyLimit: this.config.bodyLimitBytes,
      },
    );
    if (rendered.unexpected) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    if (reply.sent) return;
    void reply
      .status(rendered.status)
      .headers({ ...rendered.headers, 'content-type': 'application/json; charset=utf-8' })
      .send(rendered.body);
  }
}
