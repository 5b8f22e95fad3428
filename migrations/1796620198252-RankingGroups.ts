import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round's fixed result ranks each group on its own: its category, within the unit of the
 * round's scope when the round is scoped by unit. round_rankings keeps the group of each entry.
 * Results fixed before: the entry's category, the ancestor of its unit at the round's scope
 * depth (its own unit when it sits above), and its rank in that group by the former rank across
 * the round (a strict order).
 */
export class RankingGroups1796620198252 implements MigrationInterface {
  name = 'RankingGroups1796620198252';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "category_id" uuid`);
    await queryRunner.query(`ALTER TABLE "round_rankings" ADD "scope_unit_id" uuid`);
    await queryRunner.query(
      `UPDATE "round_rankings" rr SET "category_id" = e."category_id",
         "scope_unit_id" = CASE WHEN r."scope_depth" IS NULL THEN NULL
           ELSE coalesce(nullif(split_part(u."path", '/', r."scope_depth" + 1), '')::uuid, e."unit_id") END
       FROM "entries" e, "org_units" u, "contest_rounds" r
       WHERE e."id" = rr."entry_id" AND u."id" = e."unit_id" AND r."id" = rr."round_id"`,
    );
    await queryRunner.query(
      `UPDATE "round_rankings" rr SET "rank" = g."n"
       FROM (SELECT "round_id", "entry_id", row_number() OVER (
               PARTITION BY "round_id", "category_id", "scope_unit_id" ORDER BY "rank", "entry_id") AS "n"
             FROM "round_rankings") g
       WHERE g."round_id" = rr."round_id" AND g."entry_id" = rr."entry_id"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one strict order across the round: by score, then the rank in the group.
    await queryRunner.query(
      `UPDATE "round_rankings" rr SET "rank" = g."n"
       FROM (SELECT "round_id", "entry_id", row_number() OVER (
               PARTITION BY "round_id" ORDER BY "score" DESC NULLS LAST, "rank", "entry_id") AS "n"
             FROM "round_rankings") g
       WHERE g."round_id" = rr."round_id" AND g."entry_id" = rr."entry_id"`,
    );
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "scope_unit_id"`);
    await queryRunner.query(`ALTER TABLE "round_rankings" DROP COLUMN "category_id"`);
  }
}
