import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CodePurpose, PhoneCode } from './entities/phone-code.entity';

export interface SendCounts {
  phone: number;
  ip: number;
  device: number;
  /** Oldest send in the window per key (to say when sending is possible again). */
  oldestPhone: Date | null;
  oldestIp: Date | null;
  oldestDevice: Date | null;
  lastPhone: Date | null;
}

@Injectable()
export class PhoneVerificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Serializes sends that share a phone, an address or a device until the transaction ends, so
   * that concurrent requests cannot both pass the count (keys locked in one order: no deadlock).
   */
  async lockKeys(m: EntityManager, keys: string[]): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    for (const key of sorted) {
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [key]);
    }
  }

  async sendCounts(
    m: EntityManager,
    phone: string,
    ip: string,
    deviceKey: string | null,
    since: Date,
  ): Promise<SendCounts> {
    const rows: Array<{
      phone: string;
      ip: string;
      device: string;
      oldest_phone: Date | null;
      oldest_ip: Date | null;
      oldest_device: Date | null;
      last_phone: Date | null;
    }> = await m.query(
      `SELECT
         (SELECT count(*) FROM phone_codes WHERE phone = $1 AND created_at > $4) AS phone,
         (SELECT count(*) FROM phone_codes WHERE ip = $2 AND created_at > $4) AS ip,
         (SELECT count(*) FROM phone_codes WHERE device_key = $3 AND created_at > $4) AS device,
         (SELECT min(created_at) FROM phone_codes WHERE phone = $1 AND created_at > $4) AS oldest_phone,
         (SELECT min(created_at) FROM phone_codes WHERE ip = $2 AND created_at > $4) AS oldest_ip,
         (SELECT min(created_at) FROM phone_codes WHERE device_key = $3 AND created_at > $4) AS oldest_device,
         (SELECT max(created_at) FROM phone_codes WHERE phone = $1) AS last_phone`,
      [phone, ip, deviceKey, since],
    );
    const r = rows[0];
    return {
      phone: Number(r.phone),
      ip: Number(r.ip),
      device: Number(r.device),
      oldestPhone: r.oldest_phone,
      oldestIp: r.oldest_ip,
      oldestDevice: r.oldest_device,
      lastPhone: r.last_phone,
    };
  }

  /** Retires the phone's earlier codes of the same purpose and stores the new one. */
  async insertCode(m: EntityManager, code: Omit<PhoneCode, 'createdAt'>): Promise<void> {
    await m.query(
      `UPDATE phone_codes SET consumed_at = now()
        WHERE phone = $1 AND purpose = $2 AND consumed_at IS NULL`,
      [code.phone, code.purpose],
    );
    await m.getRepository(PhoneCode).insert(code);
  }

  async retire(id: string): Promise<void> {
    await this.dataSource.query('UPDATE phone_codes SET consumed_at = now() WHERE id = $1', [id]);
  }

  /** The phone's live code for `purpose` (not used, not retired), locked for this transaction. */
  async lockCurrent(
    m: EntityManager,
    phone: string,
    purpose: CodePurpose,
  ): Promise<PhoneCode | null> {
    return m.getRepository(PhoneCode).findOne({
      where: { phone, purpose, consumedAt: IsNull() },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async recordFailure(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE phone_codes SET attempts = attempts + 1 WHERE id = $1', [id]);
  }

  async consume(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE phone_codes SET consumed_at = now() WHERE id = $1', [id]);
  }

  /** Forgets codes older than a day (the send windows are shorter). */
  async purge(before: Date): Promise<number> {
    const res: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM phone_codes WHERE created_at < $1',
      [before],
    );
    return res[1] ?? 0;
  }
}
