import { createHmac } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { VoterIdentityKind } from './entities/voting-session.entity';
import { DeviceTokens, VerifiedPhoneResolver, VoterIdentityResolver } from './voter-identity';

const config = (secret: string, days = 30) =>
  ({ voting: { deviceSecret: secret, deviceTokenTtlDays: days } }) as unknown as AppConfig;

const SECRET = 'a'.repeat(40);
const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const DAY = 86_400_000;

describe('DeviceTokens', () => {
  const tokens = new DeviceTokens(config(SECRET));

  it('verifies a token it issued and returns its device id until it expires', () => {
    const issued = tokens.issue(T0);
    expect(issued.token.split('.')).toHaveLength(4);
    expect(issued.expiresAt.getTime()).toBe(T0 + 30 * DAY);
    expect(tokens.verify(issued.token, T0)).toBe(issued.deviceId);
    expect(tokens.verify(issued.token, T0 + 30 * DAY - 1000)).toBe(issued.deviceId);
    expect(tokens.verify(issued.token, T0 + 30 * DAY)).toBeNull();
    expect(tokens.verify(issued.token, T0 + 31 * DAY)).toBeNull();
  });

  it('says when the server issued a token, to the millisecond', () => {
    const issued = tokens.issue(T0 + 123);
    expect(tokens.issuedAt(issued.token)).toBe(T0 + 123);
    expect(issued.token.startsWith('dv2.')).toBe(true);
    expect(tokens.issuedAt('dv2.x')).toBeNull();
    expect(tokens.issuedAt('not a token')).toBeNull();
  });

  it('accepts a token of the former kind until its expiry, issued a lifetime before it', () => {
    const exp = T0 / 1000 + 3600;
    const body = `dv1.${'B'.repeat(22)}.${exp.toString(36)}`;
    const token = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    expect(tokens.verify(token, T0)).toBe('B'.repeat(22));
    expect(tokens.verify(token, exp * 1000)).toBeNull();
    expect(tokens.issuedAt(token)).toBe(exp * 1000 - 30 * DAY);
  });

  it('issues a different device for each token', () => {
    const a = tokens.issue(T0);
    const b = tokens.issue(T0);
    expect(a.deviceId).not.toBe(b.deviceId);
    expect(a.deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses a token signed with another secret', () => {
    const other = new DeviceTokens(config('b'.repeat(40)));
    expect(tokens.verify(other.issue(T0).token, T0)).toBeNull();
  });

  it('refuses a token whose device, expiry or signature was changed', () => {
    const { token } = tokens.issue(T0);
    const [prefix, device, exp, sig] = token.split('.');
    const otherDevice = tokens.issue(T0).deviceId;
    const later = (parseInt(exp, 36) + 365 * 86_400).toString(36);
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    for (const forged of [
      [prefix, otherDevice, exp, sig],
      [prefix, device, later, sig],
      [prefix, device, exp, flipped],
      [prefix, device, exp, sig.slice(0, -2)],
      ['dv1', device, exp, sig],
    ])
      expect(tokens.verify(forged.join('.'), T0)).toBeNull();
  });

  it('signs with HMAC-SHA256 of the secret, whatever its length', () => {
    for (const secret of ['k', SECRET, 'c'.repeat(64), 'd'.repeat(65), 'é'.repeat(100)]) {
      const signer = new DeviceTokens(config(secret));
      const { token, deviceId } = signer.issue(T0);
      const body = token.slice(0, token.lastIndexOf('.'));
      const mac = createHmac('sha256', secret).update(body).digest('base64url');
      expect(token).toBe(`${body}.${mac}`);
      // A token made elsewhere with the same secret verifies.
      const other = `dv1.${'A'.repeat(22)}.${(T0 / 1000 + 60).toString(36)}`;
      const made = `${other}.${createHmac('sha256', secret).update(other).digest('base64url')}`;
      expect(signer.verify(made, T0)).toBe('A'.repeat(22));
      expect(signer.verify(token, T0)).toBe(deviceId);
    }
  });

  it('refuses a token with a part too many or too few, or a device id of another length', () => {
    const { token } = tokens.issue(T0);
    const [prefix, device, exp, sig] = token.split('.');
    for (const forged of [
      `${token}.x`,
      `${prefix}.${device}.${exp}`,
      `${prefix}.${device}.${exp}.${sig}.`,
      `${prefix}.${device}x.${exp}.${sig}`,
      `${prefix}.${device.slice(1)}.${exp}.${sig}`,
      `${prefix}.${device}.${exp}.${sig}x`,
      `${prefix}.${device}..${sig}`,
      `${prefix}.${device}.${exp}.${sig.slice(0, 21)}.${sig.slice(22)}`,
    ])
      expect(tokens.verify(forged, T0)).toBeNull();
  });

  it('refuses malformed input without throwing', () => {
    for (const junk of ['', 'dv1', 'dv1...', 'a.b.c.d', 'x'.repeat(500), 42, null, undefined])
      expect(tokens.verify(junk as string, T0)).toBeNull();
  });
});

describe('VoterIdentityResolver', () => {
  const devices = new DeviceTokens(config(SECRET));
  const phones: VerifiedPhoneResolver = {
    resolve: (token: string) => Promise.resolve(token === 'good-phone' ? '+84912345678' : null),
  };
  const resolver = new VoterIdentityResolver(devices, phones);
  const device = devices.issue();
  const all = [VoterIdentityKind.Device, VoterIdentityKind.Phone, VoterIdentityKind.Member];

  it('takes the strongest identity presented that the session accepts', async () => {
    const everything = {
      memberId: 'u-1',
      phoneToken: 'good-phone',
      deviceToken: device.token,
    };
    expect(await resolver.voterKey(all, everything)).toBe('u:u-1');
    expect(
      await resolver.voterKey([VoterIdentityKind.Device, VoterIdentityKind.Phone], everything),
    ).toBe('p:+84912345678');
    expect(await resolver.voterKey([VoterIdentityKind.Device], everything)).toBe(
      `d:${device.deviceId}`,
    );
  });

  it('falls back to a weaker accepted identity when a stronger one does not verify', async () => {
    expect(
      await resolver.voterKey(all, { phoneToken: 'bad-phone', deviceToken: device.token }),
    ).toBe(`d:${device.deviceId}`);
  });

  it('gives no key when nothing accepted is presented or verifies', async () => {
    expect(await resolver.voterKey([VoterIdentityKind.Member], { deviceToken: device.token })).toBe(
      null,
    );
    expect(await resolver.voterKey([VoterIdentityKind.Phone], { phoneToken: 'bad-phone' })).toBe(
      null,
    );
    expect(
      await resolver.voterKey([VoterIdentityKind.Device], { deviceToken: device.token + 'x' }),
    ).toBeNull();
    expect(await resolver.voterKey(all, {})).toBeNull();
  });
});
