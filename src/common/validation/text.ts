import { Transform } from 'class-transformer';

/** Same word typed on different phones compares equal: trim and normalize to NFC. */
export const NormalizeText = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

/** Lowercase fold without diacritics (đ → d), for search keys and comparisons. */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}
