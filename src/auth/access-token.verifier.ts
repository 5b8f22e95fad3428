import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalResolver, RevokedReason } from './principal-resolver';
import { VerifiedTokenCache } from './verified-token.cache';

/**
 * Checks an access token outside passport (socket handshakes, the guard's fast path): the
 * signature, algorithm, issuer and expiry — once per token, then from the cache until it
 * expires — and, on every call, the user and the session.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly key: KeyObject;
  private readonly issuer: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly principals: PrincipalResolver,
    private readonly verified: VerifiedTokenCache,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
    this.issuer = config.jwt.issuer;
  }

  /** Claims of a token already verified and not expired, else undefined. */
  cached(token: string): AccessTokenClaims | undefined {
    return this.verified.get(token);
  }

  /**
   * The caller behind claims from cached() (which a caller may keep), checked as verify() checks
   * it (a revoked session or a deleted user is refused), without a promise; undefined once the
   * claims have expired or when the account state must be read first (use verify()).
   */
  verifyCachedClaims(claims: AccessTokenClaims): Principal | undefined {
    const exp = (claims as { exp?: unknown }).exp;
    if (typeof exp !== 'number' || exp * 1000 <= Date.now()) return undefined;
    return this.principals.resolveCached(claims);
  }

  async verify(token: string): Promise<Principal> {
    return (await this.authenticate(token)).principal;
  }

  /** verify(), with the token's claims (kept by connections that are checked again later). */
  async authenticate(token: string): Promise<{ principal: Principal; claims: AccessTokenClaims }> {
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = jwt.verify(token, this.key, {
          algorithms: ['HS256'],
          issuer: this.issuer,
        }) as AccessTokenClaims;
      } catch {
        throw AppError.unauthorized('auth.token_invalid');
      }
      this.verified.set(token, claims);
    }
    return { principal: await this.principals.resolve(claims), claims };
  }

  /**
   * A long-lived connection's caller checked again from claims authenticate() gave: the account
   * as it stands now (from the cache when it holds it), or why the login holds no more.
   */
  recheck(claims: AccessTokenClaims): Promise<Principal | RevokedReason> {
    return this.principals.check(claims);
  }
}
