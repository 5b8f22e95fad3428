import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chmodSync, rmSync } from 'node:fs';
import { connect, createServer, Server } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import { BackupManifest, BackupService } from './backup.service';

/** The control socket of a service on the embedded database, in its data folder. */
export const controlSocketPath = (dataDir: string) => join(dataDir, 'control.sock');

interface Request {
  op: 'backup';
  dir: string;
}

type Reply =
  | { ok: true; manifest: BackupManifest }
  | { ok: false; code: string; params: Record<string, unknown> };

/**
 * On the embedded database the service holds the data folder, so a backup of it is made by the
 * service itself: `npm run cli -- backup DIR` asks it through a Unix socket in DATA_DIR (only
 * the data folder's owner may connect: the socket is mode 0600), and the service writes the
 * backup to DIR while it keeps serving. On a PostgreSQL server the command needs no service.
 */
@Injectable()
export class BackupControlSocket implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backup');
  private server?: Server;
  private busy = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): Promise<void> | void {
    if (this.config.databaseUrl) return;
    const path = controlSocketPath(this.config.dataDir);
    // the embedded database's lock is ours: a socket file left here is a dead process's
    rmSync(path, { force: true });
    const server = createServer((socket) => {
      // a client that goes away is no concern of the service (readline repeats socket errors)
      socket.on('error', () => undefined);
      const lines = createInterface({ input: socket });
      lines.on('error', () => undefined);
      lines.once('line', (line) => {
        lines.close();
        void this.handle(line).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
      });
    });
    this.server = server;
    return new Promise<void>((resolve) => {
      server.once('error', (err) => {
        this.logger.warn(
          `control socket unavailable (${err.message}): backups need the service stopped`,
        );
        this.server = undefined;
        resolve();
      });
      server.listen(path, () => {
        chmodSync(path, 0o600);
        server.unref();
        resolve();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(controlSocketPath(this.config.dataDir), { force: true });
  }

  private async handle(line: string): Promise<Reply> {
    let request: Request;
    try {
      request = JSON.parse(line) as Request;
    } catch {
      return { ok: false, code: 'common.bad_request', params: {} };
    }
    if (request?.op !== 'backup' || typeof request.dir !== 'string' || !isAbsolute(request.dir))
      return { ok: false, code: 'common.bad_request', params: {} };
    if (this.busy) return { ok: false, code: 'common.conflict', params: {} };
    this.busy = true;
    try {
      const url = (this.dataSource.options as { url?: string }).url!;
      const manifest = await new BackupService(this.storage).backup(request.dir, {
        url,
        kind: 'embedded',
      });
      this.logger.log(`backup written to ${request.dir}`);
      return { ok: true, manifest };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, params: err.params };
      return {
        ok: false,
        code: 'backup.service_failed',
        params: { detail: err instanceof Error ? err.message : String(err) },
      };
    } finally {
      this.busy = false;
    }
  }
}

/**
 * Asks the service on the embedded database in `dataDir` for a backup; null when no service
 * answers there (it is stopped: the caller opens the database itself).
 */
export function requestBackup(dataDir: string, dir: string): Promise<Reply | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    let answered = false;
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (answered) return;
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve(null);
      else reject(err);
    });
    socket.once('connect', () => {
      const lines = createInterface({ input: socket });
      // errors arrive on the socket's own handler too
      lines.on('error', () => undefined);
      lines.once('line', (line) => {
        answered = true;
        lines.close();
        socket.end();
        resolve(JSON.parse(line) as Reply);
      });
      socket.write(`${JSON.stringify({ op: 'backup', dir })}\n`);
    });
    socket.once('close', () => {
      if (!answered) reject(new Error('the service closed the control socket without answering'));
    });
  });
}
