import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import {
  ALL_KINDS,
  filesUnder,
  makeAudio,
  makePdf,
  putEntry,
  removeDir,
  sha256,
  tempDir,
  waitForStatus,
} from './media-support';

const MiB = 1024 * 1024;

/** A valid one-page PDF of exactly `size` bytes (its info dictionary padded). */
function pdfOfSize(size: number, fill = 'x'): Buffer {
  let pad = Math.max(0, size - makePdf(1, '/Pad ()').length);
  // the cross-reference offsets grow by a digit now and then: converge on the exact size
  for (let i = 0; i < 5; i++) {
    const pdf = makePdf(1, `/Pad (${fill.repeat(pad)})`);
    if (pdf.length === size) return pdf;
    pad += size - pdf.length;
  }
  throw new Error(`no PDF of ${size} bytes`);
}

describe('Media: multipart uploads arrive whole up to their limits', () => {
  let t: TestApp;
  let owner: TestUser;
  let uploads: string;
  let work: string;

  beforeAll(async () => {
    uploads = tempDir('limits-uploads');
    work = tempDir('limits-work');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    owner = await createUser(t, UserRole.Contestant);
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  const send = (entryId: string, file: Buffer, filename: string, contentType: string) =>
    t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', owner.auth)
      .set('Accept-Language', 'en')
      .attach('file', file, { filename, contentType });

  /**
   * The entry's rows and the stored objects, to show a refusal changed nothing (once every
   * accepted file is processed: processing stores derivatives).
   */
  async function footprint(entryId: string) {
    const until = Date.now() + 60_000;
    for (;;) {
      const { rows } = await t.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM media_items WHERE status = 'processing'`,
      );
      if (rows[0].n === '0' || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows } = await t.db.query('SELECT id FROM media_items WHERE entry_id = $1', [entryId]);
    return {
      rows: rows.length,
      objects: filesUnder(join(uploads, 'objects')).length,
      temporary: filesUnder(join(uploads, 'tmp')),
    };
  }

  /** An accepted upload: its row and its stored original hold exactly the bytes sent. */
  async function expectStoredWhole(res: { status: number; body: { id: string } }, sent: Buffer) {
    expect(res.status).toBe(201);
    const { rows } = await t.db.query<{ sha256: string; size_bytes: string }>(
      'SELECT sha256, size_bytes FROM media_items WHERE id = $1',
      [res.body.id],
    );
    expect({ sha256: rows[0].sha256, size: Number(rows[0].size_bytes) }).toEqual({
      sha256: sha256(sent),
      size: sent.length,
    });
    const stored = join(uploads, 'objects', rows[0].sha256.slice(0, 2), rows[0].sha256.slice(2, 4));
    const path = join(stored, rows[0].sha256);
    expect(statSync(path).size).toBe(sent.length);
    expect(sha256(readFileSync(path))).toBe(sha256(sent));
  }

  async function expectRefusedWhole(
    entryId: string,
    upload: () => Promise<{ status: number; body: { code: string; message: string } }>,
    code: string,
    max: number,
  ) {
    const before = await footprint(entryId);
    const res = await upload();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code });
    expect(res.body.message).toContain(String(max));
    expect(await footprint(entryId)).toEqual({ ...before, temporary: [] });
  }

  it('a 20-second WAV of 1,764,078 bytes arrives whole and is ready with its 20 seconds', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const wav = readFileSync(await makeAudio(work, 'twenty.wav', 20));
    // 20 s of 16-bit mono at 44.1 kHz, and its header
    expect(wav.length).toBeGreaterThan(20 * 44_100 * 2);
    const res = await send(entryId, wav, 'ghi-am.wav', 'audio/wav');
    await expectStoredWhole(res, wav);
    expect((await waitForStatus(t, res.body.id, ['ready', 'rejected', 'failed'])).status).toBe(
      'ready',
    );
    const { rows } = await t.db.query<{ facts: { durationSeconds: number } }>(
      'SELECT facts FROM media_items WHERE id = $1',
      [res.body.id],
    );
    expect(rows[0].facts.durationSeconds).toBeCloseTo(20, 1);
  });

  it('a valid JPEG of 3.9 MiB arrives whole', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };
    const jpeg = await sharp({
      create: { width: 2400, height: 1800, channels: 3, background: '#000', noise },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(3 * MiB);
    await expectStoredWhole(await send(entryId, jpeg, 'anh.jpg', 'image/jpeg'), jpeg);
  });

  it('files on both sides of 1 MiB (the JSON body limit) arrive whole', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    for (const size of [MiB - 1, MiB, MiB + 1, 2 * MiB]) {
      const pdf = pdfOfSize(size);
      await expectStoredWhole(
        await send(entryId, pdf, `tai-lieu-${size}.pdf`, 'application/pdf'),
        pdf,
      );
    }
  });

  it("the category's own limit: up to it arrives whole, one byte more is 413 and stores nothing", async () => {
    const max = 3 * MiB;
    const entryId = putEntry(t, {
      ownerId: owner.id,
      rules: { ...ALL_KINDS, maxSizeBytes: max },
    });
    const atLimit = pdfOfSize(max, 'y');
    await expectStoredWhole(await send(entryId, atLimit, 'du.pdf', 'application/pdf'), atLimit);
    await expectRefusedWhole(
      entryId,
      () => send(entryId, pdfOfSize(max + 1, 'y'), 'thua.pdf', 'application/pdf'),
      'media.too_large',
      max,
    );
    await expectRefusedWhole(
      entryId,
      () => send(entryId, pdfOfSize(max + MiB, 'y'), 'thua-nhieu.pdf', 'application/pdf'),
      'media.too_large',
      max,
    );
  });

  it('the multipart limit (20 MiB): up to it arrives whole, above it is 413 and stores nothing', async () => {
    const max = 20 * MiB;
    expect(t.config.media.multipartMaxBytes).toBe(max);
    const entryId = putEntry(t, { ownerId: owner.id });
    const atLimit = pdfOfSize(max, 'z');
    await expectStoredWhole(await send(entryId, atLimit, 'lon.pdf', 'application/pdf'), atLimit);
    for (const size of [max + 1, 25_000_000]) {
      await expectRefusedWhole(
        entryId,
        () => send(entryId, pdfOfSize(size, 'z'), 'qua-lon.pdf', 'application/pdf'),
        'media.multipart_too_large',
        max,
      );
    }
  });
});
