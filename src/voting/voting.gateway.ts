import { Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { AppError } from '../common/errors/app-error';
import { translate } from '../common/i18n/i18n';
import type { SocketData } from '../realtime/realtime.gateway';
import './messages';
import { VotingService } from './voting.service';

export interface VoteAck {
  ok: boolean;
  data?: {
    voteId: string;
    status: 'counted' | 'already_counted';
    receipt?: string;
    held?: boolean;
  };
  error?: { code: string; message: string; retryable?: boolean };
}

interface VotePayload {
  sessionId?: unknown;
  entryId?: unknown;
  voteId?: unknown;
  voterToken?: unknown;
  phoneToken?: unknown;
  fingerprint?: unknown;
  elapsedMs?: unknown;
}

const str = (v: unknown, max: number) =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

const FINGERPRINT = /^[A-Za-z0-9_-]+$/;

/**
 * A UUID (any version, either case) in lower case, or undefined: the same answer as testing
 * `/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i` and lower-casing, read
 * once without a regular expression or a copy (three per vote).
 */
function uuid(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length !== 36) return undefined;
  let upper = false;
  for (let i = 0; i < 36; i++) {
    const c = v.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return undefined;
    } else if (c >= 0x41 && c <= 0x46)
      upper = true; // A-F
    else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return undefined;
  }
  return upper ? v.toLowerCase() : v;
}

/**
 * `vote:cast` over the shared socket endpoint, acknowledged once the vote is committed:
 * `{sessionId, entryId, voteId, voterToken?}` → `{ok, data: {voteId, status}}` or
 * `{ok: false, error: {code, message, retryable?}}`. The handshake, origin, rate and size
 * limits are the realtime gateway's; the listener is attached directly to each socket (no
 * per-message framework pipeline on the hottest path).
 */
@WebSocketGateway()
export class VotingGateway implements OnGatewayConnection {
  private readonly log = new Logger('VotingGateway');

  /** One listener for every socket (called with the socket as `this`): nothing per socket. */
  private readonly onVote: (this: Socket, payload: unknown, ack: unknown) => void;

  constructor(private readonly voting: VotingService) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const gateway = this;
    this.onVote = function (this: Socket, payload: unknown, ack: unknown) {
      if (typeof ack !== 'function') return;
      gateway.cast(this, payload).then(ack as (a: VoteAck) => void, (err: unknown) => {
        gateway.log.error(err);
      });
    };
  }

  handleConnection(socket: Socket): void {
    socket.on('vote:cast', this.onVote);
  }

  private async cast(socket: Socket, payload: unknown): Promise<VoteAck> {
    const data = socket.data as SocketData;
    const p = (payload && typeof payload === 'object' ? payload : {}) as VotePayload;
    const sessionId = uuid(p.sessionId);
    const entryId = uuid(p.entryId);
    const voteId = uuid(p.voteId);
    if (!sessionId || !entryId || !voteId) {
      data.violations = (data.violations ?? 0) + 1;
      return this.fail(socket, 'voting.bad_vote');
    }
    const handshake = socket.handshake.auth as {
      voterToken?: unknown;
      phoneToken?: unknown;
      fingerprint?: unknown;
    };
    const fingerprint = str(p.fingerprint, 64) ?? str(handshake?.fingerprint, 64);
    try {
      const receipt = await this.voting.cast(
        {
          sessionId,
          entryId,
          voteId,
          channel: 'socket',
          ip: socket.handshake.address,
          fingerprint: fingerprint && FINGERPRINT.test(fingerprint) ? fingerprint : null,
          elapsedMs:
            typeof p.elapsedMs === 'number' && Number.isFinite(p.elapsedMs) ? p.elapsedMs : null,
        },
        {
          memberId: data.principal?.id ?? null,
          deviceToken: str(p.voterToken, 200) ?? str(handshake?.voterToken, 200),
          phoneToken: str(p.phoneToken, 500) ?? str(handshake?.phoneToken, 500),
        },
      );
      return { ok: true, data: receipt };
    } catch (err) {
      if (err instanceof AppError)
        return this.fail(socket, err.code, err.params, err.getStatus() === 503);
      this.log.error(err);
      return this.fail(socket, 'voting.unavailable', {}, true);
    }
  }

  private fail(
    socket: Socket,
    code: string,
    params: Record<string, unknown> = {},
    retryable = false,
  ): VoteAck {
    const locale = (socket.data as SocketData).locale ?? 'vi';
    return {
      ok: false,
      error: {
        code,
        message: translate(code, locale, params),
        ...(retryable ? { retryable } : {}),
      },
    };
  }
}
