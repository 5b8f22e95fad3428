import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { translate } from '../common/i18n/i18n';
import type { CodeSentView } from '../phone-verification/dto/phone-verification.dto';
import { PhoneVerificationService } from '../phone-verification/phone-verification.service';
import { UserStatus } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UserSessionEvents } from '../users/user-session.events';
import { UsersRepository } from '../users/users.repository';
import './messages';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/**
 * Forgotten password, by a code sent to the account's phone through the OTP provider. The
 * answer to a request is the same whether or not the number has an account (a code is stored
 * and counted under the send limits either way; it is sent only to an account's phone), and a
 * reset ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly codes: PhoneVerificationService,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: UserSessionEvents,
    private readonly audit: AuditService,
  ) {}

  async forgot(rawPhone: string, ip: string): Promise<CodeSentView> {
    const phone = this.codes.phone(rawPhone);
    const user = await this.users.findForLogin({ phone });
    const deliver = user !== null && user.status === UserStatus.Active;
    return this.codes.issue(
      phone,
      ip,
      null,
      'reset',
      deliver ? (code, minutes) => translate('auth.reset_sms_text', 'vi', { code, minutes }) : null,
      'background',
    );
  }

  async reset(rawPhone: string, code: string, newPassword: string): Promise<void> {
    const phone = this.codes.phone(rawPhone);
    const check = await this.codes.check(phone, code, 'reset');
    switch (check.kind) {
      case 'none':
        throw AppError.badRequest('auth.reset_no_code');
      case 'expired':
        throw AppError.badRequest('auth.reset_code_expired');
      case 'exhausted':
        throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'auth.reset_too_many_attempts');
      case 'wrong':
        if (check.remaining <= 0)
          throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'auth.reset_too_many_attempts');
        throw new AppError(
          HttpStatus.BAD_REQUEST,
          'auth.reset_code_wrong',
          { remaining: check.remaining },
          [
            {
              field: 'code',
              code: 'auth.reset_code_wrong',
              params: { remaining: check.remaining },
            },
          ],
          { 'X-Attempts-Remaining': String(check.remaining) },
        );
      case 'ok':
        break;
    }
    const user = await this.users.findForLogin({ phone });
    // a right code for a number without an active account was never sent: a guess
    if (!user || user.status !== UserStatus.Active) throw AppError.badRequest('auth.reset_no_code');
    await this.users.setPassword(user.id, await this.hasher.hash(newPassword));
    await this.refreshTokens.revokeAllOfUser(user.id, 'password_reset');
    await this.sessions.publish({ kind: 'account', userId: user.id });
    await this.audit.record({
      actorId: user.id,
      action: 'auth.password_reset',
      subjectType: 'user',
      subjectId: user.id,
      after: { phone },
    });
  }
}
