import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appeals (one per decision), their panels and re-assessments; a decision made on appeal links the
 * one it supersedes, and may await sign-off beside it, so "one live decision" becomes one pending
 * and one approved per application.
 */

export class Appeals1795615496910 implements MigrationInterface {
  name = 'Appeals1795615496910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_decision_live"
        `);
    await queryRunner.query(`
            CREATE TABLE "appeal" (
                "id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "decision_id" uuid NOT NULL,
                "contested_skill_ids" jsonb NOT NULL,
                "grounds" text NOT NULL,
                "deadline" date NOT NULL,
                "status" character varying(20) NOT NULL,
                "heard_at" TIMESTAMP WITH TIME ZONE,
                "new_decision_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_appeal_status" CHECK (
                    "status" IN (
                        'lodged',
                        'hearing',
                        'upheld',
                        'reassessment',
                        'reassessed',
                        'resolved'
                    )
                ),
                CONSTRAINT "pk_appeal" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_appeal_application" ON "appeal" ("application_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_appeal_decision" ON "appeal" ("decision_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "appeal_panel_member" (
                "appeal_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "vote" character varying(20),
                "reason" text,
                "voted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_appeal_panel_member_voted" CHECK (("vote" IS NULL) = ("voted_at" IS NULL)),
                CONSTRAINT "ck_appeal_panel_member_vote" CHECK (
                    "vote" IS NULL
                    OR "vote" IN ('uphold', 'reassess')
                ),
                CONSTRAINT "pk_appeal_panel_member" PRIMARY KEY ("appeal_id", "assessor_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_appeal_panel_member_assessor" ON "appeal_panel_member" ("assessor_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "appeal_reassessment" (
                "appeal_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "result" character varying(10) NOT NULL,
                "assessor_id" uuid NOT NULL,
                "note" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_appeal_reassessment_result" CHECK ("result" IN ('passed', 'failed')),
                CONSTRAINT "pk_appeal_reassessment" PRIMARY KEY ("appeal_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "decision"
            ADD "supersedes_id" uuid
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_approved" ON "decision" ("application_id")
            WHERE "status" = 'approved'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_pending" ON "decision" ("application_id")
            WHERE "status" = 'pending_signoff'
        `);
    await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "fk_decision_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal"
            ADD CONSTRAINT "fk_appeal_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal"
            ADD CONSTRAINT "fk_appeal_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal"
            ADD CONSTRAINT "fk_appeal_new_decision" FOREIGN KEY ("new_decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member"
            ADD CONSTRAINT "fk_appeal_panel_member_appeal" FOREIGN KEY ("appeal_id") REFERENCES "appeal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member"
            ADD CONSTRAINT "fk_appeal_panel_member_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment"
            ADD CONSTRAINT "fk_appeal_reassessment_appeal" FOREIGN KEY ("appeal_id") REFERENCES "appeal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment"
            ADD CONSTRAINT "fk_appeal_reassessment_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment"
            ADD CONSTRAINT "fk_appeal_reassessment_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP CONSTRAINT "fk_appeal_reassessment_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP CONSTRAINT "fk_appeal_reassessment_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP CONSTRAINT "fk_appeal_reassessment_appeal"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" DROP CONSTRAINT "fk_appeal_panel_member_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" DROP CONSTRAINT "fk_appeal_panel_member_appeal"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "fk_appeal_new_decision"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "fk_appeal_decision"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "fk_appeal_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_supersedes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_decision_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_decision_approved"
        `);
    await queryRunner.query(`
            ALTER TABLE "decision" DROP COLUMN "supersedes_id"
        `);
    await queryRunner.query(`
            DROP TABLE "appeal_reassessment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_appeal_panel_member_assessor"
        `);
    await queryRunner.query(`
            DROP TABLE "appeal_panel_member"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_appeal_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_appeal_application"
        `);
    await queryRunner.query(`
            DROP TABLE "appeal"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_live" ON "decision" ("application_id")
            WHERE "status" IN ('pending_signoff', 'approved')
        `);
  }
}
