import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { VerifiedPhoneResolver } from '../voting/voter-identity';

const PREFIX = 'pv1';

/**
 * Verified-phone tokens: `pv1.<digits of the E.164 number>.<expiry, base36 seconds>.<HMAC>`,
 * signed with the phone-code secret; stateless, so every instance resolves them without the
 * database. This is the voting feature's VERIFIED_PHONE_RESOLVER.
 */
@Injectable()
export class VerifiedPhoneTokens implements VerifiedPhoneResolver {
  private readonly secret: Buffer;
  private readonly ttlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = Buffer.from(`phone-token:${config.otp.secret}`);
    this.ttlSeconds = config.otp.tokenTtlSeconds;
  }

  issue(phone: string, now = Date.now()): { token: string; expiresAt: Date } {
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    const body = `${PREFIX}.${phone.replace(/^\+/, '')}.${exp.toString(36)}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The E.164 number, or null when the token is forged, malformed or expired. */
  verify(token: string, now = Date.now()): string | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX || !/^84\d{8,11}$/.test(parts[1])) return null;
    const body = `${parts[0]}.${parts[1]}.${parts[2]}`;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(parts[3]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const exp = parseInt(parts[2], 36);
    if (!Number.isFinite(exp) || exp * 1000 <= now) return null;
    return `+${parts[1]}`;
  }

  resolve(token: string): Promise<string | null> {
    return Promise.resolve(this.verify(token));
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
