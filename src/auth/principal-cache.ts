import { Injectable } from '@nestjs/common';
import { AuthState, UsersRepository } from '../users/users.repository';
import { UserSessionEvents } from '../users/user-session.events';

const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Every request checks that its token's user still exists and its session is not revoked. The
 * answer is kept for a few seconds so that reads do not cost a database round trip each;
 * revocations on this instance drop it at once.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, { state: AuthState | null; expires: number }>();
  private readonly inflight = new Map<string, Promise<AuthState | null>>();

  constructor(
    private readonly users: UsersRepository,
    sessions: UserSessionEvents,
  ) {
    sessions.onRevoked((userId) => this.forget(userId));
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
      pending = this.users.authState(userId, familyId).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const state = await pending;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { state, expires: Date.now() + TTL_MS });
    return state;
  }

  forget(userId: string): void {
    const prefix = `${userId}:`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
