import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import { SessionChange, SessionChangeTransport, UserSessionEvents } from './user-session.events';

/** The PostgreSQL notification channel (per database) carrying SessionChange messages. */
export const SESSION_CHANGES_CHANNEL = 'hoi_thi_session_changes';
/** The listening connection's application_name (as pg_stat_activity shows it). */
export const SESSION_CHANGES_APPLICATION = 'hoi-thi-session-changes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BACKOFF_MS = 5_000;

/** The message on the wire: the sending instance, then the change. */
interface Wire {
  o: string;
  c: SessionChange;
}

/** A change read from a notification, or null when it is not one of ours. */
export function parseChange(
  payload: string | undefined,
): { origin: string; change: SessionChange } | null {
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(payload ?? '') as Partial<Wire>;
  } catch {
    return null;
  }
  const c = wire?.c as Partial<Record<string, unknown>> | undefined;
  if (typeof wire?.o !== 'string' || !c || typeof c.userId !== 'string' || !UUID.test(c.userId)) {
    return null;
  }
  const userId = c.userId;
  if (c.kind === 'account') return { origin: wire.o, change: { kind: 'account', userId } };
  if (c.kind === 'session' && typeof c.sessionId === 'string' && UUID.test(c.sessionId))
    return { origin: wire.o, change: { kind: 'session', userId, sessionId: c.sessionId } };
  if (c.kind === 'membership' && typeof c.contestId === 'string' && UUID.test(c.contestId))
    return { origin: wire.o, change: { kind: 'membership', userId, contestId: c.contestId } };
  return null;
}

/**
 * Carries session changes between instances over PostgreSQL's LISTEN/NOTIFY, which every
 * server deployment has (Redis is optional): changes are sent with `pg_notify` on the pool, and
 * received on one dedicated connection outside the pool that reconnects with backoff. While it
 * is away, this instance is not live (UserSessionEvents): its caches keep nothing, and its open
 * sockets are checked again once it listens again.
 *
 * On the embedded database (PGlite) there is one process and every connection shares one
 * session, so nothing listens: changes go to this instance's listeners only.
 */
@Injectable()
export class SessionChangeChannel
  implements SessionChangeTransport, OnModuleInit, OnApplicationShutdown
{
  private readonly log = new Logger('SessionChanges');
  /** Tells this instance's own notifications apart (its listeners heard them already). */
  private readonly origin = randomUUID();
  private client?: Client;
  private retries = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: UserSessionEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    if (await this.embedded()) {
      this.events.setLive(true);
      return;
    }
    this.events.useTransport(this);
    await this.listen();
  }

  /**
   * After the HTTP server has closed: requests still in flight during a graceful shutdown keep
   * hearing revocations, and nothing delays the shutdown steps before it (uploads in flight are
   * stopped at once, so their clients resume on the next process).
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.events.setLive(false);
    await client?.end().catch(() => undefined);
  }

  async send(change: SessionChange): Promise<void> {
    const wire: Wire = { o: this.origin, c: change };
    await this.dataSource.query('SELECT pg_notify($1, $2)', [
      SESSION_CHANGES_CHANNEL,
      JSON.stringify(wire),
    ]);
  }

  private async embedded(): Promise<boolean> {
    const rows: { v: string }[] = await this.dataSource.query('SELECT version() AS v');
    return /PGlite/i.test(rows[0]?.v ?? '');
  }

  /** One connection attempt; on failure (or a later loss) another follows with backoff. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.options as { url?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: SESSION_CHANGES_APPLICATION,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      this.events.setLive(false);
      client.removeAllListeners('notification');
      if (err && !this.stopped) this.log.warn(`listener connection lost: ${err.message}`);
      void client.end().catch(() => undefined);
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message: Notification) => this.received(message));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGES_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.retries > 0) this.log.log('listening for session changes again');
    this.retries = 0;
    this.events.setLive(true);
  }

  private retry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = Math.min(100 * 2 ** this.retries, MAX_BACKOFF_MS);
    this.retries += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.listen();
    }, delay);
    this.retryTimer.unref();
  }

  private received(message: Notification): void {
    if (message.channel !== SESSION_CHANGES_CHANNEL) return;
    const parsed = parseChange(message.payload);
    if (!parsed || parsed.origin === this.origin) return;
    this.events.deliver(parsed.change);
  }
}
