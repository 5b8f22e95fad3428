import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { io, Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import {
  ALL_KINDS,
  filesUnder,
  goneWithin,
  makeAudio,
  makeClip,
  makePdf,
  putEntry,
  readBytes,
  removeDir,
  sha256,
  tempDir,
  waitForStatus,
} from './media-support';

describe('Media processing (files generated in the test)', () => {
  let t: TestApp;
  let owner: TestUser;
  let uploads: string;
  let work: string;

  beforeAll(async () => {
    uploads = tempDir('uploads');
    work = tempDir('work');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    owner = await createUser(t, UserRole.Contestant);
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  const upload = (entryId: string, file: Buffer | string, filename: string, contentType?: string) =>
    t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .attach('file', typeof file === 'string' ? readBytes(file) : file, {
        filename,
        ...(contentType ? { contentType } : {}),
      });

  const get = (id: string, variant?: string) =>
    t
      .http()
      .get(`/media/${id}${variant ? `/${variant}` : ''}`)
      .set('Authorization', owner.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('a portrait phone clip: facts from ffprobe (rotation applied), poster, playable preview', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    // recorded sideways as phones do: 640x360 stored, rotated 90 degrees for display
    const clip = await makeClip(work, 'portrait.mp4', {
      width: 640,
      height: 360,
      seconds: 2,
      rotate: 90,
    });
    const res = await upload(entryId, clip, 'Video dọc.mp4', 'video/mp4');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'video', status: 'processing', mime: 'video/mp4' });
    expect(res.body.sha256).toBe(sha256(readBytes(clip)));
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const view = (await get(res.body.id)).body as unknown as Buffer;
    const info = JSON.parse(view.toString()) as {
      facts: Record<string, unknown>;
      variants: string[];
    };
    expect(info.facts).toMatchObject({
      width: 360,
      height: 640,
      orientation: 'portrait',
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    expect(info.facts.durationSeconds).toBeCloseTo(2, 0);
    expect(info.variants).toEqual(
      expect.arrayContaining(['original', 'thumb', 'poster', 'preview']),
    );
    const poster = await get(res.body.id, 'poster');
    expect(poster.headers['content-type']).toBe('image/webp');
    const meta = await sharp(poster.body as unknown as Buffer).metadata();
    expect(meta.height).toBeGreaterThan(meta.width); // the poster is upright
    const preview = await get(res.body.id, 'preview');
    expect(preview.headers['content-type']).toBe('video/mp4');
    expect((preview.body as unknown as Buffer).subarray(4, 8).toString()).toBe('ftyp');
  });

  it('a landscape 720p clip in a container browsers do not play gets an H.264/AAC MP4 preview', async () => {
    const entryId = putEntry(t, {
      ownerId: owner.id,
      rules: { ...ALL_KINDS, minResolution: 720, landscapeOnly: true },
    });
    const clip = await makeClip(work, 'landscape.mkv', {
      width: 1280,
      height: 720,
      seconds: 1,
      args: ['-c:v', 'mpeg4', '-q:v', '8', '-c:a', 'libopus'],
    });
    const res = await upload(entryId, clip, 'landscape.mkv');
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('video/x-matroska');
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const { rows } = await t.db.query('SELECT facts, derivatives FROM media_items WHERE id = $1', [
      res.body.id,
    ]);
    expect(rows[0].facts).toMatchObject({
      width: 1280,
      height: 720,
      orientation: 'landscape',
      videoCodec: 'mpeg4',
    });
    // the preview is a real H.264/AAC MP4
    const preview = join(
      uploads,
      'objects',
      rows[0].derivatives.preview.key.slice(0, 2),
      rows[0].derivatives.preview.key.slice(2, 4),
      rows[0].derivatives.preview.key,
    );
    const { execFileSync } = await import('node:child_process');
    const probe = JSON.parse(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-print_format',
        'json',
        '-show_streams',
        '-show_format',
        preview,
      ]).toString(),
    ) as { streams: { codec_name: string }[]; format: { format_name: string } };
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(probe.format.format_name).toContain('mp4');
  });

  it('clips too short or too low for the category are rejected, naming the rule, and removed', async () => {
    const rules = { ...ALL_KINDS, minDurationSeconds: 3, minResolution: 720 };
    const shortEntry = putEntry(t, { ownerId: owner.id, rules: { ...rules, minResolution: null } });
    const short = await makeClip(work, 'short.mp4', { width: 1280, height: 720, seconds: 1 });
    const a = await upload(shortEntry, short, 'short.mp4');
    expect(a.status).toBe(201);
    const ra = await waitForStatus(t, a.body.id, ['ready', 'rejected', 'failed']);
    expect(ra).toMatchObject({
      status: 'rejected',
      reason: { code: 'media.duration_too_short', params: { rule: 'minDurationSeconds', min: 3 } },
    });

    const lowEntry = putEntry(t, {
      ownerId: owner.id,
      rules: { ...rules, minDurationSeconds: null },
    });
    const low = await makeClip(work, 'low.mp4', { width: 640, height: 360, seconds: 1 });
    const b = await upload(lowEntry, low, 'low.mp4');
    const rb = await waitForStatus(t, b.body.id, ['ready', 'rejected', 'failed']);
    expect(rb).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'media.resolution_too_low',
        params: { rule: 'minResolution', min: 720, actual: 360 },
      },
    });
    // the refused originals are gone from disk
    for (const f of [short, low]) {
      expect(await goneWithin(uploads, sha256(readBytes(f)))).toBe(true);
    }
    // the owner reads the reason in their language
    const en = await t.http().get(`/media/${b.body.id}`).set('Authorization', owner.auth);
    expect(en.body.reason.code).toBe('media.resolution_too_low');
  });

  it('a tall infographic 1080x6000 keeps its aspect ratio in its derivatives', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const png = await sharp({
      create: { width: 1080, height: 6000, channels: 3, background: '#d33' },
    })
      .png()
      .toBuffer();
    const res = await upload(entryId, png, 'infographic.png', 'image/png');
    expect(res.status).toBe(201);
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const thumb = await sharp(
      (await get(res.body.id, 'thumb')).body as unknown as Buffer,
    ).metadata();
    expect(thumb).toMatchObject({
      format: 'webp',
      width: 320,
      height: Math.round((6000 * 320) / 1080),
    });
    const preview = await sharp(
      (await get(res.body.id, 'preview')).body as unknown as Buffer,
    ).metadata();
    expect(preview.width).toBe(1080); // never enlarged
    expect(preview.height).toBe(6000);
  });

  it('a JPEG with GPS EXIF: derivatives are upright and carry no metadata at all', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const jpeg = await sharp({
      create: { width: 2000, height: 1000, channels: 3, background: '#3a6' },
    })
      .jpeg()
      .withExif({
        IFD0: { Artist: 'Nguyen Van A' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '21/1 1/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '105/1 51/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const original = await sharp(jpeg).metadata();
    expect(original.orientation).toBe(6);
    expect(jpeg.includes(Buffer.from('Nguyen Van A'))).toBe(true);
    // the GPS IFD pointer tag (0x8825), in either byte order
    const exif = original.exif!;
    expect(
      exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])),
    ).toBe(true);
    const res = await upload(entryId, jpeg, 'anh.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    for (const variant of ['thumb', 'preview']) {
      const body = (await get(res.body.id, variant)).body as unknown as Buffer;
      const m = await sharp(body).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      expect(m.height).toBeGreaterThan(m.width); // orientation 6 = rotated: portrait once applied
      expect(body.includes(Buffer.from('Nguyen Van A'))).toBe(false);
    }
    // each derivative is stored under the SHA-256 of exactly its bytes, with their size
    const { rows } = await t.db.query<{
      derivatives: Record<string, { key: string; size: number }>;
    }>('SELECT derivatives FROM media_items WHERE id = $1', [res.body.id]);
    for (const variant of ['thumb', 'preview']) {
      const { key, size } = rows[0].derivatives[variant];
      const bytes = readFileSync(join(uploads, 'objects', key.slice(0, 2), key.slice(2, 4), key));
      expect(sha256(bytes)).toBe(key);
      expect(bytes.length).toBe(size);
    }
    // nothing is left in the temporary folder
    expect(readdirSync(join(uploads, 'tmp'))).toEqual([]);
  });

  it('audio: duration and codec, a playable preview; the owner sees the outcome live', async () => {
    const entryId = putEntry(t, { ownerId: owner.id, rules: { ...ALL_KINDS, kinds: ['audio'] } });
    const wav = await makeAudio(work, 'podcast.wav', 2);
    const socket: Socket = io(t.url, {
      transports: ['websocket'],
      auth: { token: owner.accessToken },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const events: { id: string; status: string }[] = [];
    socket.on('media.status', (e: { id: string; status: string }) => events.push(e));
    try {
      const res = await upload(entryId, wav, 'podcast.wav', 'audio/wav');
      expect(res.status).toBe(201);
      expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
        'ready',
      );
      const info = await t.http().get(`/media/${res.body.id}`).set('Authorization', owner.auth);
      expect(info.body.kind).toBe('audio');
      expect(info.body.facts).toMatchObject({ audioCodec: 'pcm_s16le' });
      expect(info.body.facts.durationSeconds).toBeCloseTo(2, 0);
      const preview = await get(res.body.id, 'preview');
      expect(preview.headers['content-type']).toBe('audio/mp4');
      const until = Date.now() + 5000;
      while (
        !events.some((e) => e.id === res.body.id && e.status === 'ready') &&
        Date.now() < until
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const mine = events.filter((e) => e.id === res.body.id).map((e) => e.status);
      expect(mine[0]).toBe('processing');
      expect(mine[mine.length - 1]).toBe('ready');
    } finally {
      socket.close();
    }
  });

  it('a PDF: page count, a download without the author in its metadata for blind judges', async () => {
    const entryId = putEntry(t, {
      ownerId: owner.id,
      rules: { ...ALL_KINDS, kinds: ['document'] },
    });
    const pdf = makePdf(3);
    const res = await upload(entryId, pdf, 'Bài dự thi.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const info = await t.http().get(`/media/${res.body.id}`).set('Authorization', owner.auth);
    expect(info.body.facts.pages).toBe(3);
    const original = await get(res.body.id, 'original');
    expect(original.headers['content-disposition']).toMatch(
      /^attachment; filename="Bai du thi.pdf"; filename\*=UTF-8''B%C3%A0i%20d%E1%BB%B1%20thi.pdf$/,
    );
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(sha256(original.body as unknown as Buffer)).toBe(sha256(pdf));
    const clean = (await get(res.body.id, 'preview')).body as unknown as Buffer;
    expect(clean.length).toBe(pdf.length);
    expect(clean.includes(Buffer.from('Nguyen Thi Tac Gia'))).toBe(false);
    expect(clean.toString('latin1')).toMatch(/startxref\s+\d+\s+%%EOF/);

    // every page as images (pdftoppm, then WebP by sharp, 1200 px wide): A4 keeps its aspect
    // ratio (test/media-pages.e2e-spec.ts has more)
    expect(info.body.variants).toEqual(
      expect.arrayContaining(['page', 'page-2', 'page-3', 'thumb']),
    );
    expect(info.body.facts.pageImages).toBe(3);
    const page = await get(res.body.id, 'page');
    expect(page.headers['content-type']).toBe('image/webp');
    const pageMeta = await sharp(page.body as unknown as Buffer).metadata();
    expect(pageMeta).toMatchObject({ format: 'webp', width: 1200 });
    expect(Math.abs(pageMeta.width / pageMeta.height - 595 / 842)).toBeLessThan(0.01);
    expect(pageMeta.exif).toBeUndefined();
    const thumbMeta = await sharp(
      (await get(res.body.id, 'thumb')).body as unknown as Buffer,
    ).metadata();
    expect(thumbMeta).toMatchObject({ format: 'webp', width: 320 });
  });

  it('the same content uploaded twice is stored once', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    const a = await upload(entryId, png, 'a.png');
    const b = await upload(entryId, png, 'b.png');
    expect(a.body.sha256).toBe(b.body.sha256);
    await waitForStatus(t, a.body.id, ['ready']);
    await waitForStatus(t, b.body.id, ['ready']);
    const digest = sha256(png);
    expect(filesUnder(uploads).filter((p) => p.endsWith(digest))).toHaveLength(1);
  });

  /** Child processes of this process that run the image worker. */
  const imageWorkers = () =>
    readdirSync(`/proc/${process.pid}/task`)
      .flatMap((tid) =>
        readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/),
      )
      .filter(Boolean)
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('image-worker');
        } catch {
          return false;
        }
      });

  it('images are decoded in a separate, lower-priority worker process that comes back after a crash', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const photo = (hue: number) =>
      sharp({
        create: { width: 640, height: 480, channels: 3, background: { r: hue, g: 80, b: 40 } },
      })
        .jpeg()
        .toBuffer();
    const first = await upload(entryId, await photo(10), 'a.jpg');
    expect((await waitForStatus(t, first.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const [worker] = imageWorkers();
    expect(worker).toBeGreaterThan(0);
    expect(worker).not.toBe(process.pid);
    // nice is field 19 of /proc/<pid>/stat
    const nice = Number(readFileSync(`/proc/${worker}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    expect(nice).toBeGreaterThan(0);

    process.kill(worker, 'SIGKILL');
    const second = await upload(entryId, await photo(200), 'b.jpg');
    expect((await waitForStatus(t, second.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const now = imageWorkers();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(worker);
  });
});
