import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Device tokens issued per client address (`i:<address>`, IPv6 by /64) and per browser
 * fingerprint (`f:<fingerprint>`) in the current window, one row per key, shared by every
 * instance through the database (VOTING_DEVICE_TOKENS_PER_IP, …_PER_FINGERPRINT).
 */
@Entity('device_token_mints')
export class DeviceTokenMint {
  @PrimaryColumn({ type: 'varchar', length: 100, collation: 'C' })
  key: string;

  @Column({ type: 'integer' })
  minted: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;
}
