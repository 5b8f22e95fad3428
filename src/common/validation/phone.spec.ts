import { normalizeIdentifier } from '../../auth/auth.service';
import { normalizeVnPhone } from './phone';

describe('normalizeVnPhone', () => {
  it.each([
    ['0912 345 678', '+84912345678'],
    ['0912345678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0084912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['(+84) 912-345-678', '+84912345678'],
    ['(091) 234-5678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['  0912 345 678  ', '+84912345678'],
    ['+84 0912 345 678', '+84912345678'], // the trunk 0 kept after the country code
    ['840912345678', '+84912345678'],
    ['０９１２３４５６７８', '+84912345678'], // full-width digits from some keyboards
    ['0987654321', '+84987654321'],
    ['0388 123 456', '+84388123456'],
    ['0703 123 456', '+84703123456'],
    ['0562 123 456', '+84562123456'],
    ['0868 123 456', '+84868123456'],
    ['024 3825 1234', '+842438251234'], // Hà Nội landline
    ['028 3823 4567', '+842838234567'], // TP. Hồ Chí Minh landline
  ])('%s → %s', (input, expected) => {
    expect(normalizeVnPhone(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['0912'],
    ['091234567890123'],
    ['1234567890'],
    ['0012345678'],
    ['abc'],
    ['0912abc678'],
    ['+1 415 555 2671'], // a valid number, but not Vietnamese
    ['+44 20 7946 0958'],
    ['++84912345678'],
    ['0912 345 678 ext 5'],
    ['09123456789999'],
    ['0912345678; DROP TABLE users'],
    ['12345678901234567890'],
  ])('refuses %j', (input) => {
    expect(normalizeVnPhone(input)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(normalizeVnPhone(912345678 as unknown as string)).toBeNull();
    expect(normalizeVnPhone(null as unknown as string)).toBeNull();
  });

  it('is idempotent', () => {
    for (const input of ['0912 345 678', '024 3825 1234', '84987654321']) {
      const once = normalizeVnPhone(input)!;
      expect(normalizeVnPhone(once)).toBe(once);
    }
  });
});

describe('normalizeIdentifier', () => {
  it('lower-cases emails and keys them by the email', () => {
    expect(normalizeIdentifier('  Hoa@Example.VN ')).toEqual({
      email: 'hoa@example.vn',
      key: 'hoa@example.vn',
    });
  });

  it('turns every phone spelling into one E.164 key', () => {
    const keys = ['0912 345 678', '+84912345678', '84912345678'].map(
      (s) => normalizeIdentifier(s).key,
    );
    expect(new Set(keys)).toEqual(new Set(['+84912345678']));
    expect(normalizeIdentifier('0912 345 678').phone).toBe('+84912345678');
  });

  it('keeps neither email nor phone for anything else, with a bounded key', () => {
    const id = normalizeIdentifier('x'.repeat(500));
    expect(id.email).toBeUndefined();
    expect(id.phone).toBeUndefined();
    expect(id.key.length).toBeLessThanOrEqual(104);
  });
});
