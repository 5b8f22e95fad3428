import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Vietnamese numbers in any common spelling (`0912 345 678`, `+84912345678`, `84912345678`,
 * `(091) 234-5678`) become one E.164 string; anything that is not a valid number gives null.
 */
export function normalizeVnPhone(input: string): string | null {
  if (typeof input !== 'string') return null;
  const cleaned = input.normalize('NFKC').replace(/[\s().\-_]/g, '');
  if (!/^\+?\d{8,15}$/.test(cleaned)) return null;
  let candidate = cleaned;
  if (/^84\d{9,10}$/.test(candidate)) candidate = `+${candidate}`;
  if (/^0084\d+$/.test(candidate)) candidate = `+${candidate.slice(2)}`;
  const parsed = parsePhoneNumberFromString(candidate, 'VN');
  // a valid number of another country is not a Vietnamese phone number
  if (!parsed || parsed.countryCallingCode !== '84' || !parsed.isValid()) return null;
  return parsed.number;
}

export function IsVnPhone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPhone',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizeVnPhone(value) !== null,
      },
    });
}
