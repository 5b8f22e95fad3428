import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from './support/test-app';
import { castOverHttp, deviceToken, openSession } from './voting-helpers';

/** The bytes on the wire, as they were sent (no decompression). */
function raw(url: string, encoding: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      }).on('error', reject);
    },
  );
}

describe('Pages over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the voting page compressed, light, with no external resource', async () => {
    const f = await openSession(t, { entries: 2 });
    const res = await raw(`${t.url}/v/${f.sessionId}`, 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeLessThan(20 * 1024);
    const html = gunzipSync(res.body).toString('utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Chung kết — bình chọn trực tiếp');
    expect(html).toContain('og:title');
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    const js = await raw(`${t.url}/assets/socket.io.min.js?v=1`, 'gzip, br');
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.body.length).toBeLessThan(20 * 1024);
    expect(brotliDecompressSync(js.body).toString('utf8')).toContain('io');
    await t.http().get('/v/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('lists a session’s entries for viewers, and a contest’s public results with the chain head', async () => {
    const f = await openSession(t, { entries: 3 });
    const entries = await t
      .http()
      .get(`/public/voting-sessions/${f.sessionId}/entries`)
      .expect(200);
    expect(entries.body.map((e: { id: string }) => e.id)).toEqual(f.entryIds);
    expect(entries.body[0].title).toEqual(expect.any(String));
    for (let i = 0; i < 3; i++)
      expect(
        (
          await castOverHttp(t, f.sessionId, {
            entryId: f.entryIds[1],
            voterToken: await deviceToken(t),
          })
        ).status,
      ).toBe(201);
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    const results = await t.http().get(`/public/contests/${rows[0].slug}/results`).expect(200);
    const session = results.body.sessions[0];
    expect(session.entries[0]).toMatchObject({ entryId: f.entryIds[1], votes: 3 });
    const head = await t.db.query('SELECT seq, hash FROM vote_chain_heads WHERE session_id = $1', [
      f.sessionId,
    ]);
    expect(session.chainHead).toEqual(head.rows[0]);
    const page = await t.http().get(`/results/${rows[0].slug}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('og:title');
    expect(page.text).toContain(head.rows[0].hash.slice(0, 16));
    await t.http().get('/results/khong-co-cuoc-thi-nay').expect(404);
  });

  it('hides numbers on the results while the organizers hide them', async () => {
    const f = await openSession(t, { entries: 1, hideTallies: true });
    const { rows } = await t.db.query('SELECT slug FROM contests WHERE id = $1', [f.contestId]);
    const results = await t.http().get(`/public/contests/${rows[0].slug}/results`).expect(200);
    expect(results.body.sessions[0].entries[0].votes).toBeNull();
  });
});
