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

/**
 * Adds a role's own catalogue (the judge's, the organizer's), shipped in that role's chunk so
 * a contestant never downloads it; its keys sit beside the shared ones (deep-merged).
 */
export function addCatalogue(catalogue: { vi: object; en: object }): void {
  i18next.addResourceBundle('vi', 'translation', catalogue.vi, true, false);
  i18next.addResourceBundle('en', 'translation', catalogue.en, true, false);
}

/** A sentence of the catalogue in the current language. */
export function t(key: string, options: TOptions = {}): string {
  void lang.current;
  return i18next.t(key, options);
}
