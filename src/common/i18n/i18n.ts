import { LocalizedText, NONE, VALUE_CATALOGUES, ValueKind } from './values';

export type Locale = 'vi' | 'en';
export type { LocalizedText, ValueKind } from './values';

/**
 * One message: its text in each language and, for each parameter that is an enumerated value
 * (a status, a kind, a role, a limit), the catalogue its value is read from (see values.ts).
 */
export interface MessageDefinition extends LocalizedText {
  values?: Record<string, ValueKind>;
}
export type MessageCatalog = Record<string, MessageDefinition>;

const catalog: MessageCatalog = {};

/** Each feature module registers its own messages; codes are stable and namespaced (`auth.*`). */
export function defineMessages<T extends MessageCatalog>(messages: T): T {
  for (const [code, text] of Object.entries(messages)) {
    if (catalog[code] && catalog[code].vi !== text.vi)
      throw new Error(`Duplicate message code ${code}`);
    catalog[code] = text;
  }
  return messages;
}

export function hasMessage(code: string): boolean {
  return code in catalog;
}

/** Every registered message (for the tests that walk them). */
export function registeredMessages(): Readonly<MessageCatalog> {
  return catalog;
}

/** The words for one value of a catalogue; the value itself when the catalogue has none. */
export function valueText(kind: keyof typeof VALUE_CATALOGUES, value: string, locale: Locale) {
  const entry = (VALUE_CATALOGUES[kind] as Record<string, LocalizedText | undefined>)[value];
  return entry ? entry[locale] : value;
}

/** A list arrives as an array, or as a string joined with ", " (an empty one as "" or "—"). */
function listOf(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return null;
  if (value === '' || value === '—') return [];
  return value.split(/\s*,\s*/);
}

function renderValue(kind: ValueKind, value: unknown, locale: Locale): string {
  const items = listOf(value);
  if (items === null) return String(value);
  if (!items.length) return NONE[locale];
  if (kind === 'literal') return items.map((v) => `"${v}"`).join(', ');
  if (kind.startsWith('token:')) {
    const words = kind.slice(6) as keyof typeof VALUE_CATALOGUES;
    return items
      .map((v) => {
        const text = valueText(words, v, locale);
        return text === v ? `"${v}"` : `"${v}" (${text})`;
      })
      .join(', ');
  }
  return items.map((v) => valueText(kind as keyof typeof VALUE_CATALOGUES, v, locale)).join(', ');
}

export function translate(
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const entry = catalog[code];
  const template = entry ? entry[locale] : code;
  const kinds = entry?.values;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return `{${key}}`;
    const kind = kinds?.[key];
    if (kind) return renderValue(kind, value, locale);
    if (typeof value === 'string') return value;
    if (isLocalizedText(value)) return value[locale];
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return String(value);
    }
    return JSON.stringify(value) ?? '';
  });
}

/** A parameter given in both languages (a time written as each language writes it). */
function isLocalizedText(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.vi === 'string' && typeof v.en === 'string';
}

/** Vietnamese unless the client prefers English (`Accept-Language: en`, `en-US`, `en;q=0.9, vi;q=0.5`). */
export function localeFrom(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'vi';
}
