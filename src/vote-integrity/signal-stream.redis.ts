import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { SignalStream } from './signal-exchange';

/** Entries kept in the stream (about; each one instance's part of one exchange). */
const STREAM_MAX = 2000;
/** Entries read at most per exchange. */
const READ_MAX = 1000;

/** Without an offline queue: while Redis is away a command fails at once instead of waiting. */
const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
type Client = ReturnType<typeof newClient>;

/**
 * The fraud signals' exchange over a Redis stream (`<REDIS_KEY_PREFIX>:vote-signals`): each
 * exchange appends this instance's part (if any) and reads what was appended since its last
 * read, both sent together (one round trip); its own parts are skipped. The stream keeps the
 * last STREAM_MAX parts and expires after the signals' window of quiet. An instance that starts
 * reads the parts still kept, so it knows the recent votes of the others. The only code that
 * touches Redis for the fraud signals; it connects at the first exchange.
 */
export class RedisSignalStream implements SignalStream {
  private readonly log = new Logger('VoteSignals');
  private readonly instance = randomUUID();
  private client?: Client;
  private lastId = '0-0';

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly windowSeconds: number,
  ) {}

  async exchange(part: string | null): Promise<string[]> {
    const client = await this.connected();
    const sent = part
      ? Promise.all([
          client.xAdd(
            this.key,
            '*',
            { i: this.instance, d: part },
            { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX } },
          ),
          client.expire(this.key, this.windowSeconds),
        ])
      : undefined;
    const read = client.xRead({ key: this.key, id: this.lastId }, { COUNT: READ_MAX });
    const [, streams] = await Promise.all([sent, read]);
    const parts: string[] = [];
    const messages =
      (streams as Array<{ messages: Array<{ id: string; message: Record<string, string> }> }>)?.[0]
        ?.messages ?? [];
    for (const { id, message } of messages) {
      this.lastId = id;
      if (message.i !== this.instance && typeof message.d === 'string') parts.push(message.d);
    }
    return parts;
  }

  /** Closes the connection; commands still waiting for Redis are given up. */
  close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isOpen) client.destroy();
    return Promise.resolve();
  }

  /**
   * The client, connected: while Redis is away an exchange fails at once (and is tried again at
   * the next one, while the client reconnects). The first waits a second at most to connect.
   */
  private async connected(): Promise<Client> {
    if (!this.client) {
      const client = newClient(this.url);
      client.on('error', (err: Error) => this.log.debug(`Redis: ${err.message}`));
      this.client = client;
      const connecting = client.connect().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([connecting, new Promise((r) => (timer = setTimeout(r, 1000)))]);
      clearTimeout(timer);
    }
    if (!this.client?.isReady) throw new Error('Redis is not reachable');
    return this.client;
  }
}
