import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, limitPoolToOneSession, runMigrations } from './data-source';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  /** Apply pending migrations before anything else uses the database. */
  migrate: boolean;
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
            await limitPoolToOneSession(dataSource);
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
