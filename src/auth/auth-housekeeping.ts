import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LoginThrottleRepository } from './login-throttle.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const EVERY_MS = 60 * 60 * 1000;

/** Hourly: drops refresh tokens long expired and login counters long quiet. */
@Injectable()
export class AuthHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuthHousekeeping');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly throttle: LoginThrottleRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      await this.refreshTokens.purgeExpired();
      await this.throttle.purgeStale(24 * 3600);
    } catch (err) {
      this.logger.warn(`housekeeping failed: ${(err as Error).message}`);
    }
  }
}
