import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations to judge or co-organize a contest, by phone or email, redeemed with a code. */
export class ContestInvitations1796644379879 implements MigrationInterface {
  name = 'ContestInvitations1796644379879';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contest_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "role" "public"."contest_role" NOT NULL, "phone" character varying(16), "email" character varying(254), "category_ids" uuid array, "code_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "accepted_by" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0278a88cdea2b3fd305b356f794" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_contest_invitations_contest" ON "contest_invitations"  ("contest_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contest_invitations_code" ON "contest_invitations"  ("code_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_invitations" ADD CONSTRAINT "FK_71adf7d5ed5581a2cbb1c5e6ae9" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contest_invitations" DROP CONSTRAINT "FK_71adf7d5ed5581a2cbb1c5e6ae9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_contest_invitations_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contest_invitations_contest"`);
    await queryRunner.query(`DROP TABLE "contest_invitations"`);
  }
}
