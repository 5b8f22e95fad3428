import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A phone code is for one purpose: proving a voter's phone (`vote`) or resetting an account's
 * password (`reset`). A code of one kind is never accepted for the other, and a new code retires
 * only the earlier codes of its kind. Codes sent before were voting codes.
 */
export class PhoneCodePurpose1796631600000 implements MigrationInterface {
  name = 'PhoneCodePurpose1796631600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "phone_codes" ADD "purpose" character varying(8) NOT NULL DEFAULT 'vote'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "phone_codes" DROP COLUMN "purpose"`);
  }
}
