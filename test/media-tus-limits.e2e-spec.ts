import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { MediaTusService } from '../src/media/media-tus.service';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, login, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import {
  ALL_KINDS,
  makeAudio,
  makePdf,
  putEntry,
  rawExchange,
  removeDir,
  sha256,
  tempDir,
  waitForStatus,
} from './media-support';

const b64 = (v: string) => Buffer.from(v).toString('base64');

describe('Resumable uploads: the per-entry limit is decided at creation, and a refused PATCH keeps nothing', () => {
  let db: TestDatabase;
  let t: TestApp;
  let second: TestApp;
  let owner: TestUser;
  /** The same account's token on the second instance (each test instance has its own key). */
  let ownerOnSecond: string;
  let uploads: string;
  let work: string;

  beforeAll(async () => {
    uploads = tempDir('tus-limits-uploads');
    work = tempDir('tus-limits-work');
    db = await createTestDatabase();
    const env = { UPLOADS_DIR: uploads, JOB_POLL_MS: '100', MEDIA_UPLOAD_IDLE_TIMEOUT_MS: '1500' };
    t = await startTestApp(env, db);
    // passport's strategies are global to the process: the account logs in on each instance
    // right after that instance starts
    owner = await createUser(t, UserRole.Contestant);
    second = await startTestApp(env, db);
    ownerOnSecond = `Bearer ${(await login(second, owner.email)).accessToken}`;
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await db?.drop();
    removeDir(uploads);
    removeDir(work);
  });

  /** An entry known to both instances (the entry catalog lives in each process's memory). */
  function entry(rules = ALL_KINDS): string {
    const id = putEntry(t, { ownerId: owner.id, rules });
    second.app.get(InMemoryEntryCatalog).put(id, t.app.get(InMemoryEntryCatalog).get(id)!);
    return id;
  }

  function create(
    entryId: string,
    length: number,
    opts: { app?: TestApp; auth?: string; filename?: string; filetype?: string } = {},
  ) {
    return fetch(`${(opts.app ?? t).url}/media/uploads/tus`, {
      method: 'POST',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(length),
        'Upload-Metadata':
          `entryId ${b64(entryId)},filename ${b64(opts.filename ?? 'bai-du-thi.pdf')},` +
          `filetype ${b64(opts.filetype ?? 'application/pdf')}`,
        Authorization: opts.auth ?? owner.auth,
        'Accept-Language': 'en',
      },
    });
  }

  function patch(id: string, offset: number, body: Buffer) {
    return fetch(`${t.url}/media/uploads/tus/${id}`, {
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        Authorization: owner.auth,
        'Accept-Language': 'en',
      },
      body,
    });
  }

  const head = (id: string) =>
    fetch(`${t.url}/media/uploads/tus/${id}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
    });

  const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;
  const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

  it('with 5 files allowed, 8 uploads created at once on two instances: 5 accepted, 3 refused at creation, and the 5 all finish', async () => {
    const entryId = entry({ ...ALL_KINDS, maxCount: 5 });
    const pdfs = Array.from({ length: 8 }, (_, i) => makePdf(1, `/Pad (${'p'.repeat(1000 + i)})`));
    const created = await Promise.all(
      pdfs.map((pdf, i) =>
        i % 2
          ? create(entryId, pdf.length, { app: second, auth: ownerOnSecond })
          : create(entryId, pdf.length),
      ),
    );
    const statuses = created.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    for (const res of created.filter((r) => r.status === 409))
      expect(await codeOf(res)).toBe('media.too_many');

    const finished = await Promise.all(
      created.map((res, i) =>
        res.status === 201 ? patch(idOf(res), 0, pdfs[i]) : Promise.resolve(null),
      ),
    );
    expect(finished.filter((r) => r?.status === 204)).toHaveLength(5);
    const { rows } = await t.db.query<{ status: string; sha256: string }>(
      'SELECT status, sha256 FROM media_items WHERE entry_id = $1',
      [entryId],
    );
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => ['processing', 'ready'].includes(r.status))).toBe(true);
    const sent = created.flatMap((r, i) => (r.status === 201 ? [sha256(pdfs[i])] : []));
    expect(rows.map((r) => r.sha256).sort()).toEqual(sent.sort());
    // the entry is full for multipart uploads too
    const more = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', makePdf(3), { filename: 'them.pdf' });
    expect({ status: more.status, code: more.body.code }).toEqual({
      status: 409,
      code: 'media.too_many',
    });
  });

  it('a slot is freed by termination, by a refused file and by expiry', async () => {
    const entryId = entry({ ...ALL_KINDS, maxCount: 1 });
    const first = await create(entryId, 1000);
    expect(first.status).toBe(201);
    const full = await create(entryId, 1000);
    expect({ status: full.status, code: await codeOf(full) }).toEqual({
      status: 409,
      code: 'media.too_many',
    });

    // termination
    const del = await fetch(`${t.url}/media/uploads/tus/${idOf(first)}`, {
      method: 'DELETE',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: owner.auth },
    });
    expect(del.status).toBe(204);

    // a file refused by its content
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2000, 7)]);
    const bad = await create(entryId, exe.length);
    expect(bad.status).toBe(201);
    const refused = await patch(idOf(bad), 0, exe);
    expect({ status: refused.status, code: await codeOf(refused) }).toEqual({
      status: 422,
      code: 'media.executable',
    });

    // expiry: an upload past its expiry holds no slot, even before the cleanup has run
    const stale = await create(entryId, 1000);
    expect(stale.status).toBe(201);
    await t.db.query(
      `UPDATE media_items SET created_at = now() - interval '25 hours' WHERE tus_id = $1`,
      [idOf(stale)],
    );
    const fresh = await create(entryId, 1000);
    expect(fresh.status).toBe(201);
    // the cleanup then marks the expired one
    expect(await t.app.get(MediaTusService).cleanupExpired()).toBe(1);
    expect((await create(entryId, 1000)).status).toBe(409);
  });

  it('an overlong chunked PATCH is refused and keeps none of its bytes: the upload stays at its last good offset', async () => {
    const entryId = entry();
    const pdf = makePdf(1, `/Pad (${'c'.repeat(3000)})`);
    const created = await create(entryId, pdf.length);
    const id = idOf(created);
    const good = await patch(id, 0, pdf.subarray(0, 1000));
    expect(good.status).toBe(204);

    // chunked: no Content-Length to refuse it up front; 500 bytes too many
    const tooLong = Buffer.alloc(pdf.length - 1000 + 500, 0x41);
    const answer = await rawExchange(t.url, (socket, host) => {
      socket.write(
        `PATCH /media/uploads/tus/${id} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${owner.auth}\r\n` +
          `Tus-Resumable: 1.0.0\r\nUpload-Offset: 1000\r\nContent-Type: application/offset+octet-stream\r\n` +
          `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
      );
      for (let at = 0; at < tooLong.length; at += 700) {
        const part = tooLong.subarray(at, at + 700);
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write('\r\n');
      }
      socket.write('0\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('media.upload_exceeds_length');

    const h = await head(id);
    expect(h.headers.get('upload-offset')).toBe('1000');
    expect(statSync(join(uploads, 'resumable', id)).size).toBe(1000);
    expect(readFileSync(join(uploads, 'resumable', id)).equals(pdf.subarray(0, 1000))).toBe(true);
    const { rows } = await t.db.query('SELECT status FROM media_items WHERE tus_id = $1', [id]);
    expect(rows[0].status).toBe('uploading');

    // an empty PATCH does not finish it
    const empty = await patch(id, 1000, Buffer.alloc(0));
    expect({ status: empty.status, offset: empty.headers.get('upload-offset') }).toEqual({
      status: 204,
      offset: '1000',
    });
    expect(empty.headers.get('media-id')).toBeNull();

    // the right bytes finish it, with the file's own hash
    const rest = await patch(id, 1000, pdf.subarray(1000));
    expect(rest.status).toBe(204);
    const item = await t.db.query('SELECT sha256, size_bytes FROM media_items WHERE id = $1', [
      rest.headers.get('media-id'),
    ]);
    expect({ sha256: item.rows[0].sha256, size: Number(item.rows[0].size_bytes) }).toEqual({
      sha256: sha256(pdf),
      size: pdf.length,
    });
  });

  it('an overlong body on creation is refused and leaves no upload behind', async () => {
    const entryId = entry({ ...ALL_KINDS, maxCount: 1 });
    const answer = await rawExchange(t.url, (socket, host) => {
      socket.write(
        `POST /media/uploads/tus HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${owner.auth}\r\n` +
          `Tus-Resumable: 1.0.0\r\nUpload-Length: 1000\r\n` +
          `Upload-Metadata: entryId ${b64(entryId)},filename ${b64('a.pdf')}\r\n` +
          `Content-Type: application/offset+octet-stream\r\n` +
          `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
      );
      socket.write(`${(1500).toString(16)}\r\n`);
      socket.write(Buffer.alloc(1500, 0x41));
      socket.write('\r\n0\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    const { rows } = await t.db.query('SELECT id FROM media_items WHERE entry_id = $1', [entryId]);
    expect(rows).toEqual([]);
    // its slot is free
    expect((await create(entryId, 1000)).status).toBe(201);
  });

  describe('the same category rules on both paths, with the same messages', () => {
    const multipart = (entryId: string, file: Buffer, filename: string) =>
      t
        .http()
        .post(`/media/uploads?entryId=${entryId}`)
        .set('Authorization', owner.auth)
        .set('Accept-Language', 'en')
        .attach('file', file, { filename });

    /** The whole upload over tus; the answer that refused it (creation or last PATCH). */
    async function resumable(entryId: string, file: Buffer, filename: string, filetype: string) {
      const created = await create(entryId, file.length, { filename, filetype });
      if (created.status !== 201)
        return { status: created.status, body: (await created.json()) as Record<string, string> };
      const done = await patch(idOf(created), 0, file);
      return {
        status: done.status,
        mediaId: done.headers.get('media-id'),
        body: done.status === 204 ? {} : ((await done.json()) as Record<string, string>),
      };
    }

    const png = () =>
      sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();

    it('kind, size and count', async () => {
      const rules = {
        kinds: ['document' as const],
        minCount: 0,
        maxCount: 1,
        maxSizeBytes: 10_000,
      };
      const image = await png();
      const big = makePdf(1, `/Pad (${'b'.repeat(20_000)})`);
      for (const [file, name, type, status, code] of [
        [image, 'anh.png', 'image/png', 422, 'media.kind_not_allowed'],
        [big, 'lon.pdf', 'application/pdf', 413, 'media.too_large'],
      ] as const) {
        const a = await multipart(entry(rules), file, name);
        const b = await resumable(entry(rules), file, name, type);
        expect({ status: a.status, code: a.body.code, message: a.body.message }).toEqual({
          status,
          code,
          message: b.body.message,
        });
        expect(b.status).toBe(status);
      }
      const fullA = entry(rules);
      const fullB = entry(rules);
      expect((await multipart(fullA, makePdf(1), 'mot.pdf')).status).toBe(201);
      expect((await resumable(fullB, makePdf(1), 'mot.pdf', 'application/pdf')).status).toBe(204);
      const a = await multipart(fullA, makePdf(2), 'hai.pdf');
      const b = await resumable(fullB, makePdf(2), 'hai.pdf', 'application/pdf');
      expect({ status: a.status, code: a.body.code, message: a.body.message }).toEqual({
        status: 409,
        code: 'media.too_many',
        message: b.body.message,
      });
      expect(b.status).toBe(409);
    });

    it('duration', async () => {
      const rules = {
        kinds: ['audio' as const],
        minCount: 0,
        maxCount: 2,
        maxSizeBytes: 10_000_000,
        maxDurationSeconds: 2,
      };
      const wav = readFileSync(await makeAudio(work, 'ba-giay.wav', 3));
      const a = await multipart(entry(rules), wav, 'ba-giay.wav');
      expect(a.status).toBe(201);
      const b = await resumable(entry(rules), wav, 'ba-giay.wav', 'audio/wav');
      expect(b.status).toBe(204);
      const ra = await waitForStatus(t, a.body.id as string, ['ready', 'rejected', 'failed']);
      const rb = await waitForStatus(t, b.mediaId!, ['ready', 'rejected', 'failed']);
      expect(ra).toEqual(rb);
      expect(ra).toMatchObject({ status: 'rejected', reason: { code: 'media.duration_too_long' } });
    });
  });
});
