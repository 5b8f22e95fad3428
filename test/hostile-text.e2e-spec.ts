import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { createUser, insertUnit, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { openSession, VotingFixture } from './voting-helpers';

/**
 * Text the platform cannot store or must not show (NUL and other controls, lone surrogates,
 * non-characters, bidi overrides) and values it must not take (null where the API does not
 * allow it, dates outside any calendar it deals in, a required object left out) get a 400 that
 * names the field and change nothing, from anonymous callers too. Each case here answered 500
 * before (the request fuzzer found them).
 */
describe('hostile text and values: a 400 naming the field, never a 500', () => {
  let t: TestApp;
  let admin: TestUser, organizer: TestUser, contestant: TestUser;
  let c: SeededContest;
  let unitId: string;
  let voting: VotingFixture;

  beforeAll(async () => {
    t = await startTestApp();
    const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Phú Yên', kind: 'Tỉnh' });
    unitId = (await insertUnit(t, { name: 'Hội LHPN xã An Mỹ', parentId: province.id })).id;
    admin = await createUser(t, UserRole.Admin);
    organizer = await createUser(t, UserRole.Organizer);
    contestant = await createUser(t, UserRole.Contestant, { unitId });
    c = await seedContest(t, { organizers: [organizer.id], maxEntriesPerUnit: 100 });
    voting = await openSession(t, { organizer });
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  /** A 400 with the one error body naming `field` with `code`. */
  function expectRefused(res: Response, field: string, code: string) {
    expect({ status: res.status, body: res.body as unknown }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'common.validation_failed',
        message: expect.any(String),
        errors: expect.arrayContaining([{ field, code, message: expect.any(String) }]),
        requestId: expect.any(String),
      },
    });
  }

  const NUL = 'Hội thi\u0000 thử';

  it('logging in or registering with NUL, anonymously', async () => {
    const users = await count('users');
    let res = await t
      .http()
      .post('/auth/login')
      .send({ identifier: `a\u0000@b.vn`, password: 'x' });
    expectRefused(res, 'identifier', 'field.textControls');
    res = await t
      .http()
      .post('/auth/login')
      .send({ identifier: contestant.email, password: 'a\u0000' });
    expectRefused(res, 'password', 'field.textControls');
    res = await t.http().post('/auth/register').send({
      fullName: NUL,
      email: 'mai@example.vn',
      password: PASSWORD,
      unitId,
    });
    expectRefused(res, 'fullName', 'field.textControls');
    res = await t.http().post('/auth/register').send({
      fullName: 'Lê Thị Mai',
      email: 'mai\uD800@example.vn',
      password: PASSWORD,
      unitId,
    });
    expectRefused(res, 'email', 'field.textUnicode');
    expect(await count('users')).toBe(users);
  });

  it('a control character in the User-Agent that a login would store', async () => {
    const res = await t
      .http()
      .post('/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (Linux)\u0085')
      .send({ identifier: contestant.email, password: PASSWORD });
    expectRefused(res, 'user-agent', 'field.textControls');
  });

  it('entry, contest, session and unit bodies', async () => {
    const entries = await count('entries');
    let res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, NUL));
    expectRefused(res, 'title', 'field.textControls');
    res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Bài dự thi', { members: [{ name: 'Lan\uFFFE' }] }));
    expectRefused(res, 'members.0.name', 'field.textUnicode');
    expect(await count('entries')).toBe(entries);

    res = await t
      .http()
      .patch(`/contests/${c.contestId}`)
      .set('Authorization', organizer.auth)
      .send({ description: `Mô tả\u0000` });
    expectRefused(res, 'description', 'field.textControls');
    res = await t
      .http()
      .post('/voting/sessions')
      .set('Authorization', organizer.auth)
      .send({
        contestId: voting.contestId,
        roundId: voting.roundId,
        title: NUL,
        policy: { identities: ['device'] },
      });
    expectRefused(res, 'title', 'field.textControls');
    res = await t
      .http()
      .post('/org-units')
      .set('Authorization', admin.auth)
      .send({ code: 'NUL.1', name: 'Xã\u0000', kind: 'Xã' });
    expectRefused(res, 'name', 'field.textControls');
  });

  it('query and path parameters', async () => {
    let res = await t.http().get('/org-units?q=%00').set('Authorization', admin.auth);
    expectRefused(res, 'q', 'field.textControls');
    res = await t
      .http()
      .get(`/contests/${c.contestId}/entries?q=a%00b`)
      .set('Authorization', organizer.auth);
    expectRefused(res, 'q', 'field.textControls');
    res = await t.http().get('/public/contests/a%00b');
    expectRefused(res, 'idOrSlug', 'field.textControls');
    res = await t.http().get(`/overlay/${voting.sessionId}?theme=%1B`);
    expectRefused(res, 'theme', 'field.textControls');
  });

  it('display text refuses bidi overrides and line breaks, and sheds zero-width edges', async () => {
    let res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Bài \u202Egnp.exe'));
    expectRefused(res, 'title', 'field.textBidi');
    res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Dòng một\nDòng hai'));
    expectRefused(res, 'title', 'field.textSingleLine');
    res = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(
        draft(c.categories.solution, '\u200B Sinh hoạt chi hội\u200D\uFEFF', {
          summary: 'Dòng một\nDòng hai',
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Sinh hoạt chi hội');
    expect(res.body.summary).toBe('Dòng một\nDòng hai');
  });

  it('an import whose names hold NUL: a row error, nothing written', async () => {
    const units = await count('org_units');
    const res = await t
      .http()
      .post('/org-units/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('code,name,kind\nIMP.NUL,Xã\u0000 thử,Xã\nIMP.K,Xã thử,\u202EXã\n'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'rows.2.name', code: 'field.textControls' }),
        expect.objectContaining({ field: 'rows.3.kind', code: 'field.textBidi' }),
      ]),
    );
    expect(await count('org_units')).toBe(units);
  });

  it('an upper-case session id reads the same session', async () => {
    const lower = await t.http().get(`/voting/sessions/${voting.sessionId}/tallies`);
    const upper = await t.http().get(`/voting/sessions/${voting.sessionId.toUpperCase()}/tallies`);
    expect(lower.status).toBe(200);
    expect(upper.status).toBe(200);
    expect(upper.body).toEqual(lower.body);
  });

  it('a voting session without its policy, or opening in the year -271821', async () => {
    const sessions = await count('voting_sessions');
    const body = {
      contestId: voting.contestId,
      roundId: voting.roundId,
      title: 'Bình chọn',
      policy: { identities: ['device'] },
    };
    let res = await t
      .http()
      .post('/voting/sessions')
      .set('Authorization', organizer.auth)
      .send({ ...body, policy: undefined });
    expectRefused(res, 'policy', 'field.isObject');
    res = await t
      .http()
      .post('/voting/sessions')
      .set('Authorization', organizer.auth)
      .send({ ...body, opensAt: '-271821-04-20T00:00:00Z' });
    expectRefused(res, 'opensAt', 'field.dateRange');
    res = await t
      .http()
      .patch(`/voting/sessions/${voting.sessionId}`)
      .set('Authorization', organizer.auth)
      .send({ closesAt: '+275760-09-13T00:00:00Z' });
    expectRefused(res, 'closesAt', 'field.dateRange');
    expect(await count('voting_sessions')).toBe(sessions);
  });

  it('optional fields: left out they take their defaults, null is refused where not allowed', async () => {
    // a round without judging settings: the first save creates them
    const settings = `/judging/rounds/${c.rounds.province}/settings`;
    let res = await t.http().put(settings).set('Authorization', organizer.auth).send({ quorum: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ quorum: 2, method: 'mean' });
    expect(Array.isArray(res.body.tieBreaks)).toBe(true);
    for (const field of ['quorum', 'method', 'tieBreaks']) {
      res = await t
        .http()
        .put(settings)
        .set('Authorization', organizer.auth)
        .send({ [field]: null });
      expectRefused(res, field, 'field.notNull');
    }
    res = await t
      .http()
      .post(`/judging/rounds/${c.rounds.commune}/assign`)
      .set('Authorization', organizer.auth)
      .send({ quorum: null });
    expectRefused(res, 'quorum', 'field.notNull');
    const created = await t
      .http()
      .post(`/contests/${c.contestId}/entries`)
      .set('Authorization', contestant.auth)
      .send(draft(c.categories.solution, 'Bản nháp'));
    expect(created.status).toBe(201);
    res = await t
      .http()
      .patch(`/entries/${created.body.id}`)
      .set('Authorization', contestant.auth)
      .send({ members: null, title: null });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'members',
      'title',
    ]);
    // a field the API documents as nullable still takes null
    res = await t
      .http()
      .patch(`/entries/${created.body.id}`)
      .set('Authorization', contestant.auth)
      .send({ contactName: null });
    expect(res.status).toBe(200);
    expect(res.body.contactName).toBeNull();
  });

  it('unknown ids of every shape stay 400 or 404', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', randomUUID().toUpperCase()]) {
      const res = await t.http().get(`/voting/sessions/${id}/tallies`);
      expect(res.status).toBe(404);
    }
  });
});
