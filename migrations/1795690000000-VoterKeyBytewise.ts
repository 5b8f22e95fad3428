import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voter keys (`d:<device>`, `p:<phone>`, `u:<account>`) are compared byte by byte (collation
 * "C"): they are identifiers, never sorted for people, and the two unique slot keys that start
 * with them are searched twice per vote (the conflict check, then the insertion). Under a
 * language collation every comparison copies both strings and calls strcoll; bytewise it is a
 * memcmp. Equality is unchanged (every collation here is deterministic).
 *
 * Rebuilds the indexes on the column: apply outside a live vote.
 */
export class VoterKeyBytewise1795690000000 implements MigrationInterface {
  name = 'VoterKeyBytewise1795690000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "votes" ALTER COLUMN "voter_key" TYPE character varying(80) COLLATE "C"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "votes" ALTER COLUMN "voter_key" TYPE character varying(80) COLLATE "default"`,
    );
  }
}
