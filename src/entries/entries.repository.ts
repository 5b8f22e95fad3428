import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, In } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { buildEntryListQuery, EntryListFilter, pageBody } from './entry-list.query';
import { EntryStatus } from './entry-state-machine';
import { Entry } from './entities/entry.entity';
import { EntryRound, EntryRoundSource, EntryRoundStatus } from './entities/entry-round.entity';
import { EntrySnapshot, EntryVersion } from './entities/entry-version.entity';
import type { EntryMediaFile } from './entry-readiness';

export interface UnitRef {
  id: string;
  name: string;
  path: string;
  depth: number;
  status: string;
}

/** The only code of the entries feature that touches the database. */
@Injectable()
export class EntriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Entry | null> {
    return this.m(manager).findOne(Entry, { where: { id } });
  }

  /** The entry, its row locked until the transaction ends (no two changes interleave). */
  findForUpdate(id: string, manager: EntityManager): Promise<Entry | null> {
    return manager
      .getRepository(Entry)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
  }

  findByIds(ids: string[], manager?: EntityManager): Promise<Entry[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.m(manager).find(Entry, { where: { id: In(ids) } });
  }

  /** Rows locked, in id order (no deadlock between two advancements). */
  async findManyForUpdate(ids: string[], manager: EntityManager): Promise<Entry[]> {
    if (!ids.length) return [];
    return manager
      .getRepository(Entry)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id IN (:...ids)', { ids })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  findPublished(publicId: string): Promise<Entry | null> {
    return this.dataSource.manager
      .getRepository(Entry)
      .createQueryBuilder('e')
      .where('e.public_id = :publicId AND e.published_at IS NOT NULL', { publicId })
      .getOne();
  }

  async insert(data: Partial<Entry>, manager: EntityManager): Promise<Entry> {
    const repo = manager.getRepository(Entry);
    const saved = await repo.save(repo.create(data));
    return (await repo.findOne({ where: { id: saved.id } }))!;
  }

  async update(id: string, patch: Partial<Entry>, manager: EntityManager): Promise<Entry> {
    await manager.getRepository(Entry).update({ id }, patch);
    return (await manager.findOne(Entry, { where: { id } }))!;
  }

  /**
   * The entry's files that count (not rejected or failed), oldest first, with what processing
   * learned of them (the media feature owns the table; this reads it).
   */
  async mediaOf(entryId: string, manager?: EntityManager): Promise<EntryMediaFile[]> {
    const rows: {
      id: string;
      original_name: string;
      kind: string | null;
      status: EntryMediaFile['status'];
      size_bytes: string;
      facts: { width?: number; height?: number; durationSeconds?: number } | null;
    }[] = await this.m(manager).query(
      `SELECT id, original_name, kind, status, size_bytes, facts FROM media_items
        WHERE entry_id = $1 AND status IN ('uploading', 'processing', 'ready')
        ORDER BY created_at, id`,
      [entryId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.original_name,
      kind: r.kind,
      status: r.status,
      sizeBytes: Number(r.size_bytes),
      width: r.facts?.width,
      height: r.facts?.height,
      durationSeconds: r.facts?.durationSeconds,
    }));
  }

  /**
   * Holds uploads to the entry until the transaction ends (the lock the media feature takes
   * before admitting a file), so a submission counts the files no upload is adding.
   */
  async lockMedia(entryId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `media:entry:${entryId}`,
    ]);
  }

  unit(id: string, manager?: EntityManager): Promise<UnitRef | null> {
    return this.m(manager)
      .query(`SELECT id, name, path, depth, status FROM org_units WHERE id = $1`, [id])
      .then((rows: UnitRef[]) => rows[0] ?? null);
  }

  async unitsByIds(ids: string[]): Promise<Map<string, UnitRef>> {
    if (!ids.length) return new Map();
    const rows: UnitRef[] = await this.dataSource.query(
      `SELECT id, name, path, depth, status FROM org_units WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Serializes submissions of one unit in one category until the transaction ends, then counts
   * what already counts against the quota: the check and the insert cannot interleave.
   */
  async lockAndCountQuota(
    contestId: string,
    categoryId: string,
    unitId: string,
    excludeEntryId: string,
    manager: EntityManager,
  ): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `entries.quota:${categoryId}:${unitId}`,
    ]);
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM entries
        WHERE contest_id = $1 AND category_id = $2 AND unit_id = $3 AND id <> $4
          AND status NOT IN ('draft', 'withdrawn')`,
      [contestId, categoryId, unitId, excludeEntryId],
    );
    return rows[0].n;
  }

  async insertVersion(
    entryId: string,
    version: number,
    snapshot: EntrySnapshot,
    createdBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(EntryVersion).insert({ entryId, version, snapshot, createdBy });
  }

  async version(entryId: string, version: number): Promise<EntryVersion | null> {
    return this.dataSource.manager.findOne(EntryVersion, { where: { entryId, version } });
  }

  async versionsOf(entryIds: string[]): Promise<Map<string, EntrySnapshot>> {
    if (!entryIds.length) return new Map();
    const rows: { entry_id: string; snapshot: EntrySnapshot }[] = await this.dataSource.query(
      `SELECT v.entry_id, v.snapshot FROM entry_versions v JOIN entries e
           ON e.id = v.entry_id AND e.version = v.version
        WHERE v.entry_id = ANY($1::uuid[])`,
      [entryIds],
    );
    return new Map(rows.map((r) => [r.entry_id, r.snapshot]));
  }

  async enterRound(
    entryId: string,
    roundId: string,
    source: EntryRoundSource,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO entry_rounds (entry_id, round_id, status, source)
       VALUES ($1, $2, 'active', $3)
       ON CONFLICT (entry_id, round_id) DO UPDATE SET status = 'active', source = EXCLUDED.source,
         decided_by = NULL, decided_at = NULL`,
      [entryId, roundId, source],
    );
  }

  async decideRound(
    entryId: string,
    roundId: string,
    status: EntryRoundStatus,
    decidedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(EntryRound)
      .update({ entryId, roundId }, { status, decidedBy, decidedAt: new Date() });
  }

  /** Removes the entry from every round (withdrawal): its rows stay, marked eliminated. */
  async leaveRounds(entryId: string, decidedBy: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(EntryRound)
      .update(
        { entryId, status: EntryRoundStatus.Active },
        { status: EntryRoundStatus.Eliminated, decidedBy, decidedAt: new Date() },
      );
  }

  roundsOf(entryId: string): Promise<EntryRound[]> {
    return this.dataSource.manager.find(EntryRound, {
      where: { entryId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Entries active in a round, with their unit's path (for grouping by scope), locked. */
  async activeInRound(
    roundId: string,
    manager: EntityManager,
  ): Promise<{ id: string; status: EntryStatus; unit_path: string }[]> {
    return manager.query(
      `SELECT e.id, e.status, u.path AS unit_path
         FROM entry_rounds er JOIN entries e ON e.id = er.entry_id JOIN org_units u ON u.id = e.unit_id
        WHERE er.round_id = $1 AND er.status = 'active'
        ORDER BY e.id
        FOR UPDATE OF e`,
      [roundId],
    );
  }

  /** Whether the entry is active in a round of kind judging or final (what judges may see). */
  async isJudgeVisible(entryId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM entry_rounds er JOIN contest_rounds r ON r.id = er.round_id
        WHERE er.entry_id = $1 AND er.status = 'active' AND r.kind IN ('judging', 'final') LIMIT 1`,
      [entryId],
    );
    return rows.length > 0;
  }

  /**
   * One page of the list as the response body (the bytes of EntryPage's JSON, written by
   * PostgreSQL): straight on the driver's pool, with no row objects on the way.
   */
  async listPage(filter: EntryListFilter): Promise<Buffer> {
    const { sql, params } = buildEntryListQuery(filter);
    const result = await this.pool().query<[string]>({
      text: sql,
      values: params,
      rowMode: 'array',
    });
    return pageBody(result.rows[0][0]);
  }

  /** Title and summary of these entries: what a judge reads of them under blind judging. */
  visibleTexts(ids: string[]): Promise<{ id: string; title: string; summary: string }[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT id, title, summary FROM entries WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The pg pool under the DataSource (the same connections TypeORM uses). */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Publishes the publishable entries among `ids` (or all of the contest), returns them. */
  async publish(
    contestId: string,
    ids: string[] | null,
    manager: EntityManager,
  ): Promise<
    { id: string; status: EntryStatus; category_id: string; unit_id: string; owner_id: string }[]
  > {
    const rows: [
      { id: string; status: EntryStatus; category_id: string; unit_id: string; owner_id: string }[],
      number,
    ] = await manager.query(
      `UPDATE entries SET published_at = now(), updated_at = now()
        WHERE contest_id = $1 AND published_at IS NULL
          AND status NOT IN ('draft', 'withdrawn', 'disqualified')
          AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        RETURNING id, status, category_id, unit_id, owner_id`,
      [contestId, ids],
    );
    return rows[0];
  }
}
