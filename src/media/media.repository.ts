import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, Repository } from 'typeorm';
import { Derivative, MediaItem, MediaStatus, MediaVariant } from './entities/media-item.entity';

@Injectable()
export class MediaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MediaItem);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  create(data: Partial<MediaItem>, manager?: EntityManager): Promise<MediaItem> {
    const repo = this.repo(manager);
    return repo.save(repo.create(data));
  }

  findById(id: string): Promise<MediaItem | null> {
    return this.repo().findOneBy({ id });
  }

  findByTusId(tusId: string): Promise<MediaItem | null> {
    return this.repo().findOneBy({ tusId });
  }

  listByEntry(entryId: string): Promise<MediaItem[]> {
    return this.repo().find({ where: { entryId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Files that count against an entry's limit: those kept (processing or ready) and uploads in
   * progress started after `uploadsSince` (an older one has expired, whether or not the cleanup
   * has marked it yet), except `exceptId`.
   */
  async countActive(
    entryId: string,
    uploadsSince: Date,
    manager?: EntityManager,
    exceptId?: string,
  ): Promise<number> {
    const rows = await (manager ?? this.dataSource.manager).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM media_items
        WHERE entry_id = $1 AND id IS DISTINCT FROM $3
          AND (status IN ('processing', 'ready') OR (status = 'uploading' AND created_at > $2))`,
      [entryId, uploadsSince, exceptId ?? null],
    );
    return rows[0].n;
  }

  /** Serializes uploads to one entry so that two at once cannot both pass the count limit. */
  async lockEntry(entryId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `media:entry:${entryId}`,
    ]);
  }

  async remove(id: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).delete({ id });
  }

  async update(id: string, patch: Partial<MediaItem>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update(
      { id },
      patch as Parameters<Repository<MediaItem>['update']>[1],
    );
  }

  /**
   * Adds a derivative to a ready file that has none of that variant (merged into the stored
   * ones, whatever else changed meanwhile); false when it was not added.
   */
  async addDerivative(id: string, variant: MediaVariant, d: Derivative): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE media_items SET derivatives = derivatives || jsonb_build_object($2::text, $3::jsonb),
              updated_at = now()
        WHERE id = $1 AND status = 'ready' AND NOT derivatives ? $2
        RETURNING id`,
      [id, variant, JSON.stringify(d)],
    );
    return rows.length > 0;
  }

  /** Resumable uploads started before `before` and never finished. */
  findStaleUploads(before: Date): Promise<MediaItem[]> {
    return this.repo().find({
      where: { status: MediaStatus.Uploading, createdAt: LessThan(before) },
      take: 1000,
    });
  }

  /** Whether any item other than `exceptId` still uses this stored object. */
  async isReferenced(key: string, exceptId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM media_items
        WHERE id <> $2 AND status IN ('processing', 'ready')
          AND (sha256 = $1
               OR EXISTS (SELECT 1 FROM jsonb_each(derivatives) d WHERE d.value->>'key' = $1))
        LIMIT 1`,
      [key, exceptId],
    );
    return rows.length > 0;
  }
}
