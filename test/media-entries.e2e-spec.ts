import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { createUser, insertUnit, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { removeDir, tempDir, waitForStatus } from './media-support';

describe('Media on real entries: category rules, owner, contest roles, blind judging', () => {
  let t: TestApp;
  let c: SeededContest;
  let organizer: TestUser, judge: TestUser, owner: TestUser, other: TestUser;
  let uploads: string;
  let entryId: string;
  let mediaId: string;

  beforeAll(async () => {
    uploads = tempDir('entries-uploads');
    t = await startTestApp({ UPLOADS_DIR: uploads, JOB_POLL_MS: '100' });
    const p = await insertUnit(t, { name: 'Hội LHPN tỉnh Phú Yên', kind: 'Tỉnh' });
    const a = await insertUnit(t, { name: 'Hội LHPN xã An Phú', parentId: p.id });
    organizer = await createUser(t, UserRole.Organizer);
    judge = await createUser(t, UserRole.Judge);
    owner = await createUser(t, UserRole.Contestant, { unitId: a.id });
    other = await createUser(t, UserRole.Contestant, { unitId: a.id });
    c = await seedContest(t, {
      organizers: [organizer.id],
      judges: [judge.id],
      blindJudging: true,
    });
    const res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', owner.auth)
      .send(draft(c.categories.solution, 'Phóng sự về chi hội'));
    expect(res.status).toBe(201);
    entryId = res.body.id;
  });

  afterAll(async () => {
    await t?.close();
    removeDir(uploads);
  });

  const image = () =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: '#789' } })
      .jpeg()
      .toBuffer();
  const send = async (who: TestUser, file: Buffer, name: string) =>
    t
      .http()
      .post(`/media/uploads?entryId=${entryId}`)
      .set('Authorization', who.auth)
      .attach('file', file, { filename: name });

  it('the owner uploads to a draft; the category (video and image only) refuses a PDF; others may not upload', async () => {
    const res = await send(owner, await image(), 'anh.jpg');
    expect(res.status).toBe(201);
    mediaId = res.body.id;
    await waitForStatus(t, mediaId, ['ready']);
    const pdf = await send(owner, Buffer.from('%PDF-1.4\n'), 'a.pdf');
    expect({ status: pdf.status, code: pdf.body.code }).toEqual({
      status: 422,
      code: 'media.kind_not_allowed',
    });
    const intruder = await send(other, await image(), 'b.jpg');
    expect({ status: intruder.status, code: intruder.body.code }).toEqual({
      status: 403,
      code: 'media.upload_forbidden',
    });
    const unknown = await t
      .http()
      .post(`/media/uploads?entryId=00000000-0000-4000-8000-000000000000`)
      .set('Authorization', owner.auth)
      .attach('file', await image(), { filename: 'c.jpg' });
    expect(unknown.status).toBe(404);
  });

  it('a draft is seen by its owner and the contest organizer only', async () => {
    expect((await t.http().get(`/media/${mediaId}`).set('Authorization', owner.auth)).status).toBe(
      200,
    );
    expect(
      (await t.http().get(`/media/${mediaId}/original`).set('Authorization', organizer.auth))
        .status,
    ).toBe(200);
    expect((await t.http().get(`/media/${mediaId}`).set('Authorization', judge.auth)).status).toBe(
      404,
    );
    expect((await t.http().get(`/media/${mediaId}`).set('Authorization', other.auth)).status).toBe(
      404,
    );
    expect((await t.http().get(`/media/${mediaId}/thumb`)).status).toBe(404);
  });

  it('once submitted, judges of a blind contest see previews without the author, never the original', async () => {
    const submit = await t
      .http()
      .post(`/entries/${entryId}/submit`)
      .set('Authorization', owner.auth)
      .send({});
    expect(submit.status).toBe(200);
    // a judge of the contest not assigned to the entry sees none of its files
    for (const variant of ['', '/preview', '/thumb']) {
      const res = await t
        .http()
        .get(`/media/${mediaId}${variant}`)
        .set('Authorization', judge.auth);
      expect([403, 404]).toContain(res.status);
    }
    await t.db.query(
      `INSERT INTO judging_assignments (round_id, entry_id, judge_id) VALUES ($1, $2, $3)`,
      [c.rounds.submission, entryId, judge.id],
    );
    const info = await t.http().get(`/media/${mediaId}`).set('Authorization', judge.auth);
    expect(info.status).toBe(200);
    expect(info.body.originalName).toBeUndefined();
    expect(
      (await t.http().get(`/media/${mediaId}/preview`).set('Authorization', judge.auth)).status,
    ).toBe(200);
    expect(
      (await t.http().get(`/media/${mediaId}/original`).set('Authorization', judge.auth)).status,
    ).toBe(403);
    // no more uploads once submitted
    expect((await send(owner, await image(), 'late.jpg')).status).toBe(403);
    // not published: the public sees nothing
    expect((await t.http().get(`/media/${mediaId}/thumb`)).status).toBe(404);
    await t.db.query('UPDATE entries SET published_at = now() WHERE id = $1', [entryId]);
    expect((await t.http().get(`/media/${mediaId}/thumb`)).status).toBe(200);
    expect((await t.http().get(`/media/${mediaId}/original`)).status).toBe(404);
  });
});
