import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { UserStatus } from '../users/entities/user.entity';
import type { AuthState } from '../users/users.repository';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalCache } from './principal-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From verified claims to the caller: the user must exist, be active, and the session live. */
@Injectable()
export class PrincipalResolver {
  /** Claims objects already found well-formed (the verified-token cache hands out the same one). */
  private readonly wellFormed = new WeakSet<AccessTokenClaims>();
  /**
   * The principal built from one cached account state: a state belongs to one user and one
   * session, and is replaced when the cache refreshes it, so its principal is built once.
   */
  private readonly principals = new WeakMap<AuthState, Principal>();

  constructor(private readonly cache: PrincipalCache) {}

  async resolve(claims: AccessTokenClaims): Promise<Principal> {
    if (!this.wellFormed.has(claims)) {
      if (
        !UUID.test(claims.sub ?? '') ||
        !UUID.test(claims.sid ?? '') ||
        typeof claims.ver !== 'number'
      ) {
        throw AppError.unauthorized('auth.token_invalid');
      }
      this.wellFormed.add(claims);
    }
    const state = await this.cache.get(claims.sub, claims.sid);
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
