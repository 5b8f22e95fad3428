import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { ToolError } from '../src/media/media-tools';
import { OfficeConverter } from '../src/media/office-converter';
import { FORMATS } from '../src/media/sniff';
import { MEDIA_STORAGE, MediaStorage } from '../src/storage/storage';
import { UserRole } from '../src/users/entities/user.entity';
import { addFileInJudging, buildScenario, JudgingScenario, RUBRIC } from './judging.fixtures';
import { filesUnder, removeDir, tempDir } from './media-support';
import { makeSlides, readZip } from './slides-support';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface JudgeMedia {
  id: string;
  kind: string;
  mime: string;
  facts: { pages?: number };
  urls: Record<string, string>;
  pages?: { page: number; url: string; width: number; height: number }[];
  originalName?: string;
}

/** Folds Vietnamese to ASCII, the way a name is often written into a file's properties. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** A text as it may stand in a PDF: UTF-8, Latin-1, UTF-16BE bytes, or a hex string of those. */
function spellings(text: string): Buffer[] {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return [
    Buffer.from(text, 'utf8'),
    Buffer.from(text, 'latin1'),
    utf16,
    Buffer.from(utf16.toString('hex').toUpperCase(), 'latin1'),
    Buffer.from(utf16.toString('hex'), 'latin1'),
    Buffer.from(Buffer.from(text, 'utf8').toString('hex').toUpperCase(), 'latin1'),
  ];
}

/** A PDF's bytes and the content of each of its compressed streams. */
function pdfParts(pdf: Buffer): Buffer[] {
  const parts = [pdf];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      parts.push(inflateSync(pdf.subarray(start, end)));
    } catch {
      // not deflated (or a picture): its bytes are searched with the whole file
    }
  }
  return parts;
}

