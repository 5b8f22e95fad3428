import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { InMemoryEntryCatalog, EntryFacts } from '../src/media/entry-catalog';
import type { MediaRules } from '../src/media/media-policy';
import type { TestApp } from './support/test-app';

const run = promisify(execFile);

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export function tempDir(prefix: string) {
  return mkdtempSync(join(tmpdir(), `hoithi-${prefix}-`));
}

/** Every file under a folder (recursively). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

export const ALL_KINDS: MediaRules = {
  kinds: ['video', 'image', 'audio', 'document'],
  minCount: 0,
  maxCount: 20,
  maxSizeBytes: 200 * 1024 * 1024,
};

/** Registers an entry with the media feature's entry catalog. */
export function putEntry(t: TestApp, facts: Partial<EntryFacts> & { ownerId: string }): string {
  const id = randomUUID();
  t.app.get(InMemoryEntryCatalog).put(id, {
    status: 'draft',
    published: false,
    blindJudging: false,
    organizerIds: [],
    judgeIds: [],
    rules: ALL_KINDS,
    ...facts,
  });
  return id;
}

/** Generates a clip with ffmpeg's test sources. */
export async function makeClip(
  dir: string,
  name: string,
  opts: { width: number; height: number; seconds: number; rotate?: number; args?: string[] },
): Promise<string> {
  const out = join(dir, opts.rotate !== undefined ? `unrotated-${name}` : name);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${opts.width}x${opts.height}:rate=25:duration=${opts.seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${opts.seconds}`,
    ...(opts.args ?? [
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
    ]),
    '-shortest',
    out,
  ]);
  if (opts.rotate === undefined) return out;
  // as phones record: stored sideways, with a display rotation in the container
  const rotated = join(dir, name);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    out,
    '-c',
    'copy',
    '-metadata:s:v:0',
    `rotate=${opts.rotate}`,
    rotated,
  ]);
  return rotated;
}

export async function makeAudio(
  dir: string,
  name: string,
  seconds: number,
  args: string[] = [],
): Promise<string> {
  const out = join(dir, name);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=330:duration=${seconds}`,
    ...args,
    out,
  ]);
  return out;
}

/** A minimal valid PDF with `pages` pages (offsets computed, so the xref table is right). */
export function makePdf(pages = 2, extra = ''): Buffer {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  objects.push(`<< /Author (Nguyen Thi Tac Gia) /Title (Bai du thi) ${extra} >>`);
  for (let i = 0; i < pages; i++)
    objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A PDF of `pages` A4 pages, each showing its number in large type ("Trang n") over a band of
 * colour, whose document information names `author` (what a blind round must never show).
 */
export function makePagedPdf(pages: number, author: string, title = 'Bai du thi'): Buffer {
  const objects: string[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${5 + 2 * i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  objects.push(`<< /Author (${author}) /Title (${title}) /Creator (${author}) >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const grey = (0.3 + (0.6 * i) / Math.max(1, pages - 1)).toFixed(2);
    const stream =
      `${grey} 0.5 0.7 rg 40 640 515 160 re f 0 0 0 rg ` +
      `BT /F1 96 Tf 80 420 Td (Trang ${i + 1}) Tj ET ` +
      `BT /F1 24 Tf 80 360 Td (Noi dung trang ${i + 1} / ${pages}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents ${6 + 2 * i} 0 R >>`,
    );
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  }
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A small PNG file claiming huge dimensions: 1-bit grayscale rows of zeros, deflated. */
export function makePngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const row = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(row * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const readBytes = (path: string) => readFileSync(path);
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Waits (bounded) until the file reaches one of the given statuses. */
export async function waitForStatus(
  t: TestApp,
  id: string,
  statuses: string[],
  timeoutMs = 30_000,
): Promise<{ status: string; reason: { code: string; params?: Record<string, unknown> } | null }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await t.db.query<{ status: string; reason: { code: string } | null }>(
      'SELECT status, reason FROM media_items WHERE id = $1',
      [id],
    );
    if (rows[0] && statuses.includes(rows[0].status)) return rows[0];
    if (Date.now() > until)
      throw new Error(`media ${id} still ${rows[0]?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits (bounded) until no file under `dir` ends with `suffix`; false if one is still there.
 * A refused original is removed right after its status is written, so it can outlive the
 * status by a moment.
 */
export async function goneWithin(dir: string, suffix: string, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (filesUnder(dir).some((p) => p.endsWith(suffix))) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * A request written by hand on its own connection (`send` writes it and may misbehave: stop,
 * trickle); resolves with everything the server said once the connection is closed.
 */
export function rawExchange(
  baseUrl: string,
  send: (socket: Socket, host: string) => void,
): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    send(socket, url.host);
  });
}
