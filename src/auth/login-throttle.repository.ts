import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ThrottleState {
  key: string;
  failures: number;
  lockedUntil: Date | null;
}

@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async locks(keys: string[]): Promise<ThrottleState[]> {
    const rows: { key: string; failures: number; locked_until: Date | null }[] =
      await this.dataSource.query(
        `SELECT key, failures, locked_until FROM login_attempts
          WHERE key = ANY($1) AND locked_until > now()`,
        [keys],
      );
    return rows.map((r) => ({ key: r.key, failures: r.failures, lockedUntil: r.locked_until }));
  }

  /**
   * Counts one failure for a key in one statement (safe across instances). When the count in
   * the window reaches `threshold`, the key is locked for `lockSeconds × 2^lockouts` (when
   * escalating), capped at `maxLockSeconds`, and the count starts again. After a quiet spell as
   * long as the ceiling, escalation starts over.
   */
  async fail(
    key: string,
    windowSeconds: number,
    threshold: number,
    lockSeconds: number,
    maxLockSeconds: number,
    escalate: boolean,
  ): Promise<void> {
    const count = `(CASE WHEN a.window_started_at < now() - make_interval(secs => $2::float8)
                         THEN 1 ELSE a.failures + 1 END)`;
    const lockouts = `(CASE WHEN a.locked_until < now() - make_interval(secs => $5::float8)
                            THEN 0 ELSE a.lockouts END)`;
    await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_started_at, locked_until, lockouts, updated_at)
       VALUES ($1, CASE WHEN $3::int <= 1 THEN 0 ELSE 1 END, now(),
               CASE WHEN $3::int <= 1 THEN now() + make_interval(secs => LEAST($4::float8, $5::float8)) END,
               CASE WHEN $3::int <= 1 THEN 1 ELSE 0 END, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${count} >= $3::int THEN 0 ELSE ${count} END,
         window_started_at = CASE
           WHEN ${count} = 1 OR ${count} >= $3::int THEN now() ELSE a.window_started_at END,
         locked_until = CASE
           WHEN ${count} >= $3::int
           THEN now() + make_interval(secs => LEAST($5::float8,
                  $4::float8 * CASE WHEN $6::boolean THEN power(2, ${lockouts}) ELSE 1 END))
           ELSE a.locked_until END,
         lockouts = CASE WHEN ${count} >= $3::int THEN ${lockouts} + 1 ELSE a.lockouts END,
         updated_at = now()`,
      [key, windowSeconds, threshold, lockSeconds, maxLockSeconds, escalate],
    );
  }

  /** A successful login clears the pair's counters (not the IP's or the account's). */
  async clear(keys: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE key = ANY($1)`, [keys]);
  }

  /** Every counter of one account: its own and those of each address it was tried from. */
  async clearAccount(account: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_attempts WHERE key = $1 OR left(key, length($2)) = $2`,
      [`acct:${account}`, `pair:${account}|`],
    );
  }

  /** Rows whose window and lock are long over carry no information. */
  async purgeStale(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_attempts
        WHERE updated_at < now() - make_interval(secs => $1)
          AND (locked_until IS NULL OR locked_until < now())`,
      [olderThanSeconds],
    );
  }
}
