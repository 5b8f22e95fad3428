import { Metrics } from '../metrics/metrics.service';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ContestAccessService } from '../contests/contest-access.service';
import { RealtimeService } from '../realtime/realtime.service';
import { RoomRegistry } from '../realtime/room-registry';
import { isOpenAt, TallyView, VotingSessionView } from './dto/voting.dto';
import type { VotingSession } from './entities/voting-session.entity';
import './messages';
import { SessionWithEntries, VotingRepository } from './voting.repository';

export interface CachedSession {
  session: VotingSession;
  entryIds: string[];
  /** The contest's time zone. */
  timeZone: string;
  /** Whether it was open at the last look (to broadcast schedule changes). */
  wasOpen: boolean;
  usedAt: number;
}

export const publicRoom = (id: string) => `session:${id}`;
export const adminRoom = (id: string) => `session-admin:${id}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDLE_EVICT_MS = 10 * 60_000;

/**
 * What this instance knows and tells about live sessions: a cache of session rules (refreshed on
 * every change made here and by a short poll of revisions, so instances agree within
 * `sessionPollMs`; the batch statement re-checks the window itself, so a pause on another
 * instance takes effect at once), the live tallies (coalesced: at most one message per
 * `tallyIntervalMs` per session, read from the tally shards, with `seq` = votes counted), and
 * the session rooms: `session:<id>` for everyone, `session-admin:<id>` for organizers.
 */
@Injectable()
export class VotingLive implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('VotingLive');
  private readonly cache = new Map<string, CachedSession>();
  private readonly loading = new Map<string, Promise<CachedSession | null>>();
  private readonly dirty = new Set<string>();
  private readonly lastSeq = new Map<string, number>();
  private tallyTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private ticking = false;
  /**
   * Durations of the last 500 public-room tally broadcasts (ms: encoding the message once and
   * writing it to this instance's sockets in the room), for the operational stats.
   */
  readonly broadcastMs: number[] = [];
  broadcastCount = 0;
  private polling = false;

  constructor(
    private readonly repository: VotingRepository,
    private readonly realtime: RealtimeService,
    private readonly rooms: RoomRegistry,
    private readonly access: ContestAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.rooms.register('session', {
      authorize: async (_p, id) => UUID.test(id) && (await this.get(id)) !== null,
      snapshot: (_p, id) => this.snapshot(id, false),
    });
    this.rooms.register('session-admin', {
      authorize: (p, id) => this.mayManage(p, id),
      snapshot: (_p, id) => this.snapshot(id, true),
    });
    this.realtime.onCrossInstanceRestored(() => {
      // Other instances missed what was sent while Redis was away: send full state again.
      for (const id of this.cache.keys()) {
        this.dirty.add(id);
        this.lastSeq.delete(id);
      }
    });
    this.tallyTimer = setInterval(() => void this.tick(), this.config.voting.tallyIntervalMs);
    this.pollTimer = setInterval(() => void this.poll(), this.config.voting.sessionPollMs);
    this.tallyTimer.unref();
    this.pollTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.tallyTimer);
    clearInterval(this.pollTimer);
  }

  /** The cached session when it is in the cache (no wait: the vote intake's fast path). */
  peek(id: string): CachedSession | undefined {
    const hit = this.cache.get(id);
    if (hit) hit.usedAt = Date.now();
    return hit;
  }

  /** The cached session, loading it once when absent; null when it does not exist. */
  async get(id: string): Promise<CachedSession | null> {
    const hit = this.peek(id);
    if (hit) return hit;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.repository
        .findSession(id)
        .then((found) => (found ? this.store(found) : null))
        .finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  async mayManage(principal: Principal | null, sessionId: string): Promise<boolean> {
    if (!principal || !UUID.test(sessionId)) return false;
    const cached = await this.get(sessionId);
    if (!cached) return false;
    return this.access.isOrganizer(principal, cached.session.contestId);
  }

  /** After a change committed here: refresh the cache and tell every viewer at once. */
  changed(found: SessionWithEntries): VotingSessionView {
    const cached = this.store(found);
    const view = VotingSessionView.of(cached.session, cached.entryIds, cached.timeZone);
    this.realtime.broadcast(publicRoom(view.id), 'voting:session', view);
    this.realtime.broadcast(adminRoom(view.id), 'voting:session', view);
    // The public room may have just been hidden or shown: send the numbers it may see now.
    this.lastSeq.delete(view.id);
    this.dirty.add(view.id);
    return view;
  }

  /** Sockets connected to this instance (for the operational stats). */
  localSockets(): number {
    return this.realtime.localSocketCount();
  }

  /** Votes were committed for these sessions: their tallies go out on the next tick. */
  committed(sessionIds: Set<string>): void {
    for (const id of sessionIds) this.dirty.add(id);
  }

  async snapshot(
    id: string,
    admin: boolean,
  ): Promise<{ session: VotingSessionView; tally: TallyView | null }> {
    const cached = await this.get(id);
    if (!cached) throw AppError.notFound('voting.session_not_found');
    const seqs = new Map<string, number>();
    const tallies = (await this.repository.tallies([id], seqs)).get(id)!;
    const view = VotingSessionView.of(cached.session, cached.entryIds, cached.timeZone);
    const hidden = cached.session.hideTallies && !admin;
    const tally = hidden ? null : this.tallyView(id, cached.entryIds, tallies, seqs.get(id));
    return { session: view, tally };
  }

  private store(found: SessionWithEntries): CachedSession {
    const cached: CachedSession = {
      session: found.session,
      entryIds: found.entryIds,
      timeZone: found.timeZone,
      wasOpen: isOpenAt(found.session, Date.now()),
      usedAt: Date.now(),
    };
    this.cache.set(found.session.id, cached);
    return cached;
  }

  /** `changes`: the tally sequence (see VotingRepository.tallies); else the votes counted. */
  private tallyView(
    id: string,
    entryIds: string[],
    counts: Map<string, number>,
    changes?: number,
  ): TallyView {
    const tallies: Record<string, number> = {};
    let seq = 0;
    for (const entryId of entryIds) tallies[entryId] = 0;
    for (const [entryId, n] of counts) {
      tallies[entryId] = n;
      seq += n;
    }
    return { sessionId: id, seq: changes ?? seq, tallies };
  }

  /** Sends the tallies of sessions that received votes here since the last tick. */
  private async tick(): Promise<void> {
    if (this.ticking || !this.dirty.size) return;
    this.ticking = true;
    const ids = [...this.dirty];
    this.dirty.clear();
    try {
      const seqs = new Map<string, number>();
      const all = await this.repository.tallies(ids, seqs);
      for (const id of ids) {
        const cached = this.cache.get(id);
        if (!cached) continue;
        const view = this.tallyView(id, cached.entryIds, all.get(id)!, seqs.get(id));
        if ((this.lastSeq.get(id) ?? -1) >= view.seq) continue;
        this.lastSeq.set(id, view.seq);
        this.realtime.broadcast(adminRoom(id), 'voting:tally', view);
        if (!cached.session.hideTallies) {
          const t0 = performance.now();
          this.realtime.broadcast(publicRoom(id), 'voting:tally', view);
          this.recordBroadcast(performance.now() - t0);
        }
      }
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      this.log.warn(`tally broadcast postponed: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Compares cached sessions with the database: changes made on another instance reload the
   * cache (and reach this instance's viewers here if Redis could not carry them), and sessions
   * that opened or closed on schedule are announced.
   */
  private async poll(): Promise<void> {
    if (this.polling || !this.cache.size) return;
    this.polling = true;
    try {
      const now = Date.now();
      for (const [id, c] of this.cache) {
        const watched =
          this.realtime.localCount(publicRoom(id)) + this.realtime.localCount(adminRoom(id));
        if (!watched && now - c.usedAt > IDLE_EVICT_MS) this.cache.delete(id);
      }
      const revisions = await this.repository.revisions([...this.cache.keys()]);
      for (const [id, c] of this.cache) {
        const revision = revisions.get(id);
        if (revision === undefined) {
          this.cache.delete(id);
          continue;
        }
        if (revision !== c.session.revision) {
          const found = await this.repository.findSession(id);
          if (!found) continue;
          const next = this.store(found);
          if (!this.realtime.crossInstanceAvailable) this.announceLocally(next);
          continue;
        }
        const open = isOpenAt(c.session, now);
        if (open !== c.wasOpen) {
          c.wasOpen = open;
          this.announceLocally(c);
        }
      }
    } catch (err) {
      this.log.warn(`session refresh postponed: ${(err as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private recordBroadcast(ms: number): void {
    this.metrics.tallyBroadcast(ms);
    this.broadcastCount++;
    this.broadcastMs.push(ms);
    if (this.broadcastMs.length > 500) this.broadcastMs.splice(0, this.broadcastMs.length - 500);
  }

  private announceLocally(c: CachedSession): void {
    const view = VotingSessionView.of(c.session, c.entryIds, c.timeZone);
    this.realtime.toRoomLocal(publicRoom(view.id), 'voting:session', view);
    this.realtime.toRoomLocal(adminRoom(view.id), 'voting:session', view);
  }
}
