/**
 * The service's entry search, on the client: words folded (no diacritics, lower case) and reduced
 * to [a-z0-9], each a prefix of some word of the text (as the list's full-text search matches,
 * src/entries/entry-list.query.ts searchWords/matchesSearch).
 */
export function fold(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

/** The folded words of a text (a search's first eight, as the service takes). */
export function searchWords(text: string, max = Infinity): string[] {
  return fold(text.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, max);
}

/** Every word of the search begins a word of the key (the key's words, folded once per entry). */
export function matches(key: readonly string[], words: readonly string[]): boolean {
  return words.every((w) => key.some((k) => k.startsWith(w)));
}
