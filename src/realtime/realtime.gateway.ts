import { Metrics } from '../metrics/metrics.service';
import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { accessCookie } from '../auth/session-cookies';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { forwardedClientAddress } from '../common/http/forwarded-for';
import { localeFrom, translate } from '../common/i18n/i18n';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import './messages';
import { BucketState, takeToken } from './rate-limiter';
import { RealtimeService } from './realtime.service';
import { RoomRegistry } from './room-registry';
import { SocketAuth, SocketSessions } from './socket-sessions';

export interface SocketData extends BucketState, SocketAuth {
  principal: Principal | null;
  locale: 'vi' | 'en';
  violations: number;
  /** UserSessionEvents' generation when the handshake's token began to be checked. */
  generation?: number;
}

export interface Ack {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

/**
 * Lets go of the HTTP upgrade request once the handshake has been read (socket.io's memory
 * advice): the request, its headers and its stream state would otherwise stay with every idle
 * socket. What the application needs later (principal, locale) is in `socket.data` by then;
 * `handshake.auth` and `handshake.address` stay.
 */
function release(socket: Socket): void {
  (socket.conn as unknown as { request: unknown }).request = null;
  socket.handshake.headers = {};
}

/**
 * The handshake's access token: `auth.token`, else an `Authorization: Bearer` header, else the
 * web app's `ht_access` cookie (the browser sends it with the handshake; the origin check of
 * RealtimeIoAdapter keeps other sites' pages from opening sockets with it).
 */
function tokenOf(socket: Socket): { token: string; via: 'token' | 'cookie' } | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth)
    return { token: fromAuth.replace(/^Bearer\s+/i, ''), via: 'token' };
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header))
    return { token: header.replace(/^Bearer\s+/i, ''), via: 'token' };
  const cookie = accessCookie(socket.handshake);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/**
 * The one socket endpoint. The handshake is authenticated here (Nest guards do not run in
 * socket.io middleware): no token = an anonymous viewer, a bad token = refused. Each socket
 * joins `user:<id>` for its own notifications and may join feature rooms it is allowed to read.
 * The login is checked again on each join and whenever the account's sessions or roles change
 * (SocketSessions), so a socket never keeps rights its account lost.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  /**
   * Listeners shared by every socket (socket.io calls them with the socket as `this`): no
   * per-socket closures or framework pipelines, which would cost memory on every idle viewer.
   */
  private readonly onJoin: (this: Socket, body: unknown, ack: unknown) => void;
  private readonly onLeave: (this: Socket, body: unknown, ack: unknown) => void;
  /** The per-socket event rate limit, as a socket.io middleware bound to each socket. */
  private readonly limit: (this: Socket, packet: unknown[], next: (err?: Error) => void) => void;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly rooms: RoomRegistry,
    private readonly realtime: RealtimeService,
    private readonly sessions: SocketSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const gateway = this;
    const reply = (ack: unknown, result: Promise<Ack>) => {
      if (typeof ack !== 'function') return;
      result.then(ack as (a: Ack) => void, (err: unknown) => gateway.logger.error(err));
    };
    this.onJoin = function (this: Socket, body: unknown, ack: unknown) {
      reply(ack, gateway.join(this, body));
    };
    this.onLeave = function (this: Socket, body: unknown, ack: unknown) {
      reply(ack, gateway.leave(this, body));
    };
    const { socketBurst, socketEventsPerSecond } = config;
    this.limit = function (this: Socket, packet: unknown[], next: (err?: Error) => void) {
      const data = this.data as SocketData;
      if (takeToken(data, socketBurst, socketEventsPerSecond)) return next();
      data.violations += 1;
      if (data.violations > socketBurst) {
        gateway.logger.warn(`closing socket ${this.id}: event flood`);
        this.disconnect(true);
        return;
      }
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (a: Ack) => void)(gateway.fail(this, 'realtime.rate_limited'));
    };
  }

  afterInit(server: Server): void {
    this.realtime.attach(server);
    this.metrics.gauge(
      'hoithi_sockets_connected',
      'Sockets connected to this instance',
      [],
      (set) => set({}, server.engine?.clientsCount ?? server.sockets.sockets.size),
    );
    const trustProxy = this.config.trustProxy;
    server.use((socket, next) => {
      const data = socket.data as SocketData;
      data.locale = localeFrom(socket.handshake.headers['accept-language']);
      data.violations = 0;
      // Behind a reverse proxy every socket comes from the proxy: take the client's address the
      // way HTTP requests do (TRUST_PROXY), so per-address limits and fraud signals see voters.
      if (trustProxy) {
        const client = forwardedClientAddress(socket.handshake.headers['x-forwarded-for']);
        if (client) socket.handshake.address = client;
      }
      const credential = tokenOf(socket);
      release(socket);
      if (!credential) {
        data.principal = null;
        return next();
      }
      const generation = this.sessions.generation;
      this.verifier.authenticate(credential.token).then(
        ({ principal, claims }) => {
          data.principal = principal;
          data.claims = claims;
          data.generation = generation;
          next();
        },
        () => {
          // a stale web-app cookie leaves an anonymous viewer (public pages share the cookies)
          if (credential.via === 'cookie') {
            data.principal = null;
            return next();
          }
          const err = new Error(translate('auth.token_invalid', data.locale)) as Error & {
            data?: unknown;
          };
          err.data = { code: 'auth.token_invalid' };
          next(err);
        },
      );
    });
  }

  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    if (data.claims) this.sessions.opened(socket, data.generation!);
    // socket.io calls middlewares without the socket: one bound function (no closure scope).
    socket.use(this.limit.bind(socket));
    socket.on('room:join', this.onJoin);
    socket.on('room:leave', this.onLeave);
  }

  /** `room:join {room}` → `{ok, data: snapshot}`: joins a room the socket may read. */
  async join(socket: Socket, body: unknown): Promise<Ack> {
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string') return this.fail(socket, 'realtime.bad_payload');
    const parsed = this.rooms.parse(room);
    if (!parsed) return this.fail(socket, 'realtime.unknown_room');
    const data = socket.data as SocketData;
    try {
      let principal: Principal | null;
      let allowed: boolean;
      for (let attempt = 1; ; attempt++) {
        const check = data.authCheck;
        principal = await this.sessions.current(socket);
        allowed = await parsed.definition.authorize(principal, parsed.id);
        // joined only on a verdict no check of the login overtook (else it may be stale)
        if (data.authCheck === check) break;
        if (attempt === 3) return this.fail(socket, 'realtime.room_forbidden');
      }
      if (!allowed) return this.fail(socket, 'realtime.room_forbidden');
      await socket.join(room);
      const snapshot = parsed.definition.snapshot
        ? await parsed.definition.snapshot(principal, parsed.id)
        : undefined;
      return { ok: true, data: snapshot };
    } catch (err) {
      if (err instanceof AppError) return this.fail(socket, err.code, err.params);
      this.logger.error(err);
      return this.fail(socket, 'common.internal');
    }
  }

  /** `room:leave {room}` → `{ok}`. */
  async leave(socket: Socket, body: unknown): Promise<Ack> {
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string' || room.startsWith('user:'))
      return this.fail(socket, 'realtime.bad_payload');
    await socket.leave(room);
    return { ok: true };
  }

  fail(socket: Socket, code: string, params?: Record<string, unknown>): Ack {
    return {
      ok: false,
      error: { code, message: translate(code, (socket.data as SocketData).locale, params) },
    };
  }
}
