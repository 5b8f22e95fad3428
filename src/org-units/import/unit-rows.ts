import { FieldError } from '../../common/errors/app-error';
import { foldVietnamese, normalizeDisplayText, textProblem } from '../../common/validation/text';
import { normalizeUnitCode, UNIT_CODE_RULE } from '../dto/org-unit.dto';
import type { RawTable } from './unit-table.reader';

export const MAX_IMPORT_ROWS = 20_000;

export interface UnitRow {
  rowNumber: number;
  code: string;
  name: string;
  kind: string;
  /** undefined when the file has no parent column (keep the current parent); null for a root */
  parentCode: string | null | undefined;
}

type Column = 'code' | 'name' | 'kind' | 'parent_code';

/** Header spellings accepted, compared without diacritics, case, spaces or underscores. */
const HEADER_ALIASES: Record<string, Column> = {
  code: 'code',
  ma: 'code',
  madonvi: 'code',
  name: 'name',
  ten: 'name',
  tendonvi: 'name',
  kind: 'kind',
  cap: 'kind',
  loai: 'kind',
  parentcode: 'parent_code',
  madonvicha: 'parent_code',
  macha: 'parent_code',
  madonvicaptren: 'parent_code',
};

const headerKey = (h: string) => foldVietnamese(h).replace(/[\s_.-]+/g, '');

/**
 * Turns the raw table into rows, checking each cell on its own (format, lengths, duplicates).
 * Relations between rows and with the database are checked by the service.
 */
export function readUnitRows(table: RawTable): { rows: UnitRow[]; errors: FieldError[] } {
  const index = new Map<Column, number>();
  table.headers.forEach((h, i) => {
    const column = HEADER_ALIASES[headerKey(h)];
    if (column && !index.has(column)) index.set(column, i);
  });
  const errors: FieldError[] = [];
  for (const column of ['code', 'name', 'kind'] as const) {
    if (!index.has(column)) {
      errors.push({
        field: `columns.${column}`,
        code: 'org_units.import_missing_column',
        params: { column },
      });
    }
  }
  if (errors.length) return { rows: [], errors };
  const hasParent = index.has('parent_code');
  const cell = (cells: string[], column: Column) =>
    normalizeDisplayText((cells[index.get(column)!] ?? '').replace(/\s+/g, ' '));

  const rows: UnitRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of table.rows) {
    if (raw.cells.every((c) => c.trim() === '')) continue;
    const at = (f: string) => `rows.${raw.rowNumber}.${f}`;
    const code = normalizeUnitCode(cell(raw.cells, 'code'));
    const name = cell(raw.cells, 'name');
    const kind = cell(raw.cells, 'kind');
    const parentText = hasParent ? normalizeUnitCode(cell(raw.cells, 'parent_code')) : undefined;
    const parentCode = parentText === undefined ? undefined : parentText === '' ? null : parentText;

    if (code === '') errors.push({ field: at('code'), code: 'field.isNotEmpty' });
    else if (!UNIT_CODE_RULE.test(code))
      errors.push({ field: at('code'), code: 'org_units.code_format' });
    else if (firstRowOf.has(code)) {
      errors.push({
        field: at('code'),
        code: 'org_units.import_duplicate_code',
        params: { code, firstRow: firstRowOf.get(code) },
      });
    } else firstRowOf.set(code, raw.rowNumber);
    // names and kinds are display text: the one text rule, as in the API
    const nameProblem = textProblem(name, 'line');
    const kindProblem = textProblem(kind, 'line');
    if (name === '') errors.push({ field: at('name'), code: 'field.isNotEmpty' });
    else if (nameProblem) errors.push({ field: at('name'), code: `field.${nameProblem}` });
    else if (name.length > 300)
      errors.push({ field: at('name'), code: 'field.maxLength', params: { max: 300 } });
    if (kind === '') errors.push({ field: at('kind'), code: 'field.isNotEmpty' });
    else if (kindProblem) errors.push({ field: at('kind'), code: `field.${kindProblem}` });
    else if (kind.length > 50)
      errors.push({ field: at('kind'), code: 'field.maxLength', params: { max: 50 } });
    if (parentCode) {
      if (!UNIT_CODE_RULE.test(parentCode)) {
        errors.push({ field: at('parent_code'), code: 'org_units.code_format' });
      } else if (parentCode === code) {
        errors.push({ field: at('parent_code'), code: 'org_units.import_parent_is_self' });
      }
    }
    rows.push({ rowNumber: raw.rowNumber, code, name, kind, parentCode });
  }
  return { rows, errors };
}
