import { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteIntegrity1795685007972 implements MigrationInterface {
  name = 'VoteIntegrity1795685007972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "phone_codes" ("id" uuid NOT NULL, "phone" character varying(16) NOT NULL, "code_hash" character varying(64) NOT NULL, "ip" character varying(64) NOT NULL, "device_key" character varying(64), "attempts" smallint NOT NULL DEFAULT '0', "max_attempts" smallint NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_phone_codes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_phone_codes_phone" ON "phone_codes" ("phone", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_phone_codes_ip" ON "phone_codes" ("ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_phone_codes_device" ON "phone_codes" ("device_key", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vote_batches" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "seq" integer NOT NULL, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, "vote_count" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_vote_batches" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vote_batches_seq" ON "vote_batches" ("session_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vote_chain_heads" ("session_id" uuid NOT NULL, "seq" integer NOT NULL DEFAULT '0', "hash" character varying(64) NOT NULL, "prev_hash" character varying(64) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_vote_chain_heads" PRIMARY KEY ("session_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."vote_flag_status" AS ENUM('quarantined', 'released', 'voided')`,
    );
    await queryRunner.query(
      `CREATE TABLE "vote_flags" ("vote_id" uuid NOT NULL, "session_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reasons" text array NOT NULL, "status" "public"."vote_flag_status" NOT NULL DEFAULT 'quarantined', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_vote_flags" PRIMARY KEY ("vote_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_vote_flags_queue" ON "vote_flags" ("session_id", "status", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_vote_flags_queue"`);
    await queryRunner.query(`DROP TABLE "vote_flags"`);
    await queryRunner.query(`DROP TYPE "public"."vote_flag_status"`);
    await queryRunner.query(`DROP TABLE "vote_chain_heads"`);
    await queryRunner.query(`DROP INDEX "public"."uq_vote_batches_seq"`);
    await queryRunner.query(`DROP TABLE "vote_batches"`);
    await queryRunner.query(`DROP INDEX "public"."ix_phone_codes_device"`);
    await queryRunner.query(`DROP INDEX "public"."ix_phone_codes_ip"`);
    await queryRunner.query(`DROP INDEX "public"."ix_phone_codes_phone"`);
    await queryRunner.query(`DROP TABLE "phone_codes"`);
  }
}
