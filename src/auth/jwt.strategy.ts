import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { AccessTokenClaims, Principal } from './principal';
import { PrincipalResolver } from './principal-resolver';
import { VerifiedTokenCache } from './verified-token.cache';

const fromAuthHeader = ExtractJwt.fromAuthHeaderAsBearerToken();
const BEARER = /^bearer$/i;

/**
 * The token of an `Authorization: Bearer <token>` header, as passport-jwt reads it. The usual
 * spelling ("Bearer " and a token without spaces) is read without passport-jwt's regular
 * expressions, which run on every authenticated request; any other goes to passport-jwt.
 */
export function bearerToken(request: { headers: object }): string | null {
  const header = (request.headers as { authorization?: unknown }).authorization;
  if (typeof header !== 'string') return null;
  if (header.length > 7 && header.charCodeAt(6) === 32 && BEARER.test(header.slice(0, 6))) {
    const token = header.slice(7);
    if (!/\s/.test(token)) return token;
  }
  return fromAuthHeader(request);
}

/**
 * passport-jwt checks signature (HS256 only: `none` and other algorithms are refused), issuer
 * and expiry. The secret is a KeyObject: given a string, jsonwebtoken first tries to read it
 * as a PEM key on every call.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly principals: PrincipalResolver,
    private readonly verified: VerifiedTokenCache,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // typed as string | Buffer, but jsonwebtoken takes a KeyObject as well
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, claims: AccessTokenClaims): Promise<Principal> {
    const principal = await this.principals.resolve(claims);
    const token = bearerToken(request);
    if (token) this.verified.set(token, claims);
    return principal;
  }
}
