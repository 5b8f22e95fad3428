import {
  formatZoned,
  InvalidDateTimeError,
  InvalidTimeZoneError,
  isValidTimeZone,
  parseZonedDateTime,
  toZonedIso,
  tryParseZonedDateTime,
} from './zoned-time';

const HCM = 'Asia/Ho_Chi_Minh';

describe('parseZonedDateTime', () => {
  it('reads a local date-time in the contest time zone', () => {
    expect(parseZonedDateTime('2026-03-31T17:00', HCM).toISOString()).toBe(
      '2026-03-31T10:00:00.000Z',
    );
    expect(parseZonedDateTime('2026-03-31T17:00:00', HCM).toISOString()).toBe(
      '2026-03-31T10:00:00.000Z',
    );
    expect(parseZonedDateTime('2026-03-31 06:30:15.250', HCM).toISOString()).toBe(
      '2026-03-30T23:30:15.250Z',
    );
  });

  it('takes a date-time with an offset or Z as is, whatever the zone', () => {
    expect(parseZonedDateTime('2026-03-31T10:00:00Z', HCM).toISOString()).toBe(
      '2026-03-31T10:00:00.000Z',
    );
    expect(parseZonedDateTime('2026-03-31T17:00+07:00', 'Europe/Paris').toISOString()).toBe(
      '2026-03-31T10:00:00.000Z',
    );
    expect(parseZonedDateTime('2026-03-31T05:30:00-04:30', HCM).toISOString()).toBe(
      '2026-03-31T10:00:00.000Z',
    );
  });

  it('follows daylight saving in zones that have it', () => {
    // New York: EST (-05:00) in January, EDT (-04:00) in July
    expect(parseZonedDateTime('2026-01-15T12:00', 'America/New_York').toISOString()).toBe(
      '2026-01-15T17:00:00.000Z',
    );
    expect(parseZonedDateTime('2026-07-15T12:00', 'America/New_York').toISOString()).toBe(
      '2026-07-15T16:00:00.000Z',
    );
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 → 03:00): moved forward
    expect(parseZonedDateTime('2026-03-08T02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 2026-11-01 01:30 happens twice: the earlier (EDT) instant
    expect(parseZonedDateTime('2026-11-01T01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('refuses impossible or malformed dates', () => {
    for (const bad of [
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-03-31T24:00',
      '2026-03-31T10:60',
      '31/03/2026 17:00',
      '2026-03-31',
      '2026-03-31T17:00+7',
      'tomorrow',
      '',
    ]) {
      expect(() => parseZonedDateTime(bad, HCM)).toThrow(InvalidDateTimeError);
    }
    expect(parseZonedDateTime('2028-02-29T00:00', HCM).toISOString()).toBe(
      '2028-02-28T17:00:00.000Z',
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => parseZonedDateTime('2026-03-31T17:00', 'Mars/Olympus')).toThrow(
      InvalidTimeZoneError,
    );
    expect(tryParseZonedDateTime('2026-03-31T17:00', 'Mars/Olympus')).toBeNull();
    expect(tryParseZonedDateTime('nope', HCM)).toBeNull();
  });

  it('round-trips with toZonedIso', () => {
    const instant = new Date('2026-03-31T10:00:00Z');
    expect(toZonedIso(instant, HCM)).toBe('2026-03-31T17:00:00+07:00');
    expect(toZonedIso(instant, 'UTC')).toBe('2026-03-31T10:00:00+00:00');
    expect(toZonedIso(new Date('2026-01-15T17:00:00Z'), 'America/New_York')).toBe(
      '2026-01-15T12:00:00-05:00',
    );
    expect(toZonedIso(new Date('2026-01-15T17:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-01-15T22:30:00+05:30',
    );
    expect(parseZonedDateTime(toZonedIso(instant, 'Asia/Kolkata'), HCM)).toEqual(instant);
  });
});

describe('formatZoned', () => {
  const instant = new Date('2026-03-31T10:00:00Z');

  it('writes Vietnamese day/month/year after the time, and names the zone', () => {
    expect(formatZoned(instant, HCM, 'vi')).toBe('17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)');
    expect(formatZoned(new Date('2026-12-31T17:00:00Z'), HCM, 'vi')).toBe(
      '00:00:00 01/01/2027 (Asia/Ho_Chi_Minh)',
    );
  });

  it('writes English year-month-day', () => {
    expect(formatZoned(instant, HCM, 'en')).toBe('2026-03-31 17:00:00 (Asia/Ho_Chi_Minh)');
    expect(formatZoned(instant, 'UTC', 'en')).toBe('2026-03-31 10:00:00 (UTC)');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses the rest', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('+07:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Asia/Ho Chi Minh')).toBe(false);
    expect(isValidTimeZone(7)).toBe(false);
  });
});
