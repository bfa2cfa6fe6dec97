import { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates (one per decision, numbers unique) and the per-centre, per-year number sequence. */

export class Certificates1795612951783 implements MigrationInterface {
  name = 'Certificates1795612951783';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "certificate" (
                "id" uuid NOT NULL,
                "number" character varying(40) NOT NULL,
                "decision_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "holder_id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "holder_name" character varying(300) NOT NULL,
                "masked_iin" character varying(12) NOT NULL,
                "issued_on" date NOT NULL,
                "valid_until" date NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'valid',
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoke_reason" text,
                "contents" jsonb NOT NULL,
                "credential" jsonb NOT NULL,
                "pdf_key" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_certificate_status" CHECK ("status" IN ('valid', 'expired', 'revoked')),
                CONSTRAINT "pk_certificate" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_certificate_holder" ON "certificate" ("holder_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_certificate_decision" ON "certificate" ("decision_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_certificate_number" ON "certificate" ("number")
        `);
    await queryRunner.query(`
            CREATE TABLE "certificate_sequence" (
                "centre_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "last" integer NOT NULL,
                CONSTRAINT "pk_certificate_sequence" PRIMARY KEY ("centre_id", "year")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate"
            ADD CONSTRAINT "fk_certificate_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "certificate" DROP CONSTRAINT "fk_certificate_decision"
        `);
    await queryRunner.query(`
            DROP TABLE "certificate_sequence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_certificate_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_certificate_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_certificate_holder"
        `);
    await queryRunner.query(`
            DROP TABLE "certificate"
        `);
  }
}
