import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuditListingModule } from './audit/listing/audit-listing.module';
import { AuthModule } from './auth/auth.module';
import { BackupModule } from './backup/backup.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ContestsModule } from './contests/contests.module';
import { DatabaseModule } from './database/database.module';
import { EntriesModule } from './entries/entries.module';
import { EventsModule } from './common/events/events.module';
import { PublicModule } from './public/public.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MediaModule } from './media/media.module';
import { MetricsModule } from './metrics/metrics.module';
import { JudgingModule } from './judging/judging.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SeedModule } from './seed/seed.module';
import { UsersModule } from './users/users.module';
import { VotingModule } from './voting/voting.module';
import { PhoneVerificationModule } from './phone-verification/phone-verification.module';
import { VoteIntegrityModule } from './vote-integrity/vote-integrity.module';
import { PagesModule } from './pages/pages.module';
import { WebModule } from './web/web.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The database actually used: DATABASE_URL, or the embedded server's address. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: config.dbPoolSize,
          migrate: true,
          strictTransactions: config.nodeEnv !== 'production',
        }),
        MetricsModule,
        AuditModule,
        HealthModule,
        OrgUnitsModule,
        UsersModule,
        AuthModule,
        RealtimeModule,
        EventsModule,
        ContestsModule,
        AuditListingModule,
        EntriesModule,
        JudgingModule,
        PublicModule,
        JobsModule,
        MediaModule,
        VotingModule,
        PhoneVerificationModule,
        VoteIntegrityModule,
        PagesModule,
        SeedModule,
        BackupModule,
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
