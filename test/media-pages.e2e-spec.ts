import sharp from 'sharp';
import { MediaUrlSigner } from '../src/media/media-url.signer';
import { UserRole } from '../src/users/entities/user.entity';
import { addFileInJudging, buildScenario, JudgingScenario, RUBRIC } from './judging.fixtures';
import { join } from 'node:path';
import { filesUnder, makePagedPdf, removeDir, tempDir } from './media-support';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface JudgePage {
  page: number;
  url: string;
  width: number;
  height: number;
}
interface JudgeMedia {
  id: string;
  kind: string;
  facts: { pages?: number };
  urls: Record<string, string>;
  pages?: JudgePage[];
  originalName?: string;
}

/** Folds Vietnamese to ASCII, the way a name written into a PDF's metadata usually reads. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/**
 * A document as a judge reads it: every page (its first 50) drawn by pdftoppm from the
 * anonymized copy and made a light WebP by sharp, each page served by a signed address bound to
 * the judge (refused after expiry and to anyone else), nothing of it naming the author, the unit
 * or the file in a blind round.
 */
describe('Media: a PDF’s pages as images for its judges (pdftoppm, sharp, PostgreSQL)', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judges: TestUser[];
  let roundId: string;
  let uploads: string;
  let identifying: string[];
  let twelve: string;
  let long: string;
  const http = () => t.http();
  const fetchUrl = (url: string, headers: Record<string, string> = {}) => {
    let req = http()
      .get(url)
      .buffer(true)
      .parse(binary as never);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };
  const mediaOf = async (j: TestUser, entryIndex: number) => {
    const res = await http()
      .get(`/judging/rounds/${roundId}/entries/${s.entries[entryIndex].id}`)
      .set('Authorization', j.auth);
    expect(res.status).toBe(200);
    return { body: res.body as { media: JudgeMedia[] }, text: res.text };
  };

  /** Adds a PDF to an entry already in judging (as its owner would have before submitting). */
  const addPdf = (entryIndex: number, pdf: Buffer, filename: string) =>
    addFileInJudging(t, s, entryIndex, pdf, { filename, contentType: 'application/pdf' });

  beforeAll(async () => {
    uploads = tempDir('pages-uploads');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    judges = [];
    for (let i = 0; i < 2; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
    s = await buildScenario(t, {
      perCommune: 1,
      total: 2,
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
    const author = s.entries[0].members[0];
    const unit = s.units.communes[s.entries[0].commune].name;
    // the author and unit in the document's information, the author in its name
    twelve = await addPdf(
      0,
      makePagedPdf(12, ascii(author), ascii(unit)),
      `${author} - thuyết minh giải pháp.pdf`,
    );
    long = await addPdf(
      1,
      makePagedPdf(55, ascii(s.entries[1].members[0])),
      `Bản đầy đủ của ${s.entries[1].members[0]}.pdf`,
    );
    let res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(res.status).toBe(200);
    res = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 2, seed: 'pages' });
    expect(res.status).toBe(200);
    identifying = [
      ...s.entries.flatMap((e) => e.members),
      ...s.entries.flatMap((e) => e.members.map(ascii)),
      ...s.units.communes.map((u) => u.name),
      ...s.units.communes.map((u) => ascii(u.name)),
      'thuyết minh',
      'thuyet minh',
      'Bản đầy đủ',
      'Ban day du',
      '.pdf"',
    ];
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  it('every page is drawn (1200 px wide WebP), counted, and listed in page order', async () => {
    const res = await http()
      .get(`/media/${twelve}`)
      .set('Authorization', s.contestants[s.entries[0].commune].auth);
    expect(res.status).toBe(200);
    expect(res.body.facts).toMatchObject({ pages: 12, pageImages: 12 });
    expect(res.body.pages).toHaveLength(12);
    expect(res.body.pages[0]).toMatchObject({ page: 1, variant: 'page', width: 1200 });
    expect(res.body.pages[11]).toMatchObject({ page: 12, variant: 'page-12', width: 1200 });
    for (const p of res.body.pages as { height: number }[]) expect(p.height).toBeGreaterThan(1600); // A4 portrait, nothing cropped
    expect(res.body.variants).toEqual(
      expect.arrayContaining(['thumb', 'page', 'page-2', 'page-12']),
    );
    // a longer document: its first 50 pages, and how many it has
    const more = await http()
      .get(`/media/${long}`)
      .set('Authorization', s.contestants[s.entries[1].commune].auth);
    expect(more.body.facts).toMatchObject({ pages: 55, pageImages: 50 });
    expect(more.body.pages).toHaveLength(50);
    expect(more.body.variants).toContain('page-50');
    expect(more.body.variants).not.toContain('page-51');
    // past the last page image: not found, in words that name no variant that does not exist
    const none = await http()
      .get(`/media/${long}/page-51`)
      .set('Authorization', s.contestants[s.entries[1].commune].auth);
    expect(none.status).toBe(404);
    // no page drawn (nor drawn ahead) is left in the temporary folder
    expect(filesUnder(join(uploads, 'tmp'))).toEqual([]);
  });

  it('the judge gets each page by a signed address; nothing names the author, unit or file', async () => {
    const { body, text } = await mediaOf(judges[0], 0);
    for (const name of identifying) expect(text).not.toContain(name);
    const doc = body.media.find((m) => m.id === twelve)!;
    expect(doc.kind).toBe('document');
    expect(doc.originalName).toBeUndefined();
    expect(doc.facts.pages).toBe(12);
    expect(doc.pages).toHaveLength(12);
    expect(doc.pages!.map((p) => p.page)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // the whole (anonymized) PDF stays reachable
    expect(doc.urls.preview).toMatch(/\/media\/[0-9a-f-]+\/preview\?/);
    const pdf = await fetchUrl(doc.urls.preview);
    expect(pdf.status).toBe(200);
    const pdfText = (pdf.body as Buffer).toString('latin1');
    for (const name of identifying) expect(pdfText).not.toContain(name);
    const seen = new Set<string>();
    for (const p of doc.pages!) {
      expect(p.url).toMatch(/[?&]sig=/);
      const res = await fetchUrl(p.url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      for (const name of identifying) {
        expect(res.headers['content-disposition'] ?? '').not.toContain(name);
        expect((res.body as Buffer).toString('latin1')).not.toContain(name);
        expect((res.body as Buffer).toString('utf8')).not.toContain(name);
      }
      const meta = await sharp(res.body as Buffer).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual({
        width: p.width,
        height: p.height,
      });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      // light enough for a phone on 3G
      expect((res.body as Buffer).length).toBeLessThan(150_000);
      seen.add((res.body as Buffer).toString('base64'));
    }
    // twelve different pages, not one page twelve times
    expect(seen.size).toBe(12);
    // the refresh endpoint (fresh addresses when these expire) gives the pages too
    const fresh = await http()
      .get(`/judging/rounds/${roundId}/entries/${s.entries[0].id}/media`)
      .set('Authorization', judges[0].auth);
    expect(fresh.status).toBe(200);
    expect((fresh.body as JudgeMedia[]).find((m) => m.id === twelve)!.pages).toHaveLength(12);
    for (const name of identifying) expect(fresh.text).not.toContain(name);
  });

  it('a page’s address is refused to another user, for another page, and after expiry', async () => {
    const { body } = await mediaOf(judges[0], 0);
    const doc = body.media.find((m) => m.id === twelve)!;
    const third = doc.pages![2].url;
    expect((await fetchUrl(third)).status).toBe(200);
    expect((await fetchUrl(third, { Authorization: judges[0].auth })).status).toBe(200);
    // another user signed in: another judge of the same entry, its author
    let res = await fetchUrl(third, { Authorization: judges[1].auth });
    expect(res.status).toBe(403);
    res = await http().get(third).set('Authorization', s.contestants[0].auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('media.url_invalid');
    // the signature covers the page
    res = await http().get(third.replace('/page-3?', '/page-4?'));
    expect(res.status).toBe(403);
    res = await http().get(third.replace(/\/page-3\?/, '/page?'));
    expect(res.status).toBe(403);
    // expired
    const u = new URL(third, 'http://x');
    const viewer = { id: u.searchParams.get('u')!, sessionId: u.searchParams.get('s')! };
    const signer = t.app.get(MediaUrlSigner);
    const past = await signer.sign(
      viewer as never,
      twelve,
      'page-3',
      roundId,
      new Date(Date.now() - 1000),
    );
    res = await http().get(past!.url);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('media.url_expired');
    // and as soon as the judge loses access: the round closed
    await t.db.query(`UPDATE contest_rounds SET status = 'closed' WHERE id = $1`, [roundId]);
    try {
      res = await http().get(third);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('media.url_no_access');
    } finally {
      await t.db.query(`UPDATE contest_rounds SET status = 'open' WHERE id = $1`, [roundId]);
    }
    // without a signature, a judge not on the entry sees nothing of it
    const stranger = await createUser(t, UserRole.Judge);
    res = await http().get(`/media/${twelve}/page-3`).set('Authorization', stranger.auth);
    expect(res.status).toBe(404);
  });
});
