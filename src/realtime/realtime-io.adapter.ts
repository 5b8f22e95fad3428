import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
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
