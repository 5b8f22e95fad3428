import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { MediaVariant } from './entities/media-item.entity';

/** The query of a signed media address. */
export interface SignedMediaQuery {
  /** Viewer (user id). */
  u?: string;
  /** The viewer's session. */
  s?: string;
  /** The judged round the address was given for ('' or absent: none). */
  r?: string;
  /** Expiry, seconds since the epoch. */
  e?: string;
  /** HMAC-SHA256 (base64url). */
  sig?: string;
}

/** Who a signed address lets in, once checked. */
export interface MediaGrant {
  principal: Principal;
  roundId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Short-lived media addresses that <video>, <img> and <audio> load without an Authorization
 * header: an HMAC over the viewer, their session (and its version), the file, the variant, the
 * round it was given for and the expiry. The address holds ids only. Checked on every request:
 * the signature, the expiry, the session still live; the service then asks the access rules
 * again (assignment, recusal, panel, round open), so an address stops working as soon as its
 * viewer loses access.
 */
@Injectable()
export class MediaUrlSigner {
  private readonly secret: Buffer;
  readonly ttlSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    this.secret = Buffer.from(config.media.urlSecret, 'utf8');
    this.ttlSeconds = config.media.urlTtlSeconds;
  }

  private mac(parts: (string | number)[]): Buffer {
    return createHmac('sha256', this.secret).update(parts.join('\n')).digest();
  }

  /**
   * The address of one variant of a file for the viewer (relative to the API root), valid until
   * `expiresAt` (default: now + the configured life); null when the viewer's session holds no more.
   */
  async sign(
    viewer: Principal,
    mediaId: string,
    variant: MediaVariant,
    roundId: string | null,
    expiresAt?: Date,
  ): Promise<{ url: string; expiresAt: string } | null> {
    return (await this.signMany(viewer, mediaId, [variant], roundId, expiresAt))?.[0] ?? null;
  }

  /**
   * The addresses of several variants of one file (a document's page images), in their order,
   * for one look-up of the viewer's session; null when the session holds no more.
   */
  async signMany(
    viewer: Principal,
    mediaId: string,
    variants: MediaVariant[],
    roundId: string | null,
    expiresAt?: Date,
  ): Promise<{ url: string; expiresAt: string }[] | null> {
    const version = await this.verifier.sessionVersion(viewer.id, viewer.sessionId);
    if (version === null) return null;
    const exp = Math.floor((expiresAt?.getTime() ?? Date.now() + this.ttlSeconds * 1000) / 1000);
    const r = roundId ?? '';
    return variants.map((variant) => {
      const sig = this.mac([mediaId, variant, viewer.id, viewer.sessionId, version, r, exp]);
      const q = new URLSearchParams({ u: viewer.id, s: viewer.sessionId, r, e: String(exp) });
      q.set('sig', sig.toString('base64url'));
      return {
        url: `/media/${mediaId}/${variant}?${q.toString()}`,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    });
  }

  /** Whether a request carries a signed address at all. */
  isSigned(query: SignedMediaQuery): boolean {
    return query.sig !== undefined;
  }

  /** The viewer a signed address lets in, or the refusal (403, with why). */
  async verify(mediaId: string, variant: string, query: SignedMediaQuery): Promise<MediaGrant> {
    const { u, s, e, sig } = query;
    const r = query.r ?? '';
    if (!u || !s || !e || !sig || !UUID.test(u) || !UUID.test(s) || !/^\d{1,12}$/.test(e))
      throw AppError.forbidden('media.url_invalid');
    if (r !== '' && !UUID.test(r)) throw AppError.forbidden('media.url_invalid');
    const given = Buffer.from(sig, 'base64url');
    const version = await this.verifier.sessionVersion(u, s);
    const expected =
      version === null ? null : this.mac([mediaId, variant, u, s, version, r, Number(e)]);
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw AppError.forbidden('media.url_invalid');
    if (Number(e) * 1000 <= Date.now()) throw AppError.forbidden('media.url_expired');
    const principal = await this.verifier.recheck({
      sub: u,
      sid: s,
      ver: version!,
      role: undefined as never,
    });
    if (typeof principal === 'string') throw AppError.forbidden('media.url_invalid');
    return { principal, roundId: r || null };
  }
}
