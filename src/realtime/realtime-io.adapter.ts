import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/config';

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
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
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

  private redisAdapter() {
    if (!this.config.redisUrl) return undefined;
    this.redis = createClient({
      url: this.config.redisUrl,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
    });
    this.redis.on('error', (err: Error) => this.log.warn(`Redis: ${err.message}`));
    this.redis.connect().catch((err: Error) => this.log.warn(`Redis connect: ${err.message}`));
    return createAdapter(this.redis);
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }
}
