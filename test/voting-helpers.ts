import { randomUUID } from 'node:crypto';
import { seedVotingContest } from '../bench/voting-seed';
import { io, Socket } from 'socket.io-client';
import { UserRole } from '../src/users/entities/user.entity';
import { DeviceTokens } from '../src/voting/voter-identity';
import { createUser, TestUser } from './support/fixtures';
import type { TestApp } from './support/test-app';

export interface VotingFixture {
  organizer: TestUser;
  contestId: string;
  roundId: string;
  sessionId: string;
  entryIds: string[];
}

/**
 * An organizer of a fresh contest (with a public-vote round and `entries` eligible entries
 * active in it) and an open session over those entries.
 */
export async function openSession(
  t: TestApp,
  opts: {
    entries?: number;
    policy?: Record<string, unknown>;
    mode?: 'all' | 'on_stage';
    hideTallies?: boolean;
    open?: boolean;
    organizer?: TestUser;
    timeZone?: string;
  } = {},
): Promise<VotingFixture> {
  const organizer = opts.organizer ?? (await createUser(t, UserRole.Organizer));
  const { contestId, roundId, entryIds } = await seedVotingContest(t.db, {
    entries: opts.entries ?? 3,
    timeZone: opts.timeZone,
  });
  await t.db.query(
    `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'organizer')
     ON CONFLICT DO NOTHING`,
    [contestId, organizer.id],
  );
  const created = await t
    .http()
    .post('/voting/sessions')
    .set('Authorization', organizer.auth)
    .send({
      contestId,
      roundId,
      title: 'Chung kết — bình chọn trực tiếp',
      entryIds,
      mode: opts.mode ?? 'all',
      hideTallies: opts.hideTallies ?? false,
      policy: opts.policy ?? { perEntry: 1, identities: ['device', 'member'] },
    });
  if (created.status !== 201)
    throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const sessionId = created.body.id as string;
  if (opts.open !== false) {
    await t
      .http()
      .post(`/voting/sessions/${sessionId}/state`)
      .set('Authorization', organizer.auth)
      .send({ action: 'open' })
      .expect(200);
  }
  return { organizer, contestId, roundId, sessionId, entryIds };
}

/**
 * A device token of the application's, issued a minute ago: a viewer who opened the voting page
 * before voting (a vote sooner than VOTE_MIN_HUMAN_MS after its token is held as too fast).
 */
export function deviceToken(t: TestApp): Promise<string> {
  return Promise.resolve(t.app.get(DeviceTokens).issue(Date.now() - 60_000).token);
}

export function connect(
  url: string,
  auth: Record<string, string> = {},
  opts: { origin?: string; reconnection?: boolean; headers?: Record<string, string> } = {},
): Socket {
  const headers = { ...opts.headers, ...(opts.origin ? { origin: opts.origin } : {}) };
  return io(url, {
    transports: ['websocket'],
    auth,
    extraHeaders: Object.keys(headers).length ? headers : undefined,
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
}

export const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

export interface Ack {
  ok: boolean;
  data?: { voteId?: string; status?: string; [k: string]: unknown } & Record<string, unknown>;
  error?: { code: string; message: string; retryable?: boolean };
}

export function castOverSocket(
  s: Socket,
  vote: { sessionId: string; entryId: string; voteId?: string; voterToken?: string },
): Promise<Ack> {
  return s
    .timeout(20_000)
    .emitWithAck('vote:cast', { voteId: randomUUID(), ...vote }) as Promise<Ack>;
}

export function castOverHttp(
  t: TestApp,
  sessionId: string,
  body: { entryId: string; voterToken?: string },
  voteId: string = randomUUID(),
  auth?: string,
) {
  const req = t
    .http()
    .post(`/voting/sessions/${sessionId}/votes`)
    .set('Idempotency-Key', voteId)
    .set('Accept-Language', 'en');
  if (auth) req.set('Authorization', auth);
  return req.send(body);
}

export async function storedCounts(t: TestApp, sessionId: string): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ entry_id: string; n: string }>(
    'SELECT entry_id, count(*) AS n FROM votes WHERE session_id = $1 GROUP BY entry_id',
    [sessionId],
  );
  return Object.fromEntries(rows.map((r) => [r.entry_id, Number(r.n)]));
}

export async function tallySums(t: TestApp, sessionId: string): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ entry_id: string; n: string }>(
    'SELECT entry_id, sum(votes) AS n FROM voting_tallies WHERE session_id = $1 GROUP BY entry_id',
    [sessionId],
  );
  return Object.fromEntries(
    rows.filter((r) => Number(r.n) > 0).map((r) => [r.entry_id, Number(r.n)]),
  );
}

/** Resolves with the first event for which `pred` holds (rejects after `ms`). */
export function waitFor<T>(s: Socket, event: string, pred: (p: T) => boolean, ms = 10_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, on);
      reject(new Error(`no ${event} matching in ${ms} ms`));
    }, ms);
    const on = (p: T) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      s.off(event, on);
      resolve(p);
    };
    s.on(event, on);
  });
}

/**
 * Waits (bounded) until the votes cast before a change of limits hold their new slots: the
 * backfill runs in the background after the change.
 */
export async function slotsBackfilled(t: TestApp, sessionId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await t.db.query<{ slots_pending: number }>(
      'SELECT slots_pending FROM voting_sessions WHERE id = $1',
      [sessionId],
    );
    if (rows[0]?.slots_pending === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the slots of session ${sessionId} were not backfilled in 30 s`);
}
