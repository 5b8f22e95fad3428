import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import {
  filesUnder,
  makeClip,
  makePdf,
  makePngBomb,
  putEntry,
  readBytes,
  removeDir,
  tempDir,
  waitForStatus,
  rawExchange,
} from './media-support';

describe('Media: bad input is refused, leaves nothing on disk, and the service stays healthy', () => {
  let t: TestApp;
  let owner: TestUser;
  let uploads: string;
  let work: string;
  let entryId: string;

  beforeAll(async () => {
    uploads = tempDir('bad-uploads');
    work = tempDir('bad-work');
    t = await startTestApp({
      UPLOADS_DIR: uploads,
      JOB_POLL_MS: '100',
      MEDIA_UPLOAD_IDLE_TIMEOUT_MS: '1000',
    });
    owner = await createUser(t, UserRole.Contestant);
    entryId = putEntry(t, { ownerId: owner.id });
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  const upload = (file: Buffer, filename: string, contentType?: string) =>
    t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .set('Accept-Language', 'en')
      .attach('file', file, { filename, ...(contentType ? { contentType } : {}) });

  async function expectRefused(
    res: { status: number; body: { code: string; message: string } },
    status: number,
    code: string,
  ) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message.length).toBeGreaterThan(10);
    expect(filesUnder(uploads)).toEqual([]);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
  }

  const png = () =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();

  it('a 14000x14000 PNG bomb is refused from its header, before decoding', async () => {
    const bomb = makePngBomb(14000, 14000);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await upload(bomb, 'bomb.png', 'image/png');
    await expectRefused(res, 422, 'media.too_many_pixels');
    expect(res.body.message).toContain('14000×14000');
  });

  it('a PNG with HTML appended', async () => {
    const polyglot = Buffer.concat([
      await png(),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    await expectRefused(await upload(polyglot, 'a.png', 'image/png'), 422, 'media.trailing_data');
  });

  it('a renamed executable', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.alloc(4096, 0),
    ]);
    await expectRefused(
      await upload(exe, 'bai-du-thi.pdf', 'application/pdf'),
      422,
      'media.executable',
    );
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(4096, 0)]);
    await expectRefused(await upload(elf, 'photo.jpg', 'image/jpeg'), 422, 'media.executable');
  });

  it('an SVG with a script', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await expectRefused(await upload(svg, 'logo.svg', 'image/svg+xml'), 422, 'media.markup');
    await expectRefused(await upload(svg, 'logo.png', 'image/png'), 422, 'media.markup');
  });

  it('an MP4 declared as image/png', async () => {
    const clip = readBytes(await makeClip(work, 'c.mp4', { width: 320, height: 240, seconds: 1 }));
    await expectRefused(await upload(clip, 'c.png', 'image/png'), 422, 'media.type_mismatch');
    await expectRefused(
      await upload(clip, 'c.png', 'application/octet-stream'),
      422,
      'media.extension_mismatch',
    );
  });

  it('a truncated JPEG', async () => {
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 30 };
    const jpeg = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#000', noise },
    })
      .jpeg()
      .toBuffer();
    const cut = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    await expectRefused(await upload(cut, 'cut.jpg', 'image/jpeg'), 422, 'media.truncated');
  });

  it('a PDF with JavaScript is refused after decoding, and its file is removed', async () => {
    const pdf = makePdf(1, '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>');
    const res = await upload(pdf, 'doc.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    const done = await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed']);
    expect(done).toMatchObject({ status: 'rejected', reason: { code: 'media.pdf_scripted' } });
    expect(filesUnder(uploads)).toEqual([]);
    const broken = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n');
    await expectRefused(
      await upload(broken, 'broken.pdf', 'application/pdf'),
      422,
      'media.pdf_malformed',
    );
  });

  it.each([
    ['../../etc/passwd.png', 'media.invalid_name'],
    ['a\u0000.png', 'media.invalid_name'],
    ['photo\u202Egnp.exe', 'media.invalid_name'],
    [`${'a'.repeat(296)}.png`, 'media.name_too_long'],
  ])('a file name like %j is refused', async (name, code) => {
    const res = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send(
        Buffer.concat([
          Buffer.from(
            `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
            'utf8',
          ),
          await png(),
          Buffer.from('\r\n--XyZ--\r\n'),
        ]),
      );
    await expectRefused(res, 400, code);
  });

  it('a multipart body with a truncated boundary', async () => {
    const res = await t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send(
        Buffer.concat([
          Buffer.from(
            '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n',
          ),
          await png(),
          Buffer.from('\r\n--Xy'),
        ]),
      );
    await expectRefused(res, 400, 'media.multipart_malformed');
  });

  /** Sends the start of a multipart upload by hand, then misbehaves. */
  function partialUpload(behaviour: 'stop' | 'slow'): Promise<string> {
    return rawExchange(t.url, (socket, host) => {
      const head = Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n',
      );
      socket.write(
        `POST /media/uploads?entryId=${entryId} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${owner.auth}\r\n` +
          `Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${head.length + 1_000_000}\r\n\r\n`,
      );
      socket.write(head);
      socket.write(Buffer.alloc(200_000, 0x41));
      if (behaviour === 'stop') setTimeout(() => socket.destroy(), 200);
      else {
        // a trickle far below one byte per idle period: the server stops waiting
        setTimeout(() => socket.write('A'), 300);
        setTimeout(() => socket.destroy(), 8000);
      }
    });
  }

  it('a client that stops mid-upload', async () => {
    await partialUpload('stop');
    const until = Date.now() + 5000;
    while (filesUnder(uploads).length && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(filesUnder(uploads)).toEqual([]);
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('a slow client is cut off with a clear error', async () => {
    const answer = await partialUpload('slow');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('media.upload_stalled');
    expect(filesUnder(uploads)).toEqual([]);
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('the category rules apply before the content is stored: kind, size and count', async () => {
    const onlyDocs = putEntry(t, {
      ownerId: owner.id,
      rules: { kinds: ['document'], minCount: 0, maxCount: 1, maxSizeBytes: 10_000 },
    });
    const send = (file: Buffer, name: string) =>
      t
        .http()
        .post(`/media/uploads?entryId=${onlyDocs}`)
        .set('Authorization', owner.auth)
        .attach('file', file, { filename: name });
    await expectRefused(await send(await png(), 'a.png'), 422, 'media.kind_not_allowed');
    await expectRefused(
      await send(Buffer.concat([makePdf(1), Buffer.alloc(20_000, 0x20)]), 'big.pdf'),
      413,
      'media.too_large',
    );
    expect((await send(makePdf(1), 'one.pdf')).status).toBe(201);
    const second = await send(makePdf(2), 'two.pdf');
    expect({ status: second.status, code: second.body.code }).toEqual({
      status: 409,
      code: 'media.too_many',
    });
  });
});
