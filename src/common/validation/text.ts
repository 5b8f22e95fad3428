import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The one rule for text that people send, everywhere: request bodies, queries, path parameters,
 * the headers that reach the database, imported files and file names.
 *
 * - No control characters: C0 (NUL included) other than tab, line feed and carriage return,
 *   DEL, C1. PostgreSQL cannot store NUL in text, and the others are invisible in a name.
 * - Well-formed Unicode: no lone surrogates (they cannot be encoded in UTF-8) and no
 *   non-characters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
 * - Single-line text (names, titles, codes, tokens): no tab or line break either.
 * - Display text (what other people read: names, titles, descriptions): no bidi controls
 *   (embeddings, overrides, isolates, marks), which reorder what a reader sees; zero-width
 *   characters and white space are trimmed at the edges, and it is normalized to NFC.
 */

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What ends a line: tab, line feed, carriage return, line and paragraph separators. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;

/** Characters that reorder or hide text: bidi embeddings, overrides, isolates and marks. */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Lone surrogates (with the u flag a pair is one character) and non-characters. */
const BAD_UNICODE = new RegExp(
  `[\\p{Cs}\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${Array.from({ length: 16 }, (_, i) => {
    const plane = (i + 1).toString(16).toUpperCase();
    return `\\u{${plane}FFFE}\\u{${plane}FFFF}`;
  }).join('')}]`,
  'u',
);

/** White space and zero-width characters at the edges of display text. */
const EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/**
 * - `line`: display text on one line (names, titles, labels, e-mail addresses).
 * - `lines`: display text that may hold line breaks and tabs (summaries, descriptions, reasons).
 * - `plain`: machine text on one line, kept as sent (passwords, tokens, cursors, codes).
 */
export type TextKind = 'line' | 'lines' | 'plain';

/** A broken rule: the constraint name, and the field error code `field.<name>`. */
export type TextProblem = 'textControls' | 'textUnicode' | 'textSingleLine' | 'textBidi';

const RULES: { name: TextProblem; pattern: RegExp; kinds: readonly TextKind[] }[] = [
  { name: 'textControls', pattern: CONTROL, kinds: ['line', 'lines', 'plain'] },
  { name: 'textUnicode', pattern: BAD_UNICODE, kinds: ['line', 'lines', 'plain'] },
  { name: 'textSingleLine', pattern: LINE_BREAK, kinds: ['line', 'plain'] },
  { name: 'textBidi', pattern: BIDI_CONTROL, kinds: ['line', 'lines'] },
];

/** The first rule of `kind` that `value` breaks, or null. */
export function textProblem(value: string, kind: TextKind): TextProblem | null {
  for (const rule of RULES) {
    if (rule.kinds.includes(kind) && rule.pattern.test(value)) return rule.name;
  }
  return null;
}

/**
 * What every text input must pass, whatever it is: no controls but tab and line breaks (and
 * none of those either when `singleLine`), well-formed Unicode.
 */
export function baseTextProblem(value: string, singleLine: boolean): TextProblem | null {
  if (CONTROL.test(value)) return 'textControls';
  if (BAD_UNICODE.test(value)) return 'textUnicode';
  if (singleLine && LINE_BREAK.test(value)) return 'textSingleLine';
  return null;
}

/** Display text as it is kept: NFC, no white space or zero-width characters at the edges. */
export function normalizeDisplayText(value: string): string {
  return value.normalize('NFC').replace(EDGES, '');
}

const normalized = () =>
  Transform(({ value }) => (typeof value === 'string' ? normalizeDisplayText(value) : value));

/** The validators of a kind; values other than strings are left to `IsString` and the like. */
function rules(kind: TextKind, options?: ValidationOptions): PropertyDecorator[] {
  return RULES.filter((r) => r.kinds.includes(kind)).map((rule) =>
    ValidateBy(
      {
        name: rule.name,
        constraints: [kind],
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || !rule.pattern.test(value),
          // a non-empty message: class-validator drops the context of an empty one
          defaultMessage: () => `$property breaks the text rule ${rule.name}`,
        },
      },
      options,
    ),
  );
}

/** Names, titles, labels: one line of display text (normalized, see above). */
export const SingleLineText = (options?: ValidationOptions) =>
  applyDecorators(normalized(), ...rules('line', options));

/** Summaries, descriptions, comments, reasons: display text that may span lines. */
export const MultiLineText = (options?: ValidationOptions) =>
  applyDecorators(normalized(), ...rules('lines', options));

/** Passwords, tokens, cursors, codes, times: one line, kept exactly as sent. */
export const PlainText = (options?: ValidationOptions) =>
  applyDecorators(...rules('plain', options));

/** The constraint names the decorators above register (every one registers `textControls`). */
export const TEXT_RULE_NAMES: readonly TextProblem[] = RULES.map((r) => r.name);

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
