import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  MultiLineText,
  normalizeDisplayText,
  PlainText,
  SingleLineText,
  TextKind,
  textProblem,
} from './text';

const KINDS: TextKind[] = ['line', 'lines', 'plain'];

describe('textProblem', () => {
  it.each([
    ['NUL', '\u0000'],
    ['NUL inside', 'Hội\u0000thi'],
    ['SOH', '\u0001'],
    ['backspace', 'a\bb'],
    ['vertical tab', 'a\u000Bb'],
    ['form feed', 'a\fb'],
    ['escape', '\u001B[31m'],
    ['unit separator', '\u001F'],
    ['DEL', 'a\u007F'],
    ['C1 NEL', 'a\u0085b'],
    ['C1 CSI', '\u009B'],
  ])('refuses a control character (%s) in every kind of text', (_label, value) => {
    for (const kind of KINDS)
      expect({ kind, problem: textProblem(value, kind) }).toEqual({
        kind,
        problem: 'textControls',
      });
  });

  it.each([
    ['lone high surrogate', 'Hoa\uD800'],
    ['lone low surrogate', '\uDC00Hoa'],
    ['reversed pair', '\uDE00\uD83D'],
    ['U+FFFE', '\uFFFE'],
    ['U+FFFF', 'a\uFFFF'],
    ['U+FDD0', '\uFDD0'],
    ['U+FDEF', '\uFDEF'],
    ['U+1FFFE', '\u{1FFFE}'],
    ['U+10FFFF', '\u{10FFFF}'],
  ])('refuses ill-formed Unicode (%s) in every kind of text', (_label, value) => {
    for (const kind of KINDS) expect(textProblem(value, kind)).toBe('textUnicode');
  });

  it('keeps line breaks and tabs for text that may span lines only', () => {
    for (const value of ['một\nhai', 'một\r\nhai', 'cột\tcột', 'a\u2028b', 'a\u2029b']) {
      expect(textProblem(value, 'lines')).toBeNull();
      expect(textProblem(value, 'line')).toBe('textSingleLine');
      expect(textProblem(value, 'plain')).toBe('textSingleLine');
    }
  });

  it('refuses bidi controls in display text, the same set file names refuse', () => {
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      expect(textProblem(`gnp${c}.exe`, 'line')).toBe('textBidi');
      expect(textProblem(`gnp${c}.exe`, 'lines')).toBe('textBidi');
      expect(textProblem(`gnp${c}.exe`, 'plain')).toBeNull();
    }
  });

  it('accepts Vietnamese, emoji, combining marks and joiners inside', () => {
    const fine = [
      'Chuyển đổi số trong sinh hoạt chi hội Phú Yên',
      'Hội LHPN xã Ea Kao – Đắk Lắk (2026)',
      'Tie\u0302\u0301ng Vie\u0323t',
      'Gia đình 👨\u200D👩\u200D👧 hạnh phúc',
      "O'Brien & <Co> ; -- /* */ ../",
      '\u00A0khoảng trắng\u00A0',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀',
    ];
    for (const value of fine) for (const kind of KINDS) expect(textProblem(value, kind)).toBeNull();
  });
});

describe('normalizeDisplayText', () => {
  it('composes to NFC and trims white space and zero-width characters at the edges', () => {
    expect(normalizeDisplayText('  \u200BPhu\u0301 Ye\u0302n\u200D\uFEFF\u2060 ')).toBe('Phú Yên');
    expect(normalizeDisplayText('\u200B\u200C')).toBe('');
  });

  it('keeps zero-width joiners inside (emoji sequences need them)', () => {
    expect(normalizeDisplayText('👩\u200D💻')).toBe('👩\u200D💻');
  });
});

describe('the text decorators', () => {
  class Sample {
    @SingleLineText() title: string;
    @MultiLineText() summary: string;
    @PlainText() token: string;
  }

  const check = async (plain: Partial<Record<keyof Sample, unknown>>) => {
    const instance = plainToInstance(Sample, plain);
    const errors = await validate(instance);
    return {
      instance,
      errors: errors.flatMap((e) =>
        Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`),
      ),
    };
  };

  it('normalize display text and leave plain text as sent', async () => {
    const { instance, errors } = await check({
      title: ' \u200BPhu\u0301 Ye\u0302n ',
      summary: 'dòng một\ndòng hai\u200B',
      token: ' \u200Bgiữ-nguyên ',
    });
    expect(errors).toEqual([]);
    expect(instance).toEqual({
      title: 'Phú Yên',
      summary: 'dòng một\ndòng hai',
      token: ' \u200Bgiữ-nguyên ',
    });
  });

  it('name the rule each field breaks', async () => {
    const { errors } = await check({
      title: 'a\nb',
      summary: '\u202Egnp.exe',
      token: 'x\u0000',
    });
    expect(errors.sort()).toEqual([
      'summary:textBidi',
      'title:textSingleLine',
      'token:textControls',
    ]);
    expect((await check({ title: '\uD800', summary: 'x', token: 'x' })).errors).toEqual([
      'title:textUnicode',
    ]);
  });

  it('leave values that are not strings to the type validators', async () => {
    expect((await check({ title: 5, summary: null, token: ['\u0000'] })).errors).toEqual([]);
  });
});
