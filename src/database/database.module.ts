import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, limitPoolToOneSession, runMigrations } from './data-source';
import { guardSecondConnections } from './transaction-guard';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  /** Apply pending migrations before anything else uses the database. */
  migrate: boolean;
  /**
   * Refuse (rather than log) a query that asks the pool for a second connection inside a
   * transaction (see transaction-guard.ts); always refused on the embedded database, where it
   * could only wait for itself.
   */
  strictTransactions?: boolean;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions) {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions({ url: options.url, poolSize: options.poolSize }),
          dataSourceFactory: async (opts) => {
            const dataSource = await new DataSource(opts!).initialize();
            const embedded = await limitPoolToOneSession(dataSource);
            guardSecondConnections(
              dataSource,
              embedded || options.strictTransactions ? 'throw' : 'log',
            );
            if (options.migrate) {
              const applied = await runMigrations(dataSource);
              if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
