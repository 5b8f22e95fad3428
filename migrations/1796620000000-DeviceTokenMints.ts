import { MigrationInterface, QueryRunner } from 'typeorm';

/** Device tokens issued per client address and per browser fingerprint, in the current window. */
export class DeviceTokenMints1796620000000 implements MigrationInterface {
  name = 'DeviceTokenMints1796620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "device_token_mints" ("key" character varying(100) COLLATE "C" NOT NULL, "minted" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fd967f10cb23c0c4f6e4e2ab4a0" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "device_token_mints"`);
  }
}
