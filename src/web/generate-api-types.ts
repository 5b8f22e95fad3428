/**
 * npm run web:api — writes the web app's API types from the application's OpenAPI document,
 * built without listening, on DATABASE_URL or a throwaway embedded database.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, openApiDocument } from '../app.factory';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { API_TYPES_PATH, apiTypesSource } from './api-types';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hoithi-api-types-'));
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres();
  try {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATA_DIR: dir,
      REDIS_URL: '',
      ...(embedded ? { DATABASE_URL: embedded.url } : {}),
    });
    const app = await createApp({ config, databaseUrl: config.databaseUrl!, quiet: true });
    try {
      await app.init();
      const source = await apiTypesSource(openApiDocument(app));
      writeFileSync(join(__dirname, '../../..', API_TYPES_PATH), source);
      console.log(`wrote ${API_TYPES_PATH} (${source.length} characters)`);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
