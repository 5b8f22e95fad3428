import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { translate } from '../common/i18n/i18n';
import { normalizeVnPhone } from '../common/validation/phone';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { DeviceTokens } from '../voting/voter-identity';
import type { CodeSentView, VerifiedPhoneView } from './dto/phone-verification.dto';
import './messages';
import type { CodePurpose } from './entities/phone-code.entity';
import { OTP_PROVIDER, OtpProvider } from './otp-provider';
import { PhoneVerificationRepository } from './phone-verification.repository';
import { VerifiedPhoneTokens } from './phone-tokens';

export const CODE_DIGITS = 6;

/** HMAC-SHA256 of a code, bound to its row and number: a leaked table reveals no code. */
export function hashCode(secret: string, id: string, phone: string, code: string): string {
  return createHmac('sha256', secret).update(`${id}|${phone}|${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How a code compared with the phone's live code of its purpose. */
export type CodeCheck =
  | { kind: 'ok' }
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'exhausted' }
  | { kind: 'wrong'; remaining: number };

/**
 * Phone verification by one-time code: sending is limited per phone, per client address and per
 * device (counted in the database, under locks, so instances agree); a code lives a few minutes
 * and allows a handful of tries; a right code gives a short-lived verified-phone token.
 */
@Injectable()
export class PhoneVerificationService {
  private readonly log = new Logger('PhoneVerification');
  private readonly devices: DeviceTokens;

  constructor(
    private readonly repository: PhoneVerificationRepository,
    private readonly tokens: VerifiedPhoneTokens,
    @Inject(OTP_PROVIDER) private readonly provider: OtpProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.devices = new DeviceTokens(config);
  }

  phone(raw: string): string {
    const phone = normalizeVnPhone(raw);
    if (!phone)
      throw AppError.validation([{ field: 'phone', code: 'phone_verification.invalid_phone' }]);
    return phone;
  }

  async send(rawPhone: string, ip: string, deviceToken?: string): Promise<CodeSentView> {
    const phone = this.phone(rawPhone);
    const deviceKey = deviceToken ? this.devices.verify(deviceToken) : null;
    return this.issue(phone, ip, deviceKey, 'vote', (code, minutes) =>
      translate('phone_verification.sms_text', 'vi', { code, minutes }),
    );
  }

  /**
   * Stores a new code for `purpose` under the send limits (per phone, per address, per device:
   * codes of every purpose count) and sends it with `text`, or, when `text` is null, sends
   * nothing: the code is stored and counted all the same, so that a caller cannot tell from the
   * answer or the limits whether it went out (password reset for a number without an account).
   * With `delivery: 'background'` the answer does not wait for the provider either (a failure
   * is logged and retires the code) so that its delay reveals nothing.
   */
  async issue(
    phone: string,
    ip: string,
    deviceKey: string | null,
    purpose: CodePurpose,
    text: ((code: string, minutes: number) => string) | null,
    delivery: 'wait' | 'background' = 'wait',
  ): Promise<CodeSentView> {
    const o = this.config.otp;
    const code = randomInt(0, 10 ** CODE_DIGITS)
      .toString()
      .padStart(CODE_DIGITS, '0');
    const id = randomUUID();
    let expiresAt = new Date();
    const ipKey = ip.slice(0, 64);
    await this.repository.transaction(async (m) => {
      await this.repository.lockKeys(m, [
        `otp:p:${phone}`,
        `otp:i:${ipKey}`,
        ...(deviceKey ? [`otp:d:${deviceKey}`] : []),
      ]);
      // The clock is read once the keys are held: a code that another request stored while
      // this one waited for them is in its past (a resend wait of 0 never refuses it).
      const now = Date.now();
      expiresAt = new Date(now + o.ttlSeconds * 1000);
      const windowMs = o.sendWindowSeconds * 1000;
      const c = await this.repository.sendCounts(
        m,
        phone,
        ipKey,
        deviceKey,
        new Date(now - windowMs),
      );
      const waits: number[] = [];
      const until = (oldest: Date | null) =>
        oldest ? oldest.getTime() + windowMs - now : windowMs;
      if (c.phone >= o.sendPerPhone) waits.push(until(c.oldestPhone));
      if (c.ip >= o.sendPerIp) waits.push(until(c.oldestIp));
      if (deviceKey && c.device >= o.sendPerDevice) waits.push(until(c.oldestDevice));
      if (c.lastPhone && now - c.lastPhone.getTime() < o.resendSeconds * 1000)
        waits.push(c.lastPhone.getTime() + o.resendSeconds * 1000 - now);
      if (waits.length) {
        const retryAfter = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
        throw new AppError(
          HttpStatus.TOO_MANY_REQUESTS,
          'phone_verification.send_limited',
          { retryAfter },
          [],
          { 'Retry-After': String(retryAfter) },
        );
      }
      await this.repository.insertCode(m, {
        id,
        phone,
        purpose,
        codeHash: hashCode(o.secret, id, phone, code),
        ip: ipKey,
        deviceKey,
        attempts: 0,
        maxAttempts: o.maxAttempts,
        expiresAt,
        consumedAt: null,
      });
    });
    const sent = { phone, expiresAt, maxAttempts: o.maxAttempts, resendAfter: o.resendSeconds };
    if (text === null) return sent;
    const pending = this.provider.send({
      to: phone,
      code,
      text: text(code, Math.max(1, Math.round(o.ttlSeconds / 60))),
      ttlSeconds: o.ttlSeconds,
    });
    if (delivery === 'background') {
      // the answer must not wait for the gateway: its delay would tell who has an account
      void pending.catch(async (err: unknown) => {
        this.log.warn(`code not delivered: ${(err as Error).message}`);
        await this.repository.retire(id).catch(() => undefined);
      });
      return sent;
    }
    try {
      await pending;
    } catch (err) {
      this.log.warn(`code not delivered: ${(err as Error).message}`);
      await this.repository.retire(id).catch(() => undefined);
      throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'phone_verification.send_failed', {
        retryAfter: 5,
      });
    }
    return sent;
  }

  /**
   * Compares `code` with the phone's live code for `purpose`: a right code is used up, a wrong
   * one counts as a try (committed, whatever the caller answers).
   */
  check(phone: string, code: string, purpose: CodePurpose): Promise<CodeCheck> {
    return this.repository.transaction(async (m): Promise<CodeCheck> => {
      const row = await this.repository.lockCurrent(m, phone, purpose);
      if (!row) return { kind: 'none' };
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'expired' };
      if (row.attempts >= row.maxAttempts) return { kind: 'exhausted' };
      if (sameHash(row.codeHash, hashCode(this.config.otp.secret, row.id, phone, code))) {
        await this.repository.consume(m, row.id);
        return { kind: 'ok' };
      }
      await this.repository.recordFailure(m, row.id);
      return { kind: 'wrong', remaining: row.maxAttempts - row.attempts - 1 };
    });
  }

  async verify(rawPhone: string, code: string): Promise<VerifiedPhoneView> {
    const phone = this.phone(rawPhone);
    const check = await this.check(phone, code, 'vote');
    switch (check.kind) {
      case 'ok': {
        const { token, expiresAt } = this.tokens.issue(phone);
        return { token, phone, expiresAt };
      }
      case 'none':
        throw AppError.badRequest('phone_verification.no_code');
      case 'expired':
        throw new AppError(HttpStatus.GONE, 'phone_verification.code_expired');
      case 'exhausted':
        throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'phone_verification.too_many_attempts');
      case 'wrong':
        if (check.remaining <= 0)
          throw new AppError(HttpStatus.TOO_MANY_REQUESTS, 'phone_verification.too_many_attempts');
        throw AppError.badRequest('phone_verification.wrong_code', {
          remaining: check.remaining,
        });
    }
  }
}
