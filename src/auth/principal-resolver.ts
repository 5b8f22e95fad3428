import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { UserStatus } from '../users/entities/user.entity';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalCache } from './principal-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** From verified claims to the caller: the user must exist, be active, and the session live. */
@Injectable()
export class PrincipalResolver {
  constructor(private readonly cache: PrincipalCache) {}

  async resolve(claims: AccessTokenClaims): Promise<Principal> {
    if (
      !UUID.test(claims.sub ?? '') ||
      !UUID.test(claims.sid ?? '') ||
      typeof claims.ver !== 'number'
    ) {
      throw AppError.unauthorized('auth.token_invalid');
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
    return {
      id: state.id,
      role: state.role,
      unitId: state.unitId,
      sessionId: claims.sid,
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
