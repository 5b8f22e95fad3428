import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { buildScenario, JudgingScenario, RUBRIC, scoresFor } from './judging.fixtures';
import { removeDir, sha256, tempDir } from './media-support';
import { createUser, insertUnit, PASSWORD, TestUser } from './support/fixtures';
import { startEmbeddedTestApp, TestApp } from './support/test-app';
import {
  castOverHttp,
  deviceToken,
  openSession,
  storedCounts,
  VotingFixture,
} from './voting-helpers';

jest.setTimeout(300_000);

/** What one request of the burst found wrong ([] when its answer was its own and right). */
type Check = () => Promise<string[]>;

const REQUEST_MS = 60_000;

/**
 * The application on the embedded database (PGlite, what `npm start` runs without
 * DATABASE_URL) under a burst of requests of every kind at once: logins, registrations,
 * contests and entries created and edited, lists and searches, resumable uploads created and
 * sent, multipart uploads, votes, score sheets and unit searches, while the media worker
 * processes the files. Every answer must be the one for its own request (its title, its
 * entry, its voter), none a server error, and what was stored must match what was sent.
 */
describe('the embedded database under concurrent requests of every kind', () => {
  let t: TestApp;
  let uploads: string;
  let organizer: TestUser;
  /** Contestants of four communes of one province, with their commune. */
  let contestants: { user: TestUser; unitId: string }[];
  /** Accounts that only log in during the burst. */
  let loggers: TestUser[];
  let c: SeededContest;
  /** A contest whose entries the burst only lists and searches. */
  let listed: SeededContest;
  let listedEntries: { id: string; title: string; unitId: string }[];
  /** Draft entries that the burst edits and uploads files to, with their owner. */
  let drafts: { id: string; owner: TestUser }[];
  /** Contests of the organizer that the burst renames. */
  let ownContests: string[];
  /** Resumable uploads created before the burst, whose bytes the burst sends. */
  let pending: { location: string; entryId: string; owner: TestUser; data: Buffer }[];
  let units: { id: string; name: string; query: string }[];
  let voting: VotingFixture;
  let voters: string[];
  let judging: JudgingScenario;
  let judges: TestUser[];

  const UNIT_NAMES: [string, string][] = [
    ['Hội LHPN xã Cư Mgar', 'cu mgar'],
    ['Hội LHPN xã Krông Búk', 'krong buk'],
    ['Hội LHPN xã Ea Tu', 'ea tu'],
    ['Hội LHPN phường Thành Nhất', 'thanh nhat'],
    ['Hội LHPN xã Hòa Thắng', 'HOA THANG'],
    ['Hội LHPN xã Ea Drơng', 'Ea Drong'],
  ];
  const LISTED_WORDS = ['Zalo', 'livestream', 'podcast', 'infographic', 'trắc nghiệm', 'tọa đàm'];

  const image = (seed: number, format: 'jpeg' | 'png' = 'jpeg') =>
    sharp({
      create: {
        width: 320 + seed,
        height: 240,
        channels: 3,
        background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 53) % 256 },
      },
    })
      [format]()
      .toBuffer();

  const tusCreate = (owner: TestUser, entryId: string, length: number, name: string) =>
    t
      .http()
      .post('/media/uploads/tus')
      .set('Authorization', owner.auth)
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', String(length))
      .set(
        'Upload-Metadata',
        [
          `entryId ${Buffer.from(entryId).toString('base64')}`,
          `filename ${Buffer.from(name).toString('base64')}`,
          `filetype ${Buffer.from('image/png').toString('base64')}`,
        ].join(','),
      )
      .timeout(REQUEST_MS);

  /** An object's entries as text, in key order (stored JSON keeps its own order). */
  const sorted = (o: Record<string, unknown>) =>
    JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

  /** The `sub` of an access token, read from its payload (the signature is the server's). */
  const subject = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string })
      .sub;

  beforeAll(async () => {
    uploads = tempDir('embedded-concurrency');
    t = await startEmbeddedTestApp({
      UPLOADS_DIR: uploads,
      JOB_POLL_MS: '100',
      TRUST_PROXY: 'true',
      VOTE_MIN_HUMAN_MS: '0',
      VOTE_MAX_VOTERS_PER_IP: '1000',
      VOTE_MAX_VOTERS_PER_SUBNET: '1000',
    });
    const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Đắk Lắk mới', kind: 'Tỉnh' });
    units = [];
    for (const [name, query] of UNIT_NAMES) {
      const u = await insertUnit(t, { name, parentId: province.id });
      units.push({ id: u.id, name, query });
    }
    organizer = await createUser(t, UserRole.Organizer, { fullName: 'Trần Thị Mai' });
    contestants = [];
    for (const u of units.slice(0, 4))
      contestants.push({
        user: await createUser(t, UserRole.Contestant, {
          unitId: u.id,
          fullName: `Chủ nhiệm ${u.name}`,
        }),
        unitId: u.id,
      });
    loggers = [];
    for (let i = 0; i < 10; i++)
      loggers.push(
        await createUser(t, UserRole.Contestant, {
          unitId: units[i % units.length].id,
          email: `dang-nhap-${i}-${randomUUID().slice(0, 6)}@hoi.vn`,
        }),
      );

    c = await seedContest(t, { organizers: [organizer.id], maxEntriesPerUnit: 20 });
    listed = await seedContest(t, { organizers: [organizer.id], maxEntriesPerUnit: 20 });
    const create = async (contest: SeededContest, owner: TestUser, title: string) => {
      const res = await t
        .http()
        .post(`/contests/${contest.contestId}/entries`)
        .set('Authorization', owner.auth)
        .send(draft(contest.categories.solution, title));
      if (res.status !== 201) throw new Error(`entry: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    listedEntries = [];
    for (const [i, word] of LISTED_WORDS.entries()) {
      const { user, unitId } = contestants[i % contestants.length];
      const title = `Sinh hoạt chi hội bằng ${word}`;
      listedEntries.push({ id: await create(listed, user, title), title, unitId });
    }
    drafts = [];
    for (let i = 0; i < 8; i++) {
      const owner = contestants[i % contestants.length].user;
      drafts.push({ id: await create(c, owner, `Bản nháp số ${i + 1}`), owner });
    }
    ownContests = [];
    for (let i = 0; i < 6; i++) {
      const res = await t
        .http()
        .post('/contests')
        .set('Authorization', organizer.auth)
        .send({ slug: `hoi-thi-doi-ten-${i}-${randomUUID().slice(0, 6)}`, title: `Hội thi ${i}` });
      if (res.status !== 201) throw new Error(`contest: ${res.status} ${JSON.stringify(res.body)}`);
      ownContests.push(res.body.id as string);
    }
    pending = [];
    for (const [i, d] of drafts.entries()) {
      const data = await image(100 + i, 'png');
      const res = await tusCreate(d.owner, d.id, data.length, `anh-${i}.png`);
      if (res.status !== 201) throw new Error(`tus: ${res.status} ${JSON.stringify(res.body)}`);
      pending.push({ location: res.headers.location, entryId: d.id, owner: d.owner, data });
    }

    voting = await openSession(t, {
      entries: 3,
      organizer,
      policy: { perEntry: 1, identities: ['device'] },
    });
    voters = [];
    for (let i = 0; i < 30; i++) voters.push(await deviceToken(t));

    judges = [];
    for (let i = 0; i < 3; i++)
      judges.push(await createUser(t, UserRole.Judge, { fullName: `Giám khảo ${i + 1}` }));
    judging = await buildScenario(t, { perCommune: 1, judges: judges.map((j) => j.id) });
    const round = judging.c.rounds.commune;
    const rubric = await t
      .http()
      .put(`/judging/rounds/${round}/rubrics`)
      .set('Authorization', judging.organizer.auth)
      .send(RUBRIC);
    if (rubric.status !== 200) throw new Error(`rubric: ${rubric.status}`);
    const assigned = await t
      .http()
      .post(`/judging/rounds/${round}/assign`)
      .set('Authorization', judging.organizer.auth)
      .send({ quorum: 3, seed: 'dong-thoi' });
    if (assigned.status !== 200) throw new Error(`assign: ${assigned.status}`);
  });

  afterAll(async () => {
    await t?.close();
    if (uploads) removeDir(uploads);
  });

  it('answers every request with its own, right answer and stores what was sent', async () => {
    const checks: Check[][] = [];
    const wrong = (what: string, res: { status: number; body: unknown }) =>
      `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;

    // Logins, each followed by who the new token says it is.
    checks.push(
      loggers.map((u, i) => async () => {
        const res = await t
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', `10.20.0.${i + 1}`)
          .timeout(REQUEST_MS)
          .send({ identifier: u.email, password: PASSWORD });
        if (res.status !== 200 || subject(res.body.accessToken) !== u.id)
          return [wrong(`login ${u.email}`, res)];
        const me = await t
          .http()
          .get('/auth/me')
          .set('Authorization', `Bearer ${res.body.accessToken}`)
          .timeout(REQUEST_MS);
        return me.status === 200 && me.body.id === u.id && me.body.email === u.email
          ? []
          : [wrong(`me ${u.email}`, me)];
      }),
    );

    // Registrations.
    const registered = Array.from({ length: 8 }, (_, i) => ({
      fullName: `Hội viên mới số ${i + 1}`,
      email: `Dang.Ky.${i}.${randomUUID().slice(0, 6)}@Hoi.VN`,
      unitId: units[i % units.length].id,
    }));
    checks.push(
      registered.map((r) => async () => {
        const res = await t
          .http()
          .post('/auth/register')
          .timeout(REQUEST_MS)
          .send({ ...r, password: PASSWORD });
        const ok =
          res.status === 201 &&
          res.body.email === r.email.toLowerCase() &&
          res.body.fullName === r.fullName &&
          res.body.unitId === r.unitId &&
          res.body.role === 'contestant';
        return ok ? [] : [wrong(`register ${r.email}`, res)];
      }),
    );

    // Contests created, and the organizer's contests renamed.
    const newContests = Array.from({ length: 6 }, (_, i) => ({
      slug: `hoi-thi-moi-${i}-${randomUUID().slice(0, 6)}`,
      title: `Hội thi mới số ${i + 1}: chuyển đổi số trong sinh hoạt hội`,
    }));
    checks.push(
      newContests.map((body) => async () => {
        const res = await t
          .http()
          .post('/contests')
          .set('Authorization', organizer.auth)
          .timeout(REQUEST_MS)
          .send(body);
        return res.status === 201 && res.body.slug === body.slug && res.body.title === body.title
          ? []
          : [wrong(`contest ${body.slug}`, res)];
      }),
      ownContests.map((id, i) => async () => {
        const title = `Hội thi đổi tên số ${i + 1}`;
        const res = await t
          .http()
          .patch(`/contests/${id}`)
          .set('Authorization', organizer.auth)
          .timeout(REQUEST_MS)
          .send({ title });
        return res.status === 200 && res.body.id === id && res.body.title === title
          ? []
          : [wrong(`rename contest ${id}`, res)];
      }),
    );

    // Entries created by their units' contestants, and drafts edited by their owners.
    checks.push(
      Array.from({ length: 12 }, (_, i) => async () => {
        const { user, unitId } = contestants[i % contestants.length];
        const title = `Bài dự thi đồng thời số ${i + 1}`;
        const res = await t
          .http()
          .post(`/contests/${c.contestId}/entries`)
          .set('Authorization', user.auth)
          .timeout(REQUEST_MS)
          .send(draft(c.categories.solution, title));
        return res.status === 201 && res.body.title === title && res.body.unitId === unitId
          ? []
          : [wrong(`create entry ${title}`, res)];
      }),
      drafts.map((d, i) => async () => {
        const title = `Bản nháp đã sửa số ${i + 1}`;
        const res = await t
          .http()
          .patch(`/entries/${d.id}`)
          .set('Authorization', d.owner.auth)
          .timeout(REQUEST_MS)
          .send({ title });
        return res.status === 200 && res.body.id === d.id && res.body.title === title
          ? []
          : [wrong(`edit entry ${d.id}`, res)];
      }),
    );

    // Lists and searches over a contest the burst does not change.
    const ids = (res: { body: { items?: { id: string }[] } }) =>
      (res.body.items ?? []).map((e) => e.id).sort();
    checks.push(
      contestants.map(({ user, unitId }) => async () => {
        const res = await t
          .http()
          .get(`/contests/${listed.contestId}/entries`)
          .set('Authorization', user.auth)
          .timeout(REQUEST_MS);
        const expected = listedEntries
          .filter((e) => e.unitId === unitId)
          .map((e) => e.id)
          .sort();
        return res.status === 200 && JSON.stringify(ids(res)) === JSON.stringify(expected)
          ? []
          : [wrong(`list of unit ${unitId}`, res)];
      }),
      [
        async () => {
          const res = await t
            .http()
            .get(`/contests/${listed.contestId}/entries`)
            .set('Authorization', organizer.auth)
            .timeout(REQUEST_MS);
          const expected = listedEntries.map((e) => e.id).sort();
          return res.status === 200 && JSON.stringify(ids(res)) === JSON.stringify(expected)
            ? []
            : [wrong('organizer list', res)];
        },
      ],
      listedEntries.map((e, i) => async () => {
        // without diacritics and in another case than the title
        const q = LISTED_WORDS[i]
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toUpperCase();
        const res = await t
          .http()
          .get(`/contests/${listed.contestId}/entries`)
          .query({ q })
          .set('Authorization', organizer.auth)
          .timeout(REQUEST_MS);
        return res.status === 200 && JSON.stringify(ids(res)) === JSON.stringify([e.id])
          ? []
          : [wrong(`search ${q}`, res)];
      }),
      units.map((u) => async () => {
        const res = await t
          .http()
          .get('/org-units')
          .query({ q: u.query })
          .set('Authorization', organizer.auth)
          .timeout(REQUEST_MS);
        return res.status === 200 && JSON.stringify(ids(res)) === JSON.stringify([u.id])
          ? []
          : [wrong(`unit search ${u.query}`, res)];
      }),
    );

    // Uploads: resumable ones created, resumable ones sent whole, multipart ones.
    const created: { location: string; entryId: string; owner: TestUser }[] = [];
    const multipart: { id: string; entryId: string; sha256: string; size: number }[] = [];
    const tusImages = await Promise.all(drafts.map((_, i) => image(200 + i, 'png')));
    const multipartImages = await Promise.all(drafts.map((_, i) => image(300 + i)));
    checks.push(
      drafts.map((d, i) => async () => {
        const res = await tusCreate(d.owner, d.id, tusImages[i].length, `moi-${i}.png`);
        if (res.status !== 201 || !res.headers.location) return [wrong(`tus create ${d.id}`, res)];
        created.push({ location: res.headers.location, entryId: d.id, owner: d.owner });
        return [];
      }),
      pending.map((p) => async () => {
        const res = await t
          .http()
          .patch(p.location)
          .set('Authorization', p.owner.auth)
          .set('Tus-Resumable', '1.0.0')
          .set('Upload-Offset', '0')
          .set('Content-Type', 'application/offset+octet-stream')
          .timeout(REQUEST_MS)
          .send(p.data);
        return res.status === 204 &&
          res.headers['upload-offset'] === String(p.data.length) &&
          res.headers['media-id']
          ? []
          : [wrong(`tus patch ${p.location}`, res)];
      }),
      drafts.map((d, i) => async () => {
        const file = multipartImages[i];
        const res = await t
          .http()
          .post(`/media/uploads?entryId=${d.id}`)
          .set('Authorization', d.owner.auth)
          .timeout(REQUEST_MS)
          .attach('file', file, { filename: `nhieu-phan-${i}.jpg` });
        const ok =
          res.status === 201 &&
          res.body.entryId === d.id &&
          res.body.sizeBytes === file.length &&
          res.body.sha256 === sha256(file);
        if (!ok) return [wrong(`multipart ${d.id}`, res)];
        multipart.push({ id: res.body.id, entryId: d.id, sha256: sha256(file), size: file.length });
        return [];
      }),
    );

    // Votes over HTTP: voter i for entry i % 3.
    const voteIds = voters.map(() => randomUUID());
    checks.push(
      voters.map((token, i) => async () => {
        const res = await castOverHttp(
          t,
          voting.sessionId,
          { entryId: voting.entryIds[i % 3], voterToken: token },
          voteIds[i],
        )
          .set('X-Forwarded-For', `10.30.${i}.1`)
          .timeout(REQUEST_MS);
        return res.status === 201 && res.body.voteId === voteIds[i] && res.body.status === 'counted'
          ? []
          : [wrong(`vote ${i}`, res)];
      }),
    );

    // Score sheets: every judge scores every entry of the round.
    const round = judging.c.rounds.commune;
    const comment = (j: number, e: number) => `Giám khảo ${j + 1} chấm bài ${e + 1}`;
    checks.push(
      judges.flatMap((judge, j) =>
        judging.entries.map((entry, e) => async () => {
          const scores = scoresFor(e + 1, j + 1);
          const res = await t
            .http()
            .put(`/judging/rounds/${round}/entries/${entry.id}/sheet`)
            .set('Authorization', judge.auth)
            .timeout(REQUEST_MS)
            .send({ scores, comment: comment(j, e), submit: true });
          const ok =
            res.status === 200 &&
            res.body.entryId === entry.id &&
            res.body.status === 'submitted' &&
            res.body.comment === comment(j, e) &&
            sorted(res.body.scores ?? {}) === sorted(scores);
          return ok ? [] : [wrong(`sheet ${j}/${e}`, res)];
        }),
      ),
    );

    // All at once, the kinds interleaved.
    const burst: Check[] = [];
    for (let i = 0; checks.some((list) => i < list.length); i++)
      for (const list of checks) if (i < list.length) burst.push(list[i]);
    const found = (await Promise.all(burst.map((check) => check()))).flat();
    expect(found).toEqual([]);

    // What was stored is what was sent.
    const { rows: entries } = await t.db.query<{ id: string; title: string }>(
      'SELECT id, title FROM entries WHERE id = ANY($1) ORDER BY title',
      [drafts.map((d) => d.id)],
    );
    expect(entries.map((e) => e.title)).toEqual(
      drafts.map((_, i) => `Bản nháp đã sửa số ${i + 1}`).sort(),
    );
    const { rows: newEntries } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entries WHERE contest_id = $1 AND title LIKE 'Bài dự thi đồng thời số %'`,
      [c.contestId],
    );
    expect(newEntries).toEqual([{ n: 12 }]);
    expect(await storedCounts(t, voting.sessionId)).toEqual({
      [voting.entryIds[0]]: 10,
      [voting.entryIds[1]]: 10,
      [voting.entryIds[2]]: 10,
    });
    const { rows: sheets } = await t.db.query<{
      entry_id: string;
      judge_id: string;
      comment: string;
      status: string;
    }>(`SELECT entry_id, judge_id, comment, status FROM score_sheets WHERE round_id = $1`, [round]);
    const expectedSheets = judges.flatMap((judge, j) =>
      judging.entries.map((entry, e) => `${entry.id} ${judge.id} ${comment(j, e)} submitted`),
    );
    expect(
      sheets.map((s) => `${s.entry_id} ${s.judge_id} ${s.comment} ${s.status}`).sort(),
    ).toEqual(expectedSheets.sort());
    // Each resumable upload created in the burst belongs to the entry and owner that asked.
    const tusIds = created.map((u) => u.location.split('/').pop());
    const { rows: tusRows } = await t.db.query<{
      tus_id: string;
      entry_id: string;
      owner_id: string;
    }>('SELECT tus_id, entry_id, owner_id FROM media_items WHERE tus_id = ANY($1)', [tusIds]);
    expect(tusRows.map((r) => `${r.tus_id} ${r.entry_id} ${r.owner_id}`).sort()).toEqual(
      created.map((u) => `${u.location.split('/').pop()} ${u.entryId} ${u.owner.id}`).sort(),
    );

    // The media worker processed every file of the burst, on the same single connection.
    const done = [...multipart.map((m) => m.id)];
    const { rows: sent } = await t.db.query<{ id: string }>(
      `SELECT id FROM media_items WHERE entry_id = ANY($1) AND sha256 = ANY($2)`,
      [drafts.map((d) => d.id), pending.map((p) => sha256(p.data))],
    );
    expect(sent).toHaveLength(pending.length);
    done.push(...sent.map((r) => r.id));
    const until = Date.now() + 120_000;
    let statuses: string[] = [];
    while (Date.now() < until) {
      const { rows } = await t.db.query<{ status: string }>(
        'SELECT status FROM media_items WHERE id = ANY($1)',
        [done],
      );
      statuses = rows.map((r) => r.status);
      if (statuses.length === done.length && statuses.every((s) => s === 'ready')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses).toEqual(done.map(() => 'ready'));
    const { rows: jobs } = await t.db.query<{ state: string; last_error: string | null }>(
      `SELECT state, last_error FROM jobs WHERE payload->>'mediaId' = ANY($1)`,
      [done],
    );
    expect(jobs.length).toBeGreaterThanOrEqual(done.length);
    expect(jobs.filter((j) => j.state !== 'done' || j.last_error)).toEqual([]);
  });
});
