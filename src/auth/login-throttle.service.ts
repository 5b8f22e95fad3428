import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { AppError } from '../common/errors/app-error';
import { LoginThrottleRepository } from './login-throttle.repository';

/**
 * Three counters guard the login:
 * - account × IP: after LOGIN_MAX_FAILURES failures this pair is locked, longer each time
 *   (up to LOGIN_MAX_LOCKOUT_SECONDS). Someone guessing from their own address locks only
 *   themselves.
 * - IP: after LOGIN_MAX_FAILURES_PER_IP failures across any accounts the address is locked
 *   (password spraying).
 * - account, any IP: a short, non-escalating lock (at most 60 s) after four times the pair
 *   limit, which an address the account has logged in from before does not feel. So nobody can
 *   keep another person out of their account.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: LoginThrottleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(account: string, ip: string) {
    return { pair: `pair:${account}|${ip}`, ip: `ip:${ip}`, account: `acct:${account}` };
  }

  async assertAllowed(account: string, ip: string, ipIsKnownForAccount: () => Promise<boolean>) {
    const keys = this.keys(account, ip);
    const locks = await this.repository.locks([keys.pair, keys.ip, keys.account]);
    let relevant = locks;
    if (locks.some((l) => l.key === keys.account) && (await ipIsKnownForAccount())) {
      relevant = locks.filter((l) => l.key !== keys.account);
    }
    if (relevant.length === 0) return;
    const until = Math.max(...relevant.map((l) => l.lockedUntil!.getTime()));
    throw AppError.tooManyRequests((until - Date.now()) / 1000, 'auth.locked');
  }

  async recordFailure(account: string, ip: string): Promise<void> {
    const { login } = this.config;
    const keys = this.keys(account, ip);
    const short = Math.min(60, login.lockoutSeconds);
    await this.repository.fail(
      keys.pair,
      login.windowSeconds,
      login.maxFailuresPerAccount,
      login.lockoutSeconds,
      login.maxLockoutSeconds,
      true,
    );
    await this.repository.fail(
      keys.ip,
      login.windowSeconds,
      login.maxFailuresPerIp,
      login.lockoutSeconds,
      login.maxLockoutSeconds,
      true,
    );
    await this.repository.fail(
      keys.account,
      login.windowSeconds,
      login.maxFailuresPerAccount * 4,
      short,
      short,
      false,
    );
  }

  async recordSuccess(account: string, ip: string): Promise<void> {
    await this.repository.clear([this.keys(account, ip).pair]);
  }

  /**
   * The account's owner proved who they are another way (a code sent to its phone) and set a
   * new password: the failures counted against it, from any address, no longer lock it. An
   * address's own count (spraying across accounts) stays.
   */
  async forgiveUser(userId: string): Promise<void> {
    await this.repository.clearAccount(`user:${userId}`);
  }
}
