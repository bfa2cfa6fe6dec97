import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rights are fixed when they are granted (docs/DECISIONS.md): a signed decision stores the terms
 * it grants — certificate validity, credit validity, appeal window, retake wait — and a
 * certificate its validity in months. Existing signed decisions get their program's current
 * terms (the centre's active program for the card, else the domain's defaults: 60 months,
 * 12 months, 10 days, 30 days), which is what they were read as until now; existing certificates
 * keep their dates, their validity in months read from them.
 */
export class DecisionTerms1796400100000 implements MigrationInterface {
  name = 'DecisionTerms1796400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "decision"
              ADD "certificate_validity_months" smallint,
              ADD "credit_validity_months" smallint,
              ADD "appeal_window_days" smallint,
              ADD "retake_wait_days" smallint
        `);
    await queryRunner.query(`
            UPDATE "decision" d
               SET "certificate_validity_months" = COALESCE(p."certificate_validity_months", 60),
                   "credit_validity_months" = COALESCE(p."credit_validity_months", 12),
                   "appeal_window_days" = COALESCE(p."appeal_window_days", 10),
                   "retake_wait_days" = COALESCE(p."retake_wait_days", 30)
              FROM "application" a
              LEFT JOIN "qualification_program" p
                ON p."centre_id" = a."centre_id" AND p."card_id" = a."card_id" AND p."status" = 'active'
             WHERE a."id" = d."application_id" AND d."status" IN ('approved', 'superseded')
        `);
    await queryRunner.query(`
            ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_terms" CHECK (
              "status" NOT IN ('approved', 'superseded') OR ("certificate_validity_months" IS NOT NULL AND "credit_validity_months" IS NOT NULL AND "appeal_window_days" IS NOT NULL AND "retake_wait_days" IS NOT NULL)
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate" ADD "validity_months" smallint
        `);
    await queryRunner.query(`
            UPDATE "certificate"
               SET "validity_months" = (EXTRACT(YEAR FROM age("valid_until", "issued_on")) * 12
                                        + EXTRACT(MONTH FROM age("valid_until", "issued_on")))::smallint
        `);
    await queryRunner.query(`
            ALTER TABLE "certificate" ALTER COLUMN "validity_months" SET NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "certificate" DROP COLUMN "validity_months"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_terms"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision"
              DROP COLUMN "certificate_validity_months",
              DROP COLUMN "credit_validity_months",
              DROP COLUMN "appeal_window_days",
              DROP COLUMN "retake_wait_days"
        `);
  }
}
