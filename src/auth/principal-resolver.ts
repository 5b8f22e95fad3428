import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { UserStatus } from '../users/entities/user.entity';
import type { AuthState } from '../users/users.repository';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalCache } from './principal-cache';

/** Why a login that held before holds no more. */
export type RevokedReason =
  'auth.account_deleted' | 'auth.account_disabled' | 'auth.session_revoked';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From verified claims to the caller: the user must exist, be active, and the session live. */
@Injectable()
export class PrincipalResolver {
  /**
   * Claims objects already found well-formed (the verified-token cache hands out the same one),
   * with the key of their session in the principal cache.
   */
  private readonly wellFormed = new WeakMap<AccessTokenClaims, string>();
  /**
   * The principal built from one cached account state: a state belongs to one user and one
   * session, and is replaced when the cache refreshes it, so its principal is built once.
   */
  private readonly principals = new WeakMap<AuthState, Principal>();

  constructor(private readonly cache: PrincipalCache) {}

  async resolve(claims: AccessTokenClaims): Promise<Principal> {
    this.checkClaims(claims);
    return this.principalFor(await this.cache.get(claims.sub, claims.sid), claims);
  }

  /**
   * The same answer as resolve() when the account state is cached (the usual case), without a
   * promise; undefined when it must be read first.
   */
  resolveCached(claims: AccessTokenClaims): Principal | undefined {
    const state = this.cache.peekKey(this.checkClaims(claims));
    return state === undefined ? undefined : this.principalFor(state, claims);
  }

  /**
   * For a connection that outlives its requests (a socket): the caller behind claims found good
   * before, as the account stands now, or the code saying why there is none any more.
   */
  async check(claims: AccessTokenClaims): Promise<Principal | RevokedReason> {
    const state = await this.cache.get(claims.sub, claims.sid);
    if (!state) return 'auth.account_deleted';
    if (state.status !== UserStatus.Active) return 'auth.account_disabled';
    if (state.sessionVersion !== claims.ver || state.familyRevoked) return 'auth.session_revoked';
    return this.principalFor(state, claims);
  }

  /** The version of a live session (what a signed media address is bound to), else null. */
  async sessionVersion(userId: string, sessionId: string): Promise<number | null> {
    if (!UUID.test(userId) || !UUID.test(sessionId)) return null;
    const state = await this.cache.get(userId, sessionId);
    if (!state || state.status !== UserStatus.Active || state.familyRevoked) return null;
    return state.sessionVersion;
  }

  /** Refuses malformed claims; the principal-cache key of well-formed ones. */
  private checkClaims(claims: AccessTokenClaims): string {
    const known = this.wellFormed.get(claims);
    if (known !== undefined) return known;
    if (
      !UUID.test(claims.sub ?? '') ||
      !UUID.test(claims.sid ?? '') ||
      typeof claims.ver !== 'number'
    ) {
      throw AppError.unauthorized('auth.token_invalid');
    }
    const key = this.cache.keyOf(claims.sub, claims.sid);
    this.wellFormed.set(claims, key);
    return key;
  }

  private principalFor(state: AuthState | null, claims: AccessTokenClaims): Principal {
    if (
      !state ||
      state.status !== UserStatus.Active ||
      state.sessionVersion !== claims.ver ||
      state.familyRevoked
    ) {
      throw AppError.unauthorized('auth.token_invalid');
    }
    let principal = this.principals.get(state);
    if (!principal || principal.sessionId !== claims.sid) {
      principal = this.principalOf(state, claims.sid);
      this.principals.set(state, principal);
    }
    return principal;
  }

  private principalOf(state: AuthState, sessionId: string): Principal {
    return {
      id: state.id,
      role: state.role,
      unitId: state.unitId,
      sessionId,
      profile: {
        fullName: state.fullName,
        email: state.email,
        phone: state.phone,
        status: state.status,
        createdAt: state.createdAt,
      },
    };
  }
}
