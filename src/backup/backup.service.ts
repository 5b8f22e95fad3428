import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { MediaStorage } from '../storage/storage';
import { BackupFolder, CorruptObject, PG_DUMP_FILE } from './backup-files';
import {
  databaseIsEmpty,
  DatabaseFacts,
  DumpError,
  LogicalDumpAdapter,
  PgDumpAdapter,
  SequenceState,
} from './database-dump';
import './messages';

export interface BackupManifest {
  format: 'hoithi-backup';
  version: 1;
  createdAt: string;
  database: {
    /** `pg_dump`: database.pgdump (custom format); `logical`: database/<table>.jsonl. */
    kind: 'pg_dump' | 'logical';
    migrations: string[];
    /** Rows per table in the copy. */
    tables: Record<string, number>;
    sequences?: SequenceState[];
  };
  media: {
    /** Objects in the backup, and their bytes. */
    objects: number;
    bytes: number;
    /** Objects the database refers to. */
    referenced: number;
    /** Referred to but removed from the store before they could be copied (see docs/deployment.md). */
    missing: string[];
  };
}

export interface DatabaseTarget {
  url: string;
  /** A server (pg_dump/pg_restore) or the embedded database (logical copy). */
  kind: 'server' | 'embedded';
}

const notFoundInStore = (err: unknown) => err instanceof AppError && err.code === 'storage.missing';

function toolError(err: unknown): unknown {
  if (!(err instanceof DumpError)) return err;
  if (err.message === 'schema_mismatch') return AppError.conflict('backup.schema_mismatch');
  if (err.message === 'target_not_empty') return AppError.conflict('backup.target_not_empty');
  if (err.message.startsWith('rows_mismatch:'))
    return AppError.conflict('backup.rows_mismatch', { table: err.message.slice(14) });
  return new AppError(HttpStatus.INTERNAL_SERVER_ERROR, 'backup.tool_failed', {
    detail: err.message,
  });
}

/**
 * Backups of the database and the media objects, consistent with each other while the service
 * runs. Objects are named by their content and never change, and a row refers to an object
 * only once the object is stored: so every object is copied first, then the database is
 * copied as of one instant, then the objects its rows refer to that appeared meanwhile. A
 * restore puts the objects back (each checked against its SHA-256), then the database, into an
 * empty one; when the database cannot be restored, the objects it added are removed again.
 */
export class BackupService {
  constructor(
    private readonly storage: MediaStorage,
    private readonly pgDump = new PgDumpAdapter(),
    private readonly logical = new LogicalDumpAdapter(),
  ) {}

  async backup(dir: string, db: DatabaseTarget): Promise<BackupManifest> {
    const folder = new BackupFolder(dir);
    try {
      await folder.create();
    } catch (err) {
      if ((err as Error).message === 'backup_dir_not_empty')
        throw AppError.conflict('backup.dir_not_empty', { dir });
      throw err;
    }
    const media = { objects: 0, bytes: 0 };
    const copy = async (key: string): Promise<boolean> => {
      try {
        media.bytes += await folder.putObject(key, this.storage.read(key));
        media.objects++;
        return true;
      } catch (err) {
        // removed since it was listed, or damaged in the store: not copied
        if (notFoundInStore(err) || err instanceof CorruptObject) return false;
        throw err;
      }
    };
    for await (const key of this.storage.list()) await copy(key);

    let facts: DatabaseFacts & { sequences?: SequenceState[] };
    try {
      facts =
        db.kind === 'server'
          ? await this.pgDump.dump(db.url, folder.path(PG_DUMP_FILE))
          : await this.logical.dump(db.url, await folder.makeLogicalDir());
    } catch (err) {
      throw toolError(err);
    }
    const missing: string[] = [];
    for (const key of facts.mediaKeys) {
      if (!(await folder.hasObject(key)) && !(await copy(key))) missing.push(key);
    }
    const manifest: BackupManifest = {
      format: 'hoithi-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: {
        kind: db.kind === 'server' ? 'pg_dump' : 'logical',
        migrations: facts.migrations,
        tables: facts.tables,
        ...(facts.sequences ? { sequences: facts.sequences } : {}),
      },
      media: { ...media, referenced: facts.mediaKeys.length, missing },
    };
    await folder.writeManifest(manifest);
    return manifest;
  }

  async readManifest(dir: string): Promise<BackupManifest> {
    const folder = new BackupFolder(dir);
    if (!(await folder.exists())) throw AppError.notFound('backup.not_a_backup', { dir });
    const m = (await folder.readManifest()) as Partial<BackupManifest>;
    if (m?.format !== 'hoithi-backup' || m.version !== 1 || !m.database || !m.media)
      throw AppError.badRequest('backup.not_a_backup', { dir });
    return m as BackupManifest;
  }

  /** Restores into an empty database and the configured media store. */
  async restore(
    dir: string,
    db: DatabaseTarget,
  ): Promise<{ manifest: BackupManifest; objects: number }> {
    const manifest = await this.readManifest(dir);
    if (manifest.database.kind === 'pg_dump' && db.kind !== 'server')
      throw AppError.badRequest('backup.needs_server');
    if (!(await databaseIsEmpty(db.url))) throw AppError.conflict('backup.target_not_empty');
    const folder = new BackupFolder(dir);
    const added: string[] = [];
    let objects = 0;
    try {
      for await (const key of folder.objects()) {
        objects++;
        if (await this.storage.stat(key)) continue;
        const file = await this.storage.writeTemp(folder.readObject(key));
        if (file.sha256 !== key) {
          await this.storage.removeTemp(file.path);
          throw AppError.badRequest('backup.corrupt_object', { key });
        }
        const stored = await this.storage.commit(file.path, key, file.size);
        if (!stored.existed) added.push(key);
      }
      try {
        if (manifest.database.kind === 'pg_dump')
          await this.pgDump.restore(db.url, folder.path(PG_DUMP_FILE));
        else
          await this.logical.load(db.url, folder.path('database'), {
            migrations: manifest.database.migrations,
            tables: manifest.database.tables,
            sequences: manifest.database.sequences ?? [],
          });
      } catch (err) {
        throw toolError(err);
      }
    } catch (err) {
      for (const key of added) await this.storage.remove(key).catch(() => undefined);
      throw err;
    }
    return { manifest, objects };
  }
}
