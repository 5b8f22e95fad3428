import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { makeClip, removeDir, tempDir, waitForStatus } from './media-support';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('Public entry pages', () => {
  let t: TestApp;
  let c: SeededContest;
  let organizer: TestUser;
  let contestant: TestUser;
  const ids: Record<string, string> = {};
  const publicIds: Record<string, string> = {};
  let uploads: string;

  beforeAll(async () => {
    uploads = tempDir('public-uploads');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    const unit = await insertUnit(t, { name: 'Hội LHPN xã Hòa Phú' });
    organizer = await createUser(t, UserRole.Organizer);
    contestant = await createUser(t, UserRole.Contestant, { unitId: unit.id });
    c = await seedContest(t, { organizers: [organizer.id] });
    const make = async (key: string, title: string, submit: boolean) => {
      const res = await t
        .http()
        .post(`/contests/${c.contestId}/entries`)
        .set('Authorization', contestant.auth)
        .send(
          draft(c.categories.solution, title, {
            summary:
              'Dùng nhóm Zalo & "livestream" để sinh hoạt <b>hội</b>.\n\nHội viên tham gia đông.',
          }),
        );
      ids[key] = res.body.id;
      if (submit)
        await t.http().post(`/entries/${ids[key]}/submit`).set('Authorization', contestant.auth);
      const { rows } = await t.db.query(`SELECT public_id FROM entries WHERE id = $1`, [ids[key]]);
      publicIds[key] = rows[0].public_id;
    };
    await make('script', 'Sinh hoạt hội <script>alert("x")</script> & chuyển đổi số', true);
    await make('second', 'Bài thứ hai', true);
    await make('draft', 'Bản nháp chưa nộp', false);
  });
  afterAll(async () => {
    await t.close();
    removeDir(uploads);
  });

  it('guessed or unpublished ids answer 404 to the public', async () => {
    for (const key of ['script', 'draft'])
      expect((await t.http().get(`/p/${publicIds[key]}`)).status).toBe(404);
    for (let i = 0; i < 5; i++)
      expect(
        (await t.http().get(`/p/${randomBytes(8).toString('base64url').slice(0, 11)}`)).status,
      ).toBe(404);
    expect((await t.http().get(`/p/${ids.script}`)).status).toBe(404);
    expect((await t.http().get('/p/..%2F..%2Fetc')).status).toBe(404);
  });

  it('only organizers publish, and only entries submitted or later', async () => {
    let res = await t
      .http()
      .post(`/entries/${ids.script}/publish`)
      .set('Authorization', contestant.auth);
    expect(res.status).toBe(403);
    res = await t.http().post(`/entries/${ids.draft}/publish`).set('Authorization', organizer.auth);
    expect(res.status).toBe(409);
    res = await t
      .http()
      .post(`/entries/${ids.script}/publish`)
      .set('Authorization', organizer.auth);
    expect(res.status).toBe(200);
    expect(res.body.publicUrl).toBe(`/p/${publicIds.script}`);
    // Bulk for the contest: the rest of what is publishable (not the draft).
    res = await t
      .http()
      .post(`/contests/${c.contestId}/entries/publish`)
      .set('Authorization', organizer.auth)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body.published).toEqual([ids.second]);
    expect((await t.http().get(`/p/${publicIds.draft}`)).status).toBe(404);
  });

  it('answers JSON by default, without contact details', async () => {
    const res = await t.http().get(`/p/${publicIds.script}`).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({
      publicId: publicIds.script,
      title: 'Sinh hoạt hội <script>alert("x")</script> & chuyển đổi số',
      unitName: 'Hội LHPN xã Hòa Phú',
      categoryName: 'Giải pháp tổ chức sinh hoạt hội',
      authorType: 'collective',
      imageUrl: null,
    });
    expect(res.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/p/${publicIds.script}$`));
    const text = JSON.stringify(res.body);
    for (const secret of ['0912', '84912345678', 'hoa@example.vn', contestant.id])
      expect(text).not.toContain(secret);
    expect((await t.http().get(`/p/${publicIds.script}`)).body.publicId).toBe(publicIds.script);
  });

  it('serves a light HTML page with Open Graph and Twitter tags, everything escaped', async () => {
    for (const req of [
      t
        .http()
        .get(`/p/${publicIds.script}`)
        .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8'),
      t.http().get(`/p/${publicIds.script}?format=html`),
    ]) {
      const res = await req;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
      const html = res.text;
      expect(html).toContain('<html lang="vi">');
      expect(html).not.toContain('<script');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; chuyển đổi số',
      );
      expect(html).toMatch(/<title>Sinh hoạt hội &lt;script&gt;.*<\/title>/);
      expect(html).toContain('<meta property="og:type" content="article">');
      expect(html).toMatch(
        /<meta property="og:title" content="Sinh hoạt hội &lt;script&gt;alert\(&quot;x&quot;\)/,
      );
      expect(html).toContain(
        '<meta property="og:description" content="Dùng nhóm Zalo &amp; &quot;livestream&quot; để sinh hoạt &lt;b&gt;hội&lt;/b&gt;. Hội viên tham gia đông.">',
      );
      expect(html).toMatch(
        new RegExp(
          `<meta property="og:url" content="http://127\\.0\\.0\\.1:\\d+/p/${publicIds.script}">`,
        ),
      );
      expect(html).toContain('<meta name="twitter:card" content="summary">');
      expect(html).toContain('<meta name="description"');
      expect(html).not.toContain('og:image');
      // No external resources.
      expect(html).not.toMatch(/(src|href)="https?:\/\/(?!127\.0\.0\.1)/);
      expect(html).not.toMatch(/<link rel="stylesheet"/);
      expect(html.length).toBeLessThan(8000);
    }
  });

  it('a published entry shows its picture and clip, and shares a 1200×630 JPEG made by the media worker', async () => {
    const res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Sinh hoạt chi hội bằng video ngắn'));
    const id = res.body.id as string;
    // a tall photo (shown as it is, never enlarged; the share image is cropped to 1200×630 from
    // it) and a short landscape clip
    const photo = await sharp({
      create: { width: 900, height: 1200, channels: 3, background: '#c2185b' },
    })
      .jpeg()
      .toBuffer();
    const dir = tempDir('public-clip');
    const clipPath = await makeClip(dir, 'clip.mp4', { width: 640, height: 360, seconds: 1 });
    const mediaIds: string[] = [];
    for (const [file, name] of [
      [photo, 'anh-sinh-hoat.jpg'],
      [clipPath, 'clip.mp4'],
    ] as const) {
      const up = await t
        .http()
        .post(`/media/uploads?entryId=${id}`)
        .set('Authorization', contestant.auth)
        .attach('file', file, { filename: name });
      expect(up.status).toBe(201);
      mediaIds.push(up.body.id);
      await waitForStatus(t, up.body.id, ['ready'], 60_000);
    }
    removeDir(dir);
    await t.http().post(`/entries/${id}/submit`).set('Authorization', contestant.auth).expect(200);
    const { rows } = await t.db.query(`SELECT public_id FROM entries WHERE id = $1`, [id]);
    const publicId = rows[0].public_id as string;
    // nothing is public before publication
    expect((await t.http().get(`/media/${mediaIds[0]}/thumb`)).status).toBe(404);
    await t.http().post(`/entries/${id}/publish`).set('Authorization', organizer.auth).expect(200);

    // The share image is made by the worker after publication (bounded wait).
    let view = { url: '', shareImage: null as { type: string } | null };
    for (let i = 0; i < 300; i++) {
      view = (await t.http().get(`/p/${publicId}`).set('Accept', 'application/json'))
        .body as typeof view;
      if (view.shareImage?.type === 'image/jpeg') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = view.url.replace(/\/p\/.*$/, '');
    expect(view).toMatchObject({
      imageUrl: `${base}/media/${mediaIds[0]}/preview`,
      image: { url: `${base}/media/${mediaIds[0]}/preview`, width: 900, height: 1200 },
      shareImage: {
        url: `${base}/media/${mediaIds[0]}/social`,
        width: 1200,
        height: 630,
        type: 'image/jpeg',
      },
      clip: {
        url: `${base}/media/${mediaIds[1]}/preview`,
        type: 'video/mp4',
        width: 640,
        height: 360,
        posterUrl: `${base}/media/${mediaIds[1]}/poster`,
      },
    });
    // the share image is what it says: a JPEG of 1200×630, served to anyone
    const social = await t
      .http()
      .get(`/media/${mediaIds[0]}/social`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(social.status).toBe(200);
    expect(social.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(social.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);

    const html = (await t.http().get(`/p/${publicId}?format=html`)).text;
    for (const tag of [
      `<meta property="og:image" content="${base}/media/${mediaIds[0]}/social">`,
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:type" content="image/jpeg">',
      '<meta name="twitter:card" content="summary_large_image">',
      `<meta name="twitter:image" content="${base}/media/${mediaIds[0]}/social">`,
      `<img src="${base}/media/${mediaIds[0]}/preview" width="900" height="1200"`,
      `<video controls preload="none" playsinline width="640" height="360" poster="${base}/media/${mediaIds[1]}/poster"><source src="${base}/media/${mediaIds[1]}/preview" type="video/mp4"></video>`,
    ])
      expect(html).toContain(tag);
  });
});
