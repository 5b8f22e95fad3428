import { UserRole } from '../src/users/entities/user.entity';
import { MediaUrlSigner } from '../src/media/media-url.signer';
import {
  addFileInJudging,
  buildScenario,
  JudgingScenario,
  RUBRIC,
  scoresFor,
} from './judging.fixtures';
import { makeClip, readBytes, removeDir, tempDir } from './media-support';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface MediaOfJudge {
  id: string;
  kind: string;
  urls: Record<string, string>;
  originalName?: string;
}

/**
 * Signed media addresses for judges: what <video> and <img> load without an Authorization
 * header, bound to the viewer, the file and the variant, refused after expiry and as soon as the
 * viewer loses access; and the judge's own API (home, sheets with comments, two devices).
 */
describe('Judging: signed media addresses and the judge’s sheet', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judges: TestUser[];
  let roundId: string;
  let uploads: string;
  let work: string;
  let clip: Buffer;
  const http = () => t.http();
  const queueOf = async (j: TestUser) =>
    (
      await http().get(`/judging/rounds/${roundId}/queue`).set('Authorization', j.auth)
    ).body.items.map((i: { entryId: string }) => i.entryId) as string[];
  const entryOf = (j: TestUser, entryId: string) =>
    http().get(`/judging/rounds/${roundId}/entries/${entryId}`).set('Authorization', j.auth);
  const fetchUrl = (url: string, headers: Record<string, string> = {}) => {
    let req = http()
      .get(url)
      .buffer(true)
      .parse(binary as never);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };

  /** Adds a clip to an entry already in judging (as its owner would have before submitting). */
  const addClip = (entryIndex: number) =>
    addFileInJudging(
      t,
      s,
      entryIndex,
      clip,
      { filename: `${s.entries[entryIndex].members[0]} - phóng sự.mp4` },
      120_000,
    );

  beforeAll(async () => {
    uploads = tempDir('signed-uploads');
    work = tempDir('signed-work');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    judges = [];
    for (let i = 0; i < 3; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
    s = await buildScenario(t, {
      perCommune: 1,
      total: 3,
      blindJudging: true,
      judges: judges.map((j) => j.id),
      scopeDepth: 0,
    });
    roundId = s.c.rounds.commune;
    clip = readBytes(await makeClip(work, 'signed.mp4', { width: 320, height: 240, seconds: 2 }));
    for (let i = 0; i < 3; i++) await addClip(i);
    let res = await http()
      .put(`/judging/rounds/${roundId}/rubrics`)
      .set('Authorization', s.organizer.auth)
      .send(RUBRIC);
    expect(res.status).toBe(200);
    res = await http()
      .post(`/judging/rounds/${roundId}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 3, seed: 'signed' });
    expect(res.status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
    removeDir(work);
  });

  it('the judge’s home lists the round with its window and progress', async () => {
    const res = await http().get('/judging/my-rounds').set('Authorization', judges[0].auth);
    expect(res.status).toBe(200);
    expect(res.body.rounds).toHaveLength(1);
    expect(res.body.rounds[0]).toMatchObject({
      id: roundId,
      blind: true,
      closed: false,
      timeZone: expect.any(String),
      progress: { assigned: 3, submitted: 0, drafts: 0, left: 3 },
    });
    // someone on no panel sits on no round
    const other = await createUser(t, UserRole.Judge);
    const none = await http().get('/judging/my-rounds').set('Authorization', other.auth);
    expect(none.body.rounds).toEqual([]);
  });

  it('a signed address plays without a header, with ranges, and names nobody', async () => {
    const [entryId] = await queueOf(judges[0]);
    const entry = await entryOf(judges[0], entryId);
    expect(entry.status).toBe(200);
    const clipView = (entry.body.media as MediaOfJudge[]).find((m) => m.kind === 'video')!;
    expect(Object.keys(clipView.urls).sort()).toEqual(
      expect.arrayContaining(['poster', 'preview']),
    );
    expect(clipView.urls.original).toBeUndefined();
    expect(clipView.originalName).toBeUndefined();
    const text = JSON.stringify(entry.body);
    for (const e of s.entries) for (const m of e.members) expect(text).not.toContain(m);
    for (const u of s.units.communes) expect(text).not.toContain(u.name);
    expect(text).not.toContain('phóng sự');
    const whole = await fetchUrl(clipView.urls.preview);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['content-disposition']).toBe('inline');
    const part = await fetchUrl(clipView.urls.preview, { Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.body as Buffer).toEqual((whole.body as Buffer).subarray(100, 200));
    // the judge's own session (Authorization) is the same viewer: allowed
    expect((await fetchUrl(clipView.urls.preview, { Authorization: judges[0].auth })).status).toBe(
      200,
    );
  });

  it('refused: another viewer, another file or variant, a changed signature, after expiry', async () => {
    const [entryId] = await queueOf(judges[0]);
    const entry = await entryOf(judges[0], entryId);
    const m = (entry.body.media as MediaOfJudge[])[0];
    const url = m.urls.preview;
    // someone else signed in, even another judge of the same entry
    let res = await fetchUrl(url, { Authorization: judges[1].auth });
    expect(res.status).toBe(403);
    expect(res.body).toBeDefined();
    res = await http().get(url).set('Authorization', s.contestants[0].auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('media.url_invalid');
    // the signature covers the variant and the file
    res = await http().get(url.replace('/preview?', '/poster?'));
    expect(res.status).toBe(403);
    const others = await entryOf(judges[0], (await queueOf(judges[0]))[1]);
    const otherId = (others.body.media as MediaOfJudge[])[0].id;
    res = await http().get(url.replace(m.id, otherId));
    expect(res.status).toBe(403);
    res = await http().get(url.replace(/sig=[^&]+/, 'sig=AAAA'));
    expect(res.status).toBe(403);
    res = await http().get(url.replace(/e=\d+/, 'e=9999999999'));
    expect(res.status).toBe(403);
    // expired: signed an hour ago
    const u = new URL(url, 'http://x');
    const signer = t.app.get(MediaUrlSigner);
    const past = await signer.sign(
      { id: u.searchParams.get('u')!, sessionId: u.searchParams.get('s')! } as never,
      m.id,
      'preview',
      roundId,
      new Date(Date.now() - 1000),
    );
    res = await http().get(past!.url);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('media.url_expired');
    // the same signer a moment later is fine: the refusal was the expiry alone
    const fresh = await signer.sign(
      { id: u.searchParams.get('u')!, sessionId: u.searchParams.get('s')! } as never,
      m.id,
      'preview',
      roundId,
    );
    expect((await fetchUrl(fresh!.url)).status).toBe(200);
  });

  it('refused as soon as the viewer loses access: recusal, removal from the panel, round closed', async () => {
    // recusal
    const [first, second] = await queueOf(judges[1]);
    const a = (await entryOf(judges[1], first)).body.media[0].urls.preview as string;
    const b = (await entryOf(judges[1], second)).body.media[0].urls.preview as string;
    expect((await fetchUrl(a)).status).toBe(200);
    let res = await http()
      .post(`/judging/rounds/${roundId}/entries/${first}/recusal`)
      .set('Authorization', judges[1].auth)
      .send({ reason: 'Người thân của tôi là hội viên chi hội này' });
    expect(res.status).toBe(200);
    expect(await queueOf(judges[1])).not.toContain(first);
    expect([403, 404]).toContain((await fetchUrl(a)).status);
    expect((await entryOf(judges[1], first)).status).toBe(403);
    expect((await fetchUrl(b)).status).toBe(200);
    // removed from the panel
    const c = (await entryOf(judges[2], (await queueOf(judges[2]))[0])).body.media[0].urls
      .preview as string;
    expect((await fetchUrl(c)).status).toBe(200);
    res = await http()
      .delete(`/judging/rounds/${roundId}/panel/${judges[2].id}`)
      .set('Authorization', s.organizer.auth);
    expect(res.status).toBe(200);
    expect([403, 404]).toContain((await fetchUrl(c)).status);
    // round closed
    await t.db.query(`UPDATE contest_rounds SET status = 'closed' WHERE id = $1`, [roundId]);
    try {
      res = await http().get(b);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('media.url_no_access');
    } finally {
      await t.db.query(`UPDATE contest_rounds SET status = 'open' WHERE id = $1`, [roundId]);
    }
    expect((await fetchUrl(b)).status).toBe(200);
  });

  it('a sheet keeps a comment per criterion; a stale change from another device is refused', async () => {
    const judge = judges[0];
    const [entryId] = await queueOf(judge);
    const url = `/judging/rounds/${roundId}/entries/${entryId}/sheet`;
    let res = await http()
      .put(url)
      .set('Authorization', judge.auth)
      .send({
        scores: { 'noi-dung': 8 },
        criterionComments: { 'noi-dung': 'Thiết thực, dễ làm theo' },
        baseUpdatedAt: null,
      });
    expect(res.status).toBe(200);
    expect(res.body.criterionComments).toEqual({ 'noi-dung': 'Thiết thực, dễ làm theo' });
    const first = res.body.updatedAt as string;
    // a second device, made on no sheet: refused, nothing changed
    res = await http()
      .put(url)
      .set('Authorization', judge.auth)
      .set('Accept-Language', 'vi')
      .send({ scores: { 'noi-dung': 3 }, baseUpdatedAt: null });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.sheet_stale');
    expect(res.body.message).toMatch(/thiết bị khác/);
    res = await http().get(url).set('Authorization', judge.auth);
    expect(res.body.scores).toEqual({ 'noi-dung': 8 });
    // made on the latest: accepted
    res = await http()
      .put(url)
      .set('Authorization', judge.auth)
      .send({ scores: scoresFor(0, 0), submit: true, baseUpdatedAt: first });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
    // unknown criterion, not text: 400
    res = await http()
      .put(url)
      .set('Authorization', judge.auth)
      .send({ scores: {}, criterionComments: { khac: 'x', 'sang-tao': 5 } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'judging.comment_not_text',
      'judging.comment_unknown',
    ]);
    // a round that does not allow revising
    res = await http()
      .put(`/judging/rounds/${roundId}/settings`)
      .set('Authorization', s.organizer.auth)
      .send({ allowRevision: false });
    expect(res.status).toBe(200);
    res = await http()
      .put(url)
      .set('Authorization', judge.auth)
      .set('Accept-Language', 'en')
      .send({ scores: { 'noi-dung': 2 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('judging.sheet_locked');
    expect(res.body.message).toMatch(/does not allow/);
    res = await http()
      .put(`/judging/rounds/${roundId}/settings`)
      .set('Authorization', s.organizer.auth)
      .send({ allowRevision: true });
    expect(res.status).toBe(200);
  });
});
