import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalResolver, RevokedReason } from './principal-resolver';
import { VerifiedTokenCache } from './verified-token.cache';
import { accessCookie, csrfValid, isUnsafeMethod } from './session-cookies';

/** What the request-level checks read of an HTTP request. */
export interface CredentialRequest {
  method?: string;
  headers: { authorization?: string | string[] };
  cookies?: Record<string, string | undefined>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

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
   * For routes outside the global guard (tus, routes open to anonymous callers that need a
   * login): the `Authorization: Bearer` token, else the `ht_access` cookie — with the
   * `X-CSRF-Token` header on unsafe methods (403 auth.csrf_invalid otherwise); 401 when neither.
   */
  async fromRequest(request: CredentialRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined && header !== '') {
      const m = typeof header === 'string' ? BEARER.exec(header) : null;
      if (!m) throw AppError.unauthorized('auth.token_invalid');
      return this.verify(m[1]);
    }
    const cookie = accessCookie(request);
    if (!cookie) throw AppError.unauthorized('auth.token_invalid');
    const principal = await this.verify(cookie);
    if (isUnsafeMethod(request.method) && !csrfValid(request)) {
      throw AppError.forbidden('auth.csrf_invalid');
    }
    return principal;
  }

  /**
   * For routes anonymous callers may use but that show more to a known caller: a Bearer token
   * (a bad one is refused, 401), else a valid access cookie (on an unsafe method only with the
   * CSRF header), else nobody. A cookie that no longer holds, or an unsafe request without the
   * CSRF header, is answered as for an anonymous caller: the public pages share the browser's
   * cookies and must keep working for a member whose web-app login has ended.
   */
  async optionalFromRequest(request: CredentialRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined && header !== '') return this.fromRequest(request);
    const cookie = accessCookie(request);
    if (!cookie) return null;
    if (isUnsafeMethod(request.method) && !csrfValid(request)) return null;
    return this.verify(cookie).catch(() => null);
  }

  /** The version of a live session of the user, null when it holds no more. */
  sessionVersion(userId: string, sessionId: string): Promise<number | null> {
    return this.principals.sessionVersion(userId, sessionId);
  }

  /**
   * A long-lived connection's caller checked again from claims authenticate() gave: the account
   * as it stands now (from the cache when it holds it), or why the login holds no more.
   */
  recheck(claims: AccessTokenClaims): Promise<Principal | RevokedReason> {
    return this.principals.check(claims);
  }
}
