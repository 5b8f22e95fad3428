import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { removeDir, tempDir } from './media-support';
import { publishEntry, uploadFor } from './showcase-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, deviceToken, openSession } from './voting-helpers';

/** The bytes on the wire, as they were sent (no decompression). */
function raw(url: string, encoding: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      }).on('error', reject);
    },
  );
}

describe('Pages over HTTP', () => {
  let t: TestApp;
  let uploads: string;
  beforeAll(async () => {
    uploads = tempDir('pages-uploads');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    removeDir(uploads);
  });

  it('serves the voting page compressed, light, with no external resource', async () => {
    const f = await openSession(t, { entries: 2 });
    const res = await raw(`${t.url}/v/${f.sessionId}`, 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeLessThan(20 * 1024);
    const html = gunzipSync(res.body).toString('utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Chung kết — bình chọn trực tiếp');
    expect(html).toContain('og:title');
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    const js = await raw(`${t.url}/assets/socket.io.min.js?v=1`, 'gzip, br');
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.body.length).toBeLessThan(20 * 1024);
    expect(brotliDecompressSync(js.body).toString('utf8')).toContain('io');
    await t.http().get('/v/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('lists a session’s entries for viewers, and a contest’s public results with the chain head', async () => {
    const f = await openSession(t, { entries: 3 });
    const entries = await t
      .http()
      .get(`/public/voting-sessions/${f.sessionId}/entries`)
      .expect(200);
    expect(entries.body.map((e: { id: string }) => e.id)).toEqual(f.entryIds);
    expect(entries.body[0].title).toEqual(expect.any(String));
    for (let i = 0; i < 3; i++)
      expect(
        (
          await castOverHttp(t, f.sessionId, {
            entryId: f.entryIds[1],
            voterToken: await deviceToken(t),
          })
        ).status,
      ).toBe(201);
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    const results = await t.http().get(`/public/contests/${rows[0].slug}/results`).expect(200);
    const session = results.body.sessions[0];
    expect(session.entries[0]).toMatchObject({ entryId: f.entryIds[1], votes: 3 });
    const head = await t.db.query('SELECT seq, hash FROM vote_chain_heads WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(session.chainHead).toEqual(head.rows[0]);
    const page = await t.http().get(`/results/${rows[0].slug}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('og:title');
    expect(page.text).toContain(head.rows[0].hash.slice(0, 16));
    await t.http().get('/results/khong-co-cuoc-thi-nay').expect(404);
  });

  it('hides numbers on the results while the organizers hide them', async () => {
    const f = await openSession(t, { entries: 1, hideTallies: true });
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    const results = await t.http().get(`/public/contests/${rows[0].slug}/results`).expect(200);
    expect(results.body.sessions[0].entries[0].votes).toBeNull();
  });

  it('shows published entries with their picture and clip; unpublished ones without', async () => {
    const f = await openSession(t, { entries: 3 });
    const dir = tempDir('pages-clip');
    const image = await uploadFor(t, f.entryIds[0], { kind: 'image' });
    const clip = await uploadFor(t, f.entryIds[1], { kind: 'clip', dir });
    // the third one has a picture too, but is not published: the public sees none of it
    const hidden = await uploadFor(t, f.entryIds[2], { kind: 'image' });
    removeDir(dir);
    await publishEntry(t, f.organizer, f.entryIds[0]);
    await publishEntry(t, f.organizer, f.entryIds[1]);
    const res = await t.http().get(`/public/voting-sessions/${f.sessionId}/entries`).expect(200);
    expect(res.body.map((e: Record<string, unknown>) => [e.imageUrl, e.image, e.clip])).toEqual([
      [`/media/${image}/thumb`, { url: `/media/${image}/thumb`, width: 320, height: 180 }, null],
      [
        `/media/${clip}/thumb`,
        { url: `/media/${clip}/thumb`, width: 320, height: 180 },
        { url: `/media/${clip}/preview`, type: 'video/mp4', width: 1280, height: 720 },
      ],
      [null, null, null],
    ]);
    // each picture is there for anyone: a small WebP of the size said
    for (const id of [image, clip]) {
      const thumb = await t
        .http()
        .get(`/media/${id}/thumb`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const meta = await sharp(thumb.body as Buffer).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 180]);
      expect((thumb.body as Buffer).length).toBeLessThan(20_000);
    }
    expect((await t.http().get(`/media/${hidden}/thumb`)).status).toBe(404);
    // the results list the published entries with their picture
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    const results = await t.http().get(`/public/contests/${rows[0].slug}/results`).expect(200);
    expect(
      results.body.published.map((p: { title: string; image: unknown }) => [p.title, p.image]),
    ).toEqual(
      expect.arrayContaining([
        ['Bài dự thi số 1', { url: `/media/${image}/thumb`, width: 320, height: 180 }],
        ['Bài dự thi số 2', { url: `/media/${clip}/thumb`, width: 320, height: 180 }],
      ]),
    );
    const page = await t.http().get(`/results/${rows[0].slug}`).expect(200);
    expect(page.text).toContain(
      `<img class="thumb" alt="" src="/media/${image}/thumb" width="320" height="180" loading="lazy" decoding="async">`,
    );
  });
});
