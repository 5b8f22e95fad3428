import { Inject, Injectable } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { VoterIdentityKind } from './entities/voting-session.entity';

/**
 * Turns a phone-verification token into a verified E.164 number. The integrity feature
 * provides the real one; until then no phone is ever verified.
 */
export interface VerifiedPhoneResolver {
  resolve(token: string): Promise<string | null>;
}
export const VERIFIED_PHONE_RESOLVER = Symbol('VERIFIED_PHONE_RESOLVER');

export class NoVerifiedPhones implements VerifiedPhoneResolver {
  resolve(): Promise<string | null> {
    return Promise.resolve(null);
  }
}

/** What a voter presents: any of a member account, a device token, a phone token. */
export interface PresentedIdentity {
  memberId?: string | null;
  deviceToken?: string | null;
  phoneToken?: string | null;
}

const PREFIX = 'dv1';
const VERIFIED_MAX = 100_000;

/**
 * Device tokens: `dv1.<device id>.<expiry, base36 seconds>.<HMAC-SHA256>`; stateless, so any
 * instance verifies them without the database.
 */
@Injectable()
export class DeviceTokens {
  /** A key object made once: an HMAC keyed with a raw buffer re-imports the key every time. */
  private readonly secret: KeyObject;
  private readonly ttlSeconds: number;
  /** Tokens whose signature was verified here (only good ones; expiry is checked each time). */
  private readonly verified = new Map<string, { deviceId: string; exp: number }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = createSecretKey(Buffer.from(config.voting.deviceSecret));
    this.ttlSeconds = config.voting.deviceTokenTtlDays * 86_400;
  }

  issue(now = Date.now()): { token: string; deviceId: string; expiresAt: Date } {
    const deviceId = randomBytes(16).toString('base64url');
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    const body = `${PREFIX}.${deviceId}.${exp.toString(36)}`;
    return { token: `${body}.${this.sign(body)}`, deviceId, expiresAt: new Date(exp * 1000) };
  }

  /** The device id, or null when the token is forged, malformed or expired. */
  verify(token: string, now = Date.now()): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    // A voter sends the same token with every vote: a good one is checked once.
    const known = this.verified.get(token);
    if (known) return known.exp * 1000 > now ? known.deviceId : null;
    const deviceId = this.check(token, now);
    if (deviceId) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { deviceId, exp: parseInt(token.split('.')[2], 36) });
    }
    return deviceId;
  }

  private check(token: string, now: number): string | null {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX || !/^[A-Za-z0-9_-]{22}$/.test(parts[1]))
      return null;
    const body = `${parts[0]}.${parts[1]}.${parts[2]}`;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(parts[3]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const exp = parseInt(parts[2], 36);
    if (!Number.isFinite(exp) || exp * 1000 <= now) return null;
    return parts[1];
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** Strongest identity first: an account, then a verified phone, then a device. */
const STRENGTH: VoterIdentityKind[] = [
  VoterIdentityKind.Member,
  VoterIdentityKind.Phone,
  VoterIdentityKind.Device,
];

/**
 * The key a vote is counted under: the strongest identity the voter presents that the session
 * accepts, or null when none is presented.
 */
@Injectable()
export class VoterIdentityResolver {
  constructor(
    private readonly devices: DeviceTokens,
    @Inject(VERIFIED_PHONE_RESOLVER) private readonly phones: VerifiedPhoneResolver,
  ) {}

  /**
   * The same answer without waiting when no phone token has to be resolved (undefined: call
   * `voterKey`).
   */
  voterKeyNow(
    accepted: VoterIdentityKind[],
    presented: PresentedIdentity,
  ): string | null | undefined {
    for (const kind of STRENGTH) {
      if (!accepted.includes(kind)) continue;
      if (kind === VoterIdentityKind.Member && presented.memberId) return `u:${presented.memberId}`;
      if (kind === VoterIdentityKind.Phone && presented.phoneToken) return undefined;
      if (kind === VoterIdentityKind.Device && presented.deviceToken) {
        const device = this.devices.verify(presented.deviceToken);
        if (device) return `d:${device}`;
      }
    }
    return null;
  }

  async voterKey(
    accepted: VoterIdentityKind[],
    presented: PresentedIdentity,
  ): Promise<string | null> {
    for (const kind of STRENGTH) {
      if (!accepted.includes(kind)) continue;
      if (kind === VoterIdentityKind.Member && presented.memberId) return `u:${presented.memberId}`;
      if (kind === VoterIdentityKind.Phone && presented.phoneToken) {
        const phone = await this.phones.resolve(presented.phoneToken);
        if (phone) return `p:${phone}`;
      }
      if (kind === VoterIdentityKind.Device && presented.deviceToken) {
        const device = this.devices.verify(presented.deviceToken);
        if (device) return `d:${device}`;
      }
    }
    return null;
  }
}
