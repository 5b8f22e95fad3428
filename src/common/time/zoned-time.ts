/**
 * Times are entered and shown in a contest's time zone and stored in UTC. These helpers convert
 * with the platform's Intl data only, so any IANA zone works, with or without daylight saving.
 */

export type TimeLocale = 'vi' | 'en';

/** The input is neither an ISO date-time with an offset nor a valid local date-time. */
export class InvalidDateTimeError extends Error {
  constructor(readonly input: string) {
    super(`Invalid date-time: ${input}`);
    this.name = 'InvalidDateTimeError';
  }
}

/** The time zone is not a known IANA name. */
export class InvalidTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`Unknown time zone: ${timeZone}`);
    this.name = 'InvalidTimeZoneError';
  }
}

const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2})$/;
const WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for IANA zone names the platform knows ("Asia/Ho_Chi_Minh", "UTC"); false for offsets and junk. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !IANA_NAME.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new InvalidTimeZoneError(timeZone);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The wall clock reading in `timeZone` at the instant `date`. */
function wallClock(date: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = get('year');
  return {
    year: era === 'BC' || era === 'B' ? 1 - year : year,
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
    millisecond: date.getUTCMilliseconds(),
  };
}

function wallClockAsUtc(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** Offset of `timeZone` from UTC at the instant `epochMs`, in milliseconds (+07:00 → 25 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(wallClock(new Date(epochMs), timeZone)) - epochMs;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function readFields(m: RegExpMatchArray, input: string): WallClock {
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] ? Number(m[6]) : 0;
  const millisecond = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new InvalidDateTimeError(input);
  }
  return { year, month, day, hour, minute, second, millisecond };
}

/**
 * Reads a date-time typed by a person. With an offset or `Z` ("2026-03-31T10:00:00Z",
 * "2026-03-31T17:00+07:00") the instant is taken as is; without one ("2026-03-31T17:00",
 * "2026-03-31T17:00:00") it is the wall clock in `timeZone`. A wall-clock time that a
 * daylight-saving change skips is moved forward by the gap; an ambiguous one takes the earlier
 * instant.
 */
export function parseZonedDateTime(input: string, timeZone: string): Date {
  assertTimeZone(timeZone);
  const text = typeof input === 'string' ? input.trim() : '';
  const withOffset = WITH_OFFSET.exec(text);
  if (withOffset) {
    const fields = readFields(withOffset, input);
    const suffix = withOffset[8].toUpperCase();
    let offsetMs = 0;
    if (suffix !== 'Z') {
      const sign = suffix.startsWith('-') ? -1 : 1;
      const [h, m] = suffix.slice(1).split(':').map(Number);
      if (h > 23 || m > 59) throw new InvalidDateTimeError(input);
      offsetMs = sign * (h * 60 + m) * 60_000;
    }
    return new Date(wallClockAsUtc(fields) - offsetMs);
  }
  const local = LOCAL.exec(text);
  if (!local) throw new InvalidDateTimeError(input);
  const wall = wallClockAsUtc(readFields(local, input));
  // Zones change offset at most once a day: the answer uses the offset of the day before or the
  // day after. Keep the earliest candidate that reads back as the same wall clock.
  const offsetBefore = zoneOffsetMs(wall - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallClockAsUtc(wallClock(new Date(candidate), timeZone)) === wall) {
      return new Date(candidate);
    }
  }
  // Skipped by a daylight-saving jump: keep the offset from before the jump, i.e. move forward.
  return new Date(wall - offsetBefore);
}

/** Like parseZonedDateTime, but null instead of an exception. */
export function tryParseZonedDateTime(input: string, timeZone: string): Date | null {
  try {
    return parseZonedDateTime(input, timeZone);
  } catch (err) {
    if (err instanceof InvalidDateTimeError || err instanceof InvalidTimeZoneError) return null;
    throw err;
  }
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * A time as people of the contest read it, with the zone named:
 * vi "17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)", en "2026-03-31 17:00:00 (Asia/Ho_Chi_Minh)".
 */
export function formatZoned(date: Date, timeZone: string, locale: TimeLocale = 'vi'): string {
  assertTimeZone(timeZone);
  const w = wallClock(date, timeZone);
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return locale === 'en'
    ? `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${time} (${timeZone})`
    : `${time} ${pad(w.day)}/${pad(w.month)}/${pad(w.year, 4)} (${timeZone})`;
}

/** A time for a message parameter: written as each language writes it (see formatZoned). */
export function zonedText(date: Date, timeZone: string): { vi: string; en: string } {
  return { vi: formatZoned(date, timeZone, 'vi'), en: formatZoned(date, timeZone, 'en') };
}

/** ISO 8601 with the zone's offset at that instant: "2026-03-31T17:00:00+07:00". */
export function toZonedIso(date: Date, timeZone: string): string {
  assertTimeZone(timeZone);
  const w = wallClock(date, timeZone);
  const offsetMinutes = Math.round(zoneOffsetMs(date.getTime(), timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}
