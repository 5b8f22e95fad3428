import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaAndJobs1795683099704 implements MigrationInterface {
  name = 'MediaAndJobs1795683099704';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL DEFAULT '3', "run_after" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_jobs_due" ON "jobs"  ("state", "run_after") `);
    await queryRunner.query(`CREATE TABLE "media_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "kind" character varying(16), "status" character varying(16) NOT NULL, "reason" jsonb, "original_name" character varying(300) NOT NULL, "declared_type" character varying(200), "mime" character varying(100), "format" character varying(16), "size_bytes" bigint NOT NULL, "sha256" character(64), "tus_id" character varying(64), "facts" jsonb NOT NULL DEFAULT '{}', "derivatives" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c23c721eba990b8d9c28c48592c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_media_items_tus_id" ON "media_items"  ("tus_id") `);
    await queryRunner.query(`CREATE INDEX "ix_media_items_sha256" ON "media_items"  ("sha256") `);
    await queryRunner.query(`CREATE INDEX "ix_media_items_entry" ON "media_items"  ("entry_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "media_items" ADD CONSTRAINT "FK_2dae0128e1e96bce5000f53f54e" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media_items" DROP CONSTRAINT "FK_2dae0128e1e96bce5000f53f54e"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_items_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_items_sha256"`);
    await queryRunner.query(`DROP INDEX "public"."uq_media_items_tus_id"`);
    await queryRunner.query(`DROP TABLE "media_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_due"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
