import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer and smaller index entries per vote: the session and day slot keys only hold votes of
 * sessions with such a limit (partial unique indexes), and the votes of a chained batch are found
 * through a BRIN index on `created_at` (a batch's votes share its `created_at`) instead of a
 * b-tree entry per vote on `batch_id`.
 */
export class LeanVoteIndexes1795687200000 implements MigrationInterface {
  name = 'LeanVoteIndexes1795687200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_votes_session_slot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_day_slot"`);
    await queryRunner.query(`DROP INDEX "public"."ix_votes_batch"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_session_slot" ON "votes" ("session_id", "voter_key", "session_slot") WHERE "session_slot" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_day_slot" ON "votes" ("session_id", "voter_key", "vote_day", "day_slot") WHERE "day_slot" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_votes_created" ON "votes" USING brin ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_votes_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_day_slot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_session_slot"`);
    await queryRunner.query(`CREATE INDEX "ix_votes_batch" ON "votes" ("batch_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_day_slot" ON "votes" ("session_id", "voter_key", "vote_day", "day_slot") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_session_slot" ON "votes" ("session_id", "voter_key", "session_slot") `,
    );
  }
}
