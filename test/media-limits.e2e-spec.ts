import { connect } from 'node:net';
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

/** A multipart/form-data body with one file part, as a browser sends it. */
function multipartBody(file: Buffer, filename: string, type: string) {
  const boundary = '----hoithi' + sha256(file).slice(0, 16);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits what a server wrote on one connection into its answers (bodies with Content-Length). */
function answers(raw: Buffer): Answer[] {
  const out: Answer[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const [statusLine, ...lines] = raw.subarray(at, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    out.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: raw.subarray(end + 4, end + 4 + length).toString('utf8'),
    });
    at = end + 4 + length;
  }
  return out;
}

describe('Media: multipart uploads arrive whole up to their limits, and refusals free the connection', () => {
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

  /**
   * Writes `first` and then `second` on one keep-alive connection, and collects what the
   * server says until it closes the connection (or `boundMs` passes: a server that stops
   * reading the connection never closes it).
   */
  function twoOnOneConnection(first: Buffer, second: string, boundMs = 30_000) {
    return new Promise<{ raw: Buffer; closedByServer: boolean }>((resolve) => {
      const url = new URL(t.url);
      const socket = connect(Number(url.port), url.hostname);
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (closedByServer: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(bound);
        socket.destroy();
        resolve({ raw: Buffer.concat(chunks), closedByServer });
      };
      const bound = setTimeout(() => done(false), boundMs);
      socket.on('data', (d: Buffer) => chunks.push(d));
      socket.on('end', () => done(true));
      socket.on('close', () => done(true));
      socket.on('error', () => done(true));
      socket.write(first);
      socket.write(second);
    });
  }

  function rawUpload(entryId: string, file: Buffer) {
    const { body, contentType } = multipartBody(file, 'qua-lon.pdf', 'application/pdf');
    const url = new URL(t.url);
    return Buffer.concat([
      Buffer.from(
        `POST /media/uploads?entryId=${entryId} HTTP/1.1\r\nHost: ${url.host}\r\n` +
          `Authorization: ${owner.auth}\r\nAccept-Language: en\r\nContent-Type: ${contentType}\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`,
      ),
      body,
    ]);
  }

  const health = (host: string) =>
    `GET /health/live HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

  it('after a refused upload the next request on the same connection is answered', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const host = new URL(t.url).host;
    const tooLarge = await twoOnOneConnection(
      rawUpload(entryId, pdfOfSize(25_000_000, 'w')),
      health(host),
    );
    expect(answers(tooLarge.raw).map((a) => a.status)).toEqual([413, 200]);
    expect(JSON.parse(answers(tooLarge.raw)[0].body)).toMatchObject({
      code: 'media.multipart_too_large',
    });

    // refused by the category's limit, far below the multipart one
    const small = putEntry(t, {
      ownerId: owner.id,
      rules: { ...ALL_KINDS, maxSizeBytes: 100_000 },
    });
    const overCategory = await twoOnOneConnection(
      rawUpload(small, pdfOfSize(5 * MiB, 'v')),
      health(host),
    );
    expect(answers(overCategory.raw).map((a) => a.status)).toEqual([413, 200]);
    expect(JSON.parse(answers(overCategory.raw)[0].body)).toMatchObject({
      code: 'media.too_large',
    });

    // refused before a byte of the file is read (the entry is full)
    const full = putEntry(t, { ownerId: owner.id, rules: { ...ALL_KINDS, maxCount: 1 } });
    expect((await send(full, makePdf(1), 'mot.pdf', 'application/pdf')).status).toBe(201);
    const refused = await twoOnOneConnection(rawUpload(full, pdfOfSize(5 * MiB)), health(host));
    expect(answers(refused.raw).map((a) => a.status)).toEqual([409, 200]);
    expect(await footprint(full)).toMatchObject({ rows: 1, temporary: [] });
    expect(await footprint(entryId)).toMatchObject({ rows: 0, temporary: [] });
  });

  it('a refused body far beyond the limit is not read to its end: the connection is closed', async () => {
    const entryId = putEntry(t, { ownerId: owner.id });
    const host = new URL(t.url).host;
    const huge = await twoOnOneConnection(
      rawUpload(entryId, Buffer.alloc(80 * MiB, 0x41)),
      health(host),
    );
    expect(huge.closedByServer).toBe(true);
    expect(answers(huge.raw).map((a) => a.status)).toEqual([413]);
    expect(await footprint(entryId)).toMatchObject({ rows: 0, temporary: [] });
    // and the service goes on answering
    expect((await t.http().get('/health/live')).status).toBe(200);
  });
});
