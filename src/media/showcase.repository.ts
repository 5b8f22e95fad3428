import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Derivative, MediaVariant } from './entities/media-item.entity';

/** The file that stands for a published entry (`cover`) and its first playable clip (`clip`). */
export interface ShowcaseRow {
  role: 'cover' | 'clip';
  entryId: string;
  mediaId: string;
  kind: 'image' | 'video' | 'document';
  derivatives: Partial<Record<MediaVariant, Derivative>>;
}

/** Reads what the public may be shown of entries' files (published entries only). */
@Injectable()
export class ShowcaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * For each published entry among `entryIds`: its cover, the first ready file with a picture
   * (an image first, else a clip's poster frame, else a document's first page; oldest first),
   * and its first ready clip with a playable version.
   */
  async rows(entryIds: readonly string[]): Promise<ShowcaseRow[]> {
    if (!entryIds.length) return [];
    const rows: {
      role: 'cover' | 'clip';
      entry_id: string;
      id: string;
      kind: ShowcaseRow['kind'];
      derivatives: ShowcaseRow['derivatives'];
    }[] = await this.dataSource.query(
      `WITH m AS (
         SELECT mi.entry_id, mi.id, mi.kind, mi.derivatives, mi.created_at
           FROM media_items mi JOIN entries e ON e.id = mi.entry_id
          WHERE mi.entry_id = ANY($1::uuid[]) AND mi.status = 'ready'
            AND e.published_at IS NOT NULL)
       (SELECT DISTINCT ON (entry_id) 'cover' AS role, entry_id, id, kind, derivatives FROM m
         WHERE derivatives ? 'thumb' AND kind IN ('image', 'video', 'document')
         ORDER BY entry_id, CASE kind WHEN 'image' THEN 0 WHEN 'video' THEN 1 ELSE 2 END,
                  created_at, id)
       UNION ALL
       (SELECT DISTINCT ON (entry_id) 'clip', entry_id, id, kind, derivatives FROM m
         WHERE kind = 'video' AND derivatives ? 'preview'
         ORDER BY entry_id, created_at, id)`,
      [entryIds],
    );
    return rows.map((r) => ({
      role: r.role,
      entryId: r.entry_id,
      mediaId: r.id,
      kind: r.kind,
      derivatives: r.derivatives ?? {},
    }));
  }
}
