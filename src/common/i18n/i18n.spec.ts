import { defineMessages, localeFrom, translate } from './i18n';

describe('localeFrom', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['vi', 'vi'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en;q=0.8, vi;q=0.9', 'vi'],
    ['vi;q=0.2, en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr, de', 'vi'],
    ['*', 'vi'],
    ['en;q=0', 'vi'],
    ['en;q=abc', 'vi'],
    ['  en  ', 'en'],
    ['english', 'vi'],
    ['en-US;q=0.9, vi;q=0.9', 'en'], // equal weight: the first listed wins
    [['en-US', 'vi'], 'en'],
    [';;;,,,', 'vi'],
  ])('%j → %s', (header, expected) => {
    expect(localeFrom(header)).toBe(expected);
  });

  it('copes with a very long header quickly', () => {
    const header = Array.from({ length: 5000 }, (_, i) => `x${i};q=0.${i % 9}`).join(',') + ',en';
    expect(localeFrom(header)).toBe('en');
  });
});

describe('translate', () => {
  defineMessages({
    'test.greeting': { vi: 'Chào {name}, còn {n} lượt.', en: 'Hello {name}, {n} left.' },
  });

  it('fills parameters in the chosen language', () => {
    expect(translate('test.greeting', 'vi', { name: 'Hoa', n: 3 })).toBe('Chào Hoa, còn 3 lượt.');
    expect(translate('test.greeting', 'en', { name: 'Hoa', n: 3 })).toBe('Hello Hoa, 3 left.');
  });

  it('writes a parameter given in both languages in the chosen one', () => {
    defineMessages({ 'test.at': { vi: 'Mở lúc {at}.', en: 'Opens at {at}.' } });
    const at = {
      vi: '17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)',
      en: '2026-03-31 17:00:00 (Asia/Ho_Chi_Minh)',
    };
    expect(translate('test.at', 'vi', { at })).toBe(
      'Mở lúc 17:00:00 31/03/2026 (Asia/Ho_Chi_Minh).',
    );
    expect(translate('test.at', 'en', { at })).toBe(
      'Opens at 2026-03-31 17:00:00 (Asia/Ho_Chi_Minh).',
    );
  });

  it('leaves a missing parameter visible and never prints [object Object]', () => {
    expect(translate('test.greeting', 'en', { name: { a: 1 } })).toBe('Hello {"a":1}, {n} left.');
  });

  it('falls back to the code for an unknown message', () => {
    expect(translate('test.nope', 'vi')).toBe('test.nope');
  });

  it('refuses to register one code with two meanings', () => {
    expect(() => defineMessages({ 'test.greeting': { vi: 'Khác', en: 'Other' } })).toThrow(
      /Duplicate message code test\.greeting/,
    );
  });
});
