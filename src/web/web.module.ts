import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { serveWebApp, WEB_PREFIX } from './web-files.adapter';

/** The web app for contestants (and later judges and organizers), served at /app/. */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!serveWebApp(fastify, this.config.webDir))
      this.logger.warn(
        `no web app at ${this.config.webDir} (npm run build makes it): ${WEB_PREFIX} is not served`,
      );
  }
}
