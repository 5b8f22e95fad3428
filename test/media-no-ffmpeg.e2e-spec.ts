import { Logger } from '@nestjs/common';
import sharp from 'sharp';
import { FORMATS } from '../src/media/sniff';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser } from './support/fixtures';
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
import { writeZip } from './slides-support';

describe('Media without ffmpeg, pdftoppm and LibreOffice', () => {
  let t: TestApp;
  let uploads: string;
  let work: string;
  let emptyBin: string;
  const path = process.env.PATH;
  let clip: Buffer;

  beforeAll(async () => {
    uploads = tempDir('noff-uploads');
    work = tempDir('noff-work');
    // the clip is made before the tools disappear from PATH (pdftoppm is looked up there)
    clip = readBytes(await makeClip(work, 'c.mp4', { width: 320, height: 240, seconds: 1 }));
    emptyBin = tempDir('noff-bin');
    process.env.PATH = emptyBin;
    t = await startTestApp({
      UPLOADS_DIR: uploads,
      JOB_POLL_MS: '100',
      FFMPEG_PATH: '/nonexistent/ffmpeg',
      FFPROBE_PATH: '/nonexistent/ffprobe',
    });
  });

  afterAll(async () => {
    await t?.close();
    process.env.PATH = path;
    removeDir(emptyBin);
    removeDir(uploads);
    removeDir(work);
  });

  it('/health reports ffmpeg absent but stays ready; images work; clips wait in processing', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.checks.ffmpeg.status).toBe('absent');

    const owner = await createUser(t, UserRole.Contestant);
    const entryId = putEntry(t, { ownerId: owner.id });
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    const image = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', png, { filename: 'a.png' });
    expect((await waitForStatus(t, image.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );

    const video = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', clip, { filename: 'c.mp4' });
    expect(video.status).toBe(201);
    // the job is put back for later without using up its attempts
    const until = Date.now() + 10_000;
    let job: { state: string; attempts: number; last_error: string } | undefined;
    while (Date.now() < until) {
      const { rows } = await t.db.query(
        `SELECT state, attempts, last_error FROM jobs WHERE payload->>'mediaId' = $1`,
        [video.body.id],
      );
      job = rows[0];
      if (job?.last_error) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({
      state: 'queued',
      attempts: 0,
      last_error: 'ffmpeg is not installed',
    });
    const item = await t.http().get(`/media/${video.body.id}`).set('Authorization', owner.auth);
    expect(item.body.status).toBe('processing');
  });

  it('/health reports pdftoppm absent; a PDF is ready without its first-page image', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.checks.pdftoppm.status).toBe('absent');

    const owner = await createUser(t, UserRole.Contestant);
    const entryId = putEntry(t, { ownerId: owner.id });
    const res = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', makePdf(2), { filename: 'tai-lieu.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const info = await t.http().get(`/media/${res.body.id}`).set('Authorization', owner.auth);
    expect(info.body.facts.pages).toBe(2);
    expect(info.body.variants).not.toContain('page');
    expect(info.body.variants).toContain('preview');
  });

  it('/health reports soffice absent; slides are ready with their slide count, no page images, said once', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.checks.soffice).toMatchObject({ status: 'absent' });

    // the parts a pptx is recognized by, and the slide count PowerPoint writes
    const deck = (n: number) =>
      writeZip(
        new Map([
          [
            '[Content_Types].xml',
            Buffer.from(
              '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            ),
          ],
          ['ppt/presentation.xml', Buffer.from(`<?xml version="1.0"?><p:presentation n="${n}"/>`)],
          [
            'docProps/app.xml',
            Buffer.from(`<?xml version="1.0"?><Properties><Slides>${n}</Slides></Properties>`),
          ],
        ]),
      );
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const owner = await createUser(t, UserRole.Contestant);
      const entryId = putEntry(t, { ownerId: owner.id });
      for (const n of [3, 4]) {
        const res = await t
          .http()
          .post(`/media/uploads?entryId=${entryId}`)
          .set('Authorization', owner.auth)
          .attach('file', deck(n), { filename: `bai-${n}.pptx`, contentType: FORMATS.pptx.mime });
        expect(res.status).toBe(201);
        expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
          'ready',
        );
        const info = await t.http().get(`/media/${res.body.id}`).set('Authorization', owner.auth);
        expect(info.body.facts).toEqual({ pages: n });
        expect(info.body.variants).toEqual(['original']);
        expect(info.body.pages).toEqual([]);
      }
      const told = warn.mock.calls.filter(([m]) =>
        /soffice \(LibreOffice\) not found/.test(String(m)),
      );
      expect(told).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
