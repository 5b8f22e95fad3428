import { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteChainBatches1795686593069 implements MigrationInterface {
  name = 'VoteChainBatches1795686593069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "votes" ADD "batch_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_votes_batch" ON "votes" ("batch_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_votes_batch"`);
    await queryRunner.query(`ALTER TABLE "votes" DROP COLUMN "batch_id"`);
  }
}
