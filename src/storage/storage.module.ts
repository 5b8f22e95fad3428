import { Module } from '@nestjs/common';
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
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: createMediaStorage,
    },
  ],
  exports: [MEDIA_STORAGE],
})
export class StorageModule {}
