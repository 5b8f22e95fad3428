import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Screening may return a submitted entry to its contestant with a reason: the entry is a draft
 * again, and keeps the reason (and when it was returned) until it is submitted again.
 */
export class EntryReturn1796620450000 implements MigrationInterface {
  name = 'EntryReturn1796620450000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "entries" ADD "return_reason" character varying(1000)`);
    await queryRunner.query(`ALTER TABLE "entries" ADD "returned_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "entries" DROP COLUMN "returned_at"`);
    await queryRunner.query(`ALTER TABLE "entries" DROP COLUMN "return_reason"`);
  }
}
