import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidates (profile with a unique ИИН, education, employment), applications (one open per
 * candidate and card: a partial unique index), evidence files and claims, and the outbox that
 * carries committed events to the queues.
 */

export class CandidatesEvidenceOutbox1795608874474 implements MigrationInterface {
  name = 'CandidatesEvidenceOutbox1795608874474';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "candidate_profile" (
                "user_id" uuid NOT NULL,
                "iin" character varying(12) NOT NULL,
                "birth_date" date NOT NULL,
                "sex" character varying(10) NOT NULL,
                "phone" character varying(30),
                "address" character varying(500),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_candidate_profile_iin" CHECK ("iin" ~ '^[0-9]{12}$'),
                CONSTRAINT "ck_candidate_profile_sex" CHECK ("sex" IN ('male', 'female')),
                CONSTRAINT "pk_candidate_profile" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_candidate_profile_iin" ON "candidate_profile" ("iin")
        `);
    await queryRunner.query(`
            CREATE TABLE "candidate_education" (
                "id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "level" character varying(30) NOT NULL,
                "institution" character varying(300) NOT NULL,
                "specialty" character varying(300),
                "qualification" character varying(300),
                "graduation_year" smallint NOT NULL,
                "document_ref" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_candidate_education_level" CHECK (
                    "level" IN (
                        'general_secondary',
                        'tvet_worker',
                        'tvet_specialist',
                        'post_secondary',
                        'higher',
                        'postgraduate'
                    )
                ),
                CONSTRAINT "pk_candidate_education" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_candidate_education_candidate" ON "candidate_education" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "candidate_employment" (
                "id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "employer" character varying(300) NOT NULL,
                "position" character varying(300) NOT NULL,
                "field" character varying(60) NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                "document_ref" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_candidate_employment_period" CHECK (
                    "end_date" IS NULL
                    OR "end_date" >= "start_date"
                ),
                CONSTRAINT "pk_candidate_employment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_candidate_employment_candidate" ON "candidate_employment" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "application" (
                "id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "standard_version_id" uuid NOT NULL,
                "pathway" character varying(20) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "eligibility" jsonb,
                "eligibility_checked_at" TIMESTAMP WITH TIME ZONE,
                "eligibility_override" jsonb,
                "submission" integer NOT NULL DEFAULT '0',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_application_status" CHECK (
                    "status" IN (
                        'draft',
                        'submitted',
                        'eligible',
                        'ineligible',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "ck_application_pathway" CHECK ("pathway" IN ('assessment', 'recognition')),
                CONSTRAINT "pk_application" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_application_centre" ON "application" ("centre_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_open" ON "application" ("candidate_id", "card_id")
            WHERE "status" <> 'withdrawn'
        `);
    await queryRunner.query(`
            CREATE TABLE "evidence_file" (
                "id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "sha256" character varying(64) NOT NULL,
                "size_bytes" integer NOT NULL,
                "mime" character varying(50) NOT NULL,
                "file_name" character varying(130) NOT NULL,
                "storage_key" character varying(200) NOT NULL,
                "type" character varying(30) NOT NULL,
                "issuer" character varying(300) NOT NULL,
                "issue_date" date NOT NULL,
                "description" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_evidence_file_mime" CHECK (
                    "mime" IN ('application/pdf', 'image/jpeg', 'image/png')
                ),
                CONSTRAINT "ck_evidence_file_type" CHECK (
                    "type" IN (
                        'course_certificate',
                        'employer_reference',
                        'work_sample',
                        'employment_record',
                        'diploma',
                        'other'
                    )
                ),
                CONSTRAINT "pk_evidence_file" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_evidence_file_content" ON "evidence_file" ("candidate_id", "sha256")
        `);
    await queryRunner.query(`
            CREATE TABLE "evidence_claim" (
                "application_id" uuid NOT NULL,
                "evidence_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_evidence_claim" PRIMARY KEY ("application_id", "evidence_id", "skill_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_evidence_claim_skill" ON "evidence_claim" ("skill_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_evidence_claim_evidence" ON "evidence_claim" ("evidence_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_event" (
                "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                "event_type" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" character varying(500),
                CONSTRAINT "pk_outbox_event" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_event_pending" ON "outbox_event" ("id")
            WHERE "dispatched_at" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_profile"
            ADD CONSTRAINT "fk_candidate_profile_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_education"
            ADD CONSTRAINT "fk_candidate_education_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_employment"
            ADD CONSTRAINT "fk_candidate_employment_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application"
            ADD CONSTRAINT "fk_application_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application"
            ADD CONSTRAINT "fk_application_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "application"
            ADD CONSTRAINT "fk_application_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_file"
            ADD CONSTRAINT "fk_evidence_file_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_claim"
            ADD CONSTRAINT "fk_evidence_claim_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_claim"
            ADD CONSTRAINT "fk_evidence_claim_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_claim"
            ADD CONSTRAINT "fk_evidence_claim_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evidence_claim" DROP CONSTRAINT "fk_evidence_claim_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_claim" DROP CONSTRAINT "fk_evidence_claim_evidence"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_claim" DROP CONSTRAINT "fk_evidence_claim_application"
        `);
    await queryRunner.query(`
            ALTER TABLE "evidence_file" DROP CONSTRAINT "fk_evidence_file_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "application" DROP CONSTRAINT "fk_application_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "application" DROP CONSTRAINT "fk_application_centre"
        `);
    await queryRunner.query(`
            ALTER TABLE "application" DROP CONSTRAINT "fk_application_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_employment" DROP CONSTRAINT "fk_candidate_employment_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_education" DROP CONSTRAINT "fk_candidate_education_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_profile" DROP CONSTRAINT "fk_candidate_profile_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_event_pending"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_evidence_claim_evidence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_evidence_claim_skill"
        `);
    await queryRunner.query(`
            DROP TABLE "evidence_claim"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_evidence_file_content"
        `);
    await queryRunner.query(`
            DROP TABLE "evidence_file"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_application_open"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_application_centre"
        `);
    await queryRunner.query(`
            DROP TABLE "application"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_candidate_employment_candidate"
        `);
    await queryRunner.query(`
            DROP TABLE "candidate_employment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_candidate_education_candidate"
        `);
    await queryRunner.query(`
            DROP TABLE "candidate_education"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_candidate_profile_iin"
        `);
    await queryRunner.query(`
            DROP TABLE "candidate_profile"
        `);
  }
}
