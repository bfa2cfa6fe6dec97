import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions (issue 17): each refresh token carries when its session began, so that it ends
 * SESSION_MAX_AGE_DAYS after the sign-in however often it is refreshed; a session already open
 * counts from its first token. The partial index lets
 * each request ask in one probe whether the session its access token names has been revoked.
 */
export class SessionLifetime1796401700000 implements MigrationInterface {
  name = 'SessionLifetime1796401700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "refresh_token" ADD "session_started_at" timestamptz
        `);
    await queryRunner.query(`
            UPDATE "refresh_token" r
               SET "session_started_at" = f."started_at"
              FROM (SELECT "family_id", MIN("created_at") AS "started_at" FROM "refresh_token" GROUP BY "family_id") f
             WHERE f."family_id" = r."family_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token" ALTER COLUMN "session_started_at" SET NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_token_revoked_family" ON "refresh_token" ("family_id")
            WHERE "revoked_at" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_refresh_token_revoked_family"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP COLUMN "session_started_at"`);
  }
}
