import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each theory test shows its own random option labels instead of the author's `a`…`h`
 * (docs/ASSESSMENT.md §4), aligned with `option_order`. Tests already assembled get labels too,
 * drawn here (48 random bits each, as the service draws them), and their saved answers are
 * translated to the new labels, so an open test goes on under labels that say nothing about the
 * key and a submitted one keeps its score. A candidate in the middle of a test while this runs
 * sees new labels on the next read; a save with an old label is a 400 naming `optionIds`.
 */
export class OptionLabels1796400410000 implements MigrationInterface {
  name = 'OptionLabels1796400410000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "theory_test_item" ADD "option_labels" jsonb
        `);
    await queryRunner.query(`
            UPDATE "theory_test_item" i SET "option_labels" = COALESCE((
              SELECT jsonb_agg(left(replace(gen_random_uuid()::text, '-', ''), 12) ORDER BY o.n)
                FROM jsonb_array_elements_text(i."option_order") WITH ORDINALITY AS o(id, n)
            ), '[]'::jsonb)
        `);
    await queryRunner.query(`
            UPDATE "theory_test_item" i SET "answer_option_ids" = COALESCE((
              SELECT jsonb_agg(i."option_labels"->>(o.n::int - 1) ORDER BY i."option_labels"->>(o.n::int - 1))
                FROM jsonb_array_elements_text(i."option_order") WITH ORDINALITY AS o(id, n)
               WHERE i."answer_option_ids" ? o.id
            ), '[]'::jsonb)
             WHERE i."answer_option_ids" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test_item" ALTER COLUMN "option_labels" SET NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "theory_test_item" i SET "answer_option_ids" = COALESCE((
              SELECT jsonb_agg(i."option_order"->>(l.n::int - 1) ORDER BY i."option_order"->>(l.n::int - 1))
                FROM jsonb_array_elements_text(i."option_labels") WITH ORDINALITY AS l(label, n)
               WHERE i."answer_option_ids" ? l.label
            ), '[]'::jsonb)
             WHERE i."answer_option_ids" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "theory_test_item" DROP COLUMN "option_labels"
        `);
  }
}
