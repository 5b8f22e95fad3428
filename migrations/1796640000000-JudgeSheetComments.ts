import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A score sheet keeps a comment per criterion beside its overall comment; a round says whether a
 * submitted sheet may still be changed while the round is open (it may, unless set otherwise).
 */
export class JudgeSheetComments1796640000000 implements MigrationInterface {
  name = 'JudgeSheetComments1796640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "score_sheets" ADD "criterion_comments" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rounds" ADD "allow_revision" boolean NOT NULL DEFAULT true`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "judging_rounds" DROP COLUMN "allow_revision"`);
    await queryRunner.query(`ALTER TABLE "score_sheets" DROP COLUMN "criterion_comments"`);
  }
}
