import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exam sessions (seats counted on the row, so that taking one is a single conditional UPDATE),
 * their assessors, enrolments (one live per application), and theory tests with their items.
 */

export class SessionsTheoryTests1795610533199 implements MigrationInterface {
  name = 'SessionsTheoryTests1795610533199';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "exam_session" (
                "id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "program_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "place" character varying(500),
                "capacity" integer NOT NULL,
                "enrolled_count" integer NOT NULL DEFAULT '0',
                "status" character varying(20) NOT NULL DEFAULT 'scheduled',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_exam_session_status" CHECK ("status" IN ('scheduled', 'cancelled')),
                CONSTRAINT "ck_exam_session_seats" CHECK (
                    "capacity" > 0
                    AND "enrolled_count" BETWEEN 0 AND "capacity"
                ),
                CONSTRAINT "ck_exam_session_window" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "pk_exam_session" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_exam_session_centre" ON "exam_session" ("centre_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "session_assessor" (
                "session_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                CONSTRAINT "pk_session_assessor" PRIMARY KEY ("session_id", "assessor_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_assessor_assessor" ON "session_assessor" ("assessor_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "enrolment" (
                "id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "examined_skill_ids" jsonb NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'enrolled',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_enrolment_status" CHECK ("status" IN ('enrolled', 'withdrawn')),
                CONSTRAINT "pk_enrolment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_enrolment_session" ON "enrolment" ("session_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_enrolment_application" ON "enrolment" ("application_id")
            WHERE "status" = 'enrolled'
        `);
    await queryRunner.query(`
            CREATE TABLE "theory_test" (
                "id" uuid NOT NULL,
                "enrolment_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'in_progress',
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by" character varying(20),
                "score" jsonb,
                CONSTRAINT "ck_theory_test_status" CHECK ("status" IN ('in_progress', 'submitted')),
                CONSTRAINT "pk_theory_test" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_theory_test_deadline" ON "theory_test" ("deadline_at")
            WHERE "status" = 'in_progress'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_theory_test_enrolment" ON "theory_test" ("enrolment_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "theory_test_item" (
                "id" uuid NOT NULL,
                "test_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "question_version_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "option_order" jsonb NOT NULL,
                "answer_option_ids" jsonb,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_theory_test_item" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_theory_test_item_position" ON "theory_test_item" ("test_id", "position")
        `);
    await queryRunner.query(`
            ALTER TABLE "exam_session"
            ADD CONSTRAINT "fk_exam_session_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "exam_session"
            ADD CONSTRAINT "fk_exam_session_program" FOREIGN KEY ("program_id") REFERENCES "qualification_program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_assessor"
            ADD CONSTRAINT "fk_session_assessor_session" FOREIGN KEY ("session_id") REFERENCES "exam_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_assessor"
            ADD CONSTRAINT "fk_session_assessor_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolment"
            ADD CONSTRAINT "fk_enrolment_session" FOREIGN KEY ("session_id") REFERENCES "exam_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolment"
            ADD CONSTRAINT "fk_enrolment_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test"
            ADD CONSTRAINT "fk_theory_test_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test_item"
            ADD CONSTRAINT "fk_theory_test_item_test" FOREIGN KEY ("test_id") REFERENCES "theory_test"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test_item"
            ADD CONSTRAINT "fk_theory_test_item_question_version" FOREIGN KEY ("question_version_id") REFERENCES "question_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "theory_test_item" DROP CONSTRAINT "fk_theory_test_item_question_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test_item" DROP CONSTRAINT "fk_theory_test_item_test"
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test" DROP CONSTRAINT "fk_theory_test_enrolment"
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolment" DROP CONSTRAINT "fk_enrolment_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "enrolment" DROP CONSTRAINT "fk_enrolment_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "session_assessor" DROP CONSTRAINT "fk_session_assessor_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "session_assessor" DROP CONSTRAINT "fk_session_assessor_session"
        `);
    await queryRunner.query(`
            ALTER TABLE "exam_session" DROP CONSTRAINT "fk_exam_session_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "exam_session" DROP CONSTRAINT "fk_exam_session_centre"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_theory_test_item_position"
        `);
    await queryRunner.query(`
            DROP TABLE "theory_test_item"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_theory_test_enrolment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_theory_test_deadline"
        `);
    await queryRunner.query(`
            DROP TABLE "theory_test"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_enrolment_application"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_enrolment_session"
        `);
    await queryRunner.query(`
            DROP TABLE "enrolment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_assessor_assessor"
        `);
    await queryRunner.query(`
            DROP TABLE "session_assessor"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_exam_session_centre"
        `);
    await queryRunner.query(`
            DROP TABLE "exam_session"
        `);
  }
}
