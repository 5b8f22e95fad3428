import './messages';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UserRole } from '../users/entities/user.entity';
import { AppError, FieldError } from '../common/errors/app-error';
import { foldVietnamese } from '../common/validation/text';
import { normalizeUnitCode, UNIT_CODE_RULE } from './dto/org-unit.dto';
import { OrgUnit, OrgUnitStatus } from './entities/org-unit.entity';
import { OrgUnitEvent, OrgUnitEventType } from './entities/org-unit-event.entity';
import { MAX_IMPORT_ROWS, readUnitRows, UnitRow } from './import/unit-rows';
import { readUnitTable } from './import/unit-table.reader';
import { NewOrgUnitEvent, OrgUnitsRepository } from './org-units.repository';

export interface NewUnitInput {
  code: string;
  name: string;
  kind: string;
  parentId?: string | null;
}

export interface SubtreeOptions {
  /** Add merged and dissolved units that were under the root, and units merged into the subtree. */
  includeHistorical?: boolean;
}

export interface UnitPage {
  items: OrgUnit[];
  nextCursor: string | null;
}

export interface MergeResult {
  target: OrgUnit;
  merged: OrgUnit[];
  movedChildren: number;
}

export type ImportRowAction = 'create' | 'update' | 'unchanged';

/** What the import does (or, on a dry run, would do) with one row of the file. */
export interface ImportRowReport {
  rowNumber: number;
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  action: ImportRowAction;
}

/** At most this many rows are described one by one in a report (the counts cover them all). */
export const MAX_REPORTED_ROWS = 1000;

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The rows in file order (the first MAX_REPORTED_ROWS), each with what happens to it. */
  items: ImportRowReport[];
}

/**
 * Where a caller other than an administrator may change the tree: only units strictly under
 * `root` (their own unit), placed under `root` or under such a unit.
 */
export interface UnitScope {
  root: OrgUnit;
}

const inScope = (scope: UnitScope | undefined, u: Pick<OrgUnit, 'id' | 'path'>): boolean =>
  !scope || (u.id !== scope.root.id && u.path.startsWith(scope.root.path));

const placeableIn = (scope: UnitScope | undefined, parent: OrgUnit | null): boolean =>
  !scope || (parent !== null && (parent.id === scope.root.id || inScope(scope, parent)));

/** What search compares: no diacritics, lower case, single spaces. */
export const unitSearchKey = (text: string): string =>
  foldVietnamese(text).replace(/\s+/g, ' ').trim();

const normalizeName = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

const snapshot = (u: OrgUnit) => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  depth: u.depth,
  status: u.status,
  mergedIntoId: u.mergedIntoId,
});

const placement = (parent: OrgUnit | null, depth: number) => ({
  parentId: parent?.id ?? null,
  parentCode: parent?.code ?? null,
  parentName: parent?.name ?? null,
  depth,
});

const ancestorIdsOf = (u: Pick<OrgUnit, 'id' | 'path'>) =>
  u.path.split('/').filter((id) => id !== '' && id !== u.id);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

