import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessors (qualification, accreditation per card, conflict declarations that are closed, never
 * deleted), qualification programs (versioned; one active per centre and card) with practical
 * tasks, and the centres' item banks with immutable question versions.
 */

export class AssessorsPrograms1795610186553 implements MigrationInterface {
  name = 'AssessorsPrograms1795610186553';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "assessor_profile" (
                "user_id" uuid NOT NULL,
                "ork_level" smallint NOT NULL,
                "field" character varying(300) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_assessor_profile_ork_level" CHECK (
                    "ork_level" BETWEEN 1 AND 8
                ),
                CONSTRAINT "pk_assessor_profile" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "assessor_accreditation" (
                "id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "valid_from" date NOT NULL,
                "valid_to" date NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_assessor_accreditation_status" CHECK ("status" IN ('active', 'revoked')),
                CONSTRAINT "ck_assessor_accreditation_period" CHECK ("valid_to" >= "valid_from"),
                CONSTRAINT "pk_assessor_accreditation" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_assessor_accreditation_assessor" ON "assessor_accreditation" ("assessor_id", "card_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "conflict_declaration" (
                "id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "candidate_id" uuid,
                "employer" character varying(300),
                "reason" text NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'open',
                "closed_reason" text,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_conflict_declaration_closed" CHECK (("status" = 'open') = ("closed_at" IS NULL)),
                CONSTRAINT "ck_conflict_declaration_subject" CHECK (
                    (
                        "kind" = 'candidate'
                        AND "candidate_id" IS NOT NULL
                        AND "employer" IS NULL
                    )
                    OR (
                        "kind" = 'employer'
                        AND "employer" IS NOT NULL
                        AND "candidate_id" IS NULL
                    )
                ),
                CONSTRAINT "ck_conflict_declaration_status" CHECK ("status" IN ('open', 'closed')),
                CONSTRAINT "ck_conflict_declaration_kind" CHECK ("kind" IN ('candidate', 'employer')),
                CONSTRAINT "pk_conflict_declaration" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_conflict_declaration_assessor" ON "conflict_declaration" ("assessor_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "qualification_program" (
                "id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "standard_version_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "questions_per_skill" smallint NOT NULL DEFAULT '3',
                "time_limit_minutes" smallint NOT NULL DEFAULT '60',
                "pass_mark_percent" smallint NOT NULL DEFAULT '70',
                "assessors_per_session" smallint NOT NULL DEFAULT '2',
                "certificate_validity_months" smallint NOT NULL DEFAULT '60',
                "credit_validity_months" smallint NOT NULL DEFAULT '12',
                "appeal_window_days" smallint NOT NULL DEFAULT '10',
                "retake_wait_days" smallint NOT NULL DEFAULT '30',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "activated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_program_positive" CHECK (
                    "questions_per_skill" > 0
                    AND "time_limit_minutes" > 0
                    AND "assessors_per_session" > 0
                ),
                CONSTRAINT "ck_program_pass_mark" CHECK (
                    "pass_mark_percent" BETWEEN 1 AND 100
                ),
                CONSTRAINT "ck_program_status" CHECK ("status" IN ('draft', 'active', 'superseded')),
                CONSTRAINT "pk_qualification_program" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_program_active" ON "qualification_program" ("centre_id", "card_id")
            WHERE "status" = 'active'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_program_version" ON "qualification_program" ("centre_id", "card_id", "version")
        `);
    await queryRunner.query(`
            CREATE TABLE "practical_task" (
                "id" uuid NOT NULL,
                "program_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "text" text NOT NULL,
                "ability_ids" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_practical_task" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_practical_task_program" ON "practical_task" ("program_id", "skill_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "question" (
                "id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "current_version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_question_status" CHECK ("status" IN ('active', 'retired')),
                CONSTRAINT "pk_question" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_question_bank" ON "question" ("centre_id", "card_id", "skill_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "question_version" (
                "id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "type" character varying(20) NOT NULL,
                "text" text NOT NULL,
                "options" jsonb NOT NULL,
                "correct_option_ids" jsonb NOT NULL,
                "explanation" text,
                "knowledge_item_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_question_version_type" CHECK ("type" IN ('single', 'multiple')),
                CONSTRAINT "pk_question_version" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_question_version" ON "question_version" ("question_id", "version")
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_profile"
            ADD CONSTRAINT "fk_assessor_profile_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_accreditation"
            ADD CONSTRAINT "fk_assessor_accreditation_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_accreditation"
            ADD CONSTRAINT "fk_assessor_accreditation_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "conflict_declaration"
            ADD CONSTRAINT "fk_conflict_declaration_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "conflict_declaration"
            ADD CONSTRAINT "fk_conflict_declaration_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program"
            ADD CONSTRAINT "fk_program_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program"
            ADD CONSTRAINT "fk_program_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_task"
            ADD CONSTRAINT "fk_practical_task_program" FOREIGN KEY ("program_id") REFERENCES "qualification_program"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_task"
            ADD CONSTRAINT "fk_practical_task_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "fk_question_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "fk_question_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question"
            ADD CONSTRAINT "fk_question_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question_version"
            ADD CONSTRAINT "fk_question_version_question" FOREIGN KEY ("question_id") REFERENCES "question"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "question_version" DROP CONSTRAINT "fk_question_version_question"
        `);
    await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "fk_question_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "fk_question_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "question" DROP CONSTRAINT "fk_question_centre"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_task" DROP CONSTRAINT "fk_practical_task_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "practical_task" DROP CONSTRAINT "fk_practical_task_program"
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program" DROP CONSTRAINT "fk_program_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program" DROP CONSTRAINT "fk_program_centre"
        `);
    await queryRunner.query(`
            ALTER TABLE "conflict_declaration" DROP CONSTRAINT "fk_conflict_declaration_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "conflict_declaration" DROP CONSTRAINT "fk_conflict_declaration_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_accreditation" DROP CONSTRAINT "fk_assessor_accreditation_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_accreditation" DROP CONSTRAINT "fk_assessor_accreditation_assessor"
        `);
    await queryRunner.query(`
            ALTER TABLE "assessor_profile" DROP CONSTRAINT "fk_assessor_profile_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_question_version"
        `);
    await queryRunner.query(`
            DROP TABLE "question_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_question_bank"
        `);
    await queryRunner.query(`
            DROP TABLE "question"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_practical_task_program"
        `);
    await queryRunner.query(`
            DROP TABLE "practical_task"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_program_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_program_active"
        `);
    await queryRunner.query(`
            DROP TABLE "qualification_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_conflict_declaration_assessor"
        `);
    await queryRunner.query(`
            DROP TABLE "conflict_declaration"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_assessor_accreditation_assessor"
        `);
    await queryRunner.query(`
            DROP TABLE "assessor_accreditation"
        `);
    await queryRunner.query(`
            DROP TABLE "assessor_profile"
        `);
  }
}
