import { randomBytes } from 'node:crypto';
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
  makePdf,
  putEntry,
  removeDir,
  sha256,
  tempDir,
  waitForStatus,
  rawExchange,
} from './media-support';

describe('Resumable uploads (tus)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let owner: TestUser;
  let uploads: string;
  let work: string;
  const env = () => ({
    UPLOADS_DIR: uploads,
    JOB_POLL_MS: '100',
    MEDIA_UPLOAD_IDLE_TIMEOUT_MS: '1500',
  });

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
  describe('protocol', () => {
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    const meta = (entryId: string, filename = 'bai-du-thi.pdf', filetype = 'application/pdf') =>
      `entryId ${b64(entryId)},filename ${b64(filename)},filetype ${b64(filetype)}`;
    /** A valid PDF of about `size` bytes (a padded info dictionary). */
    const bigPdf = (size: number) => makePdf(1, `/Pad (${'x'.repeat(size)})`);

    async function create(entryId: string, length: number, headers: Record<string, string> = {}) {
      const res = await fetch(`${t.url}/media/uploads/tus`, {
        method: 'POST',
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(length),
          'Upload-Metadata': meta(entryId),
          Authorization: owner.auth,
          ...headers,
        },
      });
      return res;
    }

    async function head(id: string) {
      return fetch(`${t.url}/media/uploads/tus/${id}`, {
        method: 'HEAD',
        headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
      });
    }

    function patch(id: string, offset: number, body: Buffer, headers: Record<string, string> = {}) {
      return fetch(`${t.url}/media/uploads/tus/${id}`, {
        method: 'PATCH',
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
          Authorization: owner.auth,
          ...headers,
        },
        body,
      });
    }

    /**
     * A PATCH sent by hand: announces `length` bytes, sends `part`, then closes the connection
     * (`cut`) or waits for the server's answer (`wait`). Resolves with what the server said.
     */
    function rawPatch(
      id: string,
      offset: number,
      length: number,
      part: Buffer,
      behaviour: 'cut' | 'wait',
    ): Promise<string> {
      return rawExchange(t.url, (socket, host) => {
        socket.write(
          `PATCH /media/uploads/tus/${id} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${owner.auth}\r\n` +
            `Tus-Resumable: 1.0.0\r\nUpload-Offset: ${offset}\r\nContent-Type: application/offset+octet-stream\r\n` +
            `Content-Length: ${length}\r\n\r\n`,
        );
        socket.write(part, () => {
          if (behaviour === 'cut') setTimeout(() => socket.destroy(), 300);
        });
      });
    }

    const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;

    it('answers creation, offsets and metadata as tus 1.0.0 says', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const options = await fetch(`${t.url}/media/uploads/tus`, { method: 'OPTIONS' });
      expect(options.status).toBe(204);
      expect(options.headers.get('tus-version')).toBe('1.0.0');
      expect(options.headers.get('tus-extension')).toContain('creation');
      expect(Number(options.headers.get('tus-max-size'))).toBeGreaterThan(0);

      const created = await create(entryId, 1000);
      expect(created.status).toBe(201);
      expect(created.headers.get('tus-resumable')).toBe('1.0.0');
      expect(created.headers.get('location')).toMatch(/^\/media\/uploads\/tus\/[0-9a-f]{32}$/);
      expect(created.headers.get('upload-expires')).toBeTruthy();
      const id = idOf(created);

      const h = await head(id);
      expect(h.status).toBe(200);
      expect(h.headers.get('upload-offset')).toBe('0');
      expect(h.headers.get('upload-length')).toBe('1000');
      expect(h.headers.get('cache-control')).toBe('no-store');
      expect(h.headers.get('upload-metadata')).toContain(`filename ${b64('bai-du-thi.pdf')}`);

      const part = await patch(id, 0, Buffer.alloc(400, 0x25));
      expect(part.status).toBe(204);
      expect(part.headers.get('upload-offset')).toBe('400');
      expect((await head(id)).headers.get('upload-offset')).toBe('400');
    });

    it('refuses requests that break the protocol, with the error body in the asked language', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const noVersion = await fetch(`${t.url}/media/uploads/tus`, {
        method: 'POST',
        headers: { 'Upload-Length': '10', Authorization: owner.auth },
      });
      expect(noVersion.status).toBe(412);
      expect(noVersion.headers.get('tus-version')).toBe('1.0.0');
      expect(((await noVersion.json()) as { code: string }).code).toBe(
        'media.tus_version_unsupported',
      );

      const noLength = await create(entryId, 10, { 'Upload-Length': '' });
      expect(noLength.status).toBe(400);
      const badMeta = await create(entryId, 10, { 'Upload-Metadata': 'entryId ???,x' });
      expect({
        status: badMeta.status,
        code: ((await badMeta.json()) as { code: string }).code,
      }).toEqual({
        status: 400,
        code: 'media.tus_metadata_invalid',
      });
      const huge = await create(entryId, 10 * 1024 ** 4);
      expect({ status: huge.status, code: ((await huge.json()) as { code: string }).code }).toEqual(
        {
          status: 413,
          code: 'media.too_large',
        },
      );

      const id = idOf(await create(entryId, 1000));
      const wrongType = await patch(id, 0, Buffer.alloc(10), { 'Content-Type': 'text/plain' });
      expect({
        status: wrongType.status,
        code: ((await wrongType.json()) as { code: string }).code,
      }).toEqual({
        status: 415,
        code: 'media.tus_content_type',
      });
      const conflict = await patch(id, 5, Buffer.alloc(10), { 'Accept-Language': 'en' });
      const body = (await conflict.json()) as { code: string; message: string };
      expect(conflict.status).toBe(409);
      expect(body.code).toBe('media.upload_offset_conflict');
      expect(body.message).toBe(
        'The Upload-Offset does not match: the server has received 0 bytes.',
      );
      const vi = (await (await patch(id, 5, Buffer.alloc(10))).json()) as { message: string };
      expect(vi.message).toContain('Upload-Offset');
      expect(vi.message).not.toBe(body.message);
      const tooMuch = await patch(id, 0, Buffer.alloc(2000));
      expect({
        status: tooMuch.status,
        code: ((await tooMuch.json()) as { code: string }).code,
      }).toEqual({
        status: 413,
        code: 'media.upload_exceeds_length',
      });
      expect((await head(id)).headers.get('upload-offset')).toBe('0');
    });

    it('a body cut off mid-way keeps what arrived, and the upload resumes from there', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const pdf = bigPdf(600_000);
      const id = idOf(await create(entryId, pdf.length));
      await rawPatch(id, 0, pdf.length, pdf.subarray(0, 250_000), 'cut');
      const h = await head(id);
      const offset = Number(h.headers.get('upload-offset'));
      expect(offset).toBe(250_000);
      expect(readFileSync(`${uploads}/resumable/${id}`).length).toBe(offset);
      const rest = await patch(id, offset, pdf.subarray(offset));
      expect(rest.status).toBe(204);
      const mediaId = rest.headers.get('media-id')!;
      const { rows } = await t.db.query('SELECT sha256, status FROM media_items WHERE id = $1', [
        mediaId,
      ]);
      expect(rows[0].sha256).toBe(sha256(pdf));
      expect(['processing', 'ready']).toContain(rows[0].status);
    });

    it('a large body in one request arrives intact, in order', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const pdf = makePdf(1, `/Pad (${randomBytes(6_000_000).toString('base64')})`);
      const id = idOf(await create(entryId, pdf.length));
      const res = await patch(id, 0, pdf);
      expect(res.status).toBe(204);
      expect(res.headers.get('upload-offset')).toBe(String(pdf.length));
      const { rows } = await t.db.query(
        'SELECT sha256, size_bytes FROM media_items WHERE id = $1',
        [res.headers.get('media-id')],
      );
      expect(rows[0].sha256).toBe(sha256(pdf));
      expect(Number(rows[0].size_bytes)).toBe(pdf.length);
    });

    it('a body that stops arriving is answered 408 and its bytes are kept', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const id = idOf(await create(entryId, 500_000));
      const answer = await rawPatch(id, 0, 500_000, Buffer.alloc(120_000, 0x25), 'wait');
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain('media.upload_stalled');
      expect((await head(id)).headers.get('upload-offset')).toBe('120000');
    });

    it('a resume takes the upload over from a request still hanging on it', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const id = idOf(await create(entryId, 500_000));
      const hanging = rawPatch(id, 0, 500_000, Buffer.alloc(70_000, 0x25), 'wait');
      // the bytes are on disk before the resume looks
      const until = Date.now() + 5000;
      while (Date.now() < until) {
        const size = (() => {
          try {
            return readFileSync(`${uploads}/resumable/${id}`).length;
          } catch {
            return 0;
          }
        })();
        if (size === 70_000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await head(id)).headers.get('upload-offset')).toBe('70000');
      expect(await hanging).toMatch(/^HTTP\/1\.1 409[\s\S]*media\.upload_superseded/);
    });

    it('a client may give an upload up (termination)', async () => {
      const entryId = putEntry(t, { ownerId: owner.id });
      const id = idOf(await create(entryId, 1000));
      await patch(id, 0, Buffer.alloc(100, 0x25));
      const del = await fetch(`${t.url}/media/uploads/tus/${id}`, {
        method: 'DELETE',
        headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
      });
      expect(del.status).toBe(204);
      expect(filesUnder(`${uploads}/resumable`).some((f) => f.includes(id))).toBe(false);
      expect((await head(id)).status).toBe(404);
      const { rows } = await t.db.query(
        'SELECT status, reason FROM media_items WHERE entry_id = $1',
        [entryId],
      );
      expect(rows[0]).toMatchObject({
        status: 'failed',
        reason: { code: 'media.upload_cancelled' },
      });
    });
  });
});