interface Change {
  actorId: string | null;
  effectiveOn: string;
  m: EntityManager;
  /** Imports write one audit record for the whole file instead of one per unit. */
  audit: boolean;
  via?: 'import' | 'merge';
}

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly repository: OrgUnitsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The part of the tree the caller may change: everything for administrators (undefined); for
   * organizers the units under their own unit; nothing for an organizer without a unit.
   */
  async scopeFor(principal: {
    role: UserRole;
    unitId: string | null;
  }): Promise<UnitScope | undefined> {
    if (principal.role === UserRole.Admin) return undefined;
    const root = principal.unitId ? await this.repository.findById(principal.unitId) : null;
    if (!root || root.status !== OrgUnitStatus.Active) {
      throw AppError.forbidden('org_units.scope_required');
    }
    return { root };
  }

  isActive(id: string): Promise<boolean> {
    return this.repository.isActive(id);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repository.count()) === 0;
  }

  // ---------------------------------------------------------------- reads

  async get(id: string): Promise<OrgUnit> {
    const unit = await this.repository.findById(id);
    if (!unit) throw AppError.notFound('org_units.not_found');
    return unit;
  }

  async findByCode(code: string): Promise<OrgUnit | null> {
    const [unit] = await this.repository.findByCodes([normalizeUnitCode(code)]);
    return unit ?? null;
  }

  /** The unit with its ancestors from the root down to the parent (a breadcrumb). */
  async getWithAncestors(id: string): Promise<{ unit: OrgUnit; ancestors: OrgUnit[] }> {
    const unit = await this.get(id);
    const ancestors = await this.repository.findByIds(ancestorIdsOf(unit));
    ancestors.sort((a, b) => a.depth - b.depth);
    return { unit, ancestors };
  }

  /** Ids of the ancestors of a unit, from the root down to its parent. */
  async ancestorIds(id: string): Promise<string[]> {
    return ancestorIdsOf(await this.get(id));
  }

  /** "All units under X", X included when it matches the status filter. */
  async subtree(rootId: string, options: SubtreeOptions = {}): Promise<OrgUnit[]> {
    const root = await this.get(rootId);
    return options.includeHistorical
      ? this.repository.historicalSubtree(root.id)
      : this.repository.activeSubtree(root.path);
  }

  async subtreeIds(rootId: string, options: SubtreeOptions = {}): Promise<string[]> {
    return (await this.subtree(rootId, options)).map((u) => u.id);
  }

  async list(query: {
    q?: string;
    parentId?: string;
    includeHistorical?: boolean;
    cursor?: string;
    limit?: number;
  }): Promise<UnitPage> {
    const limit = query.limit ?? 50;
    const search = query.q !== undefined ? unitSearchKey(query.q) : '';
    const code = query.q !== undefined ? normalizeUnitCode(query.q) : '';
    const rows = await this.repository.list({
      search: search === '' ? undefined : search,
      codePrefix: UNIT_CODE_RULE.test(code) ? code : undefined,
      parentId: query.parentId,
      includeHistorical: query.includeHistorical ?? false,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor(last) : null };
  }

  async children(
    id: string,
    query: { includeHistorical?: boolean; cursor?: string; limit?: number },
  ): Promise<UnitPage> {
    await this.get(id);
    return this.list({ ...query, parentId: id });
  }

  async history(
    id: string,
    after: string | undefined,
    limit = 100,
  ): Promise<{ items: OrgUnitEvent[]; nextCursor: string | null }> {
    await this.get(id);
    const rows = await this.repository.history(id, after, limit + 1);
    const items = rows.slice(0, limit);
    return {
      items,
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }

  // ---------------------------------------------------------------- changes

  create(input: NewUnitInput, actorId: string | null, effectiveOn?: string): Promise<OrgUnit> {
    const on = effectiveDate(effectiveOn);
    return this.repository.transaction(async (m) => {
      let parent: OrgUnit | null = null;
      if (input.parentId) {
        parent = await this.repository.findById(input.parentId, m);
        if (!parent) {
          throw AppError.validation([{ field: 'parentId', code: 'org_units.parent_not_found' }]);
        }
        if (parent.status !== OrgUnitStatus.Active) {
          throw AppError.validation([{ field: 'parentId', code: 'org_units.parent_not_active' }]);
        }
      }
      const code = normalizeUnitCode(input.code);
      if (await this.repository.codeExists(code, m)) {
        throw AppError.conflict('org_units.code_taken', { code });
      }
      const [unit, event] = await this.insertUnit(
        { ...input, code },
        parent,
        OrgUnitEventType.Created,
        { actorId, effectiveOn: on, m, audit: true },
      );
      await this.repository.insertEvents([event], m);
      return unit;
    });
  }

  rename(
    id: string,
    input: { name: string; kind?: string; effectiveOn?: string },
    actorId: string | null,
    scope?: UnitScope,
  ): Promise<OrgUnit> {
    const on = effectiveDate(input.effectiveOn);
    return this.repository.transaction(async (m) => {
      const unit = requireActive(await this.repository.findById(id, m));
      if (!inScope(scope, unit)) throw outsideScope(scope!);
      return this.renameIn(unit, input.name, input.kind, {
        actorId,
        effectiveOn: on,
        m,
        audit: true,
      });
    });
  }

  recode(
    id: string,
    input: { code: string; effectiveOn?: string },
    actorId: string | null,
  ): Promise<OrgUnit> {
    const on = effectiveDate(input.effectiveOn);
    return this.repository.transaction(async (m) => {
      const unit = requireActive(await this.repository.findById(id, m));
      const code = normalizeUnitCode(input.code);
      if (code === unit.code) return unit;
      if (await this.repository.codeExists(code, m)) {
        throw AppError.conflict('org_units.code_taken', { code });
      }
      const updated = await this.repository.update(id, { code }, m);
      await this.recordChange(
        m,
        { actorId, effectiveOn: on, m, audit: true },
        unit.id,
        OrgUnitEventType.Recoded,
        { code: unit.code },
        { code },
      );
      return updated;
    });
  }

  move(
    id: string,
    input: { parentId: string | null; effectiveOn?: string },
    actorId: string | null,
    scope?: UnitScope,
  ): Promise<OrgUnit> {
    const on = effectiveDate(input.effectiveOn);
    return this.repository.transaction(async (m) => {
      const unit = requireActive(await this.repository.findById(id, m));
      if (!inScope(scope, unit)) throw outsideScope(scope!);
      let parent: OrgUnit | null = null;
      if (input.parentId) {
        parent = await this.repository.findById(input.parentId, m);
        if (!parent) {
          throw AppError.validation([{ field: 'parentId', code: 'org_units.parent_not_found' }]);
        }
        if (parent.path.startsWith(unit.path)) {
          throw AppError.conflict('org_units.move_into_own_subtree');
        }
        if (parent.status !== OrgUnitStatus.Active) {
          throw AppError.validation([{ field: 'parentId', code: 'org_units.parent_not_active' }]);
        }
      }
      if (!placeableIn(scope, parent)) throw outsideScope(scope!);
      await this.moveIn(unit, parent, { actorId, effectiveOn: on, m, audit: true });
      return (await this.repository.findById(id, m))!;
    });
  }

  merge(
    targetId: string,
    input: { sourceIds: string[]; effectiveOn?: string },
    actorId: string | null,
    scope?: UnitScope,
  ): Promise<MergeResult> {
    const on = effectiveDate(input.effectiveOn);
    return this.repository.transaction(async (m) => {
      const target = requireActive(await this.repository.findById(targetId, m));
      if (input.sourceIds.includes(target.id))
        throw AppError.conflict('org_units.merge_into_itself');
      const found = new Map(
        (await this.repository.findByIds(input.sourceIds, m)).map((u) => [u.id, u]),
      );
      const missing: FieldError[] = input.sourceIds
        .map((sid, i) =>
          found.has(sid) ? null : { field: `sourceIds.${i}`, code: 'org_units.not_found' },
        )
        .filter((e): e is FieldError => e !== null);
      if (missing.length) throw AppError.validation(missing);
      const sources = input.sourceIds.map((sid) => requireActive(found.get(sid)!));
      for (const u of [target, ...sources]) if (!inScope(scope, u)) throw outsideScope(scope!);
      for (const source of sources) {
        if (target.path.startsWith(source.path)) {
          throw AppError.conflict('org_units.merge_target_in_source', { name: source.name });
        }
      }
      const change: Change = { actorId, effectiveOn: on, m, audit: true, via: 'merge' };
      const events: NewOrgUnitEvent[] = [];
      let movedChildren = 0;
      const merged: OrgUnit[] = [];
      // deepest first, so a source under another source hands its children over before its parent
      sources.sort((a, b) => b.depth - a.depth);
      for (const source of sources) {
        const children = await this.repository.activeChildren(source.id, m);
        for (const child of children) {
          await this.moveIn(child, target, change);
          movedChildren++;
        }
        const after = await this.repository.update(
          source.id,
          { status: OrgUnitStatus.Merged, mergedIntoId: target.id },
          m,
        );
        merged.push(after);
        events.push(
          ...(await this.recordChange(
            m,
            { ...change, audit: false },
            source.id,
            OrgUnitEventType.Merged,
            { status: source.status, mergedIntoId: null },
            {
              status: after.status,
              mergedIntoId: target.id,
              targetCode: target.code,
              targetName: target.name,
              movedChildren: children.map((c) => c.id),
            },
            false,
          )),
        );
        await this.audit.record(
          {
            actorId,
            action: 'org_unit.merged',
            subjectType: 'org_unit',
            subjectId: source.id,
            before: snapshot(source),
            after: snapshot(after),
          },
          m,
        );
        events.push({
          unitId: target.id,
          type: OrgUnitEventType.Absorbed,
          before: null,
          after: {
            sourceId: source.id,
            sourceCode: source.code,
            sourceName: source.name,
            movedChildren: children.map((c) => c.id),
          },
          effectiveOn: on,
          actorId,
        });
      }
      await this.repository.insertEvents(events, m);
      await this.audit.record(
        {
          actorId,
          action: 'org_unit.absorbed',
          subjectType: 'org_unit',
          subjectId: target.id,
          after: { sourceIds: sources.map((s) => s.id), movedChildren, effectiveOn: on },
        },
        m,
      );
      return { target: (await this.repository.findById(target.id, m))!, merged, movedChildren };
    });
  }

  dissolve(id: string, input: { effectiveOn?: string }, actorId: string | null): Promise<OrgUnit> {
    const on = effectiveDate(input.effectiveOn);
    return this.repository.transaction(async (m) => {
      const unit = requireActive(await this.repository.findById(id, m));
      const count = await this.repository.countActiveChildren(unit.id, m);
      if (count > 0) throw AppError.conflict('org_units.has_active_children', { count });
      const after = await this.repository.update(id, { status: OrgUnitStatus.Dissolved }, m);
      await this.recordChange(
        m,
        { actorId, effectiveOn: on, m, audit: true },
        id,
        OrgUnitEventType.Dissolved,
        { status: unit.status },
        { status: after.status },
      );
      return after;
    });
  }

  // ---------------------------------------------------------------- import

  /**
   * Upserts units by code from a CSV or XLSX file, all or nothing: any bad row refuses the whole
   * file with field errors naming the row (`rows.12.parent_code`). Rows may name parents that
   * appear later in the file; they are applied from the top of the final tree down.
   */
  async import(
    body: Buffer,
    contentType: string,
    options: { dryRun?: boolean; scope?: UnitScope },
    actorId: string | null,
  ): Promise<ImportReport> {
    const table = await readUnitTable(body, contentType);
    if (table.rows.length > MAX_IMPORT_ROWS) {
      throw AppError.badRequest('org_units.import_too_many_rows', { max: MAX_IMPORT_ROWS });
    }
    const { rows, errors } = readUnitRows(table);
    if (errors.length) throw AppError.validation(errors.slice(0, 200));
    if (rows.length === 0) throw AppError.badRequest('org_units.import_empty');
    const dryRun = options.dryRun ?? false;
    try {
      return await this.repository.transaction(async (m) => {
        const report = await this.applyImport(rows, actorId, m, dryRun, options.scope);
        if (dryRun) throw new DryRunRollback(report);
        return report;
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.report;
      throw err;
    }
  }

  private async applyImport(
    rows: UnitRow[],
    actorId: string | null,
    m: EntityManager,
    dryRun: boolean,
    scope?: UnitScope,
  ): Promise<ImportReport> {
    const on = todayInVietnam();
    const change: Change = { actorId, effectiveOn: on, m, audit: false, via: 'import' };
    const inFile = new Map(rows.map((r) => [r.code, r]));
    const referenced = new Set<string>(rows.map((r) => r.code));
    for (const r of rows) if (r.parentCode) referenced.add(r.parentCode);
    const existingByCode = new Map(
      (await this.repository.findByCodes([...referenced], m)).map((u) => [u.code, u]),
    );
    // the current ancestors of every existing unit involved, to follow chains through units not in the file
    const byId = new Map([...existingByCode.values()].map((u) => [u.id, u]));
    const missingAncestors = [
      ...new Set([...existingByCode.values()].flatMap(ancestorIdsOf).filter((id) => !byId.has(id))),
    ];
    for (const u of await this.repository.findByIds(missingAncestors, m)) byId.set(u.id, u);

    const errors: FieldError[] = [];
    const at = (r: UnitRow, f: string) => `rows.${r.rowNumber}.${f}`;
    /** Final parent code of a unit (null for a root), after the import. */
    const finalParent = (code: string): string | null => {
      const row = inFile.get(code);
      if (row && row.parentCode !== undefined) return row.parentCode;
      const unit = existingByCode.get(code);
      if (!unit?.parentId) return null;
      return byId.get(unit.parentId)!.code;
    };
    for (const u of byId.values()) existingByCode.set(u.code, u);

    if (scope) {
      // only units under the caller's own unit, placed under it
      const where = { name: scope.root.name };
      for (const row of rows) {
        const existing = existingByCode.get(row.code);
        const parentCode = finalParent(row.code);
        const parentUnit = parentCode === null ? null : existingByCode.get(parentCode);
        if (existing && !inScope(scope, existing)) {
          errors.push({ field: at(row, 'code'), code: 'org_units.outside_scope', params: where });
        } else if (
          parentCode === null ||
          (parentUnit && parentUnit.id !== scope.root.id && !inScope(scope, parentUnit))
        ) {
          errors.push({
            field: at(row, 'parent_code'),
            code: 'org_units.outside_scope',
            params: where,
          });
        }
      }
    }
    for (const row of rows) {
      const existing = existingByCode.get(row.code);
      if (row.parentCode) {
        const parentRow = inFile.get(row.parentCode);
        const parentUnit = existingByCode.get(row.parentCode);
        if (!parentRow && !parentUnit) {
          errors.push({ field: at(row, 'parent_code'), code: 'org_units.parent_not_found' });
        } else if (
          parentUnit &&
          parentUnit.status !== OrgUnitStatus.Active &&
          existing?.parentId !== parentUnit.id
        ) {
          // a historical unit listed under its historical parent is fine; a new placement is not
          errors.push({ field: at(row, 'parent_code'), code: 'org_units.parent_not_active' });
        }
      }
      if (existing && existing.status !== OrgUnitStatus.Active && rowChanges(row, existing, byId)) {
        errors.push({
          field: at(row, 'code'),
          code: 'org_units.not_active',
          params: { name: existing.name },
        });
      }
    }
    // final depths, refusing cycles
    const depth = new Map<string, number>();
    const depthOf = (code: string): number | null => {
      const chain: string[] = [];
      const seen = new Set<string>();
      let current: string | null = code;
      while (current !== null && !depth.has(current)) {
        if (seen.has(current)) return null;
        seen.add(current);
        chain.push(current);
        current = finalParent(current);
      }
      let d = current === null ? -1 : depth.get(current)!;
      for (const c of chain.reverse()) depth.set(c, ++d);
      return depth.get(code)!;
    };
    if (errors.length === 0) {
      for (const row of rows) {
        if (depthOf(row.code) === null) {
          errors.push({ field: at(row, 'parent_code'), code: 'org_units.import_cycle' });
        }
      }
    }
    if (errors.length) throw AppError.validation(errors.slice(0, 200));

    // apply level by level from the top of the final tree: a parent is in place before its children
    const report: ImportReport = {
      dryRun,
      rows: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      items: [],
    };
    const actions = new Map<number, ImportRowAction>();
    const placed = new Map<string, OrgUnit>();
    const currentParent = async (code: string | null): Promise<OrgUnit | null> => {
      if (code === null) return null;
      const cached = placed.get(code);
      if (cached) return cached;
      const [fresh] = await this.repository.findByCodes([code], m);
      placed.set(code, fresh);
      return fresh;
    };
    const levels = new Map<number, UnitRow[]>();
    for (const row of rows) {
      const d = depth.get(row.code)!;
      levels.set(d, [...(levels.get(d) ?? []), row]);
    }
    const events: NewOrgUnitEvent[] = [];
    const createdCodes: string[] = [];
    const updatedCodes: string[] = [];
    for (const d of [...levels.keys()].sort((a, b) => a - b)) {
      for (const row of levels.get(d)!) {
        const existing = existingByCode.get(row.code);
        const parentCode = finalParent(row.code);
        if (!existing) {
          const parent = await currentParent(parentCode);
          const [unit, event] = await this.insertUnit(
            row,
            parent,
            OrgUnitEventType.Imported,
            change,
          );
          placed.set(unit.code, unit);
          events.push(event);
          report.created++;
          actions.set(row.rowNumber, 'create');
          createdCodes.push(unit.code);
          continue;
        }
        if (!rowChanges(row, existing, byId)) {
          report.unchanged++;
          actions.set(row.rowNumber, 'unchanged');
          continue;
        }
        let unit = (await this.repository.findById(existing.id, m))!;
        const oldParentCode = unit.parentId ? (byId.get(unit.parentId)?.code ?? null) : null;
        if (parentCode !== oldParentCode) {
          const parent = await currentParent(parentCode);
          if (parent && parent.path.startsWith(unit.path)) {
            // cannot happen when applied top-down; refuse rather than corrupt the tree
            throw AppError.validation([
              { field: at(row, 'parent_code'), code: 'org_units.import_cycle' },
            ]);
          }
          await this.moveIn(unit, parent, change);
          unit = (await this.repository.findById(existing.id, m))!;
        }
        if (row.name !== unit.name || row.kind !== unit.kind) {
          unit = await this.renameIn(unit, row.name, row.kind, change);
        }
        placed.set(unit.code, unit);
        report.updated++;
        actions.set(row.rowNumber, 'update');
        updatedCodes.push(unit.code);
      }
    }
    report.items = rows.slice(0, MAX_REPORTED_ROWS).map((row) => ({
      rowNumber: row.rowNumber,
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: finalParent(row.code),
      action: actions.get(row.rowNumber)!,
    }));
    await this.repository.insertEvents(events, m);
    await this.audit.record(
      {
        actorId,
        action: 'org_units.imported',
        subjectType: 'org_unit_import',
        subjectId: randomUUID(),
        after: {
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          createdCodes: createdCodes.slice(0, 1000),
          updatedCodes: updatedCodes.slice(0, 1000),
        },
      },
      m,
    );
    return report;
  }

  // ---------------------------------------------------------------- steps inside a transaction

  /** Inserts a unit and returns it with its creation event (not yet written). */
  private async insertUnit(
    input: { code: string; name: string; kind: string },
    parent: OrgUnit | null,
    type: OrgUnitEventType,
    change: Change,
  ): Promise<[OrgUnit, NewOrgUnitEvent]> {
    const id = randomUUID();
    const name = normalizeName(input.name);
    let unit: OrgUnit;
    try {
      unit = await this.repository.insert(
        {
          id,
          code: input.code,
          name,
          nameSearch: unitSearchKey(name),
          kind: normalizeName(input.kind),
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? ''}${id}/`,
          depth: parent ? parent.depth + 1 : 0,
        },
        change.m,
      );
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'uq_org_units_code') {
        throw AppError.conflict('org_units.code_taken', { code: input.code });
      }
      throw err;
    }
    const after = { ...snapshot(unit), ...placement(parent, unit.depth), via: change.via };
    if (change.audit) {
      await this.audit.record(
        {
          actorId: change.actorId,
          action: 'org_unit.created',
          subjectType: 'org_unit',
          subjectId: unit.id,
          after,
        },
        change.m,
      );
    }
    return [
      unit,
      {
        unitId: unit.id,
        type,
        before: null,
        after,
        effectiveOn: change.effectiveOn,
        actorId: change.actorId,
      },
    ];
  }

  private async renameIn(
    unit: OrgUnit,
    name: string,
    kind: string | undefined,
    change: Change,
  ): Promise<OrgUnit> {
    const newName = normalizeName(name);
    const newKind = kind !== undefined ? normalizeName(kind) : unit.kind;
    if (newName === unit.name && newKind === unit.kind) return unit;
    const updated = await this.repository.update(
      unit.id,
      { name: newName, nameSearch: unitSearchKey(newName), kind: newKind },
      change.m,
    );
    await this.recordChange(
      change.m,
      change,
      unit.id,
      OrgUnitEventType.Renamed,
      { name: unit.name, kind: unit.kind },
      { name: newName, kind: newKind, via: change.via },
    );
    return updated;
  }

  /** Moves a unit (with its subtree) under `parent`; the caller checked it is not a descendant. */
  private async moveIn(unit: OrgUnit, parent: OrgUnit | null, change: Change): Promise<void> {
    if ((parent?.id ?? null) === unit.parentId) return;
    const oldParent = unit.parentId
      ? await this.repository.findById(unit.parentId, change.m)
      : null;
    await this.repository.moveSubtree(unit, parent, change.m);
    await this.recordChange(
      change.m,
      change,
      unit.id,
      OrgUnitEventType.Moved,
      placement(oldParent, unit.depth),
      { ...placement(parent, parent ? parent.depth + 1 : 0), via: change.via },
    );
  }

  /** Writes the event now (or returns it when `write` is false) and the audit record. */
  private async recordChange(
    m: EntityManager,
    change: Change,
    unitId: string,
    type: OrgUnitEventType,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    write = true,
  ): Promise<NewOrgUnitEvent[]> {
    const event: NewOrgUnitEvent = {
      unitId,
      type,
      before,
      after,
      effectiveOn: change.effectiveOn,
      actorId: change.actorId,
    };
    if (write) await this.repository.insertEvents([event], m);
    if (change.audit) {
      await this.audit.record(
        {
          actorId: change.actorId,
          action: `org_unit.${type}`,
          subjectType: 'org_unit',
          subjectId: unitId,
          before,
          after,
        },
        m,
      );
    }
    return write ? [] : [event];
  }
}

function outsideScope(scope: UnitScope): AppError {
  return AppError.forbidden('org_units.outside_scope', { name: scope.root.name });
}

function requireActive(unit: OrgUnit | null): OrgUnit {
  if (!unit) throw AppError.notFound('org_units.not_found');
  if (unit.status !== OrgUnitStatus.Active) {
    throw AppError.conflict('org_units.not_active', { name: unit.name });
  }
  return unit;
}

/** Whether an import row differs from the unit as stored. */
function rowChanges(row: UnitRow, unit: OrgUnit, byId: Map<string, OrgUnit>): boolean {
  if (row.name !== unit.name || row.kind !== unit.kind) return true;
  if (row.parentCode === undefined) return false;
  const currentParent = unit.parentId ? (byId.get(unit.parentId)?.code ?? null) : null;
  return row.parentCode !== currentParent;
}

function effectiveDate(value: string | undefined): string {
  if (value === undefined) return todayInVietnam();
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw AppError.validation([{ field: 'effectiveOn', code: 'org_units.date_format' }]);
  }
  return value;
}

function encodeCursor(unit: OrgUnit): string {
  return Buffer.from(JSON.stringify([unit.nameSearch, unit.id])).toString('base64url');
}

function decodeCursor(cursor: string): { nameSearch: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { nameSearch: value[0], id: value[1] };
    }
  } catch {
    /* falls through */
  }
  throw AppError.validation([{ field: 'cursor', code: 'org_units.invalid_cursor' }]);
}
