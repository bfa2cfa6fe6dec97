import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The theory pass mark becomes an overall mark on the whole test with a per-skill floor
 * (docs/ASSESSMENT.md §2). `pass_mark_percent` keeps its value and now means the overall mark;
 * every existing program gets the default floor of 50 %, lowered where its questions per skill
 * would let one wrong answer fail a skill (one question a skill: floor 0), so that every program
 * can still be activated: floor = min(50, 100 − ⌈100 / questions⌉).
 */
export class TheoryPassMark1796400000000 implements MigrationInterface {
  name = 'TheoryPassMark1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "qualification_program" ADD "skill_floor_percent" smallint NOT NULL DEFAULT '50'
        `);
    await queryRunner.query(`
            UPDATE "qualification_program"
               SET "skill_floor_percent" = LEAST(50, 100 - CEIL(100.0 / "questions_per_skill")::int)
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program"
            ADD CONSTRAINT "ck_program_skill_floor" CHECK ("skill_floor_percent" BETWEEN 0 AND 100)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "qualification_program" DROP CONSTRAINT "ck_program_skill_floor"
        `);
    await queryRunner.query(`
            ALTER TABLE "qualification_program" DROP COLUMN "skill_floor_percent"
        `);
  }
}
