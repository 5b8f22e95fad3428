import { Injectable } from '@nestjs/common';

type Listener = (userId: string) => void;

/**
 * Tells the token checker on this instance that a user's sessions changed (deleted, password
 * changed, logged out everywhere) so its cache drops them at once; other instances notice
 * within the cache's short lifetime because the database is the source of truth.
 */
@Injectable()
export class UserSessionEvents {
  private readonly listeners = new Set<Listener>();
  onRevoked(listener: Listener) {
    this.listeners.add(listener);
  }
  revoked(userId: string) {
    for (const l of this.listeners) l(userId);
  }
}
