import { createServer, Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
/** Largest message accepted from a client (PostgreSQL's own limit is 1 GiB). */
const MAX_MESSAGE = 1 << 30;
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': no transaction block open
const TERMINATE = 0x58; // 'X'

/**
 * Ends whatever a client left unfinished, without committing it: CopyFail (a copy), then an
 * Execute that fails (the extended query's implicit transaction is aborted, as a server does
 * when its client goes), then Sync. ROLLBACK follows when a transaction block is still open.
 */
const END_WORK = Buffer.concat([
  message(0x66, cstring('connection closed')),
  message(0x45, Buffer.concat([cstring('hoithi_connection_closed'), Buffer.alloc(4)])),
  message(0x53, Buffer.alloc(0)),
]);
const ROLLBACK = message(0x51, cstring('ROLLBACK'));

function cstring(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf8');
}

function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function errorResponse(code: string, text: string): Buffer {
  return message(
    0x45, // 'E'
    Buffer.concat([
      cstring('SFATAL'),
      cstring('VFATAL'),
      cstring(`C${code}`),
      cstring(`M${text}`),
      Buffer.from([0]),
    ]),
  );
}

/**
 * Follows the framing of what the database sends back (type byte, length, body), across
 * chunks, to know whether its last message is ReadyForQuery with the session idle.
 */
class ReplyFrames {
  private head = Buffer.alloc(5);
  private headBytes = 0;
  private bodyLeft = 0;
  private type = 0;
  private status = 0;

  /** Reply parsing starts afresh (a new unit of work, or a connection's first). */
  reset(): void {
    this.headBytes = 0;
    this.bodyLeft = 0;
    this.type = 0;
    this.status = 0;
  }

  feed(data: Uint8Array): void {
    let i = 0;
    while (i < data.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length - i);
        i += n;
        this.bodyLeft -= n;
        if (this.bodyLeft === 0) this.status = data[i - 1];
        continue;
      }
      this.head[this.headBytes++] = data[i++];
      if (this.headBytes === 5) {
        this.headBytes = 0;
        this.type = this.head[0];
        this.status = 0;
        this.bodyLeft = this.head.readInt32BE(1) - 4;
      }
    }
  }

  /** The last reply was a whole ReadyForQuery saying no transaction block is open. */
  get idle(): boolean {
    return (
      this.headBytes === 0 &&
      this.bodyLeft === 0 &&
      this.type === READY_FOR_QUERY &&
      this.status === IDLE
    );
  }
}

/** One client's socket: its bytes cut into whole protocol messages. */
class Connection {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes needed before the next message can be cut (its header, then all of it). */
  private needed = 8;
  private started = false;
  /** Whole messages not yet sent to the database. */
  private pending: Buffer[] = [];
  /** The client said goodbye (Terminate): nothing after it is read. */
  terminated = false;
  closed = false;
  queued = false;
  readonly reply = new ReplyFrames();

  constructor(
    readonly socket: Socket,
    private readonly onWork: (c: Connection) => void,
    private readonly onClose: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  get hasWork(): boolean {
    return this.pending.length > 0;
  }

  /**
   * The messages received so far, as one buffer for one call into the database (it runs them
   * in order, as a server reads them from its socket). A startup message goes alone.
   */
  take(): Buffer {
    // a startup message (its first byte is its length's, 0; a message type never is) goes alone
    if (this.pending.length === 1 || this.pending[0][0] === 0) return this.pending.shift()!;
    const all = Buffer.concat(this.pending);
    this.pending = [];
    return all;
  }

  write(data: Uint8Array): void {
    this.reply.feed(data);
    if (!this.closed && this.socket.writable) this.socket.write(Buffer.from(data));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.chunks = [];
    this.socket.destroy();
    this.onClose(this);
  }

  private fail(code: string, text: string): void {
    if (this.socket.writable) this.socket.end(errorResponse(code, text));
    this.close();
  }

  private receive(data: Buffer): void {
    if (this.closed || this.terminated) return;
    this.chunks.push(data);
    this.size += data.length;
    if (this.size < this.needed) return;
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    let offset = 0;
    const before = this.pending.length;
    for (;;) {
      const left = buf.length - offset;
      if (!this.started) {
        if (left < 8) {
          this.needed = 8;
          break;
        }
        const length = buf.readInt32BE(offset);
        const code = buf.readInt32BE(offset + 4);
        if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
          // No encryption on loopback: the client goes on in plain text.
          this.socket.write('N');
          offset += 8;
          continue;
        }
        if (length === 16 && code === CANCEL_REQUEST) {
          // One session, one statement at a time: there is no other backend to signal.
          this.close();
          return;
        }
        if (code !== PROTOCOL_3 || length < 8 || length > 10_000) {
          this.fail('08P01', 'invalid startup packet');
          return;
        }
        if (left < length) {
          this.needed = length;
          break;
        }
        this.pending.push(buf.subarray(offset, offset + length));
        offset += length;
        this.started = true;
        continue;
      }
      if (left < 5) {
        this.needed = 5;
        break;
      }
      const type = buf[offset];
      const length = buf.readInt32BE(offset + 1);
      if (length < 4 || length > MAX_MESSAGE) {
        this.fail('08P01', 'invalid message length');
        return;
      }
      if (type === TERMINATE) {
        // Not passed on: the database ignores it at best, and the session is everyone's.
        this.terminated = true;
        offset = buf.length;
        break;
      }
      if (left < length + 1) {
        this.needed = length + 1;
        break;
      }
      this.pending.push(buf.subarray(offset, offset + length + 1));
      offset += length + 1;
    }
    if (offset === buf.length) {
      this.chunks = [];
      this.size = 0;
    } else {
      buf = buf.subarray(offset);
      this.chunks = [buf];
      this.size = buf.length;
    }
    if (this.pending.length > before) this.onWork(this);
    if (this.terminated && !this.pending.length) this.socket.end();
  }
}

