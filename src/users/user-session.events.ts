import { Injectable, Logger } from '@nestjs/common';

/**
 * A committed change to what a user may do:
 * - `session`: one login session ended (logout, a refresh token used twice);
 * - `account`: every session or the account itself changed (logout everywhere, password change,
 *   deletion, a change of role or status);
 * - `membership`: the user's roles in one contest changed (added, limited, removed).
 */
export type SessionChange =
  | { kind: 'session'; userId: string; sessionId: string }
  | { kind: 'account'; userId: string }
  | { kind: 'membership'; userId: string; contestId: string };

type ChangeListener = (change: SessionChange) => void;
type ResyncListener = (live: boolean) => void;

/** How changes reach the other instances (PostgreSQL notifications; see SessionChangeChannel). */
export interface SessionChangeTransport {
  send(change: SessionChange): Promise<void>;
}

/**
 * Tells every instance that a user's rights changed, so that caches of account state and
 * contest roles drop them and open sockets are checked again: listeners on this instance hear
 * it at once, the other instances through the transport (within milliseconds).
 *
 * `live` says whether changes made elsewhere reach this instance now: always on the embedded
 * database (one process), and on a server while the transport listens. While it does not,
 * caches keep nothing (a change could be missed); listeners of `onResync` hear each switch:
 * caches drop what they hold, and open sockets are checked again when delivery resumes.
 */
@Injectable()
export class UserSessionEvents {
  private readonly log = new Logger('UserSessionEvents');
  private readonly listeners: ChangeListener[] = [];
  private readonly resyncListeners: ResyncListener[] = [];
  private transport?: SessionChangeTransport;
  private isLive = false;
  private delivered = 0;

  get live(): boolean {
    return this.isLive;
  }

  /**
   * Grows with every change heard and every switch of `live`: a check that read it before
   * waiting (a socket handshake) knows whether something may have changed meanwhile.
   */
  get generation(): number {
    return this.delivered;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  onResync(listener: ResyncListener): void {
    this.resyncListeners.push(listener);
  }

  /**
   * After the change has committed: this instance's listeners first (synchronously), then the
   * other instances. Never throws: the change is already stored.
   */
  async publish(change: SessionChange): Promise<void> {
    this.deliver(change);
    if (!this.transport) return;
    try {
      await this.transport.send(change);
    } catch (err) {
      this.log.warn(`could not tell other instances of a ${change.kind} change: ${String(err)}`);
    }
  }

  /** A change made on another instance (or here, when there is no transport). */
  deliver(change: SessionChange): void {
    this.delivered++;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.log.error(err);
      }
    }
  }

  /** Set by the transport; without one (the embedded database) this instance is the only one. */
  useTransport(transport: SessionChangeTransport | undefined): void {
    this.transport = transport;
  }

  /** Whether changes made elsewhere reach this instance now (see the class comment). */
  setLive(live: boolean): void {
    const was = this.isLive;
    this.isLive = live;
    if (was === live) return;
    this.delivered++;
    for (const listener of this.resyncListeners) {
      try {
        listener(live);
      } catch (err) {
        this.log.error(err);
      }
    }
  }
}
