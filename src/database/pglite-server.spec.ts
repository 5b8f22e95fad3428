import { connect, Socket } from 'node:net';
import { Client } from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** Raw protocol helpers, to leave in the middle of a query as no driver would. */
function frame(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const z = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** Connects a raw socket and completes the startup (until ReadyForQuery). */
async function rawClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  const params = Buffer.concat([z('user'), z('postgres'), z('database'), z('postgres'), z('')]);
  const startup = Buffer.concat([int32(params.length + 8), int32(196_608), params]);
  await new Promise<void>((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      seen = Buffer.concat([seen, d]);
      // ReadyForQuery: 'Z', length 5, status
      if (seen.length >= 6 && seen[seen.length - 6] === 0x5a) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData).once('error', reject);
    socket.write(startup);
  });
  return socket;
}

/** Parse, Bind and Execute of `sql` on the unnamed statement and portal, without Sync. */
function unsynced(sql: string): Buffer {
  return Buffer.concat([
    frame('P', z(''), z(sql), int16(0)),
    frame('B', z(''), z(''), int16(0), int16(0), int16(0)),
    frame('E', z(''), int32(0)),
  ]);
}

/** The messages a raw client receives until ReadyForQuery, as [type, body as text]. */
function replies(socket: Socket): Promise<[string, string][]> {
  return new Promise((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      seen = Buffer.concat([seen, d]);
      const out: [string, string][] = [];
      let at = 0;
      while (seen.length - at >= 5 && seen.length - at >= 1 + seen.readInt32BE(at + 1)) {
        const length = seen.readInt32BE(at + 1);
        const type = String.fromCharCode(seen[at]);
        out.push([type, seen.subarray(at + 5, at + 1 + length).toString('latin1')]);
        at += 1 + length;
        if (type === 'Z') {
          socket.off('data', onData);
          return resolve(out);
        }
      }
    };
    socket.on('data', onData).once('error', reject);
  });
}

