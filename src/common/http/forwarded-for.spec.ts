import { forwardedClientAddress } from './forwarded-for';

describe('forwardedClientAddress', () => {
  it('takes the leftmost address of X-Forwarded-For', () => {
    expect(forwardedClientAddress('203.0.113.7, 10.0.0.2, 127.0.0.1')).toBe('203.0.113.7');
    expect(forwardedClientAddress(' 2001:db8::1 ')).toBe('2001:db8::1');
    expect(forwardedClientAddress(['198.51.100.4', '10.0.0.1'])).toBe('198.51.100.4');
  });

  it('answers nothing for an absent header or a first item that is not an address', () => {
    expect(forwardedClientAddress(undefined)).toBeUndefined();
    expect(forwardedClientAddress('')).toBeUndefined();
    expect(forwardedClientAddress('unknown, 203.0.113.7')).toBeUndefined();
    expect(forwardedClientAddress('203.0.113.7:443')).toBeUndefined();
  });
});