/** Processes whose command line holds `text` (LibreOffice's carry their run's folder). */
function processesWith(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(text)) found.push(`${pid} ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * Slides as a judge reads them: LibreOffice converts the deck to PDF, which is anonymized like
 * an uploaded PDF and drawn page by page by pdftoppm, each page a light WebP made by sharp and
 * served by a signed address bound to the judge; nothing of it names the author, the unit or the
 * file in a blind round, whatever the deck's own properties say.
 */
describe('Media: slides as page images for their judges (LibreOffice, pdftoppm, sharp, PostgreSQL)', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judges: TestUser[];
  let roundId: string;
  let uploads: string;
  let work: string;
  let deck: Buffer;
  let deckId: string;
  let identifying: string[];
  const http = () => t.http();
  const fetchUrl = (url: string, headers: Record<string, string> = {}) => {
    let req = http()
      .get(url)
      .buffer(true)
      .parse(binary as never);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };

  beforeAll(async () => {
    uploads = tempDir('slides-uploads');
    work = tempDir('slides-work');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    judges = [];
    for (let i = 0; i < 2; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
    s = await buildScenario(t, {
      perCommune: 1,
      total: 1,
      blindJudging: true,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    roundId = s.c.rounds.commune;
    await t.db.query(
      `UPDATE contest_categories
          SET rules = jsonb_set(rules, '{media,kinds}', '["video", "image", "document"]')
        WHERE contest_id = $1`,
      [s.c.contestId],
    );
    const e = s.entries[0];
    const author = e.members[0];
    const unit = s.units.communes[e.commune].name;
    deck = await makeSlides(work, {
      slides: ['Trang chiếu 1: Mở đầu', 'Trang chiếu 2: Giải pháp', 'Trang chiếu 3: Kết quả'],
      author,
      company: unit,
      title: `Bài trình chiếu của ${author}`,
    });
    // the deck carries the author and unit as PowerPoint writes them
    const parts = readZip(deck);
    expect(parts.get('docProps/core.xml')!.toString('utf8')).toContain(
      `<dc:creator>${author}</dc:creator>`,
    );
    expect(parts.get('docProps/app.xml')!.toString('utf8')).toContain(`<Company>${unit}</Company>`);
    // added as its owner would have before submitting
    deckId = await addFileInJudging(
      t,
      s,
      0,
      deck,
      { filename: `${author} - bài trình chiếu.pptx`, contentType: FORMATS.pptx.mime },
      240_000,
    );

    let r = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(r.status).toBe(200);
    r = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 2, seed: 'slides' });
    expect(r.status).toBe(200);
    identifying = [
      ...e.members,
      ...e.members.map(ascii),
      unit,
      ascii(unit),
      'bài trình chiếu',
      'bai trinh chieu',
      'Bài trình chiếu',
      '.pptx',
    ];
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  it('the deck’s slides become its pages (1200 px wide WebP), counted from the converted PDF', async () => {
    const res = await http()
      .get(`/media/${deckId}`)
      .set('Authorization', s.contestants[s.entries[0].commune].auth);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('document');
    expect(res.body.mime).toBe(FORMATS.pptx.mime);
    expect(res.body.facts).toMatchObject({ pages: 3, pageImages: 3 });
    expect(res.body.pages).toHaveLength(3);
    for (const p of res.body.pages as { width: number; height: number }[]) {
      // 16:9 slides, nothing cropped
      expect(p.width).toBe(1200);
      expect(Math.abs(p.height - 675)).toBeLessThanOrEqual(2);
    }
    expect(res.body.variants).toEqual(
      expect.arrayContaining(['original', 'thumb', 'preview', 'page', 'page-2', 'page-3']),
    );
    expect(res.body.variants).not.toContain('page-4');
    // LibreOffice's run folder (profile, copy, output) is gone, and so is LibreOffice
    expect(filesUnder(join(uploads, 'tmp'))).toEqual([]);
    expect(readdirSync(join(uploads, 'tmp'))).toEqual([]);
    expect(processesWith(uploads)).toEqual([]);
  });

  it('the judge gets each slide by a signed address, and the whole PDF; nothing names the author, unit or file', async () => {
    const view = await http()
      .get(`/judging/rounds/${roundId}/entries/${s.entries[0].id}`)
      .set('Authorization', judges[0].auth);
    expect(view.status).toBe(200);
    for (const name of identifying) expect(view.text).not.toContain(name);
    const doc = (view.body.media as JudgeMedia[]).find((m) => m.id === deckId)!;
    expect(doc.kind).toBe('document');
    expect(doc.originalName).toBeUndefined();
    expect(doc.facts.pages).toBe(3);
    expect(doc.urls.original).toBeUndefined();
    expect(doc.pages!.map((p) => p.page)).toEqual([1, 2, 3]);

    const seen = new Set<string>();
    for (const p of doc.pages!) {
      expect(p.url).toMatch(/[?&]sig=/);
      const res = await fetchUrl(p.url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      const bytes = res.body as Buffer;
      for (const name of identifying) {
        expect(res.headers['content-disposition'] ?? '').not.toContain(name);
        for (const form of spellings(name)) expect(bytes.includes(form)).toBe(false);
      }
      const meta = await sharp(bytes).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual({
        width: p.width,
        height: p.height,
      });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.length).toBeLessThan(150_000);
      seen.add(bytes.toString('base64'));
    }
    // three different slides, not one slide three times
    expect(seen.size).toBe(3);
    // another user cannot use the address
    expect((await fetchUrl(doc.pages![1].url, { Authorization: judges[1].auth })).status).toBe(403);

    // the whole document: the converted PDF, its information and XMP blanked
    expect(doc.urls.preview).toMatch(/\/media\/[0-9a-f-]+\/preview\?/);
    const pdf = await fetchUrl(doc.urls.preview);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${deckId}\\.pdf"`),
    );
    const pdfBytes = pdf.body as Buffer;
    for (const part of pdfParts(pdfBytes))
      for (const name of identifying)
        for (const form of spellings(name)) expect(part.includes(form)).toBe(false);
    // as poppler reads it: three pages, no author, no title
    const copy = join(work, 'judge-copy.pdf');
    writeFileSync(copy, pdfBytes);
    const info = (await run('pdfinfo', [copy])).stdout;
    expect(info).toMatch(/^Pages:\s+3$/m);
    for (const name of identifying) expect(info).not.toContain(name);
    expect(info).not.toMatch(/^(Title|Subject|Keywords|Author):[ \t]*\S/m);
  });

  it('LibreOffice fetches nothing a deck links to (no network)', async () => {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const png = await sharp({
        create: { width: 8, height: 8, channels: 3, background: '#0a0' },
      })
        .png()
        .toBuffer();
      const linked = join(work, 'linked.pptx');
      writeFileSync(
        linked,
        await makeSlides(work, {
          slides: ['Một', 'Hai'],
          author: 'Người Lạ',
          company: 'Đơn vị',
          title: 'Liên kết',
          linkedPicture: { url: `http://127.0.0.1:${port}/theo-doi.png`, png },
        }),
      );
      expect(
        readZip(readFileSync(linked)).get('ppt/slides/_rels/slide1.xml.rels')!.toString(),
      ).toContain(`http://127.0.0.1:${port}/theo-doi.png" TargetMode="External"`);
      const out = join(uploads, 'tmp', 'linked-test.pdf');
      const { size } = await t.app.get(OfficeConverter).slidesToPdf(linked, out);
      expect(size).toBeGreaterThan(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      removeDir(out);
      expect(requests).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('a conversion past its time limit is stopped: LibreOffice killed, its folder removed', async () => {
    const input = join(work, 'deck.pptx');
    writeFileSync(input, deck);
    const out = join(uploads, 'tmp', 'too-slow.pdf');
    const started = Date.now();
    // LibreOffice needs seconds to start with a new profile: 300 ms is always too little
    await expect(t.app.get(OfficeConverter).slidesToPdf(input, out, 300)).rejects.toThrow(
      ToolError,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.soffice`)).toBe(false);
    expect(processesWith(`${out}.soffice`)).toEqual([]);
    expect(readdirSync(join(uploads, 'tmp'))).toEqual([]);
    // and the next conversion works
    const again = join(uploads, 'tmp', 'in-time.pdf');
    await t.app.get(OfficeConverter).slidesToPdf(input, again);
    expect(existsSync(again)).toBe(true);
    removeDir(again);
  });

  it('a run folder left by a crash is removed with the other stale temporary files', async () => {
    const left = join(uploads, 'tmp', '1700000000000-0123456789abcdef.pdf.soffice');
    mkdirSync(join(left, 'profile', 'user'), { recursive: true });
    writeFileSync(join(left, 'profile', 'user', 'registrymodifications.xcu'), '<oor:items/>');
    const stray = join(uploads, 'tmp', '1700000000000-fedcba9876543210.png');
    writeFileSync(stray, 'x');
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(left, old, old);
    utimesSync(stray, old, old);
    await t.app.get<MediaStorage>(MEDIA_STORAGE).cleanTemp(new Date(Date.now() - 24 * 3600_000));
    expect(readdirSync(join(uploads, 'tmp'))).toEqual([]);
  });
});
