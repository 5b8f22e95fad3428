import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { LocalDiskStorage } from './local-disk.storage';
import { MEDIA_STORAGE } from './storage';

/** Storage of uploaded and derived files, behind the MediaStorage interface. */
@Module({
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const storage = new LocalDiskStorage(config.media.uploadsDir);
        storage.init();
        return storage;
      },
    },
  ],
  exports: [MEDIA_STORAGE],
})
export class StorageModule {}
