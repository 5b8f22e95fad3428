import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { draft, seedContest, SeededContest } from './entries.fixtures';
import { openJudging, RUBRIC } from './judging.fixtures';
import { removeDir, tempDir } from './media-support';
import {
  errorBodyProblem,
  FORBIDDEN_TEXT,
  generatedStrings,
  headerSafe,
  Hostile,
  hostilesFor,
  Json,
  OMIT,
  OpenApiDoc,
  percentEncode,
  resolve,
  Route,
  routesOf,
  Schema,
  seededRandom,
  Slot,
  wireHostiles,
  wireText,
  withField,
} from './support/openapi-fuzz';
import { createUser, insertUnit, login, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { deviceToken, openSession } from './voting-helpers';

/**
 * A request fuzzer written from the OpenAPI document of the running application
 * (GET /docs/openapi.json). Nothing a client sends may give a 5xx, and every refusal is the
 * documented error body `{statusCode, code, message, errors?, requestId}` with a message from a
 * catalogue.
 *
 * What it covers, and how:
 * - Every documented operation (the test fails if one is missing from the run). Path ids point
 *   at real fixtures (a contest with categories and rounds, a submitted entry in a judging
 *   round with a rubric, an assigned judge and a sheet, a draft with an uploaded image, a
 *   voting session with a cast vote), so requests get past "not found" into validation and the
 *   services.
 * - Callers: anonymous, admin, organizer, judge and contestant (member of the entries' unit).
 *   Each route is sent with only its required fields, then valid-looking, as every caller; each
 *   hostile value then goes as the caller that got furthest (2xx, else a refusal after
 *   validation, else 404, 403, 401) and, for about one value in seven, also as another caller
 *   picked by the seed.
 * - Every path, query and header parameter and every JSON body field, nested ones and the first
 *   item of lists too: omitted; every text no field may accept (NUL, C0 and C1 controls, DEL,
 *   lone surrogates, non-characters); ids that are not UUIDs, unknown, nil, upper case,
 *   followed by NUL or SQL; enum, boolean, date, list and object values of the wrong shape;
 *   and one text generated from the seed (fast-check). The other values of a kind (bidi
 *   overrides, zero-width characters, 100,000 characters, `../`, SQL and HTML fragments, wrong
 *   types; negative, fractional, huge numbers) are shared out among a route's fields in turn,
 *   so that the route gets all of them and each field several. Query parameters are also sent
 *   twice; headers get C1 controls, 4,000 characters, traversal, SQL, HTML and numbers.
 * - Per route: an empty body, no body, a list or a string for a body, malformed JSON, escaped
 *   NUL and lone surrogates, a form for a body, and a malformed bearer token.
 * - Text no field may accept sent in a body, query or path field must be refused (4xx), never
 *   stored.
 * - Uploads, lightly (another suite hardens them): `POST /media/uploads` gets its query fuzzed
 *   and no multipart body; `POST /org-units/import` gets its query fuzzed and hostile CSV
 *   (controls, surrogates and 100,000 characters in names, kinds, codes and parents; bytes that
 *   are not UTF-8; a broken XLSX); the tus routes (`/media/uploads/tus`, not in the document:
 *   their own handlers) get hostile ids, `Upload-Length` and `Upload-Metadata`.
 * - Not covered here: socket events (the gateways check their payloads by hand, with their
 *   own tests).
 *
 * Set FUZZ_LOG to a file name to get one line per request (status, caller, route, value).
 *
 * Deterministic: one seed drives the generated text and every choice; requests go one at a
 * time, in the document's order, with the destructive routes (deletions, logouts, dissolving,
 * merging, withdrawing) last.
 */

const SEED = 20260511;
const ROLES = ['anonymous', 'admin', 'organizer', 'judge', 'contestant'] as const;
type Role = (typeof ROLES)[number];

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface Failure {
  route: string;
  role: Role;
  what: string;
  status: number;
  problem: string;
}

/** Routes run last, in this order: they destroy what other routes use. */
const LAST = [
  'POST /judging/rounds/{roundId}/entries/{entryId}/recusal',
  'POST /entries/{id}/withdraw',
  'POST /org-units/{id}/merge',
  'POST /org-units/{id}/dissolve',
  'POST /contests/{contestId}/status',
  'POST /auth/password',
  'POST /auth/logout',
  'POST /auth/logout-all',
];

describe('request fuzzer (from the OpenAPI document)', () => {
  let t: TestApp;
  let uploads: string;
  let doc: OpenApiDoc;
  const users = {} as Record<Exclude<Role, 'anonymous'>, TestUser>;
  const ids: Record<string, string> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const random = seededRandom(SEED);
  let counter = 0;
  const failures: Failure[] = [];
  const sent = new Map<string, number>();
  let port = 0;

  beforeAll(async () => {
    uploads = tempDir('fuzz-uploads');
    t = await startTestApp({
      UPLOADS_DIR: uploads,
      JOB_POLL_MS: '100',
      // the fuzzer fails many logins from one address on purpose
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
    });
    port = Number(new URL(t.url).port);
    const province = await insertUnit(t, { name: 'Hội LHPN tỉnh Phú Yên', kind: 'Tỉnh' });
    const commune = await insertUnit(t, { name: 'Hội LHPN xã An Mỹ', parentId: province.id });
    const spare = await insertUnit(t, { name: 'Chi hội thôn Phú Lộc', parentId: commune.id });
    const spare2 = await insertUnit(t, { name: 'Chi hội thôn Mỹ Hòa', parentId: commune.id });
    users.admin = await createUser(t, UserRole.Admin);
    users.organizer = await createUser(t, UserRole.Organizer);
    users.judge = await createUser(t, UserRole.Judge);
    users.contestant = await createUser(t, UserRole.Contestant, { unitId: commune.id });
    const judge2 = await createUser(t, UserRole.Judge);
    const victim = await createUser(t, UserRole.Contestant, { unitId: commune.id });
    const c: SeededContest = await seedContest(t, {
      organizers: [users.organizer.id],
      judges: [users.judge.id, judge2.id],
      maxEntriesPerUnit: 1000,
    });
    const as = (u: TestUser) => ({ Authorization: u.auth });
    const ok = (res: { status: number; body: unknown }, what: string) => {
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown>;
    };
    const entry = ok(
      await t
        .http()
        .post(`/contests/${c.contestId}/entries`)
        .set(as(users.contestant))
        .send(draft(c.categories.solution, 'Sinh hoạt chi hội qua nhóm Zalo')),
      'entry',
    ).id as string;
    ok(
      await t.http().post(`/entries/${entry}/submit`).set(as(users.contestant)).send({}),
      'submit',
    );
    ok(
      await t
        .http()
        .post(`/entries/${entry}/screen`)
        .set(as(users.organizer))
        .send({ decision: 'eligible' }),
      'screen',
    );
    ok(
      await t
        .http()
        .post(`/contests/${c.contestId}/rounds/${c.rounds.submission}/advance`)
        .set(as(users.organizer))
        .send({ entryIds: [entry] }),
      'advance',
    );
    const judging = `/judging/rounds/${c.rounds.commune}`;
    ok(await t.http().put(`${judging}/rubrics`).set(as(users.organizer)).send(RUBRIC), 'rubric');
    ok(
      await t
        .http()
        .post(`${judging}/panel`)
        .set(as(users.organizer))
        .send({ judgeId: users.judge.id }),
      'panel',
    );
    ok(
      await t.http().post(`${judging}/assign`).set(as(users.organizer)).send({ quorum: 1 }),
      'assign',
    );
    await openJudging(t, c.rounds.commune);
    const sheet = ok(
      await t
        .http()
        .put(`${judging}/entries/${entry}/sheet`)
        .set(as(users.judge))
        .send({ scores: { 'noi-dung': 8 } }),
      'sheet',
    );
    const draftEntry = ok(
      await t
        .http()
        .post(`/contests/${c.contestId}/entries`)
        .set(as(users.contestant))
        .send(draft(c.categories.solution, 'Bản nháp bài dự thi')),
      'draft',
    ).id as string;
    const image = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#4a7' },
    })
      .png()
      .toBuffer();
    const media = ok(
      await t
        .http()
        .post(`/media/uploads?entryId=${draftEntry}`)
        .set(as(users.contestant))
        .attach('file', image, { filename: 'anh-chi-hoi.png' }),
      'upload',
    ).id as string;
    const voting = await openSession(t, { organizer: users.organizer, entries: 2 });
    const voter = await deviceToken(t);
    const vote = randomUUID();
    const receipt = ok(
      await t
        .http()
        .post(`/voting/sessions/${voting.sessionId}/votes`)
        .set({ 'Idempotency-Key': vote, 'X-Voter-Token': voter })
        .send({ entryId: voting.entryIds[0] }),
      'vote',
    );
    const membership = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM contest_memberships WHERE contest_id = $1 AND user_id = $2`,
        [c.contestId, judge2.id],
      )
    ).rows[0].id;
    const slug = (
      await t.db.query<{ slug: string }>(`SELECT slug FROM contests WHERE id = $1`, [c.contestId])
    ).rows[0].slug;
    Object.assign(ids, {
      contest: c.contestId,
      slug,
      solution: c.categories.solution,
      media: c.categories.media,
      submissionRound: c.rounds.submission,
      communeRound: c.rounds.commune,
      provinceRound: c.rounds.province,
      entry,
      draftEntry,
      mediaId: media,
      sheet: sheet.id as string,
      province: province.id,
      commune: commune.id,
      spare: spare.id,
      spare2: spare2.id,
      judge: users.judge.id,
      judge2: judge2.id,
      victim: victim.id,
      membership,
      votingContest: voting.contestId,
      votingRound: voting.roundId,
      votingEntry: voting.entryIds[0],
      session: voting.sessionId,
      vote,
      receipt: wireText((receipt.receipt as Json | undefined) ?? 'ABCDE-FGHIJ'),
      voterToken: voter,
    });
    doc = (await t.http().get('/docs/openapi.json').expect(200)).body as OpenApiDoc;
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await t?.close();
    removeDir(uploads);
  });

  /** The fixture a path parameter or id field names, on this route. */
  function idFor(name: string, route: Route): string {
    const p = route.path;
    const voting = /^\/(voting|public\/voting-sessions|v|overlay|control)\//.test(p);
    const destroy = route.method === 'DELETE';
    switch (name) {
      case 'contestId':
        return voting ? ids.votingContest : ids.contest;
      case 'roundId':
        if (voting) return ids.votingRound;
        // a round without judging settings yet: the first save creates them from what is sent
        if (p.endsWith('/settings')) return ids.provinceRound;
        if (p.startsWith('/judging')) return ids.communeRound;
        if (p.endsWith('/advance')) return ids.submissionRound;
        // changes go to the final round: the submission window stays as the entries need it
        return route.method === 'GET' ? ids.submissionRound : ids.provinceRound;
      case 'categoryId':
        return destroy ? ids.media : ids.solution;
      case 'entryId':
        return voting ? ids.votingEntry : p.startsWith('/media') ? ids.draftEntry : ids.entry;
      case 'memberId':
        return ids.membership;
      case 'judgeId':
        return ids.judge;
      case 'withJudgeId':
      case 'userId':
        return ids.judge2;
      case 'sheetId':
        return ids.sheet;
      case 'sessionId':
        return ids.session;
      case 'voteId':
        return ids.vote;
      case 'unitId':
      case 'scopeUnitId':
        return ids.commune;
      case 'parentId':
      case 'ownerUnitId':
        return ids.province;
      case 'id':
        if (p.startsWith('/users')) return destroy ? ids.victim : ids.judge2;
        if (p.startsWith('/org-units')) return ids.spare;
        if (p.startsWith('/entries'))
          return /\/(submit|withdraw)$/.test(p) || route.method === 'PATCH'
            ? ids.draftEntry
            : ids.entry;
        if (p.startsWith('/media')) return ids.mediaId;
        return ids.session;
      default:
        return randomUUIDFromSeed();
    }
  }

  function randomUUIDFromSeed(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '8';
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** A valid-looking value for a field: its example, an enum value, a fixture id… */
  function sample(schema: Schema, name: string, route: Route, depth = 0): Json {
    const s = resolve(doc, schema);
    const n = ++counter;
    if (name === 'slug') return `fuzz-${n}`;
    if (name === 'code' && route.path.includes('categories')) return `FZ${n}`;
    if (name === 'code' && route.path.startsWith('/org-units')) return `FZ.${n}`;
    if (name === 'email') return `fuzz${n}@example.vn`;
    if (name === 'phone' && !route.path.startsWith('/phone')) return `09${String(10_000_000 + n)}`;
    if (name === 'identifier') return users.contestant.email;
    if (name === 'password' && route.path === '/auth/login') return 'sai-mat-khau-1';
    if (/password$/i.test(name) && route.path !== '/auth/login') return 'matkhau2025';
    if (name === 'juryWeight') return 70;
    if (name === 'publicWeight') return 30;
    if (name === 'closesAt' && s.format === 'date-time')
      return new Date(Date.now() + 2 * 86_400_000).toISOString();
    if (name === 'sourceIds') return [ids.spare2];
    if (name === 'entryIds' || name === 'voteIds') {
      if (name === 'voteIds') return [ids.vote];
      return [idFor('entryId', route)];
    }
    if (s.enum) return s.enum[0] as Json;
    if (s.example !== undefined) return s.example as Json;
    if (s.format === 'uuid') return idFor(name, route);
    if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
    if (s.type === 'number' || s.type === 'integer' || s.minimum !== undefined)
      return s.minimum ?? (s.default as number | undefined) ?? 1;
    if (s.type === 'boolean') return false;
    if (s.type === 'array') return s.items ? [sample(s.items, name, route, depth + 1)] : [];
    if (s.type === 'object' && s.properties && depth < 5) {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(s.properties)) out[k] = sample(v, k, route, depth + 1);
      return out;
    }
    if (s.type === 'object') return {};
    const minLength = s.minLength ?? 0;
    return 'Hội thi thử'.padEnd(minLength, 'a');
  }

  /** Only the required fields, recursively. */
  function requiredOnly(schema: Schema, value: Json): Json {
    const s = resolve(doc, schema);
    if (!s.properties || !value || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, Json> = {};
    for (const k of s.required ?? [])
      if (k in value) out[k] = requiredOnly(s.properties[k], (value as Record<string, Json>)[k]);
    return out;
  }

  function request(opts: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<Answer> {
    return new Promise((done) => {
      const headers: Record<string, string | number> = { ...opts.headers };
      if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
      const req = http.request(
        { host: '127.0.0.1', port, method: opts.method, path: opts.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            done({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', (err) => done({ status: 0, contentType: '', text: String(err) }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (err) => done({ status: 0, contentType: '', text: String(err) }));
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  interface Call {
    path: Record<string, string>;
    query: [string, string][];
    headers: Record<string, string>;
    body?: Json | typeof OMIT;
    rawBody?: string | Buffer;
    contentType?: string;
  }

  /** Path parameters: real ids, the contest's slug, the vote's receipt code. */
  function pathSample(slot: Slot, name: string, route: Route): string {
    if (['slug', 'contestSlug', 'idOrSlug'].includes(name)) return ids.slug;
    if (name === 'code') return ids.receipt;
    if (name === 'publicId') return 'khong-co-trang';
    if (slot.kind === 'uuid') return idFor(name, route);
    return wireText(sample(slot.schema, name, route));
  }

  function baseline(route: Route): Call {
    const call: Call = { path: {}, query: [], headers: {} };
    for (const slot of route.slots) {
      const name = String(slot.path[0]);
      if (slot.in === 'path') call.path[name] = percentEncode(pathSample(slot, name, route));
      if (slot.in === 'query' && !['cursor', 'after'].includes(name))
        call.query.push([name, wireText(sample(slot.schema, name, route))]);
      if (slot.in === 'header') {
        const h = name.toLowerCase();
        if (h === 'idempotency-key') call.headers[h] = randomUUIDFromSeed();
        else if (h === 'x-voter-token') call.headers[h] = ids.voterToken;
        else if (h === 'x-page-elapsed') call.headers[h] = '5000';
        else if (h === 'x-client-fingerprint') call.headers[h] = 'fp-fuzz';
        else if (h === 'accept-language') call.headers[h] = 'vi';
      }
    }
    if (route.body === 'json' && route.bodySchema) call.body = sample(route.bodySchema, '', route);
    // a vote's id, when given, is its idempotency key
    const body = call.body as Record<string, Json> | undefined;
    if (body && typeof body === 'object' && 'voteId' in body && call.headers['idempotency-key'])
      body.voteId = call.headers['idempotency-key'];
    return call;
  }

  function urlOf(route: Route, call: Call): string {
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => call.path[name] ?? '');
    const query = call.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    return query ? `${path}?${query}` : path;
  }

  async function send(route: Route, role: Role, call: Call, what: string, forbidden = false) {
    const key = `${route.method} ${route.path}`;
    sent.set(key, (sent.get(key) ?? 0) + 1);
    const headers: Record<string, string> = { ...call.headers };
    if (role !== 'anonymous' && !headers.authorization) headers.authorization = users[role].auth;
    let body: string | Buffer | undefined = call.rawBody;
    if (body === undefined && call.body !== undefined && call.body !== OMIT)
      body = JSON.stringify(call.body);
    if (body !== undefined)
      headers['content-type'] = call.contentType ?? 'application/json; charset=utf-8';
    const started = Date.now();
    const answer = await request({ method: route.method, path: urlOf(route, call), headers, body });
    const ms = Date.now() - started;
    if (process.env.FUZZ_LOG)
      appendFileSync(
        process.env.FUZZ_LOG,
        `${answer.status} ${ms}ms ${role} ${key} ${what} ${answer.text.slice(0, 400)}\n`,
      );
    const fail = (problem: string) =>
      failures.push({ route: key, role, what, status: answer.status, problem });
    if (answer.status === 0 || answer.status >= 500)
      fail(`${answer.status}: ${answer.text.slice(0, 300)}`);
    else if (answer.status >= 400 && route.method !== 'HEAD') {
      const problem = errorBodyProblem(answer.status, answer.contentType, answer.text);
      if (problem) fail(`not the error body (${problem}): ${answer.text.slice(0, 200)}`);
    } else if (forbidden && answer.status < 300)
      fail(`accepted text that no field may take: ${answer.text.slice(0, 200)}`);
    return answer;
  }

  const rank = (status: number) =>
    status < 300 ? 0 : [400, 409, 410, 422, 412].includes(status) ? 1 : status === 404 ? 2 : 3;

  /**
   * Valid tokens for every caller again (a logout, a deleted session or a password reset ends
   * them).
   */
  async function ensureCallers() {
    for (const role of ROLES) {
      if (role === 'anonymous') continue;
      const me = await request({
        method: 'GET',
        path: '/auth/me',
        headers: { authorization: users[role].auth },
      });
      if (me.status === 200) continue;
      // PATCH /auth/me may have given the caller another email or phone
      const { rows } = await t.db.query<{ email: string | null; phone: string | null }>(
        'SELECT email, phone FROM users WHERE id = $1',
        [users[role].id],
      );
      const tokens = await login(t, rows[0]?.email ?? rows[0]?.phone ?? users[role].email);
      users[role] = { ...users[role], ...tokens, auth: `Bearer ${tokens.accessToken}` };
    }
  }

  async function fuzzRoute(route: Route, index: number) {
    const base = baseline(route);
    // First only the required fields, as every caller: a resource made from them gets the
    // defaults of everything left out (before a full request has made it from all fields).
    if (route.body === 'json' && route.bodySchema)
      for (const role of ROLES)
        await send(
          route,
          role,
          { ...base, body: requiredOnly(route.bodySchema, base.body as Json) },
          'only the required fields',
        );
    // every caller, valid-looking; the one that gets furthest carries the hostile values
    let best: Role = 'anonymous';
    let bestRank = 9;
    for (const role of ['organizer', 'admin', 'judge', 'contestant', 'anonymous'] as Role[]) {
      const answer = await send(route, role, structuredClone(base), 'valid-looking');
      if (answer.status === 404 && answer.text.includes('common.route_not_found'))
        failures.push({
          route: `${route.method} ${route.path}`,
          role,
          what: 'valid-looking',
          status: 404,
          problem: 'the fuzzer built a path the application does not serve',
        });
      if (rank(answer.status) < bestRank) {
        bestRank = rank(answer.status);
        best = role;
      }
    }
    const callers = (): Role[] => {
      const others = ROLES.filter((r) => r !== best);
      return random() < 0.15 ? [best, others[Math.floor(random() * others.length)]] : [best];
    };
    for (const [offset, slot] of route.slots.entries()) {
      const name = String(slot.path[0]);
      const extra = generatedStrings(SEED + counter++, 1);
      const known = slot.in === 'body' ? knownAt(base.body as Json, slot.path) : base.path[name];
      if (slot.in === 'body') {
        for (const h of hostilesFor(slot, known ?? null, extra, offset)) {
          const call = { ...base, body: withField(base.body as Json, slot.path, h.value) };
          for (const role of callers())
            await send(
              route,
              role,
              call,
              `body ${slot.path.join('.')}: ${h.label}`,
              h.forbiddenText,
            );
        }
      } else if (slot.in === 'path') {
        for (const h of pathHostiles(slot, wireText(known), extra, offset)) {
          const call = { ...base, path: { ...base.path, [name]: h.value as string } };
          for (const role of callers())
            await send(route, role, call, `path ${name}: ${h.label}`, h.forbiddenText);
        }
      } else if (slot.in === 'query') {
        const rest = base.query.filter(([k]) => k !== name);
        for (const h of wireHostiles(slot, wireText(known ?? ''), extra, offset)) {
          const value = (h.value as string).length > 8000 ? 'x'.repeat(8000) : (h.value as string);
          const call = { ...base, query: [...rest, [name, value] as [string, string]] };
          for (const role of callers())
            await send(route, role, call, `query ${name}: ${h.label}`, h.forbiddenText);
        }
        await send(route, best, { ...base, query: rest }, `query ${name}: omitted`);
        await send(
          route,
          best,
          { ...base, query: [...rest, [name, 'a'], [name, 'b']] },
          `query ${name}: twice`,
        );
      } else if (slot.in === 'header') {
        for (const value of HEADER_VALUES) {
          const call = { ...base, headers: { ...base.headers, [name.toLowerCase()]: value } };
          await send(route, best, call, `header ${name}: ${JSON.stringify(value.slice(0, 20))}`);
        }
      }
    }
    // whole bodies: empty, none, not an object, not JSON
    if (route.body === 'json' && route.bodySchema) {
      await send(route, best, { ...base, body: {} }, 'empty object');
      await send(route, best, { ...base, body: OMIT }, 'no body');
      await send(route, best, { ...base, body: [] }, 'a list for a body');
      await send(route, best, { ...base, body: 'x' }, 'a string for a body');
      await send(route, best, { ...base, rawBody: '{"a":' }, 'malformed JSON');
      await send(
        route,
        best,
        { ...base, rawBody: '{"title":"\\u0000","name":"\\ud800"}' },
        'escaped NUL and lone surrogate',
      );
      await send(
        route,
        best,
        { ...base, rawBody: 'title=x', contentType: 'application/x-www-form-urlencoded' },
        'a form for a body',
      );
    }
    // a bad token (one of four per route, in turn)
    const bad = BAD_TOKENS[index % BAD_TOKENS.length];
    await send(
      route,
      'anonymous',
      { ...base, headers: { ...base.headers, authorization: bad } },
      `authorization ${JSON.stringify(bad.slice(0, 12))}`,
    );
    // logouts, password changes and deletions may end a caller's session
    if (route.method !== 'GET') await ensureCallers();
  }

  const BAD_TOKENS = [
    'Bearer x',
    'Bearer \u0085\u00ff',
    `Bearer ${'a'.repeat(4000)}`,
    'Basic eDp5',
  ];

  function pathHostiles(slot: Slot, known: string, extra: string[], offset: number): Hostile[] {
    const out = wireHostiles(slot, known, extra, offset).map((h) =>
      (h.value as string).length > 1000 ? { ...h, value: 'x'.repeat(300) } : h,
    );
    // raw, unencoded: the router and the URL decoder meet them as sent
    return [
      ...out.map((h) => ({ ...h, value: percentEncode(h.value as string) })),
      { label: 'raw traversal', value: '../../etc' },
      { label: 'bad percent escape', value: '%E0%A4%A' },
      { label: 'invalid UTF-8', value: '%FF%FE' },
      { label: 'encoded slash', value: `${percentEncode(known)}%2F..` },
    ];
  }

  function knownAt(body: Json, path: (string | number)[]): Json | undefined {
    let node: Json | undefined = body;
    for (const key of path) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string | number, Json>)[key];
    }
    return node;
  }

  const HEADER_VALUES = [
    headerSafe('\u0085\u009f'),
    'x'.repeat(4000),
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '-1',
    '99999999999999999999999',
    '',
    'ÿþ',
  ];

  it('answers every hostile request with a 4xx error body or a success, never a 5xx', async () => {
    const routes = routesOf(doc);
    const order = (r: Route) => {
      const i = LAST.indexOf(`${r.method} ${r.path}`);
      if (i >= 0) return 100 + i;
      return r.method === 'DELETE' ? 50 : r.method === 'GET' ? 0 : 10;
    };
    const planned = [...routes].sort((a, b) => order(a) - order(b));
    for (const [i, route] of planned.entries()) await fuzzRoute(route, i);

    // Uploads, lightly: hostile CSV for the unit import, and the tus routes.
    await fuzzImport();
    await fuzzTus();

    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !sent.get(k));
    expect(missing).toEqual([]);
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(5000);
    expect(
      failures.map((f) => `${f.route} as ${f.role}, ${f.what}: ${f.problem.slice(0, 160)}`),
    ).toEqual([]);
  }, 600_000);

  async function fuzzImport() {
    const route: Route = {
      method: 'POST',
      path: '/org-units/import',
      body: 'binary',
      slots: [],
      isPublic: false,
    };
    const header = 'code,name,kind,parentCode\n';
    const rows = [
      ...FORBIDDEN_TEXT.map((h) => `FZ.IMP1,${wireText(h.value as Json)},Xã,\n`),
      `FZ.IMP2,Xã thử,${'\u0000'},\n`,
      `FZ.IMP3\u0000,Xã thử,Xã,\n`,
      `FZ.IMP4,Xã thử,Xã,${'\uD800'}\n`,
      `FZ.IMP5,${'x'.repeat(100_000)},Xã,\n`,
      `FZ.IMP6,"${"'; DROP TABLE org_units; --"}",Xã,\n`,
    ];
    for (const row of rows) {
      for (const dry of ['true', 'false'])
        await send(
          route,
          'admin',
          {
            path: {},
            query: [['dryRun', dry]],
            headers: {},
            rawBody: header + row,
            contentType: 'text/csv',
          },
          `csv row ${JSON.stringify(row.slice(0, 30))}`,
        );
    }
    await send(
      route,
      'admin',
      {
        path: {},
        query: [],
        headers: {},
        rawBody: Buffer.from([0xff, 0xfe, 0, 0x41]),
        contentType: 'text/csv',
      },
      'binary CSV',
    );
    await send(
      route,
      'admin',
      {
        path: {},
        query: [],
        headers: {},
        rawBody: 'PK\u0003\u0004garbage',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      'broken XLSX',
    );
  }

  async function fuzzTus() {
    const tus = (method: string, path: string): Route => ({
      method,
      path,
      body: 'none',
      slots: [],
      isPublic: false,
    });
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const metas = [
      `entryId ${b64(ids.draftEntry)},filename ${b64('a\u0000.png')}`,
      `entryId ${b64(ids.draftEntry)},filename ${b64('\u202Egnp.exe')}`,
      `entryId ${b64('not-a-uuid')},filename ${b64('a.png')}`,
      `entryId ${b64(`${ids.draftEntry}\u0000`)},filename ${b64('a.png')}`,
      `entryId !!!,filename ???`,
      `filename ${b64('../../etc/passwd')}`,
      'x'.repeat(4000),
    ];
    const lengths = ['-1', '0', '1e309', '99999999999999999999999', 'abc', '100'];
    for (const meta of metas)
      for (const length of lengths.slice(0, 3))
        await send(
          tus('POST', '/media/uploads/tus'),
          'contestant',
          {
            path: {},
            query: [],
            headers: { 'tus-resumable': '1.0.0', 'upload-length': length, 'upload-metadata': meta },
          },
          `tus create ${meta.slice(0, 20)} / ${length}`,
        );
    for (const length of lengths)
      await send(
        tus('POST', '/media/uploads/tus'),
        'contestant',
        {
          path: {},
          query: [],
          headers: {
            'tus-resumable': '1.0.0',
            'upload-length': length,
            'upload-metadata': metas[0],
          },
        },
        `tus create length ${length}`,
      );
    for (const id of [
      'x',
      '..%2F..%2Fetc',
      '%00',
      '%ED%A0%80',
      'a'.repeat(190),
      randomUUIDFromSeed(),
    ])
      for (const method of ['HEAD', 'PATCH', 'DELETE'])
        await send(
          tus(method, `/media/uploads/tus/${id}`),
          'contestant',
          {
            path: {},
            query: [],
            headers: { 'tus-resumable': '1.0.0', 'upload-offset': '-1' },
            ...(method === 'PATCH'
              ? { rawBody: 'abc', contentType: 'application/offset+octet-stream' }
              : {}),
          },
          `tus ${method} ${id.slice(0, 12)}`,
        );
  }
});
