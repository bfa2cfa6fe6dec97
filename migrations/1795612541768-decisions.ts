import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions (one live per application: a partial unique index), and the application status
 * "decided" (written by hand: TypeORM does not compare CHECK constraint text).
 */

export class Decisions1795612541768 implements MigrationInterface {
  name = 'Decisions1795612541768';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status"
            CHECK ("status" IN ('draft', 'submitted', 'eligible', 'ineligible', 'awaiting_decision', 'decided', 'withdrawn'))
        `);
    await queryRunner.query(`
            CREATE TABLE "decision" (
                "id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "status" character varying(20) NOT NULL,
                "outcome" character varying(20) NOT NULL,
                "credited_skill_ids" jsonb NOT NULL,
                "result" jsonb NOT NULL,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "signed_by" uuid,
                "signed_at" TIMESTAMP WITH TIME ZONE,
                "return_reason" text,
                CONSTRAINT "ck_decision_outcome" CHECK (
                    "outcome" IN ('awarded', 'partial', 'not_awarded')
                ),
                CONSTRAINT "ck_decision_status" CHECK (
                    "status" IN (
                        'pending_signoff',
                        'approved',
                        'returned',
                        'superseded'
                    )
                ),
                CONSTRAINT "pk_decision" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_live" ON "decision" ("application_id")
            WHERE "status" IN ('pending_signoff', 'approved')
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_sequence" ON "decision" ("application_id", "sequence")
        `);
    await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "fk_decision_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "fk_decision_signed_by" FOREIGN KEY ("signed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_signed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_application"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_decision_sequence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_decision_live"
        `);
    await queryRunner.query(`
            DROP TABLE "decision"
        `);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status"
            CHECK ("status" IN ('draft', 'submitted', 'eligible', 'ineligible', 'awaiting_decision', 'withdrawn'))
        `);
  }
}
