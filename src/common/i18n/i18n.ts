export type Locale = 'vi' | 'en';
export type MessageCatalog = Record<string, { vi: string; en: string }>;

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

export function translate(
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const entry = catalog[code];
  const template = entry ? entry[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return `{${key}}`;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return String(value);
    }
    return JSON.stringify(value) ?? '';
  });
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