export interface PGliteServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  maxConnections: number;
}

/**
 * Serves a PGlite database over the PostgreSQL wire protocol on a loopback port, to any number
 * of clients, correctly: PGlite is a single session that runs one message at a time, so the
 * clients take turns. A client keeps its turn from its first message until the database answers
 * ReadyForQuery with no transaction open: a whole extended query (Parse, Bind, Describe,
 * Execute up to its Sync) or simple query, or a whole transaction, runs without another
 * client's messages in between, and every answer goes to the client that asked. A client that
 * leaves during its turn has its work undone (its copy or extended query aborted, its
 * transaction rolled back) before the next one goes. Each turn's messages go to the database
 * in one call, as a server reads them from its socket.
 *
 * What the clients still share is the session: settings made with SET, prepared statement and
 * portal names, session advisory locks, LISTEN. (@electric-sql/pglite-socket keeps a client's
 * turn only while a transaction block is open, so its extended queries interleave outside one.)
 */
export class PGliteServer {
  private server?: Server;
  private readonly connections = new Set<Connection>();
  private readonly waiting: Connection[] = [];
  /** The client whose turn it is (null: none). */
  private owner: Connection | null = null;
  /** The loop running clients' work, while it runs. */
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: PGlite,
    private readonly options: PGliteServerOptions,
  ) {}

  async start(): Promise<string> {
    await this.db.waitReady;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (!address || typeof address !== 'object') throw new Error('PGlite server has no address');
    return `${this.options.host}:${address.port}`;
  }

  /** Stops listening, closes every client and waits for the database call under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    const closed = this.server
      ? new Promise<void>((resolve) => this.server!.close(() => resolve()))
      : Promise.resolve();
    for (const c of [...this.connections]) c.close();
    await this.running;
    await closed;
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    if (this.connections.size >= this.options.maxConnections) {
      socket.on('error', () => undefined);
      socket.end(errorResponse('53300', 'sorry, too many clients already'));
      return;
    }
    const c = new Connection(
      socket,
      (conn) => this.ready(conn),
      (conn) => this.gone(conn),
    );
    this.connections.add(c);
  }

  private ready(c: Connection): void {
    if (c !== this.owner && !c.queued) {
      c.queued = true;
      this.waiting.push(c);
    }
    this.kick();
  }

  private gone(c: Connection): void {
    this.connections.delete(c);
    // the owner's turn is ended by the loop, which resets the session first
    if (c === this.owner) this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      // work that arrived as the loop was ending
      if (this.runnable()) this.kick();
    });
  }

  private runnable(): boolean {
    if (this.stopped) return false;
    if (this.owner) return this.owner.closed || this.owner.hasWork;
    return this.waiting.length > 0;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let c = this.owner;
      if (c?.closed) {
        await this.reset();
        this.owner = c = null;
      }
      if (!c) {
        c = this.waiting.shift() ?? null;
        if (!c) return;
        c.queued = false;
        if (c.closed || !c.hasWork) continue;
        this.owner = c;
        c.reply.reset();
      }
      // the owner waits for the rest of its work (the loop starts again when it arrives)
      if (!c.hasWork) return;
      const work = c.take();
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(work, { onRawData: (data) => c.write(data) }),
        );
      } catch {
        // the database refused the bytes themselves (not an SQL error, which it answers)
        c.close();
      }
      if (c.reply.idle && !c.closed) {
        this.owner = null;
        if (c.hasWork) this.ready(c);
        else if (c.terminated) c.socket.end();
      }
    }
  }

  /** Ends whatever a client that left during its turn was doing; the answers go nowhere. */
  private async reset(): Promise<void> {
    const run = (bytes: Buffer) =>
      this.db
        .runExclusive(() => this.db.execProtocolRawStream(bytes, { onRawData: () => undefined }))
        .catch(() => undefined);
    await run(END_WORK);
    if (this.db.isInTransaction()) await run(ROLLBACK);
  }
}
