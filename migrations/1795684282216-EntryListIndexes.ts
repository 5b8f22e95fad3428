import { MigrationInterface, QueryRunner } from 'typeorm';

export class EntryListIndexes1795684282216 implements MigrationInterface {
  name = 'EntryListIndexes1795684282216';

  // Keyset pages sorted on each whitelisted column without a status filter (the search among
  // them): one index range scan per page instead of sorting every match.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_title" ON "entries"  ("contest_id", "title", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_updated" ON "entries"  ("contest_id", "updated_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entries_contest_submitted" ON "entries"  ("contest_id", "submitted_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_updated"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entries_contest_title"`);
  }
}
