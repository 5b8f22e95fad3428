import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { BackupControlSocket } from './control-socket';

/** Backups made by the running service (embedded database); the commands live in the CLI. */
@Module({
  imports: [StorageModule],
  providers: [BackupControlSocket],
})
export class BackupModule {}
