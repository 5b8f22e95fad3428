import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { OrgUnit, OrgUnitStatus } from './entities/org-unit.entity';
import { OrgUnitEvent, OrgUnitEventType } from './entities/org-unit-event.entity';

/** Serializes changes to the shape of the tree (create, move, merge, import). */
const TREE_LOCK = 6_120_774_309;

export interface NewOrgUnit {
  id?: string;
  code: string;
  name: string;
  nameSearch: string;
  kind: string;
  parentId: string | null;
  path: string;
  depth: number;
}

export interface NewOrgUnitEvent {
  unitId: string;
  type: OrgUnitEventType;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  effectiveOn: string | null;
  actorId: string | null;
}

export interface UnitListQuery {
  /** folded search text (already lower-case, no diacritics) */
  search?: string;
  codePrefix?: string;
  parentId?: string;
  includeHistorical: boolean;
  after?: { nameSearch: string; id: string };
  limit: number;
}

/** Escapes LIKE wildcards so user text matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class OrgUnitsRepository {
  constructor(
    @InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>,
    @InjectRepository(OrgUnitEvent) private readonly events: Repository<OrgUnitEvent>,
  ) {}

  private repo(m?: EntityManager): Repository<OrgUnit> {
    return m ? m.getRepository(OrgUnit) : this.units;
  }

  /** Runs `fn` in one transaction holding the tree lock. */
  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.units.manager.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
      return fn(m);
    });
  }

  findById(id: string, m?: EntityManager): Promise<OrgUnit | null> {
    return this.repo(m).findOne({ where: { id } });
  }

  findByIds(ids: string[], m?: EntityManager): Promise<OrgUnit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(m).find({ where: { id: In(ids) } });
  }

  findByCodes(codes: string[], m?: EntityManager): Promise<OrgUnit[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.repo(m).find({ where: { code: In(codes) } });
  }

  async codeExists(code: string, m?: EntityManager): Promise<boolean> {
    return this.repo(m).exists({ where: { code } });
  }

  async isActive(id: string): Promise<boolean> {
    return this.units.exists({ where: { id, status: OrgUnitStatus.Active } });
  }

  count(): Promise<number> {
    return this.units.count();
  }

  async insert(data: NewOrgUnit, m: EntityManager): Promise<OrgUnit> {
    const repo = this.repo(m);
    const result = await repo.insert(repo.create(data));
    const id = (result.identifiers[0] as { id: string }).id;
    return (await repo.findOne({ where: { id } }))!;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<OrgUnit, 'name' | 'nameSearch' | 'kind' | 'code' | 'status' | 'mergedIntoId'>
    >,
    m: EntityManager,
  ): Promise<OrgUnit> {
    const repo = this.repo(m);
    await repo.update({ id }, changes);
    return (await repo.findOne({ where: { id } }))!;
  }

  /**
   * Moves a unit with everything under it (whatever their status): one UPDATE rewrites the path
   * prefix and depth of the whole subtree and sets the unit's new parent.
   */
  async moveSubtree(
    unit: Pick<OrgUnit, 'id' | 'path' | 'depth'>,
    newParent: Pick<OrgUnit, 'id' | 'path' | 'depth'> | null,
    m: EntityManager,
  ): Promise<number> {
    const newPath = `${newParent ? newParent.path : ''}${unit.id}/`;
    const delta = (newParent ? newParent.depth + 1 : 0) - unit.depth;
    const rows: unknown[] = await m.query(
      `UPDATE org_units
          SET path = $2 || substr(path, length($1) + 1),
              depth = depth + $3,
              parent_id = CASE WHEN id = $4 THEN $5::uuid ELSE parent_id END,
              updated_at = now()
        WHERE path LIKE $6
        RETURNING id`,
      [unit.path, newPath, delta, unit.id, newParent?.id ?? null, `${likeLiteral(unit.path)}%`],
    );
    return (rows[0] as unknown[] | undefined)?.length ?? 0;
  }

  /** Active direct children, locked for the change that follows. */
  activeChildren(parentId: string, m: EntityManager): Promise<OrgUnit[]> {
    return this.repo(m)
      .createQueryBuilder('u')
      .where('u.parent_id = :parentId AND u.status = :active', {
        parentId,
        active: OrgUnitStatus.Active,
      })
      .orderBy('u.name_search', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  countActiveChildren(parentId: string, m?: EntityManager): Promise<number> {
    return this.repo(m).count({ where: { parentId, status: OrgUnitStatus.Active } });
  }

  /** Search and children listing, keyset-paginated by (folded name, id). */
  list(q: UnitListQuery): Promise<OrgUnit[]> {
    const qb = this.units.createQueryBuilder('u');
    if (!q.includeHistorical) qb.andWhere('u.status = :active', { active: OrgUnitStatus.Active });
    if (q.parentId) qb.andWhere('u.parent_id = :parentId', { parentId: q.parentId });
    if (q.search !== undefined) {
      const params = {
        search: `%${likeLiteral(q.search)}%`,
        code: `${likeLiteral(q.codePrefix ?? '')}%`,
      };
      if (q.codePrefix) qb.andWhere('(u.name_search LIKE :search OR u.code LIKE :code)', params);
      else qb.andWhere('u.name_search LIKE :search', params);
    }
    if (q.after) {
      qb.andWhere('(u.name_search, u.id) > (:afterName, :afterId)', {
        afterName: q.after.nameSearch,
        afterId: q.after.id,
      });
    }
    return qb.orderBy('u.name_search', 'ASC').addOrderBy('u.id', 'ASC').limit(q.limit).getMany();
  }

  /** Active units whose path starts with `path` (the unit itself included): one indexed prefix scan. */
  activeSubtree(path: string): Promise<OrgUnit[]> {
    return this.units
      .createQueryBuilder('u')
      .where('u.path LIKE :prefix AND u.status = :active', {
        prefix: `${likeLiteral(path)}%`,
        active: OrgUnitStatus.Active,
      })
      .orderBy('u.depth', 'ASC')
      .addOrderBy('u.name_search', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
  }

  /**
   * Everything that is or was under the unit: all units below it whatever their status, plus
   * units merged into any of those, with everything that was under them, recursively. One query;
   * each step is a prefix range on the path index.
   */
  historicalSubtree(rootId: string): Promise<OrgUnit[]> {
    return this.units
      .createQueryBuilder('u')
      .where(
        `u.id IN (
          WITH RECURSIVE roots(path) AS (
            SELECT path FROM org_units WHERE id = :rootId
            UNION
            SELECT m.path
              FROM roots r
              JOIN org_units s ON s.path ~>=~ r.path AND s.path ~<~ (r.path || '~')
              JOIN org_units m ON m.merged_into_id = s.id AND m.status = :merged
          )
          SELECT x.id
            FROM roots r
            JOIN org_units x ON x.path ~>=~ r.path AND x.path ~<~ (r.path || '~')
        )`,
        { rootId, merged: OrgUnitStatus.Merged },
      )
      .orderBy('u.depth', 'ASC')
      .addOrderBy('u.name_search', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
  }

  async insertEvents(events: NewOrgUnitEvent[], m: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const repo = m.getRepository(OrgUnitEvent);
    for (let i = 0; i < events.length; i += 500) {
      await repo.insert(
        events.slice(i, i + 500).map((e) => ({
          unitId: e.unitId,
          type: e.type,
          before: e.before ?? null,
          after: e.after ?? null,
          effectiveOn: e.effectiveOn,
          actorId: e.actorId,
        })) as never,
      );
    }
  }

  history(unitId: string, after: string | undefined, limit: number): Promise<OrgUnitEvent[]> {
    const qb = this.events
      .createQueryBuilder('e')
      .where('e.unit_id = :unitId', { unitId })
      .orderBy('e.id', 'ASC')
      .limit(limit);
    if (after) qb.andWhere('e.id > :after', { after });
    return qb.getMany();
  }
}
