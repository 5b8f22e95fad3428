import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { AuthModule } from '../auth/auth.module';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ContestsModule } from '../contests/contests.module';
import { EntriesModule } from '../entries/entries.module';
import { HealthService } from '../health/health.service';
import { HealthModule } from '../health/health.module';
import { JobsModule } from '../jobs/jobs.module';
import { StorageModule } from '../storage/storage.module';
import { MediaItem } from './entities/media-item.entity';
import { InMemoryEntryCatalog } from './entry-catalog';
import { EntriesMediaPolicy } from './entries-media.policy';
import { MediaEntriesRepository } from './media-entries.repository';
import { MEDIA_ACCESS_POLICY, MEDIA_RULES_SOURCE } from './media-policy';
import { MediaController } from './media.controller';
import { MediaEvents } from './media.events';
import { MediaIntakeService } from './media-intake.service';
import { MediaProcessor } from './media.processor';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { MediaUrlSigner } from './media-url.signer';
import { MediaTools } from './media-tools';
import { OfficeConverter } from './office-converter';
import { MediaTusService } from './media-tus.service';
import { MediaShowcase } from './media-showcase.service';
import { ShowcaseRepository } from './showcase.repository';

/** Uploads (resumable and simple), content checks, processing jobs and serving of files. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MediaItem]),
    ContestsModule,
    EntriesModule,
    AuthModule,
    JobsModule,
    StorageModule,
    HealthModule,
  ],
  controllers: [MediaController],
  providers: [
    MediaRepository,
    MediaService,
    MediaIntakeService,
    MediaProcessor,
    MediaTools,
    OfficeConverter,
    MediaEvents,
    MediaTusService,
    InMemoryEntryCatalog,
    MediaEntriesRepository,
    EntriesMediaPolicy,
    MediaUrlSigner,
    ShowcaseRepository,
    MediaShowcase,
    { provide: MEDIA_RULES_SOURCE, useExisting: EntriesMediaPolicy },
    { provide: MEDIA_ACCESS_POLICY, useExisting: EntriesMediaPolicy },
  ],
  exports: [MediaService, InMemoryEntryCatalog, MediaShowcase, MediaUrlSigner],
})
export class MediaModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthService,
    private readonly tools: MediaTools,
    private readonly office: OfficeConverter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // loaded with the other plugins when the server starts (awaiting it here would load it
    // ahead of the framework's own error handling)
    // a file part's size is limited per request (MediaService.receive); this default only
    // keeps the plugin's own (the JSON body limit, 1 MiB) from ever cutting a file short
    void fastify.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: this.config.media.multipartMaxBytes + 1 },
    });
    this.health.registerAdvisory('ffmpeg', async () =>
      (await this.tools.available('ffmpeg')) && (await this.tools.available('ffprobe'))
        ? { status: 'ok' }
        : {
            status: 'absent',
            error: 'ffmpeg/ffprobe not found: clips and audio wait in processing',
          },
    );
    this.health.registerAdvisory('pdftoppm', async () =>
      (await this.tools.available('pdftoppm'))
        ? { status: 'ok' }
        : {
            status: 'absent',
            error: 'pdftoppm (poppler-utils) not found: PDFs are ready without page images',
          },
    );
    this.health.registerAdvisory('soffice', async () =>
      (await this.office.available())
        ? { status: 'ok' }
        : {
            status: 'absent',
            error: 'soffice (LibreOffice) not found: slides are ready without page images',
          },
    );
  }
}
