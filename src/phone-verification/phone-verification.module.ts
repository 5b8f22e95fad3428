import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { VERIFIED_PHONE_RESOLVER } from '../voting/voter-identity';
import { HttpOtpProvider, LogOtpProvider, OTP_PROVIDER, OtpOutbox } from './otp-provider';
import { PhoneVerificationController } from './phone-verification.controller';
import { PhoneVerificationRepository } from './phone-verification.repository';
import { PhoneVerificationService } from './phone-verification.service';
import { VerifiedPhoneTokens } from './phone-tokens';

/** One-time codes to phones, and the verified-phone tokens voters present. */
@Module({
  controllers: [PhoneVerificationController],
  providers: [
    PhoneVerificationRepository,
    PhoneVerificationService,
    VerifiedPhoneTokens,
    OtpOutbox,
    LogOtpProvider,
    {
      provide: OTP_PROVIDER,
      inject: [APP_CONFIG, OtpOutbox],
      useFactory: (config: AppConfig, outbox: OtpOutbox) =>
        config.otp.provider === 'http' ? new HttpOtpProvider(config) : new LogOtpProvider(outbox),
    },
    { provide: VERIFIED_PHONE_RESOLVER, useExisting: VerifiedPhoneTokens },
  ],
  exports: [
    VERIFIED_PHONE_RESOLVER,
    VerifiedPhoneTokens,
    OtpOutbox,
    PhoneVerificationService,
    OTP_PROVIDER,
  ],
})
export class PhoneVerificationModule {}
