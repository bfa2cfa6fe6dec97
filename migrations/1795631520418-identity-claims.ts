import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One ИИН may be declared by more than one account (issue 17): the unique index answered "taken"
 * to anyone who tried a stranger's ИИН, an oracle for the full number, and let a stranger who
 * declared an ИИН first lock its owner out. A plain index keeps the lookups; a centre's identity
 * check confirms which account holds the ИИН, at most one per ИИН.
 */
export class IdentityClaims1795631520418 implements MigrationInterface {
  name = 'IdentityClaims1795631520418';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_candidate_profile_iin"
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_candidate_profile_iin" ON "candidate_profile" ("iin")
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_profile"
            ADD "identity_confirmed_at" TIMESTAMP WITH TIME ZONE,
            ADD "identity_confirmed_by" uuid,
            ADD "identity_document" character varying(200),
            ADD CONSTRAINT "ck_candidate_profile_identity_confirmation" CHECK (
                ("identity_confirmed_at" IS NULL) = ("identity_confirmed_by" IS NULL)
                AND ("identity_confirmed_at" IS NULL) = ("identity_document" IS NULL)
            ),
            ADD CONSTRAINT "fk_candidate_profile_identity_confirmed_by" FOREIGN KEY ("identity_confirmed_by")
                REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_candidate_profile_iin_confirmed" ON "candidate_profile" ("iin")
            WHERE "identity_confirmed_at" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_candidate_profile_iin_confirmed"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_profile"
            DROP CONSTRAINT "fk_candidate_profile_identity_confirmed_by",
            DROP CONSTRAINT "ck_candidate_profile_identity_confirmation",
            DROP COLUMN "identity_document",
            DROP COLUMN "identity_confirmed_by",
            DROP COLUMN "identity_confirmed_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_candidate_profile_iin"
        `);
    // Fails while two accounts declare one ИИН: which of them keeps it is a decision, not a migration.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_candidate_profile_iin" ON "candidate_profile" ("iin")
        `);
  }
}
