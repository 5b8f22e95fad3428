import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { PhoneVerificationModule } from '../phone-verification/phone-verification.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthController } from './auth.controller';
import { AuthHousekeeping } from './auth-housekeeping';
import { AuthService } from './auth.service';
import { LoginAttempt } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { JwtAuthGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { PrincipalCache } from './principal-cache';
import { PrincipalResolver } from './principal-resolver';
import { VerifiedTokenCache } from './verified-token.cache';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { PasswordResetService } from './password-reset.service';
import { SessionCookies } from './session-cookies';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    UsersModule,
    PhoneVerificationModule,
    PassportModule.register({ session: false }),
    TypeOrmModule.forFeature([RefreshToken, LoginAttempt]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.jwt.accessTtlSeconds,
          issuer: config.jwt.issuer,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: config.jwt.issuer },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokensService,
    RefreshTokensRepository,
    LoginThrottleRepository,
    LoginThrottleService,
    PrincipalCache,
    PrincipalResolver,
    VerifiedTokenCache,
    JwtStrategy,
    LocalStrategy,
    AccessTokenVerifier,
    AuthHousekeeping,
    SessionCookies,
    PasswordResetService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AccessTokenVerifier],
})
export class AuthModule {}
