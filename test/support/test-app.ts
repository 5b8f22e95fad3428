import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createEmbeddedTestDatabase, createTestDatabase, TestDatabase } from './test-db';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** supertest bound to the running application */
  http: () => TestAgent;
  /** base URL of the listening server (for socket clients, raw HTTP) */
  url: string;
  db: Pool;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on its own fresh database (the embedded one with `options.embedded`,
 * whatever the other test files use), dropped on close; or on `database`, kept. `env` overrides
 * configuration variables as the environment would (e.g. `{ LOGIN_LOCKOUT_SECONDS: '2' }`).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: { logStream?: NodeJS.WritableStream; embedded?: boolean } = {},
): Promise<TestApp> {
  const db =
    database ??
    (options.embedded ? await createEmbeddedTestDatabase() : await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    DATA_DIR: '/tmp/hoithi-test-data',
    ...env,
    DATABASE_URL: db.url,
  });
  const app = await createApp({
    config,
    databaseUrl: db.url,
    quiet: !options.logStream,
    logStream: options.logStream,
  });
  await app.init();
  // A fixed PORT (env override) lets a test restart the app where its clients reconnect.
  await app.listen({ port: env.PORT ? Number(env.PORT) : 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    url,
    db: db.pool,
    databaseUrl: db.url,
    async close() {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

/**
 * The application on a fresh embedded database (PGlite, as `npm start` runs without
 * DATABASE_URL), whatever database the other test files use; closing it drops the database.
 */
export function startEmbeddedTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp(env, undefined, { embedded: true });
}
