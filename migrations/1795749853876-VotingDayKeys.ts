import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions whose day limit cannot bind write no day slots (see VotingSession.dayKeys). Sessions
 * made before keep theirs (`day_keys` true); `entries_ever` starts from their entries today.
 */
export class VotingDayKeys1795749853876 implements MigrationInterface {
  name = 'VotingDayKeys1795749853876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD "day_keys" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD "entries_ever" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `UPDATE "voting_sessions" s SET "entries_ever" =
         (SELECT count(*) FROM "voting_session_entries" e WHERE e."session_id" = s."id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP COLUMN "entries_ever"`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP COLUMN "day_keys"`);
  }
}
