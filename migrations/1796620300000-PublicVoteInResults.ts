import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round's fixed result keeps the public vote it used: round_rankings the jury's score and rank
 * and the public votes and score of each entry (its score and rank are the combined ones),
 * judging_rounds the sessions counted with their chain heads and the weights. Results fixed
 * before were the jury's alone: their score and rank are the jury's; no public vote.
 */
export class PublicVoteInResults1796620300000 implements MigrationInterface {
  name = 'PublicVoteInResults1796620300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "jury_score" numeric(10,4)`);
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "jury_rank" integer`);
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "public_votes" integer`);
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "public_score" numeric(10,4)`);
    await queryRunner.query(`ALTER TABLE "judging_rounds" ADD "public_vote" jsonb`);
    await queryRunner.query(
      `UPDATE "round_rankings" SET "jury_score" = "score", "jury_rank" = "rank"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "judging_rounds" DROP COLUMN "public_vote"`);
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "public_score"`);
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "public_votes"`);
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "jury_rank"`);
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "jury_score"`);
  }
}
