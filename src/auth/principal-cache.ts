import { Injectable } from '@nestjs/common';
import { AuthState, UsersRepository } from '../users/users.repository';
import { SessionChange, UserSessionEvents } from '../users/user-session.events';

const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Every request checks that its token's user still exists and its session is not revoked. The
 * answer is kept for a few seconds so that reads do not cost a database round trip each.
 *
 * Revocations are pushed, not polled: a change of a user's sessions or account, made on any
 * instance, drops that user's answers here at once (UserSessionEvents). A read already under
 * way when that happens is neither kept nor shared with later requests, and while changes made
 * elsewhere cannot reach this instance (the listener's connection is away) nothing is kept.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, { state: AuthState | null; expires: number }>();
  private readonly inflight = new Map<string, Promise<AuthState | null>>();
  /** Bumped whenever answers are dropped: reads begun before it are not kept. */
  private generation = 0;

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: UserSessionEvents,
  ) {
    sessions.onChange((change: SessionChange) => {
      if (change.kind !== 'membership') this.forget(change.userId);
    });
    sessions.onResync(() => this.clear());
  }

  /** The key of a user's session in this cache (for peekKey: callers may keep it). */
  keyOf(userId: string, familyId: string): string {
    return `${userId}:${familyId}`;
  }

  /** The answer while it is fresh, without waiting; undefined when it must be read. */
  peek(userId: string, familyId: string): AuthState | null | undefined {
    return this.peekKey(this.keyOf(userId, familyId));
  }

  /** peek() by a key from keyOf(): a kept key string is not built and hashed again. */
  peekKey(key: string): AuthState | null | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > Date.now() ? hit.state : undefined;
  }

  async get(userId: string, familyId: string): Promise<AuthState | null> {
    const key = this.keyOf(userId, familyId);
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.state;
    let pending = this.inflight.get(key);
    if (!pending) {
      const generation = this.generation;
      const read = this.users.authState(userId, familyId).then((state) => {
        if (generation === this.generation && this.sessions.live) this.keep(key, state);
        return state;
      });
      pending = read.finally(() => {
        if (this.inflight.get(key) === pending) this.inflight.delete(key);
      });
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private keep(key: string, state: AuthState | null): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { state, expires: Date.now() + TTL_MS });
  }

  forget(userId: string): void {
    this.generation++;
    const prefix = `${userId}:`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    for (const key of this.inflight.keys()) if (key.startsWith(prefix)) this.inflight.delete(key);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
  }
}
