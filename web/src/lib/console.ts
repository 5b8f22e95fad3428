/** Small helpers of the organizer's console (imported by its screens only). */
import { t } from '../i18n/index.svelte';
import { localPhone } from './forms';

/** Zones a contest may run in: Vietnam first; the service accepts any IANA zone. */
export const TIME_ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'UTC'] as const;

/** "Hội thi Ứng dụng CNTT 2026" → "hoi-thi-ung-dung-cntt-2026" (the service checks the result). */
export function slugFrom(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/g, '');
}

/** "2026-03-31T17:00:00+07:00" → "2026-03-31T17:00", what a datetime-local field shows. */
export function localInput(zoned: string): string {
  return zoned.slice(0, 16);
}

/** A number typed in a field, or undefined when empty. */
export function numberOrUndefined(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Row number and column of an import error field ("rows.12.parent_code"). */
export function importErrorPlace(field: string): { row: number; column: string } | null {
  const m = /^rows\.(\d+)\.(.+)$/.exec(field);
  return m ? { row: Number(m[1]), column: m[2] } : null;
}

/** The kinds of record the audit screen filters by (action prefixes). */
export const AUDIT_GROUPS = [
  'contest.',
  'category.',
  'round.',
  'judging.',
  'entry.',
  'voting.',
  'org_unit.',
  'org_units.',
  'user.',
  'auth.',
] as const;

/** A value as people read it: roles and statuses in words, phones as written here. */
function shown(field: string, value: string | number): string {
  if (field === 'phone') return localPhone(String(value));
  if (field === 'role' || field === 'status')
    return t(`console.audit.values.${String(value)}`, { defaultValue: String(value) });
  return String(value);
}

const SUMMARY_FIELDS = ['name', 'title', 'code', 'role', 'status', 'phone', 'email', 'rows', 'created', 'updated'];

/** A record's main values in one line ("name: Xã An Mỹ · code: PY.AM"), from after or before. */
export function auditSummary(r: { before: object | null; after: object | null }): string {
  const source = (r.after ?? r.before ?? {}) as Record<string, unknown>;
  return SUMMARY_FIELDS.filter((k) => ['string', 'number'].includes(typeof source[k]))
    .map((k) => `${t(`console.audit.fields.${k}`)}: ${shown(k, source[k] as string | number)}`)
    .join(' · ');
}
