import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practical verdicts and signed sheets (signing locks them), evidence reviews (more evidence
 * asked for once), and the application status that hands an assessed application to decisions.
 */

export class PracticalReviews1795611167634 implements MigrationInterface {
  name = 'PracticalReviews1795611167634';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: TypeORM does not compare the text of CHECK constraints.
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status"
            CHECK ("status" IN ('draft', 'submitted', 'eligible', 'ineligible', 'awaiting_decision', 'withdrawn'))
        `);
    await queryRunner.query(`
            CREATE TABLE "practical_verdict" (
                "id" uuid NOT NULL,
                "enrolment_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "verdict" character varying(20) NOT NULL,
                "abilities_observed" jsonb NOT NULL,
                "comment" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_practical_verdict" CHECK ("verdict" IN ('competent', 'not_yet_competent')),
                CONSTRAINT "pk_practical_verdict" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_practical_verdict" ON "practical_verdict" ("enrolment_id", "assessor_id", "skill_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "practical_sheet" (
                "enrolment_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_practical_sheet" PRIMARY KEY ("enrolment_id", "assessor_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evidence_review" (
                "id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'pending',
                "criteria" jsonb,
                "comment" text,
                "more_requested_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_evidence_review_status" CHECK (
                    "status" IN (
                        'pending',
                        'more_requested',
                        'accepted',
                        'rejected'
                    )
                ),
                CONSTRAINT "pk_evidence_review" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_evidence_review_assessor" ON "evidence_review" ("assessor_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_evidence_review" ON "evidence_review" ("application_id", "skill_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict"
            ADD CONSTRAINT "fk_practical_verdict_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict"
            ADD CONSTRAINT "fk_practical_verdict_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict"
            ADD CONSTRAINT "fk_practical_verdict_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_sheet"
            ADD CONSTRAINT "fk_practical_sheet_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_review"
            ADD CONSTRAINT "fk_evidence_review_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_review"
            ADD CONSTRAINT "fk_evidence_review_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_review"
            ADD CONSTRAINT "fk_evidence_review_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evidence_review" DROP CONSTRAINT "fk_evidence_review_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_review" DROP CONSTRAINT "fk_evidence_review_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_review" DROP CONSTRAINT "fk_evidence_review_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_sheet" DROP CONSTRAINT "fk_practical_sheet_enrolment"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict" DROP CONSTRAINT "fk_practical_verdict_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict" DROP CONSTRAINT "fk_practical_verdict_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_verdict" DROP CONSTRAINT "fk_practical_verdict_enrolment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_evidence_review"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_evidence_review_assessor"
        `);
    await queryRunner.query(`
            DROP TABLE "evidence_review"
        `);
    await queryRunner.query(`
            DROP TABLE "practical_sheet"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_practical_verdict"
        `);
    await queryRunner.query(`
            DROP TABLE "practical_verdict"
        `);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status"
            CHECK ("status" IN ('draft', 'submitted', 'eligible', 'ineligible', 'withdrawn'))
        `);
  }
}
