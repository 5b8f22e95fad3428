import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/config';
import { RealtimeService } from './realtime.service';

export type RedisClient = ReturnType<typeof createClient>;

/** Is this browser origin allowed: the service's own host, or one in CORS_ORIGINS. */
export function originAllowed(req: IncomingMessage, allowList: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: the token decides
  if (allowList.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

interface EngineSocketLike {
  transport?: {
    name?: string;
    socket?: { _socket?: { writableCorked: number; cork(): void; uncork(): void } };
  };
}

/**
 * Many packets for one socket at once (the acknowledgements of the votes a socket had in a
 * batch, answered together when the batch commits) leave in one write instead of one system
 * call each: engine.io announces each flush of a socket's buffer, and a WebSocket socket with
 * more than one packet waiting is corked until the end of the tick. Single packets (a tally
 * broadcast to many viewers) are written as before.
 */
function coalesceWrites(server: Server): void {
  let corked: Array<{ uncork(): void }> = [];
  const uncorkAll = () => {
    const list = corked;
    corked = [];
    for (const raw of list) raw.uncork();
  };
  server.engine.on('flush', (socket: EngineSocketLike, buffer: unknown[]) => {
    if (buffer.length < 2 || socket.transport?.name !== 'websocket') return;
    const raw = socket.transport.socket?._socket;
    if (!raw || raw.writableCorked) return;
    raw.cork();
    if (corked.push(raw) === 1) process.nextTick(uncorkAll);
  });
}

/**
 * engine.io's stand-in response for a WebSocket upgrade forwards the TCP socket's "close" to
 * middlewares through a listener added in its constructor, just before the middlewares run, and
 * that listener keeps the stand-in (with its headers and listeners) for the connection's life.
 * No middleware of ours listens for it: the listener is removed, and the upgrade request let go.
 */
export function releaseStandIn(res: object): void {
  const standIn = res as { req?: unknown; socket?: NodeJS.EventEmitter };
  standIn.req = undefined;
  const socket = standIn.socket;
  if (!socket) return;
  const closes = socket.rawListeners('close');
  const last = closes[closes.length - 1] as ((...args: unknown[]) => void) | undefined;
  // `socket.once(...)` wraps the listener; the wrapper's function is a closure over the stand-in
  if (last && /\.emit\(["']close["']\)/.test(String((last as { listener?: unknown }).listener)))
    socket.removeListener('close', last);
}

/**
 * socket.io on the application's HTTP server: origins checked at the handshake, small message
 * limit, no compression (it costs memory per socket), and with REDIS_URL the Redis streams
 * adapter so that instances share rooms. The only code that touches Redis for sockets.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private redis?: RedisClient;

  constructor(
    private readonly appContext: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(appContext);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: this.config.socketMaxMessageBytes,
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      connectTimeout: 10_000,
      cors: this.config.corsOrigins.length ? { origin: this.config.corsOrigins } : undefined,
      allowRequest: (req, callback) => callback(null, originAllowed(req, this.config.corsOrigins)),
      adapter: this.redisAdapter(),
    } as ServerOptions);
    // For a WebSocket upgrade engine.io hands middlewares a stand-in response that a close
    // listener on the TCP socket keeps for the connection's life, and with it the upgrade
    // request (headers, stream state: a few KB per idle viewer). Nothing reads it after the
    // middlewares; the request itself is let go once the handshake is read (RealtimeGateway).
    server.engine.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (!(res instanceof ServerResponse)) releaseStandIn(res);
      next();
    });
    coalesceWrites(server);
    return server;
  }

  /**
   * The publishing client has no offline queue: while Redis is away a broadcast fails at once
   * (socket.io then still delivers it to this instance's sockets) instead of waiting in a queue
   * that grows without bound. The readers it duplicates keep theirs, so each waits with one
   * pending XREAD until Redis is back rather than spinning.
   */
  private redisAdapter() {
    if (!this.config.redisUrl) return undefined;
    const redis = createClient({
      url: this.config.redisUrl,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
    });
    const patchable = redis as unknown as { duplicate: (o?: object) => unknown };
    const duplicate = patchable.duplicate.bind(redis);
    patchable.duplicate = (overrides?: object) =>
      duplicate({ ...overrides, disableOfflineQueue: false });
    this.redis = redis as unknown as RedisClient;
    let wasReady = false;
    redis.on('error', (err: Error) => this.log.warn(`Redis: ${err.message}`));
    redis.on('ready', () => {
      if (wasReady) this.log.log('Redis is back: cross-instance broadcast resumes');
      wasReady = true;
      this.realtime()?.crossInstanceChanged(true);
    });
    redis.on('end', () => this.realtime()?.crossInstanceChanged(false));
    redis.on('reconnecting', () => this.realtime()?.crossInstanceChanged(false));
    this.realtime()?.useCrossInstance(() => redis.isReady);
    redis.connect().catch((err: Error) => this.log.warn(`Redis connect: ${err.message}`));
    const k = this.config.redisKeyPrefix;
    return createAdapter(redis, {
      streamName: k,
      channelPrefix: k,
      sessionKeyPrefix: `${k}:session:`,
    });
  }

  /**
   * Nest prepares per-socket streams (a disconnect observable and its operators) for message
   * handlers even when a gateway declares none; ours attach their listeners themselves, so a
   * socket without `@SubscribeMessage` handlers costs nothing here.
   */
  override bindMessageHandlers(
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: Parameters<IoAdapter['bindMessageHandlers']>[1],
    transform: Parameters<IoAdapter['bindMessageHandlers']>[2],
  ): void {
    if (handlers.length) super.bindMessageHandlers(socket, handlers, transform);
  }

  /**
   * Nest binds one `disconnect` listener per socket and gateway for `handleDisconnect`. No
   * gateway here implements it (rooms are left by socket.io itself), so nothing is bound: two
   * closures fewer on every idle viewer. A gateway that needs it must remove this override.
   */
  override bindClientDisconnect(): void {
    // deliberately empty (see above)
  }

  private realtime(): RealtimeService | undefined {
    try {
      return this.appContext.get(RealtimeService, { strict: false });
    } catch {
      return undefined;
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }
}
