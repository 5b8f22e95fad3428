import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { RefreshToken } from './entities/refresh-token.entity';

export type ConsumeResult =
  | { kind: 'ok'; token: RefreshToken }
  | { kind: 'reused'; token: RefreshToken }
  | { kind: 'invalid' };

@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async insert(data: Partial<RefreshToken>): Promise<RefreshToken> {
    return this.tokens.save(this.tokens.create(data));
  }

  /**
   * Marks the token used, atomically: of two requests racing with the same token only one
   * wins; the other sees it as reused.
   */
  async consume(id: string, hash: Buffer): Promise<ConsumeResult> {
    const token = await this.tokens.findOne({ where: { id } });
    if (!token || !token.tokenHash.equals(hash)) return { kind: 'invalid' };
    // replaced already: someone holds a copy. Revoked but never used (logout): simply invalid.
    if (token.usedAt) return { kind: 'reused', token };
    if (token.revokedAt) return { kind: 'invalid' };
    if (token.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    const result = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) === 1 ? { kind: 'ok', token } : { kind: 'reused', token };
  }

  async findValid(id: string, hash: Buffer): Promise<RefreshToken | null> {
    const token = await this.tokens.findOne({ where: { id, revokedAt: IsNull() } });
    return token && token.tokenHash.equals(hash) ? token : null;
  }

  async revokeFamily(familyId: string, reason: string): Promise<void> {
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  async revokeAllOfUser(userId: string, reason: string): Promise<void> {
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** Has this account logged in from this address in the last 30 days? */
  async ipKnownForUser(userId: string, ip: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM refresh_tokens
        WHERE user_id = $1 AND ip = $2 AND created_at > now() - interval '30 days' LIMIT 1`,
      [userId, ip],
    );
    return rows.length > 0;
  }

  /** Housekeeping: tokens past their expiry for a day are of no further use. */
  async purgeExpired(): Promise<number> {
    const result = await this.dataSource.query(
      `DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`,
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
