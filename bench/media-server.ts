/**
 * The API process of the media benchmark: the real application (createApp) on a given database,
 * reporting over IPC its address, a token and an entry to upload to, and on request its
 * event-loop delay and memory. Started by media.bench.ts.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { JobsService } from '../src/jobs/jobs.service';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { UserRole } from '../src/users/entities/user.entity';
import { UsersService } from '../src/users/users.service';

async function main() {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
  });
  const app = await createApp({ config, databaseUrl: config.databaseUrl!, quiet: true });
  await app.init();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const email = `bench-${Date.now()}@bench.hoithi.vn`;
  const user = await app.get(UsersService).create(
    {
      fullName: 'Bench',
      email,
      password: 'matkhau-bench-2024',
      role: UserRole.Contestant,
      unitId: null,
    },
    null,
  );
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password: 'matkhau-bench-2024' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const catalog = app.get(InMemoryEntryCatalog);
  const newEntry = () => {
    const id = crypto.randomUUID();
    catalog.put(id, {
      ownerId: user.id,
      status: 'draft',
      published: false,
      blindJudging: false,
      organizerIds: [],
      judgeIds: [],
      rules: {
        kinds: ['video', 'image', 'audio', 'document'],
        minCount: 0,
        maxCount: 10_000,
        maxSizeBytes: 8 * 1024 ** 3,
      },
    });
    return id;
  };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'entry') process.send!({ type: 'entry', entryId: newEntry() });
    if (msg.type === 'reset-loop') {
      loop.reset();
      process.send!({ type: 'reset-loop' });
    }
    if (msg.type === 'loop')
      process.send!({
        type: 'loop',
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
        mean: loop.mean / 1e6,
      });
    if (msg.type === 'start-jobs') {
      app.get(JobsService).start();
      process.send!({ type: 'start-jobs' });
    }
    if (msg.type === 'pause-jobs')
      void app
        .get(JobsService)
        .pause()
        .then(() => process.send!({ type: 'pause-jobs' }));
    if (msg.type === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', url, token: accessToken, entryId: newEntry() });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
