import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocation through W3C Bitstring Status Lists: each centre's lists (the signed list credentials),
 * the counter that gives every credential its own bit, the bit of each certificate, and the
 * credentials for partial credit. Certificates issued before keep no bit (their credentials name
 * the public verification page as their status).
 */
export class CredentialStatusLists1796400400000 implements MigrationInterface {
  name = 'CredentialStatusLists1796400400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "credential_status_list" (
                "centre_id" uuid NOT NULL,
                "list_number" integer NOT NULL,
                "credential" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_credential_status_list_number" CHECK ("list_number" >= 0),
                CONSTRAINT "pk_credential_status_list" PRIMARY KEY ("centre_id", "list_number")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "credential_status_sequence" (
                "centre_id" uuid NOT NULL,
                "last" integer NOT NULL,
                CONSTRAINT "pk_credential_status_sequence" PRIMARY KEY ("centre_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate" ADD "status_list" integer, ADD "status_index" integer
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_certificate_status_entry" ON "certificate" ("centre_id", "status_list", "status_index")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_credential" (
                "id" uuid NOT NULL,
                "decision_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "holder_id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "function_id" uuid NOT NULL,
                "status_list" integer NOT NULL,
                "status_index" integer NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'valid',
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "credential" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ck_credit_credential_status" CHECK ("status" IN ('valid', 'revoked')),
                CONSTRAINT "pk_credit_credential" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_credit_credential_function" ON "credit_credential" ("decision_id", "function_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_credit_credential_status" ON "credit_credential" ("centre_id", "status_list", "status_index")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_credit_credential_application" ON "credit_credential" ("application_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credit_credential"`);
    await queryRunner.query(`DROP INDEX "public"."uq_certificate_status_entry"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP COLUMN "status_index", DROP COLUMN "status_list"`);
    await queryRunner.query(`DROP TABLE "credential_status_sequence"`);
    await queryRunner.query(`DROP TABLE "credential_status_list"`);
  }
}
