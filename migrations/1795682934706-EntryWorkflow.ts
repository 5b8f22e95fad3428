import { MigrationInterface, QueryRunner } from 'typeorm';

export class EntryWorkflow1795682934706 implements MigrationInterface {
  name = 'EntryWorkflow1795682934706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."entry_author_type" AS ENUM('collective', 'individual')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."entry_status" AS ENUM('draft', 'submitted', 'withdrawn', 'eligible', 'disqualified', 'advanced', 'eliminated', 'awarded')`,
    );
    await queryRunner.query(
      `CREATE TABLE "entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "category_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "unit_name_at_creation" character varying(300) NOT NULL, "unit_name_at_submission" character varying(300), "owner_id" uuid NOT NULL, "author_type" "public"."entry_author_type" NOT NULL, "members" jsonb NOT NULL, "contact_name" character varying(200), "contact_phone" character varying(20), "contact_email" character varying(254), "title" character varying(300) NOT NULL, "summary" text NOT NULL DEFAULT '', "status" "public"."entry_status" NOT NULL DEFAULT 'draft', "current_round_id" uuid, "version" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "disqualification_reason" character varying(1000), "published_at" TIMESTAMP WITH TIME ZONE, "public_id" character varying(16) NOT NULL, "search_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_23d4e7e9b58d9939f113832915b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entries_current_round" ON "entries"  ("current_round_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_entries_unit" ON "entries"  ("unit_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_category_unit" ON "entries"  ("contest_id", "category_id", "unit_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_created" ON "entries"  ("contest_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_status_submitted" ON "entries"  ("contest_id", "status", "submitted_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_entries_public_id" ON "entries"  ("public_id") `,
    );
    // Full-text search on the folded text (no diacritics): prefix tsquery over a 'simple' tsvector.
    await queryRunner.query(
      `CREATE INDEX "ix_entries_search" ON "entries" USING gin (to_tsvector('simple', "search_text"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "entry_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48abf49741cba747dab07021a60" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_entry_versions" ON "entry_versions"  ("entry_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."entry_round_status" AS ENUM('active', 'advanced', 'eliminated')`,
    );
    await queryRunner.query(
      `CREATE TABLE "entry_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "round_id" uuid NOT NULL, "status" "public"."entry_round_status" NOT NULL DEFAULT 'active', "source" character varying(20) NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6d67bd38ebe55f68655e295c2a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entry_rounds_round" ON "entry_rounds"  ("round_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_entry_rounds" ON "entry_rounds"  ("entry_id", "round_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "round_rankings" ("round_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "rank" integer NOT NULL, "score" numeric(10,4), CONSTRAINT "PK_a17dd75ee01335fe8f9f1d9cd2d" PRIMARY KEY ("round_id", "entry_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_round_rankings_rank" ON "round_rankings"  ("round_id", "rank") `,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_2c3b9b089406d894e073244793d" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_37514effe55909a03b7305864f4" FOREIGN KEY ("category_id") REFERENCES "contest_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_dd45cf95277b038cc6d6e5cd464" FOREIGN KEY ("unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_828014a96481ebcaca82d4db146" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_22ebcd384cb1881831463c9e72b" FOREIGN KEY ("current_round_id") REFERENCES "contest_rounds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_versions" ADD CONSTRAINT "FK_c164b1b86076d629ded905b405f" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_rounds" ADD CONSTRAINT "FK_fc48d6a6f53ceb4f15299019536" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_rounds" ADD CONSTRAINT "FK_d972adaa9b580fdd29d2ecbef2f" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_rankings" ADD CONSTRAINT "FK_8e877e8d5ef525e7c7f12662dfd" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_rankings" ADD CONSTRAINT "FK_f717f1d28c90fbd8c6e77da309b" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "round_rankings" DROP CONSTRAINT "FK_f717f1d28c90fbd8c6e77da309b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_rankings" DROP CONSTRAINT "FK_8e877e8d5ef525e7c7f12662dfd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_rounds" DROP CONSTRAINT "FK_d972adaa9b580fdd29d2ecbef2f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_rounds" DROP CONSTRAINT "FK_fc48d6a6f53ceb4f15299019536"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entry_versions" DROP CONSTRAINT "FK_c164b1b86076d629ded905b405f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_22ebcd384cb1881831463c9e72b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_828014a96481ebcaca82d4db146"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_dd45cf95277b038cc6d6e5cd464"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_37514effe55909a03b7305864f4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_2c3b9b089406d894e073244793d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_round_rankings_rank"`);
    await queryRunner.query(`DROP TABLE "round_rankings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_entry_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entry_rounds_round"`);
    await queryRunner.query(`DROP TABLE "entry_rounds"`);
    await queryRunner.query(`DROP TYPE "public"."entry_round_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_entry_versions"`);
    await queryRunner.query(`DROP TABLE "entry_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_search"`);
    await queryRunner.query(`DROP INDEX "public"."uq_entries_public_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_status_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_category_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_current_round"`);
    await queryRunner.query(`DROP TABLE "entries"`);
    await queryRunner.query(`DROP TYPE "public"."entry_status"`);
    await queryRunner.query(`DROP TYPE "public"."entry_author_type"`);
  }
}
