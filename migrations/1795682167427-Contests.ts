import { MigrationInterface, QueryRunner } from 'typeorm';

export class Contests1795682167427 implements MigrationInterface {
  name = 'Contests1795682167427';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."contest_status" AS ENUM('draft', 'open', 'judging', 'closed', 'published')`,
    );
    await queryRunner.query(
      `CREATE TABLE "contests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(120) NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "time_zone" character varying(64) NOT NULL DEFAULT 'Asia/Ho_Chi_Minh', "status" "public"."contest_status" NOT NULL DEFAULT 'draft', "settings" jsonb NOT NULL, "owner_unit_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revision" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_0b8012f5cf6f444a52179e1227a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contests_slug" ON "contests"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "contest_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "rules" jsonb NOT NULL, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_271e4727e1b08b8027f14b9d0e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contest_categories_code" ON "contest_categories"  ("contest_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."round_kind" AS ENUM('submission', 'screening', 'judging', 'public_vote', 'final')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."round_status" AS ENUM('pending', 'open', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "contest_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "position" integer NOT NULL, "name" character varying(200) NOT NULL, "kind" "public"."round_kind" NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "grace_seconds" integer NOT NULL DEFAULT '0', "scope_unit_id" uuid, "scope_depth" integer, "status" "public"."round_status" NOT NULL DEFAULT 'pending', "results_fixed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_967cd11ab2b7c4d9da4ce24def9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contest_rounds_position" ON "contest_rounds"  ("contest_id", "position") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_memberships" ADD CONSTRAINT "FK_37e080b5477982405bfc87de5db" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_categories" ADD CONSTRAINT "FK_4b2995b1241bc7d19535a119e7f" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_rounds" ADD CONSTRAINT "FK_2990351e0fcd44bf0331f40b90c" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contest_rounds" DROP CONSTRAINT "FK_2990351e0fcd44bf0331f40b90c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_categories" DROP CONSTRAINT "FK_4b2995b1241bc7d19535a119e7f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_memberships" DROP CONSTRAINT "FK_37e080b5477982405bfc87de5db"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_contest_rounds_position"`);
    await queryRunner.query(`DROP TABLE "contest_rounds"`);
    await queryRunner.query(`DROP TYPE "public"."round_status"`);
    await queryRunner.query(`DROP TYPE "public"."round_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contest_categories_code"`);
    await queryRunner.query(`DROP TABLE "contest_categories"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contests_slug"`);
    await queryRunner.query(`DROP TABLE "contests"`);
    await queryRunner.query(`DROP TYPE "public"."contest_status"`);
  }
}
