import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { frameworkErrorHandler } from './common/errors/framework-errors';
import { registerJsonParser } from './common/http/json-body';
import { createPino, PinoLoggerService } from './common/logging/logger';
import { requestLogger } from './common/logging/request-log';
import { RequestContext } from './common/http/request-context';
import { requestIdFor } from './common/http/request-id';
import type { AppConfig } from './config/config';
import { Metrics } from './metrics/metrics.service';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Keep Nest's own boot logs out of test output. */
  quiet?: boolean;
  /** Where log lines go (stdout by default). */
  logStream?: NodeJS.WritableStream;
}

/** Builds the configured application without listening: used by main.ts, the tests and the CLI. */
export async function createApp({
  config,
  databaseUrl,
  quiet,
  logStream,
}: CreateAppOptions): Promise<NestFastifyApplication> {
  const pinoLogger = createPino(config.logLevel, logStream);
  const logger = new PinoLoggerService(pinoLogger);
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    frameworkErrors: frameworkErrorHandler,
    routerOptions: { maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    adapter,
    { abortOnError: false, bodyParser: false, logger: quiet ? false : logger },
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonParser(fastify, config.maxJsonDepth);
  // the web app's session cookies (request.cookies, reply.setCookie; see auth/session-cookies)
  await app.register(fastifyCookie);
  // Every answer: its request id, and headers that keep browsers from sniffing a response into
  // another type, framing a page into someone else's site, or leaking our URLs as referrers
  // (pages set their own, looser referrer policy for their share links).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply
      .header('x-request-id', request.id)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer');
    RequestContext.run(request.id, done);
  });
  // one line per request, with its id, status and duration; and its route, status and duration
  // in the metrics (by route pattern, never by URL: a bounded set of series)
  const logRequest = requestLogger(pinoLogger);
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    logRequest({
      requestId: request.id,
      method: request.method,
      url: request.url,
      ip: request.ip,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    });
    done();
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));

  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The OpenAPI document of the application's routes (served at /docs; the web app's types). */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hội Thi API')
      .setDescription(
        'Contests, entries, judging and live public voting for union contests. ' +
          'Errors share one body: statusCode, code, message (Vietnamese, or English with ' +
          '`Accept-Language: en`), errors (per field) and requestId.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .addCookieAuth(
        'ht_access',
        {
          type: 'apiKey',
          in: 'cookie',
          name: 'ht_access',
          description:
            'The web app: log in with `X-Auth-Mode: cookie`; every route that takes a Bearer ' +
            'token takes this cookie instead, and unsafe methods (POST, PUT, PATCH, DELETE) then ' +
            'need `X-CSRF-Token` equal to the ht_csrf cookie (403 auth.csrf_invalid).',
        },
        'cookie',
      )
      .build(),
  );
  // Accept-Language is read where answers are localized, never required (Vietnamese without it)
  for (const item of Object.values(document.paths))
    for (const op of Object.values(item) as { parameters?: unknown[] }[])
      for (const p of op?.parameters ?? []) {
        const param = p as { in?: string; name?: string; required?: boolean };
        if (param.in === 'header' && param.name?.toLowerCase() === 'accept-language')
          param.required = false;
      }
  return document;
}
