import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { HealthService } from './health/health.service';
import { DemoLogin, DemoSeeder, formatDemoLogins } from './seed/demo.seeder';
import { join } from 'node:path';

async function bootstrap(config: AppConfig) {
  // Signals are taken from the start: one that arrives while booting stops the service once it
  // has booted (nothing is left half-migrated), and none ever falls back to the default action
  // (`on`, not `once`: Ctrl-C reaches both npm and the service, and npm forwards it once more).
  let requested: string | undefined;
  const stopper: { shutdown?: (signal: string) => Promise<void> } = {};
  const onSignal = (signal: string) => {
    requested ??= signal;
    if (stopper.shutdown) void stopper.shutdown(signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'));
    databaseUrl = embedded.url;
  }
  let app: NestFastifyApplication | undefined;
  let demoLogins: DemoLogin[] | undefined;
  try {
    app = await createApp({ config, databaseUrl });
    await app.init();
    if (config.seedDemo) demoLogins = await app.get(DemoSeeder).seedIfEmpty();
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  const running = app;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    running.get(HealthService).markShuttingDown();
    console.log(
      JSON.stringify({
        level: 30,
        time: Date.now(),
        msg: `${signal}: finishing in-flight requests`,
      }),
    );
    const timer = setTimeout(() => {
      console.error(
        JSON.stringify({ level: 50, time: Date.now(), msg: 'shutdown timed out; exiting' }),
      );
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await running.close();
      await embedded?.stop();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  stopper.shutdown = shutdown;
  if (requested) return shutdown(requested);

  const url = await running.getUrl();
  console.log(
    JSON.stringify({
      level: 30,
      time: Date.now(),
      msg: `Hội Thi listening on ${url} (database: ${embedded ? `embedded PGlite in ${config.dataDir}/pg` : 'PostgreSQL'}); API docs at ${url}/docs`,
    }),
  );

  // The demo logins, once, as the last thing the first boot prints (after the log lines still
  // waiting for this turn's write), and never in production.
  if (demoLogins && config.nodeEnv !== 'production') {
    await new Promise((resolve) => setImmediate(resolve));
    if (!closing) process.stdout.write(`${formatDemoLogins(demoLogins, `${url}/app/`)}\n`);
  }
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
bootstrap(config).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
