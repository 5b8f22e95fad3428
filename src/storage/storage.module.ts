import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { HealthService } from '../health/health.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { MEDIA_STORAGE, MediaStorage } from './storage';

/** The configured store, its local folders made (a permission problem shows at boot). */
export function createMediaStorage(config: AppConfig): MediaStorage {
  const { uploadsDir, store, s3 } = config.media;
  const storage =
    store === 's3' && s3 ? new S3Storage(uploadsDir, s3) : new LocalDiskStorage(uploadsDir);
  storage.init();
  return storage;
}

/** Storage of uploaded and derived files, behind the MediaStorage interface. */
@Module({
  imports: [HealthModule],
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: createMediaStorage,
    },
  ],
  exports: [MEDIA_STORAGE],
})
export class StorageModule implements OnModuleInit {
  constructor(
    private readonly health: HealthService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  onModuleInit() {
    // reported by /health (balancers poll it often: the answer is kept a few seconds)
    let last:
      { at: number; result: Promise<{ status: 'ok' | 'down'; error?: string }> } | undefined;
    this.health.registerAdvisory('storage', () => {
      if (!last || Date.now() - last.at > 5000) {
        last = {
          at: Date.now(),
          result: this.storage.check().then(
            () => ({ status: 'ok' as const }),
            (err: NodeJS.ErrnoException) => ({
              status: 'down' as const,
              error: err.code ?? err.name,
            }),
          ),
        };
      }
      return last.result;
    });
  }
}
