import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failure counters for login throttling, one row per key (`pair:<account>|<ip>`, `ip:<ip>`,
 * `acct:<account>`), shared by every instance through the database.
 */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** How many lockouts in a row; the next lockout lasts longer, up to a ceiling. */
  @Column({ type: 'integer', default: 0 })
  lockouts: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
