import { randomBytes, randomUUID } from 'node:crypto';
import { connect, Socket } from 'node:net';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { buildProduct, RunningProcess, startService, stopService } from './support/built-process';

/** Opens a TCP connection; resolves with the socket, or with the error code when refused. */
function tryConnect(port: number): Promise<Socket | string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Collects what the server sends on a socket until it has `text` (or the socket ends). */
function readUntil(socket: Socket, received: { data: string }, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (received.data.includes(text)) {
        socket.off('data', check);
        socket.off('close', closed);
        resolve();
      }
    };
    const closed = () => reject(new Error(`connection closed before "${text}":\n${received.data}`));
    socket.on('data', check);
    socket.once('close', closed);
    check();
  });
}

/** Waits for the complete final (non-1xx) response on the socket: status and body. */
async function finalResponse(
  socket: Socket,
  received: { data: string },
): Promise<{ status: number; body: string }> {
  const parse = () => {
    const start = received.data.search(/HTTP\/1\.1 [2-5]\d\d /);
    if (start < 0) return undefined;
    const rest = received.data.slice(start);
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const head = rest.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    const body = Buffer.from(rest.slice(end + 4));
    if (body.length < length) return undefined;
    return { status: Number(head.slice(9, 12)), body: body.subarray(0, length).toString() };
  };
  for (;;) {
    const done = parse();
    if (done) return done;
    await new Promise<void>((resolve, reject) => {
      socket.once('data', () => resolve());
      socket.once('close', () => (parse() ? resolve() : reject(new Error(received.data))));
    });
  }
}

/**
 * SIGTERM on the built service: the listener closes at once, a request already in flight (its
 * body still arriving) is finished and answered, and the process exits 0.
 */
describe('graceful shutdown', () => {
  let build: { dir: string; remove(): void };
  let db: TestDatabase;
  let service: RunningProcess | undefined;

  beforeAll(async () => {
    [build, db] = await Promise.all([buildProduct(), createTestDatabase()]);
  });
  afterAll(async () => {
    if (service) await stopService(service);
    await db?.drop();
    build?.remove();
  });

  it('finishes the in-flight request, refuses new connections and exits 0', async () => {
    service = await startService(build.dir, {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: db.url,
      SEED_DEMO: 'false',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    const port = Number(new URL(service.url).port);
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);

    const unitId = randomUUID();
    await db.pool.query(
      `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
       VALUES ($1, 'SD-01', 'Hội LHPN xã Tân Lập', 'hoi lhpn xa tan lap', 'Xã', NULL, $2, 0)`,
      [unitId, `${unitId}/`],
    );
    const email = `shutdown-${unitId.slice(0, 8)}@test.hoithi.vn`;
    const body = JSON.stringify({
      fullName: 'Lê Thị Thu',
      email,
      password: 'matkhau2024',
      unitId,
    });
    const split = Math.floor(body.length / 2);

    // A registration whose body arrives in two parts: the headers and the first half now. The
    // server's "100 Continue" proves it has taken the request in.
    const inFlight = (await tryConnect(port)) as Socket;
    const received = { data: '' };
    inFlight.on('data', (d: Buffer) => (received.data += d.toString()));
    inFlight.write(
      `POST /auth/register HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Expect: 100-continue\r\n\r\n`,
    );
    await readUntil(inFlight, received, '100 Continue');
    inFlight.write(body.slice(0, split));

    service.child.kill('SIGTERM');
    await service.waitForOutput('SIGTERM: finishing in-flight requests');

    // While that request is still open, the listener goes away: new connections are refused.
    // A connection that races the listener's closing may be reset instead; try again until the
    // port refuses outright.
    let refused: string | undefined;
    for (let attempt = 0; attempt < 200 && refused !== 'ECONNREFUSED'; attempt++) {
      const outcome = await tryConnect(port);
      if (typeof outcome === 'string') refused = outcome;
      else outcome.destroy();
      if (refused !== 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe('ECONNREFUSED');
    expect(service.child.exitCode).toBeNull();

    // The rest of the body arrives; the request is served in full.
    inFlight.write(body.slice(split));
    const response = await finalResponse(inFlight, received);
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ email, unitId, role: 'contestant' });
    inFlight.destroy();

    expect(await service.exited).toBe(0);
    service = undefined;
    const { rows } = await db.pool.query('SELECT id FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);
  });
});
