import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import sharp from 'sharp';
import { runCli } from '../src/cli';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { MEDIA_STORAGE, MediaStorage } from '../src/storage/storage';
import { startTestS3, TestS3 } from './support/s3';
import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, RUBRIC, scoresFor } from './judging.fixtures';
import { putEntry, removeDir, tempDir, waitForStatus } from './media-support';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { buildProduct, RunningProcess, startService, stopService } from './support/built-process';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { castOverHttp, deviceToken, openSession, VotingFixture } from './voting-helpers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** An empty database (no schema at all) on the test server, as on a new machine. */
async function emptyDatabase(): Promise<TestDatabase> {
  const server = process.env.HOITHI_TEST_SERVER!;
  const name = `hoithi_restore_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 3 });
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const a = new Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Every row of a table as JSON text, by its key. */
async function rowsOf(pool: Pool, table: string, key = 'id'): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ k: string; j: string }>(
    `SELECT ${key}::text AS k, row_to_json(t)::text AS j FROM ${table} t`,
  );
  return new Map(rows.map((r) => [r.k, r.j]));
}

const serverAvailable = process.env.HOITHI_TEST_DB_MODE === 'server';

/**
 * A backup of a running service on a PostgreSQL server, made while votes are cast and a file
 * is uploaded, restored onto an empty database and an empty S3-compatible store (a new machine;
 * the source keeps its media on local disk), then compared with the source: entries, score
 * sheets, files, votes and the chain of vote batches.
 */
// with no PostgreSQL server (the embedded database only) the part below runs alone
const onServer = serverAvailable ? describe : () => undefined;

onServer('backup and restore (PostgreSQL server)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let t: TestApp;
  let restored: TestApp | undefined;
  let srcUploads: string;
  let dstUploads: string;
  let s3: TestS3;
  let backupDir: string;
  let work: string;
  let owner: TestUser;
  let entryId: string;
  let voting: VotingFixture;
  const env = () => ({ JOB_POLL_MS: '50', JWT_SECRET: 'x'.repeat(40) });

  beforeAll(async () => {
    srcUploads = tempDir('backup-src');
    dstUploads = tempDir('backup-dst');
    // the new machine keeps its media in an S3-compatible store
    s3 = await startTestS3();
    work = tempDir('backup-work');
    backupDir = join(work, 'backup');
    source = await createTestDatabase();
    t = await startTestApp({ ...env(), UPLOADS_DIR: srcUploads }, source);

    // judging: a round with a rubric, two judges and sheets submitted by one of them
    const judges = [await createUser(t, UserRole.Judge), await createUser(t, UserRole.Judge)];
    const s = await buildScenario(t, {
      perCommune: 1,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    const roundId = s.c.rounds.commune;
    await t
      .http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC)
      .expect(200);
    await t
      .http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 2, seed: 'sao-luu' })
      .expect(200);
    const queue = await t
      .http()
      .get(`/judging/rounds/${roundId}/queue`)
      .set('Authorization', judges[0].auth);
    for (const [i, item] of (queue.body.items as { entryId: string }[]).entries()) {
      await t
        .http()
        .put(`/judging/rounds/${roundId}/entries/${item.entryId}/sheet`)
        .set('Authorization', judges[0].auth)
        .send({ scores: scoresFor(i, 0), submit: true })
        .expect(200);
    }

    // media: two files processed (originals and derivatives)
    owner = await createUser(t, UserRole.Contestant);
    entryId = putEntry(t, { ownerId: owner.id });
    for (const color of ['#c33', '#3c3']) {
      const res = await upload(await image(color));
      await waitForStatus(t, res, ['ready']);
    }
    voting = await openSession(t, {
      entries: 3,
      policy: { perEntry: 1000, identities: ['device'] },
    });
  }, 240_000);

  afterAll(async () => {
    await restored?.close();
    await t?.close();
    await source?.drop();
    await target?.drop();
    removeDir(srcUploads);
    removeDir(dstUploads);
    await s3?.close();
    removeDir(work);
  });

  const image = (background: string) =>
    sharp({ create: { width: 900, height: 600, channels: 3, background } })
      .composite([{ input: randomBytes(60 * 40 * 3), raw: { width: 60, height: 40, channels: 3 } }])
      .jpeg()
      .toBuffer();

  async function upload(data: Buffer): Promise<string> {
    const res = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', data, { filename: 'anh-sinh-hoat.jpg' });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  it('backs up during writes, restores onto an empty machine and gives back what was committed', async () => {
    const tokens = await Promise.all([0, 1, 2, 3].map(() => deviceToken(t)));
    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      // votes until the backup is done (bounded: at most 3,000 or 120 s)
      const end = Date.now() + 120_000;
      for (let i = 0; writing && i < 3000 && Date.now() < end; i++) {
        const id = randomUUID();
        const res = await castOverHttp(
          t,
          voting.sessionId,
          { entryId: voting.entryIds[i % 3], voterToken: tokens[i % 4] },
          id,
        );
        if (res.status === 201) acknowledged.push({ id, at: Date.now() });
      }
    })();
    // and a file arrives while the backup runs
    const lateUpload = (async () => {
      await new Promise((r) => setTimeout(r, 200));
      return upload(await image('#33c'));
    })();

    while (acknowledged.length < 50) await new Promise((r) => setTimeout(r, 20));
    const startedAt = Date.now();
    const backup = await cli(['backup', backupDir], {
      NODE_ENV: 'test',
      DATABASE_URL: source.url,
      UPLOADS_DIR: srcUploads,
      LANG: 'en_US.UTF-8',
    });
    writing = false;
    await writer;
    const lateId = await lateUpload;
    expect(backup.err).toEqual([]);
    expect(backup.code).toBe(0);
    expect(backup.out[0]).toMatch(/^Backed up into .*: the database \(\d+ rows in \d+ tables\)/);
    // acknowledged in the same millisecond the backup began is still before it (one thread)
    const before = acknowledged.filter((v) => v.at <= startedAt).map((v) => v.id);
    expect(before.length).toBeGreaterThanOrEqual(50);

    // a new machine: an empty database and an empty media folder
    target = await emptyDatabase();
    const restore = await cli(['restore', backupDir], {
      NODE_ENV: 'test',
      DATABASE_URL: target.url,
      UPLOADS_DIR: dstUploads,
      LANG: 'en_US.UTF-8',
      ...s3.env,
    });
    expect(restore.err).toEqual([]);
    expect(restore.code).toBe(0);

    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      database: { tables: Record<string, number> };
      media: { missing: string[] };
    };
    expect(manifest.media.missing).toEqual([]);
    // the restored database holds what the backup counted, table by table
    for (const [table, n] of Object.entries(manifest.database.tables)) {
      const { rows } = await target.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}"`,
      );
      expect({ table, n: rows[0].n }).toEqual({ table, n });
    }

    // what did not change while the backup ran comes back identical
    for (const table of ['entries', 'entry_versions', 'score_sheets', 'users', 'contests']) {
      expect({ table, rows: await rowsOf(target.pool, table) }).toEqual({
        table,
        rows: await rowsOf(source.pool, table),
      });
    }
    // votes: every one acknowledged before the backup began, none that was never stored
    const votesA = await rowsOf(source.pool, 'votes');
    const votesB = await rowsOf(target.pool, 'votes');
    for (const id of before) expect(votesB.has(id)).toBe(true);
    for (const [id, row] of votesB) expect(votesA.get(id)).toBe(row);
    expect(votesB.size).toBeLessThan(votesA.size);
    // the chain: the restored batches are the source's, the head is the last restored batch,
    // and the batches count every restored vote
    const batchesA = await rowsOf(source.pool, 'vote_batches');
    const batchesB = await rowsOf(target.pool, 'vote_batches');
    for (const [id, row] of batchesB) expect(batchesA.get(id)).toBe(row);
    const head = await target.pool.query<{
      hash: string;
      seq: number;
      last: string;
      votes: number;
    }>(
      `SELECT h.hash, h.seq,
              (SELECT hash FROM vote_batches b WHERE b.session_id = h.session_id ORDER BY seq DESC LIMIT 1) AS last,
              (SELECT sum(vote_count)::int FROM vote_batches b WHERE b.session_id = h.session_id) AS votes
         FROM vote_chain_heads h WHERE h.session_id = $1`,
      [voting.sessionId],
    );
    expect(head.rows[0].hash).toBe(head.rows[0].last);
    expect(head.rows[0].votes).toBe(votesB.size);
    const recount = await cli(['recount', voting.sessionId], {
      NODE_ENV: 'test',
      DATABASE_URL: target.url,
      UPLOADS_DIR: dstUploads,
      LANG: 'en_US.UTF-8',
    });
    expect(recount.code).toBe(0);
    expect(recount.out[0]).toMatch(/hash chain valid/);

    // files: every file the restored rows name is served by a service on the new machine, whole
    // and by range, with the bytes the source serves
    restored = await startTestApp({ ...env(), UPLOADS_DIR: dstUploads, ...s3.env }, target);
    restored.app
      .get(InMemoryEntryCatalog)
      .put(entryId, t.app.get(InMemoryEntryCatalog).get(entryId)!);
    const media = await target.pool.query<{ id: string; sha256: string; status: string }>(
      'SELECT id, sha256, status FROM media_items ORDER BY created_at',
    );
    expect(media.rows.length).toBeGreaterThanOrEqual(2);
    for (const m of media.rows) {
      if (m.status !== 'ready') continue;
      for (const variant of ['original', 'thumb', 'preview']) {
        const a = await t.http().get(`/media/${m.id}/${variant}`).set('Authorization', owner.auth);
        const b = await restored
          .http()
          .get(`/media/${m.id}/${variant}`)
          .set('Authorization', owner.auth);
        expect(b.status).toBe(200);
        expect(sha256(b.body as Buffer)).toBe(sha256(a.body as Buffer));
        if (variant === 'original') expect(sha256(b.body as Buffer)).toBe(m.sha256);
      }
      const range = await restored
        .http()
        .get(`/media/${m.id}/original`)
        .set('Authorization', owner.auth)
        .set('Range', 'bytes=10-19');
      expect(range.status).toBe(206);
    }
    // the file that arrived during the backup: in the source; in the copy, whole or not at all
    expect((await waitForStatus(t, lateId, ['ready'])).status).toBe('ready');
    // the objects on the new machine are exactly those of the backup
    const copied = readdirSync(join(backupDir, 'objects'), { recursive: true })
      .map(String)
      .filter((f) => /[0-9a-f]{64}$/.test(f))
      .map((f) => f.slice(-64));
    const stored: string[] = [];
    for await (const key of restored.app.get<MediaStorage>(MEDIA_STORAGE).list()) stored.push(key);
    expect(stored.sort()).toEqual(copied.sort());
    expect(existsSync(join(backupDir, 'database.pgdump'))).toBe(true);
  });

  it('refuses to restore over data, to write into a folder in use, or from a folder that is not a backup', async () => {
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: source.url,
      UPLOADS_DIR: srcUploads,
      LANG: 'en_US.UTF-8',
    };
    const intoUsed = await cli(['restore', backupDir], env);
    expect(intoUsed.code).toBe(1);
    expect(intoUsed.err[0]).toMatch(/backup\.target_not_empty/);
    const notEmpty = await cli(['backup', backupDir], env);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err[0]).toMatch(/backup\.dir_not_empty/);
    const notBackup = await cli(['restore', work], env);
    expect(notBackup.code).toBe(1);
    expect(notBackup.err[0]).toMatch(/backup\.not_a_backup/);
    const usage = await cli(['backup'], env);
    expect(usage.code).toBe(1);
    expect(usage.err[0]).toMatch(/^Usage: npm run cli -- backup/);
  });
});

