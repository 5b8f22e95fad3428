import { MigrationInterface, QueryRunner } from 'typeorm';

export class VotingSessions1795683128273 implements MigrationInterface {
  name = 'VotingSessions1795683128273';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "votes" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "voter_key" character varying(80) NOT NULL, "entry_slot" smallint, "session_slot" integer, "vote_day" date NOT NULL, "day_slot" integer, "channel" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3d9fd4a0af865152c3f59db8ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_day_slot" ON "votes"  ("session_id", "voter_key", "vote_day", "day_slot") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_session_slot" ON "votes"  ("session_id", "voter_key", "session_slot") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_votes_entry_slot" ON "votes"  ("session_id", "voter_key", "entry_id", "entry_slot") `,
    );
    await queryRunner.query(
      `CREATE TABLE "voting_tallies" ("session_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "shard" integer NOT NULL, "votes" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_1e60ce2f75185d1fc43fa1d9017" PRIMARY KEY ("session_id", "entry_id", "shard"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."voting_session_state" AS ENUM('scheduled', 'open', 'paused', 'closed')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."voting_mode" AS ENUM('all', 'on_stage')`);
    await queryRunner.query(
      `CREATE TABLE "voting_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "round_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "state" "public"."voting_session_state" NOT NULL DEFAULT 'scheduled', "opens_at" TIMESTAMP WITH TIME ZONE, "closes_at" TIMESTAMP WITH TIME ZONE, "mode" "public"."voting_mode" NOT NULL DEFAULT 'all', "on_stage_entry_id" uuid, "policy" jsonb NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Ho_Chi_Minh', "hide_tallies" boolean NOT NULL DEFAULT false, "revision" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_20e769dbc4f48644861f1a4440b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_voting_sessions_round" ON "voting_sessions"  ("contest_id", "round_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "voting_session_entries" ("session_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_694a554a4ccd54105ff8f0da7ea" PRIMARY KEY ("session_id", "entry_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "voting_session_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voting_sessions_round"`);
    await queryRunner.query(`DROP TABLE "voting_sessions"`);
    await queryRunner.query(`DROP TYPE "public"."voting_mode"`);
    await queryRunner.query(`DROP TYPE "public"."voting_session_state"`);
    await queryRunner.query(`DROP TABLE "voting_tallies"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_entry_slot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_session_slot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_votes_day_slot"`);
    await queryRunner.query(`DROP TABLE "votes"`);
  }
}
