import sharp from 'sharp';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import {
  makeClip,
  makePdf,
  putEntry,
  readBytes,
  removeDir,
  tempDir,
  waitForStatus,
} from './media-support';

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Media: serving with ranges, and who may read what', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let organizer: TestUser;
  let judge: TestUser;
  let uploads: string;
  let work: string;
  let clip: Buffer;
  let clipId: string;
  let entryId: string;
  let photoId: string;

  beforeAll(async () => {
    uploads = tempDir('access-uploads');
    work = tempDir('access-work');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    owner = await createUser(t, UserRole.Contestant);
    other = await createUser(t, UserRole.Contestant);
    organizer = await createUser(t, UserRole.Organizer);
    judge = await createUser(t, UserRole.Judge);
    entryId = putEntry(t, {
      ownerId: owner.id,
      organizerIds: [organizer.id],
      judgeIds: [judge.id],
    });
    clip = readBytes(await makeClip(work, 'range.mp4', { width: 320, height: 240, seconds: 2 }));
    const a = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', clip, { filename: 'Nguyễn Thị A - phóng sự.mp4' });
    clipId = a.body.id;
    const photo = await sharp({
      create: { width: 600, height: 400, channels: 3, background: '#abc' },
    })
      .jpeg()
      .toBuffer();
    const b = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', photo, { filename: 'Ảnh của Nguyễn Thị A.jpg' });
    photoId = b.body.id;
    await waitForStatus(t, clipId, ['ready']);
    await waitForStatus(t, photoId, ['ready']);
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  const fetchRange = (range?: string) => {
    const req = t
      .http()
      .get(`/media/${clipId}/original`)
      .set('Authorization', owner.auth)
      .buffer(true)
      .parse(binary as never);
    return range ? req.set('Range', range) : req;
  };

  it('whole file: ETag, Cache-Control, attachment, nosniff', async () => {
    const res = await fetchRange();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(clip);
    expect(res.headers).toMatchObject({
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    });
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await t
      .http()
      .get(`/media/${clipId}/original`)
      .set('Authorization', owner.auth)
      .set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it.each([
    ['first', 'bytes=0-99', 0, 99],
    ['middle', 'bytes=1000-1999', 1000, 1999],
    ['last', 'LAST', -1, -1],
    ['suffix', 'bytes=-500', -500, -1],
  ])('%s range returns exactly those bytes', async (_label, header, from, to) => {
    const size = clip.length;
    const range = header === 'LAST' ? `bytes=${size - 100}-` : header;
    const start = header === 'LAST' ? size - 100 : from < 0 ? size + from : from;
    const end = to < 0 ? size - 1 : to;
    const res = await fetchRange(range);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
    expect(Number(res.headers['content-length'])).toBe(end - start + 1);
    expect(res.body).toEqual(clip.subarray(start, end + 1));
  });

  it('an unsatisfiable range is 416 with the size', async () => {
    const res = await fetchRange(`bytes=${clip.length + 10}-`);
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${clip.length}`);
  });

  it('draft media: the owner and the organizer, nobody else', async () => {
    for (const who of [owner, organizer]) {
      expect(
        (await t.http().get(`/media/${photoId}/thumb`).set('Authorization', who.auth)).status,
      ).toBe(200);
    }
    for (const auth of [other.auth, judge.auth, undefined]) {
      for (const variant of ['', '/thumb', '/original', '/preview']) {
        const req = t.http().get(`/media/${photoId}${variant}`);
        const res = auth ? await req.set('Authorization', auth) : await req;
        expect(res.status).toBe(404);
      }
    }
    const list = await t.http().get(`/media?entryId=${entryId}`).set('Authorization', other.auth);
    expect(list.body).toEqual([]);
  });

  it('blind judging: judges see derivatives with nothing naming the author, never the original', async () => {
    t.app.get(InMemoryEntryCatalog).update(entryId, { status: 'submitted', blindJudging: true });
    const info = await t.http().get(`/media/${photoId}`).set('Authorization', judge.auth);
    expect(info.status).toBe(200);
    expect(info.body.originalName).toBeUndefined();
    expect(JSON.stringify(info.body)).not.toContain('Nguyễn');
    expect(info.body.variants).not.toContain('original');
    const original = await t
      .http()
      .get(`/media/${photoId}/original`)
      .set('Authorization', judge.auth);
    expect(original.status).toBe(403);
    expect(original.body.code).toBe('media.blind_original_hidden');
    const preview = await t
      .http()
      .get(`/media/${clipId}/preview`)
      .set('Authorization', judge.auth)
      .buffer(true)
      .parse(binary as never);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-disposition']).toBe('inline');
    // a document is a download, named by its id only
    const docEntry = putEntry(t, { ownerId: owner.id, judgeIds: [judge.id] });
    const doc = await t
      .http()
      .post(`/media/uploads?entryId=${docEntry}`)
      .set('Authorization', owner.auth)
      .attach('file', makePdf(1), { filename: 'Nguyễn Thị A.pdf' });
    await waitForStatus(t, doc.body.id, ['ready']);
    t.app.get(InMemoryEntryCatalog).update(docEntry, { status: 'submitted', blindJudging: true });
    const pdf = await t
      .http()
      .get(`/media/${doc.body.id}/preview`)
      .set('Authorization', judge.auth)
      .buffer(true)
      .parse(binary as never);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toContain(`${doc.body.id}.pdf`);
    expect(pdf.headers['content-disposition']).not.toMatch(/Nguy/);
    expect((pdf.body as Buffer).includes(Buffer.from('Nguyen Thi Tac Gia'))).toBe(false);
  });

  it('the public sees derivatives of published entries only, never originals', async () => {
    t.app
      .get(InMemoryEntryCatalog)
      .update(entryId, { status: 'submitted', published: false, blindJudging: false });
    expect((await t.http().get(`/media/${photoId}/thumb`)).status).toBe(404);
    t.app.get(InMemoryEntryCatalog).update(entryId, { status: 'published', published: true });
    const thumb = await t.http().get(`/media/${photoId}/thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['cache-control']).toBe('public, max-age=3600');
    expect((await t.http().get(`/media/${photoId}/original`)).status).toBe(404);
    expect(
      (await t.http().get(`/media/${photoId}/original`).set('Authorization', other.auth)).status,
    ).toBe(404);
  });

  it('storage paths typed by hand never reach a file', async () => {
    const { rows } = await t.db.query<{ sha256: string }>(
      'SELECT sha256 FROM media_items WHERE id = $1',
      [photoId],
    );
    const key = rows[0].sha256;
    for (const path of [
      `/media/${key}/original`,
      `/media/${photoId}/..%2F..%2Fpackage.json`,
      `/media/${photoId}/${key}`,
      `/media/..%2F..%2Fetc%2Fpasswd/original`,
      `/uploads/objects/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`,
      `/media/${photoId}/original%00.png`,
    ]) {
      const res = await t.http().get(path).set('Authorization', owner.auth);
      expect([400, 404]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
    }
  });
});