async function connected(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

describe('embedded PostgreSQL with several clients at once', () => {
  let db: EmbeddedPostgres;
  const clients: Client[] = [];
  const client = async () => {
    const c = await connected(db.url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await startEmbeddedPostgres();
    const c = await client();
    await c.query('CREATE TABLE kept (id int PRIMARY KEY, owner int NOT NULL)');
    await c.query('CREATE TABLE counter (n int NOT NULL)');
    await c.query('INSERT INTO counter VALUES (0)');
    // starting the embedded database (WebAssembly) takes seconds, and minutes on a loaded machine
  }, 240_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await db?.stop();
  });

  it('answers every client its own queries, errors and transactions included', async () => {
    const CLIENTS = 6;
    const ROUNDS = 40;
    const all = await Promise.all(Array.from({ length: CLIENTS }, () => client()));
    const outcomes = await Promise.all(
      all.map(async (c, k) => {
        const wrong: string[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const id = k * 1000 + i;
          // an extended query with parameters: the answer must be this client's
          const echo = await c.query<{ id: number; tag: string }>(
            'SELECT $1::int AS id, $2::text AS tag',
            [id, `khách ${k}-${i}`],
          );
          if (echo.rows[0]?.id !== id || echo.rows[0]?.tag !== `khách ${k}-${i}`)
            wrong.push(`echo ${id}: ${JSON.stringify(echo.rows)}`);
          // an error on every fifth round: only this client gets it
          const divisor = i % 5 === 0 ? 0 : 1;
          const divided = await c.query('SELECT 10 / $1::int AS q', [divisor]).then(
            (r) => `ok ${r.rows[0].q}`,
            (e: Error) => `error ${e.message}`,
          );
          const expected = divisor ? 'ok 10' : 'error division by zero';
          if (divided !== expected) wrong.push(`divide ${id}: ${divided}`);
          // a transaction of three statements
          await c.query('BEGIN');
          await c.query('INSERT INTO kept VALUES ($1, $2)', [id, k]);
          await c.query('UPDATE counter SET n = n + 1');
          await c.query('COMMIT');
        }
        const mine = await c.query<{ n: string }>(
          'SELECT count(*) AS n FROM kept WHERE owner = $1',
          [k],
        );
        if (Number(mine.rows[0].n) !== ROUNDS) wrong.push(`kept ${mine.rows[0].n}`);
        return wrong;
      }),
    );
    expect(outcomes).toEqual(all.map(() => []));
    const c = all[0];
    expect((await c.query('SELECT n FROM counter')).rows).toEqual([{ n: CLIENTS * ROUNDS }]);
    expect((await c.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([
      { n: CLIENTS * ROUNDS },
    ]);
  }, 120_000);

  it('lets no other client in while a transaction is open', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('DELETE FROM kept');
    const order: string[] = [];
    await a.query('BEGIN');
    await a.query('INSERT INTO kept VALUES (1, 1)');
    const read = b.query<{ n: number }>('SELECT count(*)::int AS n FROM kept').then((r) => {
      order.push('read');
      return r.rows[0].n;
    });
    // a's transaction goes on; b's read waits for it
    for (let i = 2; i <= 5; i++) await a.query('INSERT INTO kept VALUES ($1, 1)', [i]);
    order.push('commit');
    await a.query('COMMIT');
    expect(await read).toBe(5);
    expect(order).toEqual(['commit', 'read']);
  });

  it('keeps the turn of an extended query that arrives in pieces', async () => {
    const b = await client();
    const raw = await rawClient(db.url);
    try {
      const parsed = new Promise((resolve) => raw.once('data', resolve));
      raw.write(frame('P', z(''), z("SELECT 'câu của khách thô' AS v"), int16(0)));
      raw.write(frame('H'));
      await parsed;
      // b's query arrives between the Parse and the rest: it waits for the Sync
      const other = b.query("SELECT 'câu của khách b' AS v");
      const answer = replies(raw);
      raw.write(
        Buffer.concat([
          frame('B', z(''), z(''), int16(0), int16(0), int16(0)),
          frame('E', z(''), int32(0)),
          frame('S'),
        ]),
      );
      const got = await answer;
      expect(got.map(([type]) => type)).toEqual(['2', 'D', 'C', 'Z']);
      expect(Buffer.from(got[1][1], 'latin1').toString('utf8')).toContain('câu của khách thô');
      expect((await other).rows).toEqual([{ v: 'câu của khách b' }]);
    } finally {
      raw.destroy();
    }
  });

  it('rolls back the transaction of a client that leaves in the middle of it', async () => {
    const b = await client();
    await b.query('DELETE FROM kept');
    const leaving = new Client({ connectionString: db.url });
    leaving.on('error', () => undefined);
    await leaving.connect();
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO kept VALUES (7, 7)');
    const read = b.query('SELECT count(*)::int AS n FROM kept');
    (leaving as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect((await read).rows).toEqual([{ n: 0 }]);
    // the session is idle again: a transaction of b's own begins and ends normally
    await b.query('BEGIN');
    await b.query('INSERT INTO kept VALUES (8, 8)');
    await b.query('COMMIT');
    expect((await b.query('SELECT id FROM kept')).rows).toEqual([{ id: 8 }]);
  });

  it('neither commits nor hands on the unfinished query of a client that leaves', async () => {
    const b = await client();
    await b.query('DELETE FROM kept');
    const raw = await rawClient(db.url);
    // an insert that was executed but never synced: a server aborts it when its client goes
    const answered = new Promise((resolve) => raw.once('data', resolve));
    raw.write(unsynced('INSERT INTO kept VALUES (9, 9)'));
    await answered;
    const read = b.query('SELECT count(*)::int AS n FROM kept');
    raw.destroy();
    expect((await read).rows).toEqual([{ n: 0 }]);
    expect((await b.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 0 }]);
  });
});
