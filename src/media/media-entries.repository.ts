import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MediaRules } from './media-policy';

/** What the media rules read about an entry, its category and its contest. */
export interface EntryMediaFacts {
  ownerId: string;
  contestId: string;
  status: string;
  published: boolean;
  blindJudging: boolean;
  rules: MediaRules | null;
}

/** Read-only view of entries for the media feature (the entries feature owns the tables). */
@Injectable()
export class MediaEntriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `manager`: read inside that transaction (on the embedded database, its only connection). */
  async facts(entryId: string, manager?: EntityManager): Promise<EntryMediaFacts | null> {
    const rows = await (manager ?? this.dataSource).query<
      {
        owner_id: string;
        contest_id: string;
        status: string;
        published_at: Date | null;
        blind: boolean | null;
        rules: MediaRules | null;
      }[]
    >(
      `SELECT e.owner_id, e.contest_id, e.status::text AS status, e.published_at,
              (c.settings->>'blindJudging')::boolean AS blind, cat.rules->'media' AS rules
         FROM entries e
         JOIN contests c ON c.id = e.contest_id
         JOIN contest_categories cat ON cat.id = e.category_id
        WHERE e.id = $1`,
      [entryId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      ownerId: r.owner_id,
      contestId: r.contest_id,
      status: r.status,
      published: r.published_at !== null,
      blindJudging: r.blind === true,
      rules: r.rules,
    };
  }
}
