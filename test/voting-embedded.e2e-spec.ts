import { randomUUID } from 'node:crypto';
import { startEmbeddedTestApp, TestApp } from './support/test-app';
import { castOverHttp, deviceToken, openSession, storedCounts } from './voting-helpers';

/**
 * The session changes that read inside their own transaction, on the embedded database that
 * `npm start` uses without DATABASE_URL (whatever database the other files run on). Its
 * connections share one session: a read made on another connection while the change's
 * transaction is open waits for that transaction, which waits for the read. Each request has
 * ten seconds; a hang fails it.
 */
describe('voting session changes on the embedded database', () => {
  let t: TestApp;
  const LIMIT_MS = 10_000;

  beforeAll(async () => {
    t = await startEmbeddedTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('switches the entry on stage and changes the entries offered, votes still counted', async () => {
    const f = await openSession(t, {
      entries: 3,
      mode: 'on_stage',
      policy: { perEntry: 1, identities: ['device'] },
    });
    const staged = await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/stage`)
      .set('Authorization', f.organizer.auth)
      .timeout(LIMIT_MS)
      .send({ entryId: f.entryIds[1] });
    expect([staged.status, staged.body.onStageEntryId]).toEqual([200, f.entryIds[1]]);

    const token = await deviceToken(t);
    const vote = (entry: number) =>
      castOverHttp(t, f.sessionId, { entryId: f.entryIds[entry], voterToken: token }).timeout(
        LIMIT_MS,
      );
    const change = (body: Record<string, unknown>) =>
      t
        .http()
        .patch(`/voting/sessions/${f.sessionId}`)
        .set('Authorization', f.organizer.auth)
        .timeout(LIMIT_MS)
        .send(body);
    expect((await vote(1)).status).toBe(201);
    expect((await vote(0)).body.code).toBe('voting.entry_not_votable');

    // Fewer entries, all of them votable, and a limit per voter: the entry on stage leaves
    // the list, so the stage is cleared.
    const changed = await change({
      entryIds: [f.entryIds[0], f.entryIds[2]],
      mode: 'all',
      policy: { perEntry: 1, perSession: 2, identities: ['device'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.entryIds).toEqual([f.entryIds[0], f.entryIds[2]]);
    expect(changed.body.onStageEntryId).toBeNull();

    const refused = await change({ entryIds: [f.entryIds[0], randomUUID()] });
    expect([refused.status, refused.body.errors?.[0]?.code]).toEqual([
      400,
      'voting.entry_not_in_round',
    ]);

    expect((await vote(0)).status).toBe(201);
    // The earlier vote took the voter's first session slot, this one the second: a third is
    // refused.
    expect((await vote(2)).body.code).toBe('voting.limit_reached');
    expect(await storedCounts(t, f.sessionId)).toEqual({
      [f.entryIds[0]]: 1,
      [f.entryIds[1]]: 1,
    });
  });
});
