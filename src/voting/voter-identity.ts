import { Inject, Injectable } from '@nestjs/common';
import { hash, randomBytes } from 'node:crypto';
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

/** `dv2.<device id>.<issued at, base36 ms>.<HMAC>`: expires `deviceTokenTtlDays` after issue. */
const PREFIX = 'dv2.';
/** The former `dv1.<device id>.<expiry, base36 seconds>.<HMAC>`, still accepted until it expires. */
const PREFIX_V1 = 'dv1.';
const TOKEN_MAX = 200;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
/** base64url of a SHA-256 digest. */
const SIGNATURE_LENGTH = 43;
const BLOCK = 64;

/**
 * Device tokens: `dv2.<device id>.<issued at, base36 milliseconds>.<HMAC-SHA256>`; stateless,
 * so any instance verifies them without the database, and a vote's token says when the server
 * issued it (the fraud signals' too-fast check counts from there, by the server's clock). A
 * token lives `VOTING_DEVICE_TOKEN_TTL_DAYS` from its issue. Tokens of the former kind (`dv1`,
 * with their expiry in seconds) are accepted until they expire; their issue is read back from
 * the expiry, to the second.
 *
 * A vote carries its token, and checking it is on the intake's hot path: the HMAC is computed
 * from the key's two padded blocks, made once, with two one-shot hashes (RFC 2104; no HMAC
 * object, key import or buffer per token), and the token is read without splitting it. Every
 * vote's token is checked (about a microsecond): a cache of good tokens would only pay when a
 * voter votes again before thousands of others have, and under load it costs more than it saves
 * (an entry and its object per voter, for the garbage collector to move).
 */
@Injectable()
export class DeviceTokens {
  /** The key xor ipad, followed by room for the signed text (a token is at most 200 chars). */
  private readonly inner = Buffer.alloc(BLOCK + TOKEN_MAX * 3);
  /** The key xor opad, followed by the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + 32);
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    let key = Buffer.from(config.voting.deviceSecret);
    if (key.length > BLOCK) key = hash('sha256', key, 'buffer');
    for (let i = 0; i < BLOCK; i++) {
      const k = i < key.length ? key[i] : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
    this.ttlMs = config.voting.deviceTokenTtlDays * 86_400_000;
  }

  issue(now = Date.now()): { token: string; deviceId: string; expiresAt: Date } {
    const deviceId = randomBytes(16).toString('base64url');
    const issued = Math.floor(now);
    const body = `${PREFIX}${deviceId}.${issued.toString(36)}`;
    return {
      token: `${body}.${this.sign(body)}`,
      deviceId,
      expiresAt: new Date(issued + this.ttlMs),
    };
  }

  /** The device id, or null when the token is forged, malformed or expired. */
  verify(token: string, now = Date.now()): string | null {
    if (typeof token !== 'string' || token.length > TOKEN_MAX) return null;
    // Exactly four dot-separated parts: the prefix, a 22-character device id, the time, the
    // signature.
    const issued = this.issuedAt(token);
    if (issued === null || issued + this.ttlMs <= now) return null;
    const timeAt = PREFIX.length + 23;
    const sigAt = token.indexOf('.', timeAt) + 1;
    if (token.length - sigAt !== SIGNATURE_LENGTH) return null;
    if (token.indexOf('.', sigAt) !== -1) return null;
    const deviceId = token.slice(PREFIX.length, timeAt - 1);
    if (!DEVICE_ID.test(deviceId)) return null;
    const expected = this.sign(token.slice(0, sigAt - 1));
    // Constant time over the signature's characters (no early exit on the first difference).
    let diff = 0;
    for (let i = 0; i < SIGNATURE_LENGTH; i++)
      diff |= expected.charCodeAt(i) ^ token.charCodeAt(sigAt + i);
    return diff === 0 ? deviceId : null;
  }

  /**
   * When the token was issued (epoch milliseconds) as it says, or null when it is not shaped
   * like a device token. Not a check: call it for a token `verify` accepted.
   */
  issuedAt(token: string): number | null {
    const v2 = token.startsWith(PREFIX);
    if (!v2 && !token.startsWith(PREFIX_V1)) return null;
    const timeAt = PREFIX.length + 23;
    if (token.charCodeAt(timeAt - 1) !== 0x2e) return null;
    const sigAt = token.indexOf('.', timeAt) + 1;
    if (sigAt === 0) return null;
    const n = parseInt(token.slice(timeAt, sigAt - 1), 36);
    if (!Number.isFinite(n)) return null;
    return v2 ? n : n * 1000 - this.ttlMs;
  }

  /** HMAC-SHA256(secret, body), base64url. */
  private sign(body: string): string {
    const n = this.inner.write(body, BLOCK, 'utf8');
    // The inner digest as a string of one character per byte, written after the outer block: a
    // Buffer result would cost a backing store per token (twice the time of the hash itself).
    this.outer.write(hash('sha256', this.inner.subarray(0, BLOCK + n), 'binary'), BLOCK, 'latin1');
    return hash('sha256', this.outer, 'base64url');
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
