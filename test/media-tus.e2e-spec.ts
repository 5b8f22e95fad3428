import { readFileSync } from 'node:fs';
import * as tus from 'tus-js-client';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { MediaTusService } from '../src/media/media-tus.service';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, login, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import {
  filesUnder,
  makeClip,
  putEntry,
  removeDir,
  sha256,
  tempDir,
  waitForStatus,
} from './media-support';

describe('Resumable uploads (tus)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let owner: TestUser;
  let uploads: string;
  let work: string;
  const env = () => ({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });

  beforeAll(async () => {
    uploads = tempDir('tus-uploads');
    work = tempDir('tus-work');
    db = await createTestDatabase();
    t = await startTestApp(env(), db);
    owner = await createUser(t, UserRole.Contestant);
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    removeDir(uploads);
    removeDir(work);
  });

  function send(
    data: Buffer,
    opts: {
      entryId?: string;
      uploadUrl?: string;
      token?: string;
      filename?: string;
      filetype?: string;
      /** Return true to abort the upload (the promise then resolves with `aborted`). */
      onProgress?: (sent: number, upload: tus.Upload) => boolean | void;
    },
  ): Promise<{
    url: string | null;
    error?: Error;
    aborted?: boolean;
    response?: tus.HttpResponse | null;
  }> {
    return new Promise((resolve) => {
      const upload: tus.Upload = new tus.Upload(data, {
        endpoint: `${t.url}/media/uploads/tus`,
        uploadUrl: opts.uploadUrl,
        chunkSize: 64 * 1024,
        retryDelays: null,
        storeFingerprintForResuming: false,
        headers: { Authorization: `Bearer ${opts.token ?? owner.accessToken}` },
        metadata: {
          entryId: opts.entryId ?? '',
          filename: opts.filename ?? 'clip.mp4',
          filetype: opts.filetype ?? 'video/mp4',
        },
        onProgress: (sent) => {
          if (opts.onProgress?.(sent, upload) === true) {
            void upload.abort().then(() => resolve({ url: upload.url, aborted: true }));
          }
        },
        onSuccess: (payload) => resolve({ url: upload.url, response: payload.lastResponse }),
        onError: (error) => resolve({ url: upload.url, error }),
      });
      upload.start();
    });
  }

  it('a clip cut off twice (client abort, then a server restart) completes with the right hash', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const facts = t.app.get(InMemoryEntryCatalog).get(entryId)!;
    const clipPath = await makeClip(work, 'long.mp4', {
      width: 640,
      height: 360,
      seconds: 4,
      args: [
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-qp',
        '4',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
      ],
    });
    const clip = readFileSync(clipPath);
    expect(clip.length).toBeGreaterThan(256 * 1024);

    // 1. the client gives up after about a third
    let firstUrl: string | null = null;
    const first = await new Promise<string>((resolve) => {
      const upload: tus.Upload = new tus.Upload(clip, {
        endpoint: `${t.url}/media/uploads/tus`,
        chunkSize: 64 * 1024,
        retryDelays: null,
        storeFingerprintForResuming: false,
        headers: { Authorization: owner.auth },
        metadata: { entryId, filename: 'Phóng sự.mp4', filetype: 'video/mp4' },
        onProgress: (sent) => {
          if (sent > clip.length / 3 && !firstUrl) {
            firstUrl = upload.url;
            void upload.abort().then(() => resolve(upload.url!));
          }
        },
        onError: (e) => resolve(`error ${e.message}`),
      });
      upload.start();
    });
    expect(first).toMatch(/\/media\/uploads\/tus\/[0-9a-f]{32}$/);
    const id = first.split('/').pop()!;
    const { rows } = await t.db.query('SELECT id, status FROM media_items WHERE tus_id = $1', [id]);
    expect(rows[0].status).toBe('uploading');
    const mediaId = rows[0].id as string;

    // 2. resume; the server goes down at about two thirds
    const resumeUrl = () => `${t.url}/media/uploads/tus/${id}`;
    let closing: Promise<void> | undefined;
    let resumedFrom = -1;
    const second = await send(clip, {
      uploadUrl: resumeUrl(),
      onProgress: (sent) => {
        if (resumedFrom < 0) resumedFrom = sent;
        if (sent > (clip.length * 2) / 3 && !closing) closing = t.app.close();
      },
    });
    expect(second.error).toBeDefined();
    await closing;
    const offsetBeforeRestart = readFileSync(`${uploads}/resumable/${id}`).length;
    expect(offsetBeforeRestart).toBeGreaterThan(clip.length / 3);
    expect(offsetBeforeRestart).toBeLessThan(clip.length);

    // 3. a new process on the same database and folder; the client resumes where it stopped
    t = await startTestApp(env(), db);
    // the entry catalog lives in memory: the new process learns the entry again
    t.app.get(InMemoryEntryCatalog).put(entryId, { ...facts, ownerId: owner.id });
    const token = (await login(t, owner.email)).accessToken;
    owner = { ...owner, accessToken: token, auth: `Bearer ${token}` };
    let sentAfterRestart = 0;
    const third = await send(clip, {
      uploadUrl: resumeUrl(),
      token,
      onProgress: (sent) => {
        if (!sentAfterRestart) sentAfterRestart = sent;
      },
    });
    expect(third.error).toBeUndefined();
    expect(sentAfterRestart).toBeGreaterThanOrEqual(offsetBeforeRestart); // did not start over
    const item = await t.db.query(
      'SELECT sha256, size_bytes, status FROM media_items WHERE id = $1',
      [mediaId],
    );
    expect(item.rows[0].sha256).toBe(sha256(clip));
    expect(Number(item.rows[0].size_bytes)).toBe(clip.length);
    expect((await waitForStatus(t, mediaId, ['ready', 'rejected', 'failed'])).status).toBe('ready');
    const original = await t
      .http()
      .get(`/media/${mediaId}/original`)
      .set('Authorization', owner.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(sha256(original.body as Buffer)).toBe(sha256(clip));
    // the resumable folder is empty again
    expect(filesUnder(`${uploads}/resumable`)).toEqual([]);
  });

  it('tus requests need a token, and an upload is its starter’s alone', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const data = Buffer.alloc(200_000, 1);
    const anonymous = await fetch(`${t.url}/media/uploads/tus`, {
      method: 'POST',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(data.length),
        'Upload-Metadata': `entryId ${Buffer.from(entryId).toString('base64')},filename ${Buffer.from('a.mp4').toString('base64')}`,
      },
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('auth.token_invalid');

    const other = await createUser(t, UserRole.Contestant);
    const intruder = await send(data, { entryId, token: other.accessToken });
    expect(intruder.error?.message).toContain('media.upload_forbidden');

    let url: string | null = null;
    await send(data, {
      entryId,
      onProgress: (sent, upload) => {
        if (sent > 0 && !url) {
          url = upload.url;
          return true;
        }
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await t.db.query<{ tus_id: string }>(
      `SELECT tus_id FROM media_items WHERE entry_id = $1 AND status = 'uploading'`,
      [entryId],
    );
    const head = await fetch(`${t.url}/media/uploads/tus/${rows[0].tus_id}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: other.auth },
    });
    expect(head.status).toBe(404);
    const mine = await fetch(`${t.url}/media/uploads/tus/${rows[0].tus_id}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
    });
    expect(mine.status).toBe(200);
  });

  it('a refused resumable upload (declared as a clip, really an executable) leaves nothing on disk', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const before = filesUnder(uploads).length;
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(100_000, 7)]);
    const res = await send(exe, { entryId, filename: 'video.mp4', filetype: 'video/mp4' });
    expect(res.error?.message).toContain('media.executable');
    expect(filesUnder(uploads).length).toBe(before);
    const { rows } = await t.db.query(
      `SELECT status, reason FROM media_items WHERE entry_id = $1`,
      [entryId],
    );
    expect(rows[0]).toMatchObject({ status: 'rejected', reason: { code: 'media.executable' } });
  });

  it('unfinished uploads expire and are cleaned up', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const data = Buffer.alloc(300_000, 3);
    await send(data, {
      entryId,
      onProgress: (sent) => sent > 100_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await t.db.query<{ id: string; tus_id: string }>(
      `SELECT id, tus_id FROM media_items WHERE entry_id = $1`,
      [entryId],
    );
    expect(filesUnder(`${uploads}/resumable`).some((f) => f.includes(rows[0].tus_id))).toBe(true);
    // nothing happens before the expiry
    expect(await t.app.get(MediaTusService).cleanupExpired()).toBe(0);
    await t.db.query(
      `UPDATE media_items SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [rows[0].id],
    );
    expect(await t.app.get(MediaTusService).cleanupExpired()).toBe(1);
    expect(filesUnder(`${uploads}/resumable`).some((f) => f.includes(rows[0].tus_id))).toBe(false);
    const after = await t.db.query('SELECT status, reason FROM media_items WHERE id = $1', [
      rows[0].id,
    ]);
    expect(after.rows[0]).toMatchObject({
      status: 'failed',
      reason: { code: 'media.upload_expired' },
    });
    const head = await fetch(`${t.url}/media/uploads/tus/${rows[0].tus_id}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
    });
    expect(head.status).toBe(404);
  });
});
