import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, validate } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * Walks every request DTO of the product (the classes under `src/<feature>/dto/`) so that a new
 * field cannot forget the rules every field must follow.
 */

function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return dtoFiles(path);
    return /\/dto\/[^/]+\.ts$/.test(path) && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

type Dto = { name: string; cls: new () => object; rules: Map<string, ValidationMetadata[]> };

function dtos(): Dto[] {
  const storage = getMetadataStorage();
  const out: Dto[] = [];
  for (const file of dtoFiles(join(__dirname, '../..'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function') continue;
      const cls = value as new () => object;
      const metadata = storage.getTargetValidationMetadatas(cls, '', true, false);
      if (!metadata.length) continue;
      const rules = new Map<string, ValidationMetadata[]>();
      for (const m of metadata)
        rules.set(m.propertyName, [...(rules.get(m.propertyName) ?? []), m]);
      out.push({ name, cls, rules });
    }
  }
  return out;
}

/** Constraints that accept text of any shape (up to a length or a pattern). */
const FREE_TEXT = new Set([
  'isString',
  'isEmail',
  'matches',
  'minLength',
  'maxLength',
  'isLength',
  'isNotEmpty',
  'isPhone',
  'isTimeZone',
]);
/** Constraints whose accepted values are a closed, safe set. */
const CLOSED = new Set([
  'isUuid',
  'isEnum',
  'isIn',
  'isBoolean',
  'isInt',
  'isNumber',
  'isDate',
  'isIso8601',
]);

const namesOf = (rules: ValidationMetadata[]) => rules.map((r) => r.name ?? String(r.type));
const designType = (cls: new () => object, property: string) =>
  Reflect.getMetadata('design:type', cls.prototype as object, property) as unknown;

describe('request DTOs', () => {
  const all = dtos();

  it('are found (every feature has some)', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it('put every field that takes text under the one text rule', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { name, cls, rules } of all) {
      for (const [property, list] of rules) {
        const names = namesOf(list);
        const takesText =
          names.some((n) => FREE_TEXT.has(n)) ||
          (designType(cls, property) === String && !names.some((n) => CLOSED.has(n)));
        if (!takesText) continue;
        checked++;
        if (!names.includes('textControls') || !names.includes('textUnicode'))
          missing.push(`${name}.${property}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('bound every date to the years the platform deals in', () => {
    const unbounded: string[] = [];
    for (const { name, cls, rules } of all) {
      for (const [property, list] of rules) {
        if (designType(cls, property) !== Date && !namesOf(list).includes('isDate')) continue;
        const names = namesOf(list);
        if (!names.includes('minDate') || !names.includes('maxDate'))
          unbounded.push(`${name}.${property}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuse a request that leaves out a required field', async () => {
    const accepted: string[] = [];
    for (const { name, cls, rules } of all) {
      const errors = await validate(new cls());
      const refused = new Set(errors.map((e) => e.property));
      for (const [property, list] of rules) {
        // optional, or required only under a condition (ValidateIf)
        if (list.some((r) => r.type === 'conditionalValidation')) continue;
        if (!refused.has(property)) accepted.push(`${name}.${property}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('document every validated field, and say which take null', () => {
    const undocumented: string[] = [];
    for (const { name, cls, rules } of all) {
      for (const property of rules.keys()) {
        const doc = Reflect.getMetadata(
          'swagger/apiModelProperties',
          cls.prototype as object,
          property,
        ) as unknown;
        if (!doc) undocumented.push(`${name}.${property}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
