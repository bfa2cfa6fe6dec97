import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retakes: a decided application no longer blocks a new one for the same card. One application
 * per candidate and card is open at a time; withdrawn and decided ones are closed.
 */
export class Retakes1795626437116 implements MigrationInterface {
  name = 'Retakes1795626437116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_application_open"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_open" ON "application" ("candidate_id", "card_id")
            WHERE "status" NOT IN ('withdrawn', 'decided')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_application_open"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_open" ON "application" ("candidate_id", "card_id")
            WHERE "status" <> 'withdrawn'
        `);
  }
}
