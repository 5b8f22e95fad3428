import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a code proves: a voter's phone, or the right to set an account's password. */
export type CodePurpose = 'vote' | 'reset';

/**
 * One code sent to a phone. Only its HMAC is kept; it expires after a few minutes, allows a
 * handful of tries, and a newer code to the same phone retires it. The rows also count the codes
 * sent per phone, per client address and per device (the send limits).
 */
@Entity('phone_codes')
@Index('ix_phone_codes_phone', ['phone', 'createdAt'])
@Index('ix_phone_codes_ip', ['ip', 'createdAt'])
@Index('ix_phone_codes_device', ['deviceKey', 'createdAt'])
export class PhoneCode {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** E.164 (`+84912345678`): every spelling of a number is one voter. */
  @Column({ type: 'varchar', length: 16 })
  phone: string;

  /** A code is accepted only for what it was sent for. */
  @Column({ type: 'varchar', length: 8, default: 'vote' })
  purpose: CodePurpose;

  /** HMAC-SHA256 of the code (hex), keyed by the server secret and bound to this row. */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  /** The device token's device id, when the request presented a valid one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  deviceKey: string | null;

  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  @Column({ type: 'smallint' })
  maxAttempts: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Used (verified), or retired by a newer code. */
  @Column({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
