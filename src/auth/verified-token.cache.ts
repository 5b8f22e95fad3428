import { Injectable } from '@nestjs/common';
import type { AccessTokenClaims } from './principal';

const MAX_ENTRIES = 100_000;

/**
 * Access tokens whose signature has been checked, kept until they expire, so a token presented
 * again costs no HMAC. Revocation is not cached here: every use still checks the user and the
 * session (PrincipalResolver).
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, AccessTokenClaims & { exp: number }>();

  get(token: string): AccessTokenClaims | undefined {
    const claims = this.entries.get(token);
    if (!claims) return undefined;
    if (claims.exp * 1000 <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: AccessTokenClaims & { exp?: number }): void {
    if (typeof claims.exp !== 'number') return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, claims as AccessTokenClaims & { exp: number });
  }
}
