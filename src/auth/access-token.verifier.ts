import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../common/errors/app-error';
import { JwtStrategy } from './jwt.strategy';
import type { AccessTokenClaims, Principal } from './principal';

/**
 * Checks an access token outside HTTP guards (socket handshakes): the signature, algorithm,
 * issuer and expiry, then the same user and session checks as every HTTP request.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly strategy: JwtStrategy,
  ) {}

  async verify(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw AppError.unauthorized('auth.token_invalid');
    }
    return this.strategy.validate(claims);
  }
}
