import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A withdrawal once assessment results exist ends the application as not awarded for the retake
 * rule (docs/CANDIDATES.md): the application keeps when it was withdrawn and the retake wait it
 * fixed. Applications withdrawn before this are handled as the service now handles them: their
 * withdrawal time is their last update; those withdrawn after a result get the wait of their
 * centre's program for the card (else their last session's, else 30 days); and an enrolment still
 * live on a withdrawn application is withdrawn too, freeing its seat.
 */
export class WithdrawalAfterResults1796400420000 implements MigrationInterface {
  name = 'WithdrawalAfterResults1796400420000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "application"
              ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE,
              ADD "withdrawal_retake_wait_days" smallint
        `);
    await queryRunner.query(`
            UPDATE "application" a SET "withdrawn_at" = a."updated_at" WHERE a."status" = 'withdrawn'
        `);
    await queryRunner.query(`
            UPDATE "application" a SET "withdrawal_retake_wait_days" = COALESCE(
              (SELECT p."retake_wait_days" FROM "qualification_program" p
                WHERE p."centre_id" = a."centre_id" AND p."card_id" = a."card_id" AND p."status" = 'active'),
              (SELECT p."retake_wait_days" FROM "enrolment" e JOIN "exam_session" s ON s."id" = e."session_id"
                 JOIN "qualification_program" p ON p."id" = s."program_id"
                WHERE e."application_id" = a."id" ORDER BY e."created_at" DESC LIMIT 1),
              30)
             WHERE a."status" = 'withdrawn'
               AND (EXISTS (SELECT 1 FROM "theory_test" t JOIN "enrolment" e ON e."id" = t."enrolment_id"
                             WHERE e."application_id" = a."id")
                    OR EXISTS (SELECT 1 FROM "practical_verdict" v JOIN "enrolment" e ON e."id" = v."enrolment_id"
                                WHERE e."application_id" = a."id")
                    OR EXISTS (SELECT 1 FROM "evidence_review" r
                                WHERE r."application_id" = a."id" AND r."status" IN ('accepted', 'rejected')))
        `);
    await queryRunner.query(`
            WITH released AS (
              UPDATE "enrolment" e SET "status" = 'withdrawn'
                FROM "application" a
               WHERE a."id" = e."application_id" AND a."status" = 'withdrawn' AND e."status" = 'enrolled'
              RETURNING e."session_id"
            )
            UPDATE "exam_session" s SET "enrolled_count" = s."enrolled_count" - r."n"
              FROM (SELECT "session_id", COUNT(*)::int AS "n" FROM released GROUP BY "session_id") r
             WHERE s."id" = r."session_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_withdrawal_wait" CHECK (
              "withdrawal_retake_wait_days" IS NULL OR ("status" = 'withdrawn' AND "withdrawn_at" IS NOT NULL AND "withdrawal_retake_wait_days" >= 0)
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "application" DROP CONSTRAINT "ck_application_withdrawal_wait"
        `);
    await queryRunner.query(`
            ALTER TABLE "application" DROP COLUMN "withdrawal_retake_wait_days", DROP COLUMN "withdrawn_at"
        `);
  }
}
