import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795681832074 implements MigrationInterface {
  name = 'Initial1795681832074';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."org_unit_status" AS ENUM('active', 'merged', 'dissolved')`,
    );
    await queryRunner.query(
      `CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(50) NOT NULL, "name" character varying(300) NOT NULL, "name_search" character varying(300) NOT NULL, "kind" character varying(50) NOT NULL, "parent_id" uuid, "path" text NOT NULL, "depth" integer NOT NULL, "status" "public"."org_unit_status" NOT NULL DEFAULT 'active', "merged_into_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_org_units_merged_into" ON "org_units"  ("merged_into_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_org_units_parent" ON "org_units"  ("parent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_org_units_code" ON "org_units"  ("code") `);
    await queryRunner.query(
      `CREATE TYPE "public"."org_unit_event_type" AS ENUM('created', 'renamed', 'recoded', 'moved', 'merged', 'absorbed', 'dissolved', 'imported')`,
    );
    await queryRunner.query(
      `CREATE TABLE "org_unit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "unit_id" uuid NOT NULL, "type" "public"."org_unit_event_type" NOT NULL, "before" jsonb, "after" jsonb, "effective_on" date, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae5890c582ee2fe371069776bee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_org_unit_events_unit" ON "org_unit_events"  ("unit_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('admin', 'organizer', 'judge', 'contestant')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."user_status" AS ENUM('active', 'disabled')`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254), "phone" character varying(16), "full_name" character varying(200) NOT NULL, "password_hash" character varying(200) NOT NULL, "role" "public"."user_role" NOT NULL, "status" "public"."user_status" NOT NULL DEFAULT 'active', "unit_id" uuid, "session_version" integer NOT NULL DEFAULT '0', "password_changed_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_unit" ON "users"  ("unit_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_phone" ON "users"  ("phone") WHERE phone IS NOT NULL AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") WHERE email IS NOT NULL AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."contest_role" AS ENUM('organizer', 'judge', 'contestant')`,
    );
    await queryRunner.query(
      `CREATE TABLE "contest_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."contest_role" NOT NULL, "category_ids" uuid array, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f200c6fdd705961202971b3ae8f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contest_memberships_user" ON "contest_memberships"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contest_memberships" ON "contest_memberships"  ("contest_id", "user_id", "role") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), "ip" character varying(64), "user_agent" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("key" character varying(300) NOT NULL, "failures" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "lockouts" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f90e70c50d5744e4d9f41dd397c" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" character varying(80) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" character varying(80) NOT NULL, "contest_id" uuid, "before" jsonb, "after" jsonb, "reason" character varying(500), "request_id" character varying(64), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_contest" ON "audit_log"  ("contest_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_subject" ON "audit_log"  ("subject_type", "subject_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "FK_3e71204d9771efc4a0c529fa467" FOREIGN KEY ("merged_into_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a" FOREIGN KEY ("unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_memberships" ADD CONSTRAINT "FK_7dffd0cf8b2534898dcd1e6705a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // written by hand: what entity metadata cannot express
    await queryRunner.query(
      `CREATE INDEX "ix_org_units_path" ON "org_units" ("path" text_pattern_ops)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."ix_org_units_path"`);
    await queryRunner.query(
      `ALTER TABLE "contest_memberships" DROP CONSTRAINT "FK_7dffd0cf8b2534898dcd1e6705a"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a"`);
    await queryRunner.query(
      `ALTER TABLE "org_units" DROP CONSTRAINT "FK_3e71204d9771efc4a0c529fa467"`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_contest"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contest_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contest_memberships_user"`);
    await queryRunner.query(`DROP TABLE "contest_memberships"`);
    await queryRunner.query(`DROP TYPE "public"."contest_role"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_phone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_unit"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_status"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_org_unit_events_unit"`);
    await queryRunner.query(`DROP TABLE "org_unit_events"`);
    await queryRunner.query(`DROP TYPE "public"."org_unit_event_type"`);
    await queryRunner.query(`DROP INDEX "public"."uq_org_units_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_org_units_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_org_units_merged_into"`);
    await queryRunner.query(`DROP TABLE "org_units"`);
    await queryRunner.query(`DROP TYPE "public"."org_unit_status"`);
  }
}
