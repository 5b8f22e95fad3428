import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { AccessTokenClaims, Principal } from '../auth/principal';
import { translate } from '../common/i18n/i18n';
import { SessionChange, UserSessionEvents } from '../users/user-session.events';
import './messages';
import { RealtimeService } from './realtime.service';
import { RoomRegistry } from './room-registry';

/** What this module keeps on an authenticated socket (see SocketData). */
export interface SocketAuth {
  principal: Principal | null;
  locale: 'vi' | 'en';
  /** The claims of the token the socket was opened with, while its login holds. */
  claims?: AccessTokenClaims;
  /** Grows with each check of the socket's login: an older check's outcome is dropped. */
  authCheck?: number;
}

/** Sockets checked at once after delivery of changes resumes (the rest wait their turn). */
const RESYNC_BATCH = 100;

export const userRoom = (userId: string) => `user:${userId}`;

/**
 * Keeps open sockets' rights in step with their accounts. When a user's session ends, their
 * account changes or their contest roles change (on any instance: UserSessionEvents), each of
 * their sockets on this instance is checked again:
 * - privileged actions stop at once (the socket's principal is set aside while it is checked);
 * - a login that no longer holds makes the socket an anonymous viewer: it is told
 *   `auth.revoked {code, message}`, leaves its user's room and every room an anonymous viewer
 *   may not read;
 * - a login that holds keeps its principal as the account now stands, and leaves the rooms it
 *   may no longer read;
 * - each room left is told as `room:left {room, code, message}`.
 * A socket whose login cannot be checked (the database failed) is told `auth.revoked` with
 * `realtime.session_unverified` and disconnected: it may reconnect and be checked afresh.
 */
@Injectable()
export class SocketSessions implements OnModuleInit {
  private readonly log = new Logger('SocketSessions');

  constructor(
    private readonly realtime: RealtimeService,
    private readonly rooms: RoomRegistry,
    private readonly verifier: AccessTokenVerifier,
    private readonly sessions: UserSessionEvents,
  ) {}

  onModuleInit(): void {
    this.sessions.onChange((change) => this.changed(change));
    this.sessions.onResync((live) => {
      if (live) void this.recheckAll();
    });
  }

  /** Read before a handshake's token is checked; see `opened`. */
  get generation(): number {
    return this.sessions.generation;
  }

  /**
   * A socket has connected with a login checked since `generation` was read: it joins its
   * user's room, and is checked again when a change was heard meanwhile (it was not in that
   * room to hear it).
   */
  opened(socket: Socket, generation: number): void {
    const data = socket.data as SocketAuth;
    if (!data.principal) return;
    void socket.join(userRoom(data.principal.id));
    if (generation !== this.sessions.generation) void this.recheck(socket, true);
  }

  /**
   * The socket's caller as the account stands now (for a privileged action): its principal
   * checked again (from the account cache when it holds it), or null when the login has ended
   * (the socket is then made anonymous, as after a change).
   */
  async current(socket: Socket): Promise<Principal | null> {
    const data = socket.data as SocketAuth;
    const claims = data.claims;
    if (!claims) return data.principal;
    const outcome = await this.verifier.recheck(claims);
    if (typeof outcome !== 'string') {
      // set aside while a check is under way: that check sets it
      if (data.principal && data.claims === claims) data.principal = outcome;
      return outcome;
    }
    if (data.claims === claims) {
      data.authCheck = (data.authCheck ?? 0) + 1;
      await this.revoke(socket, outcome, data.authCheck);
    }
    return null;
  }

  private changed(change: SessionChange): void {
    for (const socket of this.realtime.localSocketsIn(userRoom(change.userId))) {
      const data = socket.data as SocketAuth;
      if (!data.claims) continue;
      if (change.kind === 'session' && data.claims.sid !== change.sessionId) continue;
      // a change of contest roles leaves the login as it was: only rooms are checked
      void this.recheck(socket, change.kind !== 'membership');
    }
  }

  private async recheckAll(): Promise<void> {
    const sockets = this.realtime
      .localSockets()
      .filter((s) => (s.data as SocketAuth).claims !== undefined);
    for (let i = 0; i < sockets.length; i += RESYNC_BATCH) {
      await Promise.all(sockets.slice(i, i + RESYNC_BATCH).map((s) => this.recheck(s, false)));
    }
  }

  /** Checks the socket's login and rooms again; `suspend`: no privileged action meanwhile. */
  async recheck(socket: Socket, suspend: boolean): Promise<void> {
    const data = socket.data as SocketAuth;
    const claims = data.claims;
    if (!claims) return;
    const check = (data.authCheck = (data.authCheck ?? 0) + 1);
    if (suspend) data.principal = null;
    try {
      // every listener of the change (the caches dropping their answers) runs first
      await Promise.resolve();
      const outcome = await this.verifier.recheck(claims);
      if (data.authCheck !== check || !socket.connected) return;
      if (typeof outcome === 'string') {
        await this.revoke(socket, outcome, check);
        return;
      }
      data.principal = outcome;
      const left = await this.leaveForbidden(socket, outcome, check);
      this.tellLeft(socket, left);
    } catch (err) {
      if (data.authCheck !== check || !socket.connected) return;
      this.log.error(err);
      data.principal = null;
      data.claims = undefined;
      socket.emit('auth.revoked', this.reason(socket, 'realtime.session_unverified'));
      socket.disconnect(true);
    }
  }

  /**
   * The login has ended: the socket leaves every room at once and is told why, then rejoins
   * those an anonymous viewer may read.
   */
  private async revoke(socket: Socket, code: string, check: number): Promise<void> {
    const data = socket.data as SocketAuth;
    data.principal = null;
    data.claims = undefined;
    const rooms = [...socket.rooms].filter((r) => r !== socket.id);
    for (const room of rooms) void socket.leave(room);
    socket.emit('auth.revoked', this.reason(socket, code));
    const feature = rooms.filter((r) => !r.startsWith('user:'));
    const allowed = await Promise.all(feature.map((room) => this.allowed(room, null)));
    if (data.authCheck !== check || !socket.connected) return;
    const left: string[] = [];
    feature.forEach((room, i) => {
      if (allowed[i]) void socket.join(room);
      else left.push(room);
    });
    this.tellLeft(socket, left);
  }

  /** Leaves the feature rooms the principal may no longer read; the rooms left. */
  private async leaveForbidden(
    socket: Socket,
    principal: Principal,
    check: number,
  ): Promise<string[]> {
    const own = userRoom(principal.id);
    const rooms = [...socket.rooms].filter((r) => r !== socket.id && r !== own);
    const allowed = await Promise.all(rooms.map((room) => this.allowed(room, principal)));
    if ((socket.data as SocketAuth).authCheck !== check || !socket.connected) return [];
    const left = rooms.filter((_, i) => !allowed[i]);
    for (const room of left) void socket.leave(room);
    return left;
  }

  private async allowed(room: string, principal: Principal | null): Promise<boolean> {
    const parsed = this.rooms.parse(room);
    if (!parsed) return false;
    try {
      return await parsed.definition.authorize(principal, parsed.id);
    } catch (err) {
      this.log.error(err);
      return false;
    }
  }

  private tellLeft(socket: Socket, rooms: string[]): void {
    for (const room of rooms)
      socket.emit('room:left', { room, ...this.reason(socket, 'realtime.room_revoked') });
  }

  private reason(socket: Socket, code: string): { code: string; message: string } {
    return { code, message: translate(code, (socket.data as SocketAuth).locale ?? 'vi') };
  }
}
