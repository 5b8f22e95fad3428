import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { localeFrom, translate } from '../common/i18n/i18n';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import './messages';
import { TokenBucket } from './rate-limiter';
import { RealtimeService } from './realtime.service';
import { RoomRegistry } from './room-registry';

export interface SocketData {
  principal: Principal | null;
  locale: 'vi' | 'en';
  violations: number;
}

export interface Ack {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

function tokenOf(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header))
    return header.replace(/^Bearer\s+/i, '');
  return undefined;
}

/**
 * The one socket endpoint. The handshake is authenticated here (Nest guards do not run in
 * socket.io middleware): no token = an anonymous viewer, a bad token = refused. Each socket
 * joins `user:<id>` for its own notifications and may join feature rooms it is allowed to read.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly rooms: RoomRegistry,
    private readonly realtime: RealtimeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    this.realtime.attach(server);
    server.use((socket, next) => {
      const data = socket.data as SocketData;
      data.locale = localeFrom(socket.handshake.headers['accept-language']);
      data.violations = 0;
      const token = tokenOf(socket);
      if (!token) {
        data.principal = null;
        return next();
      }
      this.verifier.verify(token).then(
        (principal) => {
          data.principal = principal;
          next();
        },
        () => {
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
    if (data.principal) void socket.join(`user:${data.principal.id}`);
    const bucket = new TokenBucket(this.config.socketBurst, this.config.socketEventsPerSecond);
    socket.use((packet, next) => {
      if (bucket.take()) return next();
      data.violations += 1;
      if (data.violations > this.config.socketBurst) {
        this.logger.warn(`closing socket ${socket.id}: event flood`);
        socket.disconnect(true);
        return;
      }
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (a: Ack) => void)(this.fail(socket, 'realtime.rate_limited'));
    });
  }

  @SubscribeMessage('room:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string') return this.fail(socket, 'realtime.bad_payload');
    const parsed = this.rooms.parse(room);
    if (!parsed) return this.fail(socket, 'realtime.unknown_room');
    const principal = (socket.data as SocketData).principal;
    try {
      if (!(await parsed.definition.authorize(principal, parsed.id))) {
        return this.fail(socket, 'realtime.room_forbidden');
      }
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

  @SubscribeMessage('room:leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
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