/**
 * The service on the embedded database, as `npm start` runs it: it holds its data folder, so
 * `backup` asks it (through its control socket) to write the backup while it keeps serving;
 * the backup is restored into a new data folder with the service stopped, and compared.
 */
describe('backup and restore (embedded database, service running)', () => {
  let build: { dir: string; remove(): void };
  let work: string;
  let running: RunningProcess | undefined;
  const dirs = () => ({
    a: { DATA_DIR: join(work, 'a-data'), UPLOADS_DIR: join(work, 'a-uploads') },
    b: { DATA_DIR: join(work, 'b-data'), UPLOADS_DIR: join(work, 'b-uploads') },
  });
  const base = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    LANG: 'en_US.UTF-8',
  };
  const password = 'matkhau-sao-luu-2026';

  beforeAll(async () => {
    build = await buildProduct();
    work = tempDir('backup-embedded');
  }, 180_000);
  afterAll(async () => {
    if (running) await stopService(running);
    build?.remove();
    removeDir(work);
  });

  const login = async (url: string) => {
    const res = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'quantri@hoithi.vn', password }),
    });
    return {
      status: res.status,
      token: ((await res.json()) as { accessToken: string }).accessToken,
    };
  };

  it('the running service writes the backup during writes; a new data folder gets it back', async () => {
    const { a, b } = dirs();
    const admin = await cli(
      [
        'create-admin',
        '--email',
        'quantri@hoithi.vn',
        '--name',
        'Quản trị',
        '--password',
        password,
      ],
      { ...base, ...a },
    );
    expect(admin.code).toBe(0);
    running = await startService(build.dir, { ...base, ...a });
    const { token } = await login(running.url);
    const url = running.url;

    const created: { id: string; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      const end = Date.now() + 120_000;
      for (let i = 0; writing && i < 2000 && Date.now() < end; i++) {
        const res = await fetch(`${url}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            fullName: `Hội viên số ${i}`,
            email: `hoivien${i}@hoithi.vn`,
            password: 'matkhau2024',
            role: 'contestant',
          }),
        });
        if (res.status === 201)
          created.push({ id: ((await res.json()) as { id: string }).id, at: Date.now() });
      }
    })();
    while (created.length < 10) await new Promise((r) => setTimeout(r, 20));
    const startedAt = Date.now();
    const backupDir = join(work, 'backup');
    const backup = await cli(['backup', backupDir], { ...base, ...a });
    writing = false;
    await writer;
    expect(backup.err).toEqual([]);
    expect(backup.code).toBe(0);
    expect(existsSync(join(backupDir, 'database', 'users.jsonl'))).toBe(true);
    // the service kept serving, and stops as before
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await stopService(running)).toBe(0);
    running = undefined;
    // with the service stopped the command opens the database itself
    const offline = await cli(['backup', join(work, 'backup-offline')], { ...base, ...a });
    expect(offline.code).toBe(0);
    const offlineManifest = JSON.parse(
      readFileSync(join(work, 'backup-offline', 'manifest.json'), 'utf8'),
    ) as { database: { tables: Record<string, number> } };

    const restore = await cli(['restore', backupDir], { ...base, ...b });
    expect(restore.err).toEqual([]);
    expect(restore.code).toBe(0);
    // a second restore into the same folder changes nothing
    const again = await cli(['restore', backupDir], { ...base, ...b });
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/backup\.data_dir_not_empty/);

    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      database: { tables: Record<string, number> };
    };
    const ea = await startEmbeddedPostgres(join(a.DATA_DIR, 'pg'));
    const eb = await startEmbeddedPostgres(join(b.DATA_DIR, 'pg'));
    const pa = new Pool({ connectionString: ea.url, max: 1 });
    const pb = new Pool({ connectionString: eb.url, max: 1 });
    try {
      for (const [table, n] of Object.entries(manifest.database.tables)) {
        const { rows } = await pb.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
        expect({ table, n: rows[0].n }).toEqual({ table, n });
      }
      // the offline backup is of the last state: every user the service created
      const all = await pa.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(offlineManifest.database.tables.users).toBe(all.rows[0].n);
      expect(all.rows[0].n).toBe(created.length + 1);
      const usersA = await rowsOf(pa, 'users');
      const usersB = await rowsOf(pb, 'users');
      for (const u of created.filter((c) => c.at < startedAt)) expect(usersB.has(u.id)).toBe(true);
      for (const [id, row] of usersB) expect(usersA.get(id)).toBe(row);
      expect(await rowsOf(pb, 'org_units')).toEqual(await rowsOf(pa, 'org_units'));
      // the audit log's numbering goes on where it was
      const next = await pb.query<{ max: string }>('SELECT max(id)::text AS max FROM audit_log');
      expect(Number(next.rows[0].max)).toBeGreaterThan(0);
    } finally {
      await pa.end();
      await pb.end();
      await ea.stop();
      await eb.stop();
    }

    // the restored folder serves: the administrator logs in, and new rows get new numbers
    running = await startService(build.dir, { ...base, ...b });
    const restored = await login(running.url);
    expect(restored.status).toBe(200);
    const res = await fetch(`${running.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${restored.token}` },
      body: JSON.stringify({
        fullName: 'Hội viên mới',
        email: 'moi@hoithi.vn',
        password: 'matkhau2024',
        role: 'contestant',
      }),
    });
    expect(res.status).toBe(201);
    // two new embedded databases migrated (create-admin, restore) on a shared machine: minutes
  }, 400_000);
});
