import i18next, { type TOptions } from 'i18next';
import en from './en.json';
import vi from './vi.json';

export type Language = 'vi' | 'en';
const STORED = 'hoithi.lang';

function initial(): Language {
  const stored = localStorage.getItem(STORED);
  return stored === 'en' ? 'en' : 'vi';
}

/** The language shown; reading it in a template makes the template follow a change. */
export const lang = $state({ current: initial() });

void i18next.init({
  lng: lang.current,
  fallbackLng: 'vi',
  resources: { vi: { translation: vi }, en: { translation: en } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = lang.current;

export function currentLanguage(): Language {
  return lang.current;
}

export function setLanguage(next: Language): void {
  localStorage.setItem(STORED, next);
  void i18next.changeLanguage(next);
  document.documentElement.lang = next;
  lang.current = next;
}

/** A sentence of the catalogue in the current language. */
export function t(key: string, options: TOptions = {}): string {
  void lang.current;
  return i18next.t(key, options);
}
