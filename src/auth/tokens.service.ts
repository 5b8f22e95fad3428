import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { User } from '../users/entities/user.entity';
import type { AccessTokenClaims } from './principal';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshExpiresIn: number;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Refresh tokens read `<id>.<secret>`; only the secret's SHA-256 is kept. */
export function parseRefreshToken(token: string): { id: string; hash: Buffer } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { id: m[1], hash: sha256(m[2]) } : null;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(user: User, client: ClientInfo, familyId: string = randomUUID()): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const token = await this.refreshTokens.insert({
      familyId,
      userId: user.id,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
      ip: client.ip.slice(0, 64),
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      sid: familyId,
      ver: user.sessionVersion,
    };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      refreshToken: `${token.id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.accessTtlSeconds,
      refreshExpiresIn: this.config.jwt.refreshTtlSeconds,
    };
  }
}
