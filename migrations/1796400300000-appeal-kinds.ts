import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appeals (docs/DECISIONS.md): besides a signed decision, a refusal of admission and the
 * procedure can be appealed; a re-assessment is decided by the panel's majority per contested
 * skill, each member recording a verdict (with a re-examination record where one is needed).
 * Existing appeals are decision appeals; their re-assessments stay as the verdicts of the members
 * who recorded them, so an appeal still being re-assessed waits for the rest of its panel.
 */
export class AppealKinds1796400300000 implements MigrationInterface {
  name = 'AppealKinds1796400300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "appeal"
              ADD "kind" varchar(20) NOT NULL DEFAULT 'decision',
              ADD "evidence_ids" jsonb NOT NULL DEFAULT '[]',
              ADD "application_submission" integer,
              ALTER COLUMN "decision_id" DROP NOT NULL,
              ALTER COLUMN "deadline" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "ck_appeal_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" ADD CONSTRAINT "ck_appeal_status" CHECK (
              "status" IN ('lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved', 'admitted', 'sustained')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" ADD CONSTRAINT "ck_appeal_kind" CHECK ("kind" IN ('decision', 'admission', 'procedural'))
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" ADD CONSTRAINT "ck_appeal_kind_decision" CHECK (("kind" = 'decision') = ("decision_id" IS NOT NULL))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_appeal_admission" ON "appeal" ("application_id", "application_submission")
            WHERE "kind" = 'admission'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_appeal_procedural_open" ON "appeal" ("application_id")
            WHERE "kind" = 'procedural' AND "status" IN ('lodged', 'hearing')
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" DROP CONSTRAINT "ck_appeal_panel_member_vote"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" ADD CONSTRAINT "ck_appeal_panel_member_vote" CHECK (
              "vote" IS NULL OR "vote" IN ('uphold', 'reassess', 'admit', 'sustain')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" ADD "re_examination" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP CONSTRAINT "pk_appeal_reassessment"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment"
            ADD CONSTRAINT "pk_appeal_reassessment" PRIMARY KEY ("appeal_id", "skill_id", "assessor_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP CONSTRAINT "pk_appeal_reassessment"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" ADD CONSTRAINT "pk_appeal_reassessment" PRIMARY KEY ("appeal_id", "skill_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_reassessment" DROP COLUMN "re_examination"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" DROP CONSTRAINT "ck_appeal_panel_member_vote"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal_panel_member" ADD CONSTRAINT "ck_appeal_panel_member_vote" CHECK (
              "vote" IS NULL OR "vote" IN ('uphold', 'reassess')
            )
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_appeal_procedural_open"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_appeal_admission"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "ck_appeal_kind_decision"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "ck_appeal_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" DROP CONSTRAINT "ck_appeal_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal" ADD CONSTRAINT "ck_appeal_status" CHECK (
              "status" IN ('lodged', 'hearing', 'upheld', 'reassessment', 'reassessed', 'resolved')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "appeal"
              DROP COLUMN "kind",
              DROP COLUMN "evidence_ids",
              DROP COLUMN "application_submission",
              ALTER COLUMN "decision_id" SET NOT NULL,
              ALTER COLUMN "deadline" SET NOT NULL
        `);
  }
}
