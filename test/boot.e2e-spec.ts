import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import {
  buildProduct,
  RunningProcess,
  startProcess,
  startService,
  stopService,
} from './support/built-process';

/**
 * The built service as `npm start` runs it: no DATABASE_URL means the embedded database under
 * DATA_DIR, which must keep its data from one run to the next.
 */
describe('booting the built service', () => {
  let build: { dir: string; remove(): void };
  let dataDir: string;
  let running: RunningProcess | undefined;
  const env = () => ({ NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir });

  beforeAll(async () => {
    build = await buildProduct();
    dataDir = mkdtempSync(join(tmpdir(), 'hoithi-boot-'));
  });
  afterEach(async () => {
    if (running) await stopService(running);
    running = undefined;
  });
  afterAll(() => {
    build?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('starts on the embedded database with no configuration and keeps data across restarts', async () => {
    // First run: an empty DATA_DIR is created, migrated, and served.
    running = await startService(build.dir, env());
    expect(running.stdout()).toContain(`embedded PGlite in ${dataDir}/pg`);
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'ok' } },
    });
    const docs = await fetch(`${running.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');
    expect(await stopService(running)).toBe(0);
    running = undefined;

    // Between runs, a union unit is added straight into the stored database.
    const unitId = randomUUID();
    const direct = await startEmbeddedPostgres(join(dataDir, 'pg'));
    const pool = new Pool({ connectionString: direct.url, max: 1 });
    await pool.query(
      `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
       VALUES ($1, 'BOOT-01', 'Hội LHPN xã Hòa Bình', 'hoi lhpn xa hoa binh', 'Xã', NULL, $2, 0)`,
      [unitId, `${unitId}/`],
    );
    await pool.end();
    await direct.stop();

    // Second run: the unit is there; a contestant registers under it.
    running = await startService(build.dir, env());
    const email = `boot-${unitId.slice(0, 8)}@test.hoithi.vn`;
    const password = 'matkhau2024';
    const registered = await post(`${running.url}/auth/register`, {
      fullName: 'Trần Thị Mai',
      email,
      password,
      unitId,
    });
    expect(registered.status).toBe(201);
    const user = (await registered.json()) as { id: string };
    const firstLogin = await post(`${running.url}/auth/login`, { identifier: email, password });
    expect(firstLogin.status).toBe(200);
    const { accessToken } = (await firstLogin.json()) as { accessToken: string };
    expect(await stopService(running)).toBe(0);
    running = undefined;

    // Third run: the account, its session and the generated signing secret all survived.
    running = await startService(build.dir, env());
    const me = await fetch(`${running.url}/auth/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: user.id, email, unitId, role: 'contestant' });
    const again = await post(`${running.url}/auth/login`, { identifier: email, password });
    expect(again.status).toBe(200);
    expect(await stopService(running)).toBe(0);
    running = undefined;
  }, 180_000); // two boots of a fresh embedded database, migrated and seeded: slow on a busy machine

  it('shows the demo logins once, as a block after "listening" outside the JSON log, and never in production', async () => {
    const firstBootDir = mkdtempSync(join(tmpdir(), 'hoithi-first-boot-'));
    const prodDir = mkdtempSync(join(tmpdir(), 'hoithi-prod-boot-'));
    try {
      const bootEnv = { NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: firstBootDir };
      running = await startService(build.dir, bootEnv);
      await running.waitForOutput('Sign in: ');
      await running.waitForOutput('/app/\n');
      const out = running.stdout();
      const listening = out.indexOf('listening on http://');
      const blockStart = out.indexOf('Demo accounts');
      expect(blockStart).toBeGreaterThan(listening);
      // the block: plain lines, one per account, every JSON line before it free of passwords
      const lines = out.split('\n');
      const block = lines.filter((l) => l.includes('@demo.hoithi.vn'));
      expect(block).toHaveLength(5);
      for (const l of block) expect(l.trimStart().startsWith('{')).toBe(false);
      const adminLine = block.find((l) => l.includes('admin@demo.hoithi.vn'))!;
      const adminPassword = /admin@demo\.hoithi\.vn\s+(\S+)/.exec(adminLine)![1];
      for (const l of lines.filter((x) => x.startsWith('{'))) {
        expect(l).not.toContain(adminPassword);
        expect(l).not.toContain('hoithi2025');
      }
      expect(out).toContain(`Sign in: ${running.url}/app/`);
      const login = await post(`${running.url}/auth/login`, {
        identifier: 'admin@demo.hoithi.vn',
        password: adminPassword,
      });
      expect(login.status).toBe(200);
      expect(await stopService(running)).toBe(0);
      running = undefined;

      // the next boot seeds nothing and shows nothing
      running = await startService(build.dir, bootEnv);
      expect(await stopService(running)).toBe(0);
      expect(running.stdout()).not.toContain('@demo.hoithi.vn');
      running = undefined;

      // production: the demo data may be seeded, its logins are never printed
      running = await startService(build.dir, {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATA_DIR: prodDir,
        SEED_DEMO: 'true',
        JWT_SECRET: randomUUID() + randomUUID(),
      });
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      expect(await stopService(running)).toBe(0);
      expect(running.stdout()).toContain('demo data seeded');
      expect(running.stdout()).not.toContain('Demo accounts');
      expect(running.stdout()).not.toContain('hoithi2025');
      running = undefined;
    } finally {
      rmSync(firstBootDir, { recursive: true, force: true });
      rmSync(prodDir, { recursive: true, force: true });
    }
  });

  it('refuses an invalid setting with one line naming it and exit code 1', async () => {
    const proc = startProcess(build.dir, { ...env(), PORT: 'abc' });
    expect(await proc.exited).toBe(1);
    const lines = proc.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toContain('abc');
    expect(proc.stdout()).not.toContain('listening');
  });
});
