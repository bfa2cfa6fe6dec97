import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Additional functions are optional for the candidate (docs/ASSESSMENT.md §2): a program offers
 * some of its card's additional functions, and a candidate chooses among them when applying; the
 * exam, the decision and the certificate cover the mandatory functions and the chosen ones.
 *
 * Until now every exam examined every skill of the card while readiness checked only mandatory
 * ones. Existing rows are brought to the new rule as they were in fact run: a program offers the
 * additional functions it has a practical task for every skill of; an application chose the
 * additional functions its enrolments examined.
 */
export class AdditionalFunctions1796400200000 implements MigrationInterface {
  name = 'AdditionalFunctions1796400200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "qualification_program" ADD "additional_function_ids" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "application" ADD "additional_function_ids" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            UPDATE "qualification_program" p
               SET "additional_function_ids" = COALESCE((
                 SELECT jsonb_agg(f."id" ORDER BY f."position") FROM "labour_function" f
                  WHERE f."card_id" = p."card_id" AND f."kind" = 'additional'
                    AND NOT EXISTS (SELECT 1 FROM "skill" s WHERE s."function_id" = f."id"
                      AND NOT EXISTS (SELECT 1 FROM "practical_task" t WHERE t."program_id" = p."id" AND t."skill_id" = s."id"))
               ), '[]')
        `);
    await queryRunner.query(`
            UPDATE "application" a
               SET "additional_function_ids" = COALESCE((
                 SELECT jsonb_agg(DISTINCT f."id") FROM "enrolment" e
                  CROSS JOIN jsonb_array_elements_text(e."examined_skill_ids") x
                   JOIN "skill" s ON s."id" = x."value"::uuid
                   JOIN "labour_function" f ON f."id" = s."function_id"
                  WHERE e."application_id" = a."id" AND f."kind" = 'additional'
               ), '[]')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "application" DROP COLUMN "additional_function_ids"
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program" DROP COLUMN "additional_function_ids"
        `);
  }
}
