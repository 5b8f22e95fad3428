import { normalizeDisplayText, textProblem } from '../common/validation/text';

export const MAX_NAME_LENGTH = 255;

export type NameProblem = 'empty' | 'control' | 'bidi' | 'path' | 'too_long';

export interface CheckedName {
  /** The name to keep (display and download only; never a path). */
  name: string;
  /** Lowercased extension without the dot, '' when there is none. */
  extension: string;
}

/**
 * An original file name as the client sent it, or the reason it is refused. Names are never
 * used to build paths; they are shown and offered as download names only, so anything that
 * could mislead a reader (hidden reordering, control characters, traversal) is refused.
 */
export function checkFileName(
  raw: string | undefined | null,
): CheckedName | { problem: NameProblem } {
  if (raw === undefined || raw === null) return { problem: 'empty' };
  const name = normalizeDisplayText(raw.replace(/\s+/gu, ' '));
  if (!name) return { problem: 'empty' };
  // the one text rule of display text (common/validation/text): one line, no controls, no
  // bidi controls, well-formed Unicode
  const problem = textProblem(raw, 'line');
  if (problem === 'textBidi') return { problem: 'bidi' };
  if (problem) return { problem: 'control' };
  if (/[/\\]/u.test(name) || name === '.' || name === '..' || name.startsWith('..'))
    return { problem: 'path' };
  if ([...name].length > MAX_NAME_LENGTH) return { problem: 'too_long' };
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return { name, extension };
}

/** A header-safe `Content-Disposition` value (ASCII fallback plus RFC 5987 UTF-8 name). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
