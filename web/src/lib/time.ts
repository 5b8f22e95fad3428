import { currentLanguage } from '../i18n/index.svelte';

/** A moment as people in the contest's time zone read it (e.g. 23:59, 31/03/2027). */
export function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}

/** Whole days, hours and minutes left until a moment (null once it has passed). */
export function timeLeft(iso: string, now: number): { days: number; hours: number; minutes: number } | null {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** Megabytes as people (and the rules' organizers) count them: 500 000 000 bytes = 500 MB. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  if (bytes > 0 && mb < 0.1) return '0.1';
  return mb.toFixed(mb < 10 ? 1 : 0);
}
