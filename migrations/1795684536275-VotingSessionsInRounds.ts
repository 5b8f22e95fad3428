import { MigrationInterface, QueryRunner } from 'typeorm';

export class VotingSessionsInRounds1795684536275 implements MigrationInterface {
  name = 'VotingSessionsInRounds1795684536275';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Sessions made before sessions were tied to real contests, rounds and entries.
    await queryRunner.query(
      `DELETE FROM "voting_sessions" s WHERE NOT EXISTS (SELECT 1 FROM "contest_rounds" r WHERE r.id = s.round_id AND r.contest_id = s.contest_id)`,
    );
    await queryRunner.query(
      `DELETE FROM "voting_session_entries" se WHERE NOT EXISTS (SELECT 1 FROM "entries" e WHERE e.id = se.entry_id)`,
    );
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP COLUMN "time_zone"`);
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD CONSTRAINT "FK_9bde1dfcb20aa65010d74b3198e" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD CONSTRAINT "FK_7f99c510ed0eb8421b142880374" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_session_entries" ADD CONSTRAINT "FK_ec0ca430933befc298a51c227b9" FOREIGN KEY ("session_id") REFERENCES "voting_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_session_entries" ADD CONSTRAINT "FK_db76e448cf6c85f01414b0e4a1d" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "voting_session_entries" DROP CONSTRAINT "FK_db76e448cf6c85f01414b0e4a1d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_session_entries" DROP CONSTRAINT "FK_ec0ca430933befc298a51c227b9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" DROP CONSTRAINT "FK_7f99c510ed0eb8421b142880374"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" DROP CONSTRAINT "FK_9bde1dfcb20aa65010d74b3198e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Ho_Chi_Minh'`,
    );
  }
}
