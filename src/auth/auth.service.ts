import './messages';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { normalizeVnPhone } from '../common/validation/phone';
import { AuditService } from '../audit/audit.service';
import { User, UserStatus } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { UserSessionEvents } from '../users/user-session.events';
import { LoginThrottleService } from './login-throttle.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { ClientInfo, parseRefreshToken, TokenPair, TokensService } from './tokens.service';

/** A login session just started or renewed: its tokens and the account. */
export interface IssuedSession {
  pair: TokenPair;
  user: User;
}

/** An email (lower-cased) or a Vietnamese phone number in E.164; null when it is neither. */
export function normalizeIdentifier(raw: string): { email?: string; phone?: string; key: string } {
  const trimmed = raw.normalize('NFC').trim();
  if (trimmed.includes('@')) {
    const email = trimmed.toLowerCase();
    return { email, key: email };
  }
  const phone = normalizeVnPhone(trimmed);
  return phone ? { phone, key: phone } : { key: `raw:${trimmed.toLowerCase().slice(0, 100)}` };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: UserSessionEvents,
    private readonly audit: AuditService,
  ) {}

  async login(identifier: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const id = normalizeIdentifier(identifier);
    const user = id.email || id.phone ? await this.users.findForLogin(id) : null;
    // an existing account is counted once, whether it is tried by email or by phone
    const account = user ? `user:${user.id}` : id.key;
    await this.throttle.assertAllowed(account, client.ip, () =>
      user ? this.refreshTokens.ipKnownForUser(user.id, client.ip) : Promise.resolve(false),
    );
    const ok = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyNothing(password);
    if (!ok || !user) {
      await this.throttle.recordFailure(account, client.ip);
      throw AppError.unauthorized('auth.invalid_credentials');
    }
    if (user.status !== UserStatus.Active) throw AppError.forbidden('auth.account_disabled');
    await this.throttle.recordSuccess(account, client.ip);
    return this.start(user, client);
  }

  /** A new login session for an account that has just proved who it is (login, registration). */
  async start(user: User, client: ClientInfo): Promise<IssuedSession> {
    await this.users.touchLogin(user.id);
    return { pair: await this.tokens.issue(user, client), user };
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw AppError.unauthorized('auth.refresh_invalid');
    const result = await this.refreshTokens.consume(parsed.id, parsed.hash);
    if (result.kind === 'invalid') throw AppError.unauthorized('auth.refresh_invalid');
    if (result.kind === 'reused') {
      // a token used twice has leaked: end the whole login session, for whoever holds it
      await this.refreshTokens.revokeFamily(result.token.familyId, 'reuse');
      await this.sessions.publish({
        kind: 'session',
        userId: result.token.userId,
        sessionId: result.token.familyId,
      });
      await this.audit.record({
        actorId: result.token.userId,
        action: 'auth.refresh_reuse_detected',
        subjectType: 'user',
        subjectId: result.token.userId,
        after: { familyId: result.token.familyId, ip: client.ip },
      });
      throw AppError.unauthorized('auth.refresh_reused');
    }
    const user = await this.users.findById(result.token.userId);
    if (!user || user.status !== UserStatus.Active) {
      await this.refreshTokens.revokeFamily(result.token.familyId, 'user_gone');
      throw AppError.unauthorized('auth.refresh_invalid');
    }
    return { pair: await this.tokens.issue(user, client, result.token.familyId), user };
  }

  /** Ends the login session the refresh token belongs to (its access tokens stop working too). */
  async logout(refreshToken: string, userId: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    const token = parsed ? await this.refreshTokens.findValid(parsed.id, parsed.hash) : null;
    if (!token || token.userId !== userId) throw AppError.unauthorized('auth.refresh_invalid');
    await this.refreshTokens.revokeFamily(token.familyId, 'logout');
    await this.sessions.publish({ kind: 'session', userId, sessionId: token.familyId });
  }

  /** Ends one login session by its id (the web app's logout: the access cookie names it). */
  async logoutSession(userId: string, sessionId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId, 'logout');
    await this.sessions.publish({ kind: 'session', userId, sessionId });
  }

  async logoutEverywhere(userId: string): Promise<void> {
    await this.users.bumpSessionVersion(userId);
    await this.refreshTokens.revokeAllOfUser(userId, 'logout_all');
    await this.sessions.publish({ kind: 'account', userId });
    await this.audit.record({
      actorId: userId,
      action: 'auth.logout_all',
      subjectType: 'user',
      subjectId: userId,
    });
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user: User | null = await this.users.findForLogin({ id: userId });
    if (!user) throw AppError.unauthorized('auth.token_invalid');
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      throw AppError.validation([{ field: 'currentPassword', code: 'auth.wrong_password' }]);
    }
    await this.users.setPassword(userId, await this.hasher.hash(next));
    await this.refreshTokens.revokeAllOfUser(userId, 'password_changed');
    await this.sessions.publish({ kind: 'account', userId });
    await this.audit.record({
      actorId: userId,
      action: 'auth.password_changed',
      subjectType: 'user',
      subjectId: userId,
    });
  }
}
