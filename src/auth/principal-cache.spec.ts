import { UserRole, UserStatus } from '../users/entities/user.entity';
import type { UserSessionEvents } from '../users/user-session.events';
import type { AuthState, UsersRepository } from '../users/users.repository';
import { PrincipalCache } from './principal-cache';

const USER = '6f1c1e52-8c1e-4c1a-9d0e-6a1b2c3d4e5f';
const SESSION = '0b6a7c52-1d2e-4f3a-8b4c-5d6e7f8a9b0c';

const active: AuthState = {
  id: USER,
  role: UserRole.Organizer,
  unitId: null,
  status: UserStatus.Active,
  sessionVersion: 0,
  familyRevoked: false,
  fullName: 'Nguyễn Thị Hoa',
  email: 'hoa@example.vn',
  phone: null,
  createdAt: new Date('2026-01-05T00:00:00Z'),
};

/** The account reads the cache makes, each answered when the test says. */
function database() {
  const reads: Array<(state: AuthState | null) => void> = [];
  const users = {
    authState: () => new Promise<AuthState | null>((resolve) => reads.push(resolve)),
  };
  return { reads, users: users as unknown as UsersRepository };
}

/** The cache's collaborator for revocations: whether changes reach this instance. */
function sessions(live: boolean): UserSessionEvents {
  const noop = () => undefined;
  return { live, onChange: noop, onResync: noop, onRevoked: noop } as unknown as UserSessionEvents;
}

describe('PrincipalCache', () => {
  it('neither keeps nor shares a read that was under way when the user was revoked', async () => {
    const db = database();
    const cache = new PrincipalCache(db.users, sessions(true));
    const before = cache.get(USER, SESSION);
    cache.forget(USER); // the session ended while the account was being read
    const after = cache.get(USER, SESSION);
    expect(db.reads).toHaveLength(2);
    db.reads[0](active); // read before the revocation
    db.reads[1]({ ...active, familyRevoked: true });
    await expect(before).resolves.toEqual(active);
    await expect(after).resolves.toMatchObject({ familyRevoked: true });
    expect(cache.peek(USER, SESSION)).toMatchObject({ familyRevoked: true });
  });

  it('keeps answers only while revocations made elsewhere reach this instance', async () => {
    const db = database();
    const cache = new PrincipalCache(db.users, sessions(false));
    const first = cache.get(USER, SESSION);
    db.reads[0](active);
    await first;
    expect(cache.peek(USER, SESSION)).toBeUndefined();
    const second = cache.get(USER, SESSION);
    expect(db.reads).toHaveLength(2);
    db.reads[1](active);
    await expect(second).resolves.toEqual(active);
  });
});
