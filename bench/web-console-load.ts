/**
 * The organizer's console in bench:web (called by web.bench.ts, which starts the service and the
 * browser):
 *
 *  first-load/organizer/<route>  KB transferred (compressed, headers included) from navigation
 *                                until the screen's main control is usable, cold cache, slow 3G,
 *                                CPU ×4 (median of the runs); target <= 250 KB
 *
 * The screening queue's interaction times are measured in bench/web-organizer.ts.
 */
import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import type { Pool } from 'pg';
import type { BrowserContext } from 'playwright-core';

export interface BenchCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  httpOnly: boolean;
  sameSite: 'Strict';
}

export interface OrganizerBench {
  url: string;
  db: Pool;
  runs: number;
  /** Logs the account in (cookie mode) and returns its cookies. */
  cookiesFor(email: string, password: string): Promise<BenchCookie[]>;
  /** A phone-sized context carrying these cookies. */
  newContext(cookies: BenchCookie[]): Promise<BrowserContext>;
  /** Navigation → `ready` shown: bytes and ms (cold cache, slow 3G, CPU ×4). */
  measure(
    context: BrowserContext,
    url: string,
    ready: string,
  ): Promise<{ bytes: number; ms: number }>;
}

const PASSWORD = 'matkhau2024';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** An organizer with one draft contest (a category, a round): what the setup screens show. */
async function seedOrganizer(db: Pool): Promise<{ email: string; contestId: string }> {
  const userId = randomUUID();
  const email = `bat-${userId.slice(0, 6)}@bench.hoithi.vn`;
  await db.query(
    `INSERT INTO users (id, full_name, email, password_hash, role)
     VALUES ($1, 'Lê Thị Tổ Chức', $2, $3, 'organizer')`,
    [userId, email, await argon2.hash(PASSWORD, { type: argon2.argon2id })],
  );
  const contestId = randomUUID();
  await db.query(
    `INSERT INTO contests (id, slug, title, description, status, settings)
     VALUES ($1, $2, 'Hội thi đang soạn', 'Thể lệ.', 'draft', $3)`,
    [
      contestId,
      `bench-org-${contestId.slice(0, 8)}`,
      JSON.stringify({
        blindJudging: false,
        juryWeight: 100,
        publicWeight: 0,
        prizeTiers: { first: 1, second: 2, third: 3, consolation: 5 },
      }),
    ],
  );
  await db.query(
    `INSERT INTO contest_memberships (id, contest_id, user_id, role) VALUES ($1, $2, $3, 'organizer')`,
    [randomUUID(), contestId, userId],
  );
  return { email, contestId };
}

export async function organizerFirstLoad(b: OrganizerBench): Promise<Record<string, unknown>[]> {
  const { email, contestId } = await seedOrganizer(b.db);
  const cookies = await b.cookiesFor(email, PASSWORD);
  const routes = [
    { name: 'console', hash: '/console', ready: '#console-new-contest' },
    { name: 'new-contest', hash: '/console/contests/new', ready: '#contest-title' },
    { name: 'setup', hash: `/console/contests/${contestId}/setup`, ready: '#checklist' },
    { name: 'people', hash: `/console/contests/${contestId}/people`, ready: '#invite-contact' },
    { name: 'units', hash: '/console/units', ready: '#units-search' },
    { name: 'audit', hash: '/console/audit', ready: '#audit-filter' },
  ];
  const metrics: Record<string, unknown>[] = [];
  for (const r of routes) {
    const bytes: number[] = [];
    for (let i = 0; i < b.runs; i++) {
      const context = await b.newContext(cookies);
      bytes.push((await b.measure(context, `${b.url}/app/#${r.hash}`, r.ready)).bytes);
      await context.close();
    }
    const kb = median(bytes) / 1024;
    console.error(`organizer ${r.name}: ${round(kb)} KB`);
    metrics.push({
      name: `first-load/organizer/${r.name}`,
      unit: 'KB',
      ours: round(kb),
      reference: null,
      ratio: null,
      target: 'ours<=250',
    });
  }
  return metrics;
}
