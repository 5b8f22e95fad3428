import { MigrationInterface, QueryRunner } from 'typeorm';

export class Judging1795685555476 implements MigrationInterface {
  name = 'Judging1795685555476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "judging_rounds" ("round_id" uuid NOT NULL, "quorum" integer NOT NULL DEFAULT '3', "method" character varying(20) NOT NULL DEFAULT 'mean', "tie_breaks" jsonb NOT NULL, "seed" character varying(64) NOT NULL DEFAULT '', "closed_forced" boolean NOT NULL DEFAULT false, "published_at" TIMESTAMP WITH TIME ZONE, "published_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d57e2f1394b989fe4e3706d9d37" PRIMARY KEY ("round_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "judging_rubrics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "category_id" uuid, "criteria" jsonb NOT NULL, "revision" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6656853f29f9f0fce369d957139" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_judging_rubrics_round" ON "judging_rubrics"  ("round_id", "category_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "judging_panel" ("round_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2b1917e7e5d945103b5e2f3b91b" PRIMARY KEY ("round_id", "judge_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "judging_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_52c819e196d1b90a8588defa2f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_judging_assignments_judge" ON "judging_assignments"  ("round_id", "judge_id", "active") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_judging_assignments" ON "judging_assignments"  ("round_id", "entry_id", "judge_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "judging_recusals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "reason" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4065f54c6cb18f7ff59f939047" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_judging_recusals" ON "judging_recusals"  ("entry_id", "judge_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "score_sheets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'draft', "scores" jsonb NOT NULL DEFAULT '{}', "comment" text NOT NULL DEFAULT '', "total" numeric(8,4), "first_ratio" numeric(7,6), "rubric_revision" integer NOT NULL DEFAULT '1', "reopened" boolean NOT NULL DEFAULT false, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e6230a5aa8654a69fcb545a90b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_score_sheets_round_status" ON "score_sheets"  ("round_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_score_sheets" ON "score_sheets"  ("round_id", "entry_id", "judge_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rounds" ADD CONSTRAINT "FK_d57e2f1394b989fe4e3706d9d37" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rubrics" ADD CONSTRAINT "FK_6c99040f99a158955e21e17ba3f" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rubrics" ADD CONSTRAINT "FK_6f9eecc413145143ead9a19bed8" FOREIGN KEY ("category_id") REFERENCES "contest_categories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_panel" ADD CONSTRAINT "FK_6ff1846f1b66138bf6424529300" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_panel" ADD CONSTRAINT "FK_40ac919b5ff0fab959556ef176d" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" ADD CONSTRAINT "FK_0073e28ca070e983bcca0e03d2d" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" ADD CONSTRAINT "FK_87fdc947dd94586762c6e3abbac" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" ADD CONSTRAINT "FK_a7b275f9445c8f964d6a3236d64" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_recusals" ADD CONSTRAINT "FK_b1a98871c62fa472526226777ac" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_recusals" ADD CONSTRAINT "FK_0181d2442a51150ce50ce21b7d2" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_sheets" ADD CONSTRAINT "FK_f859889eb5cd8fab335fe063c15" FOREIGN KEY ("round_id") REFERENCES "contest_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_sheets" ADD CONSTRAINT "FK_d08723f5cc5f659babd938aa911" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_sheets" ADD CONSTRAINT "FK_82733659ae72dd1bf09c707282e" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "score_sheets" DROP CONSTRAINT "FK_82733659ae72dd1bf09c707282e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_sheets" DROP CONSTRAINT "FK_d08723f5cc5f659babd938aa911"`,
    );
    await queryRunner.query(
      `ALTER TABLE "score_sheets" DROP CONSTRAINT "FK_f859889eb5cd8fab335fe063c15"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_recusals" DROP CONSTRAINT "FK_0181d2442a51150ce50ce21b7d2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_recusals" DROP CONSTRAINT "FK_b1a98871c62fa472526226777ac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" DROP CONSTRAINT "FK_a7b275f9445c8f964d6a3236d64"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" DROP CONSTRAINT "FK_87fdc947dd94586762c6e3abbac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_assignments" DROP CONSTRAINT "FK_0073e28ca070e983bcca0e03d2d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_panel" DROP CONSTRAINT "FK_40ac919b5ff0fab959556ef176d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_panel" DROP CONSTRAINT "FK_6ff1846f1b66138bf6424529300"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rubrics" DROP CONSTRAINT "FK_6f9eecc413145143ead9a19bed8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rubrics" DROP CONSTRAINT "FK_6c99040f99a158955e21e17ba3f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "judging_rounds" DROP CONSTRAINT "FK_d57e2f1394b989fe4e3706d9d37"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_score_sheets"`);
    await queryRunner.query(`DROP INDEX "public"."ix_score_sheets_round_status"`);
    await queryRunner.query(`DROP TABLE "score_sheets"`);
    await queryRunner.query(`DROP INDEX "public"."uq_judging_recusals"`);
    await queryRunner.query(`DROP TABLE "judging_recusals"`);
    await queryRunner.query(`DROP INDEX "public"."uq_judging_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_judging_assignments_judge"`);
    await queryRunner.query(`DROP TABLE "judging_assignments"`);
    await queryRunner.query(`DROP TABLE "judging_panel"`);
    await queryRunner.query(`DROP INDEX "public"."ix_judging_rubrics_round"`);
    await queryRunner.query(`DROP TABLE "judging_rubrics"`);
    await queryRunner.query(`DROP TABLE "judging_rounds"`);
  }
}
