import { randomUUID } from 'node:crypto';
import { AuthHousekeeping } from '../src/auth/auth-housekeeping';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('auth housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('drops long-expired refresh tokens and long-quiet login counters, keeps live ones', async () => {
    const user = await createUser(t, UserRole.Contestant);
    await t.db.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at)
       VALUES ($1, $2, '\\x00', now() - interval '3 days')`,
      [randomUUID(), user.id],
    );
    await t.db.query(
      `INSERT INTO login_attempts (key, failures, window_started_at, updated_at)
       VALUES ('ip:203.0.113.9', 2, now() - interval '3 days', now() - interval '3 days'),
              ('ip:203.0.113.10', 1, now(), now())`,
    );
    await t.app.get(AuthHousekeeping).run();
    const tokens = await t.db.query(
      'SELECT expires_at > now() AS live FROM refresh_tokens WHERE user_id = $1',
      [user.id],
    );
    expect(tokens.rows).toEqual([{ live: true }]);
    const attempts = await t.db.query('SELECT key FROM login_attempts ORDER BY key');
    expect(attempts.rows).toEqual([{ key: 'ip:203.0.113.10' }]);
  });
});
