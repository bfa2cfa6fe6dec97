import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standards catalogue: standards, their immutable versions, and each version's tree of
 * profession cards, labour functions, skills, abilities and knowledge items. Ids are assigned by
 * the importer so that a whole tree is written in a few multi-row inserts.
 */

export class StandardsCatalogue1795605846119 implements MigrationInterface {
  name = 'StandardsCatalogue1795605846119';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "standard" (
                "id" uuid NOT NULL,
                "title" character varying(500) NOT NULL,
                "title_key" character varying(500) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_standard" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_standard_title_key" ON "standard" ("title_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "standard_version" (
                "id" uuid NOT NULL,
                "standard_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "content_hash" character varying(64) NOT NULL,
                "text_hash" character varying(64) NOT NULL,
                "source_name" character varying(300) NOT NULL,
                "order_number" character varying(50),
                "order_date" date,
                "issued_by" character varying(500),
                "oked_codes" jsonb NOT NULL,
                "warnings" jsonb NOT NULL,
                "corrections" jsonb NOT NULL,
                "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_standard_version_version_positive" CHECK ("version" > 0),
                CONSTRAINT "pk_standard_version" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_standard_version_number" ON "standard_version" ("standard_id", "version")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_standard_version_content_hash" ON "standard_version" ("content_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "profession_card" (
                "id" uuid NOT NULL,
                "standard_version_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "printed_number" integer,
                "group_code" character varying(20),
                "occupation_code" character varying(20),
                "name" character varying(500) NOT NULL,
                "ork_level" smallint NOT NULL,
                "ork_sublevel" character varying(50),
                "qualification_reference" text,
                "education_level_text" text NOT NULL,
                "specialty" text,
                "qualification" text,
                "experience_text" text NOT NULL,
                "informal_text" text NOT NULL,
                "other_names" jsonb NOT NULL,
                "main_goal" text NOT NULL,
                "personal_competencies" jsonb NOT NULL,
                "technical_standards" jsonb NOT NULL,
                "related_professions" jsonb NOT NULL,
                "prerequisites" jsonb NOT NULL,
                "prerequisite_status" character varying(20) NOT NULL,
                "source_line" integer NOT NULL,
                CONSTRAINT "ck_profession_card_prerequisite_status" CHECK (
                    "prerequisite_status" IN ('structured', 'needs_review', 'confirmed')
                ),
                CONSTRAINT "ck_profession_card_ork_level" CHECK (
                    "ork_level" BETWEEN 1 AND 8
                ),
                CONSTRAINT "pk_profession_card" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_profession_card_occupation_code" ON "profession_card" ("occupation_code")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_profession_card_number" ON "profession_card" ("standard_version_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "labour_function" (
                "id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "number" integer NOT NULL,
                "position" integer NOT NULL,
                "title" text NOT NULL,
                "source_line" integer NOT NULL,
                CONSTRAINT "ck_labour_function_kind" CHECK ("kind" IN ('mandatory', 'additional')),
                CONSTRAINT "pk_labour_function" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_labour_function_number" ON "labour_function" ("card_id", "kind", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "skill" (
                "id" uuid NOT NULL,
                "function_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "printed_number" integer NOT NULL,
                "title" text NOT NULL,
                "recognition" character varying(20) NOT NULL,
                "source_line" integer NOT NULL,
                CONSTRAINT "ck_skill_recognition" CHECK (
                    "recognition" IN ('recommended', 'not_recommended')
                ),
                CONSTRAINT "pk_skill" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_skill_card" ON "skill" ("card_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_skill_number" ON "skill" ("function_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "skill_ability" (
                "id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "text" text NOT NULL,
                CONSTRAINT "pk_skill_ability" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_skill_ability_position" ON "skill_ability" ("skill_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "skill_knowledge" (
                "id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "text" text NOT NULL,
                CONSTRAINT "pk_skill_knowledge" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_skill_knowledge_position" ON "skill_knowledge" ("skill_id", "position")
        `);
    await queryRunner.query(`
            ALTER TABLE "standard_version"
            ADD CONSTRAINT "fk_standard_version_standard" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "profession_card"
            ADD CONSTRAINT "fk_profession_card_standard_version" FOREIGN KEY ("standard_version_id") REFERENCES "standard_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "labour_function"
            ADD CONSTRAINT "fk_labour_function_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "skill"
            ADD CONSTRAINT "fk_skill_function" FOREIGN KEY ("function_id") REFERENCES "labour_function"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "skill"
            ADD CONSTRAINT "fk_skill_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "skill_ability"
            ADD CONSTRAINT "fk_skill_ability_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "skill_knowledge"
            ADD CONSTRAINT "fk_skill_knowledge_skill" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "skill_knowledge" DROP CONSTRAINT "fk_skill_knowledge_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "skill_ability" DROP CONSTRAINT "fk_skill_ability_skill"
        `);
    await queryRunner.query(`
            ALTER TABLE "skill" DROP CONSTRAINT "fk_skill_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "skill" DROP CONSTRAINT "fk_skill_function"
        `);
    await queryRunner.query(`
            ALTER TABLE "labour_function" DROP CONSTRAINT "fk_labour_function_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "profession_card" DROP CONSTRAINT "fk_profession_card_standard_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "standard_version" DROP CONSTRAINT "fk_standard_version_standard"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_skill_knowledge_position"
        `);
    await queryRunner.query(`
            DROP TABLE "skill_knowledge"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_skill_ability_position"
        `);
    await queryRunner.query(`
            DROP TABLE "skill_ability"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_skill_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_skill_card"
        `);
    await queryRunner.query(`
            DROP TABLE "skill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_labour_function_number"
        `);
    await queryRunner.query(`
            DROP TABLE "labour_function"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_profession_card_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_profession_card_occupation_code"
        `);
    await queryRunner.query(`
            DROP TABLE "profession_card"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_standard_version_content_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_standard_version_number"
        `);
    await queryRunner.query(`
            DROP TABLE "standard_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_standard_title_key"
        `);
    await queryRunner.query(`
            DROP TABLE "standard"
        `);
  }
}
