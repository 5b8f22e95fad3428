import { foldVietnamese } from '../src/common/validation/text';
import { SORT_VALUES } from '../src/entries/entry-list.query';
import { UserRole } from '../src/users/entities/user.entity';
import { buildScenario, COMMUNES, JudgingScenario, RUBRIC } from './judging.fixtures';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Blind judging hides who made an entry (unit, members, contact, owner) from judges: nothing
 * hidden may be searched, filtered or sorted on by them either, or a judge could find out by
 * asking (one hit for the right unit, none for another).
 */
describe('Blind judging: judges cannot search, filter or sort by what they may not see', () => {
  let t: TestApp;
  let s: JudgingScenario;
  let judge: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    judge = await createUser(t, UserRole.Judge, { fullName: 'Chuyên gia chấm thi' });
    const second = await createUser(t, UserRole.Judge, { fullName: 'Chuyên gia thứ hai' });
    s = await buildScenario(t, {
      perCommune: 1,
      blindJudging: true,
      judges: [judge.id, second.id],
    });
    const round = `/judging/rounds/${s.c.rounds.commune}`;
    await t.http().put(`${round}/rubrics`).set('Authorization', s.organizer.auth).send(RUBRIC);
    const res = await t
      .http()
      .post(`${round}/assign`)
      .set('Authorization', s.organizer.auth)
      .send({ quorum: 2, seed: 'blind' });
    expect(res.status).toBe(200);
  }, 240_000);
  afterAll(() => t.close());

  const setBlind = (on: boolean) =>
    t.db.query(
      `UPDATE contests SET settings = jsonb_set(settings, '{blindJudging}', $2::jsonb) WHERE id = $1`,
      [s.c.contestId, JSON.stringify(on)],
    );

  const list = async (who: TestUser, query: Record<string, string>) => {
    const res = await t
      .http()
      .get(`/contests/${s.c.contestId}/entries`)
      .set('Authorization', who.auth)
      .query({ limit: '100', ...query });
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((i) => i.id).sort();
  };

  /** What the judge is shown of each entry: its title and summary (scenario data). */
  const visibleMatch = (q: string) => {
    const words = foldVietnamese(q)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return s.entries
      .filter((e) => {
        const text = foldVietnamese(`${e.title} Tóm tắt: ${e.title}`).split(/[^a-z0-9]+/);
        return words.every((w) => text.some((t) => t.startsWith(w)));
      })
      .map((e) => e.id)
      .sort();
  };

  /** Every hidden value of the scenario, as a judge might type it. */
  const hidden = () => [
    ...s.units.communes.map((u) => u.name),
    ...s.units.branches.map((u) => u.name),
    'Tân Lập',
    'tan lap',
    'Đắk Lắk',
    ...s.entries.flatMap((e) => e.members),
    'Nguyễn',
    'Phạm',
    'lienhe1',
    'hoi.vn',
    '0912 345 100',
    ...s.contestants.map((c) => c.email.split('@')[0]),
  ];

  it('the search finds what the judge can read (title, summary) and nothing hidden', async () => {
    const all = await list(judge, {});
    expect(all).toEqual(s.entries.map((e) => e.id).sort());
    for (const q of ['trực tuyến', 'bai du thi so 3', 'tom tat', 'SINH HOAT']) {
      expect({ q, ids: await list(judge, { q }) }).toEqual({ q, ids: visibleMatch(q) });
      expect(visibleMatch(q).length).toBeGreaterThan(0);
    }
    for (const q of hidden())
      expect({ q, ids: await list(judge, { q }) }).toEqual({ q, ids: visibleMatch(q) });
    // most hidden values share no word with what judges see: those find nothing
    for (const q of ['Tân Lập', 'Nguyễn', 'Phạm', 'lienhe1', COMMUNES[3]])
      expect(visibleMatch(q)).toEqual([]);
  });

  it('the same words find entries once judging is not blind, and always for organizers', async () => {
    // the searches above come back empty because the fields are hidden, not because they miss
    const unit = COMMUNES[0];
    const ofUnit = s.entries.filter((e) => e.commune === 0).map((e) => e.id);
    expect(await list(s.organizer, { q: unit })).toEqual(ofUnit.sort());
    expect(await list(s.organizer, { q: s.entries[1].members[0] })).toContain(s.entries[1].id);
    await setBlind(false);
    try {
      expect(await list(judge, { q: unit })).toEqual(ofUnit.sort());
      expect(await list(judge, { q: s.entries[1].members[0] })).toContain(s.entries[1].id);
    } finally {
      await setBlind(true);
    }
  });

  it('a unit filter does not narrow a blind judge’s list (with or without its subtree)', async () => {
    const all = await list(judge, {});
    for (const u of [s.units.province, s.units.communes[2].id, s.units.branches[2].id]) {
      expect(await list(judge, { unitId: u })).toEqual(all);
      expect(await list(judge, { unitId: u, subtree: 'true' })).toEqual(all);
    }
    // organizers do filter by unit
    expect(await list(s.organizer, { unitId: s.units.communes[2].id })).toEqual(
      s.entries.filter((e) => e.commune === 2).map((e) => e.id),
    );
  });

  it('sorting is offered on visible fields only, and a search with a sort still hides them', async () => {
    expect(SORT_VALUES.map((v) => v.replace(/^-/, '')).sort()).toEqual([
      'createdAt',
      'createdAt',
      'submittedAt',
      'submittedAt',
      'title',
      'title',
      'updatedAt',
      'updatedAt',
    ]);
    for (const sort of SORT_VALUES) {
      expect(await list(judge, { q: 'Tân Lập', sort })).toEqual([]);
      expect(await list(judge, { q: 'trực tuyến', sort })).toEqual(visibleMatch('trực tuyến'));
    }
    // the items themselves name no unit
    const res = await t
      .http()
      .get(`/contests/${s.c.contestId}/entries`)
      .set('Authorization', judge.auth);
    for (const item of res.body.items as Record<string, unknown>[]) {
      expect(item.unitId).toBeNull();
      expect(item.unitName).toBeNull();
    }
  });

  it('the judge’s queue takes no search, filter or sort, and the assignment list is not theirs', async () => {
    const round = `/judging/rounds/${s.c.rounds.commune}`;
    const queue = async (query: Record<string, string>) => {
      const res = await t
        .http()
        .get(`${round}/queue`)
        .set('Authorization', judge.auth)
        .query(query);
      expect(res.status).toBe(200);
      return res.body as { blind: boolean; items: Record<string, unknown>[] };
    };
    const plain = await queue({});
    expect(plain.blind).toBe(true);
    expect(plain.items.map((i) => i.entryId).sort()).toEqual(s.entries.map((e) => e.id).sort());
    const queries: Record<string, string>[] = [
      { q: 'Tân Lập' },
      { unitId: s.units.communes[0].id },
      { sort: 'unitName' },
      { members: s.entries[0].members[0] },
    ];
    for (const query of queries) expect(await queue(query)).toEqual(plain);
    for (const item of plain.items) {
      for (const hiddenKey of ['unitName', 'unitId', 'members', 'contactName', 'contactEmail'])
        expect(item).not.toHaveProperty(hiddenKey);
    }
    const res = await t.http().get(`${round}/assignments`).set('Authorization', judge.auth);
    expect(res.status).toBe(403);
  });
});
