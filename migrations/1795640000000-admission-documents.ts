import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admission as a centre applies it (issue 11, items 1–3):
 * - fields of activity as a tree (field_of_activity, seeded below); employment records refer to a
 *   field by code;
 * - learning records (candidate_learning), the informal route's way in;
 * - a document (an evidence file of the candidate's own) and the centre's check on every education,
 *   employment and learning record; applications wait for that check in `awaiting_documents`.
 *
 * Existing rows:
 * - employment fields were already the codes the tree keeps; any other value becomes `other`.
 * - records made before documents were required have none: they count for nothing until the
 *   candidate attaches one (an edit), and their check starts `pending`.
 * - applications already admitted (eligible and later) stay as they are: admission was decided and
 *   may have led to an exam; their stored explanation is rewritten in the new shape, with a note
 *   that it was computed before documents were checked.
 * - applications refused (ineligible) are submitted again for the worker to check under the new
 *   rules (the field tree, learning records, documents), so that no refusal stands on the old
 *   rules; each such move is audited. Submitted ones are checked under the new rules anyway.
 */

/** The tree for the fields the seed standard's cards name (docs/CANDIDATES.md). */
const FIELDS: [code: string, parent: string | null, position: number, kk: string, ru: string, en: string][] = [
  [
    'reference_information_services',
    null,
    1,
    'анықтамалық-ақпараттық қызметтер',
    'справочно-информационные службы',
    'reference and information services',
  ],
  [
    'remote_information_consulting',
    'reference_information_services',
    1,
    'қашықтан ақпараттық-консультациялық қызмет көрсету',
    'дистанционное информационно-консультационное обслуживание',
    'remote information and consulting services',
  ],
  ['contact_centre', 'remote_information_consulting', 1, 'байланыс орталығы', 'контакт-центр', 'contact centre'],
  ['call_centre', 'remote_information_consulting', 2, 'колл-орталық', 'колл-центр', 'call centre'],
  ['other', null, 2, 'басқа қызмет саласы', 'другая сфера деятельности', 'another field of activity'],
];

const CHECKED_TABLES = ['candidate_education', 'candidate_employment', 'candidate_learning'] as const;

/** The document check's constraints on a record table, as clauses of CREATE or ALTER TABLE. */
function checkConstraints(table: string): string[] {
  return [
    `CONSTRAINT "ck_${table}_check_status" CHECK ("check_status" IN ('pending', 'confirmed', 'rejected'))`,
    `CONSTRAINT "ck_${table}_check" CHECK (
        ("check_status" = 'pending' AND "checked_by" IS NULL AND "checked_at" IS NULL
            AND "checked_application_id" IS NULL AND "check_reason" IS NULL)
        OR ("check_status" <> 'pending' AND "checked_by" IS NOT NULL AND "checked_at" IS NOT NULL
            AND "checked_application_id" IS NOT NULL AND ("check_status" = 'confirmed' OR "check_reason" IS NOT NULL))
    )`,
    `CONSTRAINT "ck_${table}_confirmed_document" CHECK ("check_status" <> 'confirmed' OR "document_id" IS NOT NULL)`,
  ];
}

interface OldCondition {
  kind: string;
  holds: boolean;
  required: string | number;
  actual: string | number;
  message: string;
}
interface OldRoute {
  index: number;
  kind: string;
  holds: boolean;
  sourceText: string;
  conditions: OldCondition[];
}
interface OldResult {
  outcome: string;
  summary: string;
  routes: OldRoute[];
}

const NO_RECORDS = { recordIds: [], confirmedRecordIds: [], rejectedRecordIds: [], undocumentedRecordIds: [] };

/**
 * An explanation of the old shape (kind, holds, required, actual, message) in the new one (code,
 * params, confirmed): the same facts, nothing recomputed. Nobody checked documents then, so only
 * conditions that need none count as confirmed. Written out here, not imported, so that the
 * migration keeps meaning what it meant when the rules change again.
 */
function rewrite(old: OldResult, fieldOfRoute: (index: number) => string | null): Record<string, unknown> {
  const level = (value: string | number) => (value === 'none' ? null : value);
  const routes = old.routes.map((route) => {
    const conditions = route.conditions.map((c) => {
      if (c.kind === 'education') {
        const code = c.required === 'none' ? 'education_not_required' : c.holds ? 'education_met' : 'education_not_met';
        return {
          kind: 'education',
          code,
          holds: c.holds,
          confirmed: code === 'education_not_required',
          params: {
            requiredLevel: level(c.required),
            declaredLevel: level(c.actual),
            confirmedLevel: null,
            ...NO_RECORDS,
          },
          message: c.message,
        };
      }
      if (c.kind === 'experience') {
        const required = Number(c.required);
        const code = required <= 0 ? 'experience_not_required' : c.holds ? 'experience_met' : 'experience_short';
        return {
          kind: 'experience',
          code,
          holds: c.holds,
          confirmed: code === 'experience_not_required',
          params: {
            field: required <= 0 ? null : fieldOfRoute(route.index),
            monthsRequired: required,
            months: Number(c.actual),
            confirmedMonths: 0,
            ...NO_RECORDS,
          },
          message: c.message,
        };
      }
      // learning_evidence: evidence files claimed for skills, the old way into the informal route.
      return {
        kind: 'learning',
        code: c.holds ? 'learning_met' : 'learning_missing',
        holds: c.holds,
        confirmed: false,
        params: { ...NO_RECORDS },
        message: c.message,
      };
    });
    return {
      index: route.index,
      kind: route.kind,
      holds: route.holds,
      confirmed: conditions.every((c) => c.confirmed),
      sourceText: route.sourceText,
      conditions,
    };
  });
  return {
    outcome: old.outcome,
    summary: old.summary,
    routes,
    pendingRecordIds: [],
    notes: [
      {
        code: 'checked_before_document_checks',
        params: {},
        message:
          'Checked on the records declared, before centres checked admission documents and before experience ' +
          'fields formed a hierarchy.',
      },
    ],
  };
}

export class AdmissionDocuments1795640000000 implements MigrationInterface {
  name = 'AdmissionDocuments1795640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Fields of activity.
    await queryRunner.query(`
            CREATE TABLE "field_of_activity" (
                "code" character varying(60) NOT NULL,
                "parent_code" character varying(60),
                "name_kk" character varying(300) NOT NULL,
                "name_ru" character varying(300) NOT NULL,
                "name_en" character varying(300) NOT NULL,
                "position" smallint NOT NULL DEFAULT '0',
                CONSTRAINT "ck_field_of_activity_parent" CHECK ("parent_code" IS NULL OR "parent_code" <> "code"),
                CONSTRAINT "ck_field_of_activity_code" CHECK ("code" ~ '^[a-z][a-z0-9_]*$'),
                CONSTRAINT "pk_field_of_activity" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_field_of_activity_parent" ON "field_of_activity" ("parent_code")`);
    await queryRunner.query(`
            ALTER TABLE "field_of_activity"
            ADD CONSTRAINT "fk_field_of_activity_parent" FOREIGN KEY ("parent_code") REFERENCES "field_of_activity"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const [code, parent, position, kk, ru, en] of FIELDS) {
      await queryRunner.query(
        `INSERT INTO "field_of_activity" ("code", "parent_code", "position", "name_kk", "name_ru", "name_en")
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [code, parent, position, kk, ru, en],
      );
    }
    await queryRunner.query(`
            UPDATE "candidate_employment" SET "field" = 'other'
             WHERE "field" NOT IN (SELECT "code" FROM "field_of_activity")
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_employment"
            ADD CONSTRAINT "fk_candidate_employment_field" FOREIGN KEY ("field") REFERENCES "field_of_activity"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);

    // Documents: a record points at an evidence file of the same candidate.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_evidence_file_owner" ON "evidence_file" ("id", "candidate_id")`);
    for (const table of ['candidate_education', 'candidate_employment']) {
      await queryRunner.query(`
            ALTER TABLE "${table}"
                ADD "document_id" uuid,
                ADD "check_status" character varying(10) NOT NULL DEFAULT 'pending',
                ADD "check_reason" character varying(2000),
                ADD "checked_by" uuid,
                ADD "checked_at" TIMESTAMP WITH TIME ZONE,
                ADD "checked_application_id" uuid,
                ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                ${checkConstraints(table)
                  .map((c) => `ADD ${c}`)
                  .join(',\n')}
        `);
    }
    await queryRunner.query(`
            CREATE TABLE "candidate_learning" (
                "id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "kind" character varying(30) NOT NULL,
                "title" character varying(300) NOT NULL,
                "issuer" character varying(300) NOT NULL,
                "start_date" date,
                "end_date" date,
                "issue_date" date NOT NULL,
                "document_id" uuid NOT NULL,
                "check_status" character varying(10) NOT NULL DEFAULT 'pending',
                "check_reason" character varying(2000),
                "checked_by" uuid,
                "checked_at" TIMESTAMP WITH TIME ZONE,
                "checked_application_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_candidate_learning_kind" CHECK ("kind" IN ('non_formal_course', 'employer_reference', 'informal_statement')),
                CONSTRAINT "ck_candidate_learning_period" CHECK ("end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date"),
                ${checkConstraints('candidate_learning').join(',\n')},
                CONSTRAINT "pk_candidate_learning" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_candidate_learning_candidate" ON "candidate_learning" ("candidate_id")`);
    await queryRunner.query(`
            ALTER TABLE "candidate_learning"
            ADD CONSTRAINT "fk_candidate_learning_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const table of CHECKED_TABLES) {
      await queryRunner.query(`
            ALTER TABLE "${table}"
            ADD CONSTRAINT "fk_${table}_document" FOREIGN KEY ("document_id", "candidate_id") REFERENCES "evidence_file"("id", "candidate_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
      await queryRunner.query(`
            ALTER TABLE "${table}"
            ADD CONSTRAINT "fk_${table}_checked_by" FOREIGN KEY ("checked_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
      await queryRunner.query(`
            ALTER TABLE "${table}"
            ADD CONSTRAINT "fk_${table}_checked_application" FOREIGN KEY ("checked_application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    // Applications: the document check's state and the re-check rounds.
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status" CHECK (
                "status" IN ('draft', 'submitted', 'awaiting_documents', 'eligible', 'ineligible', 'awaiting_decision', 'decided', 'withdrawn')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "application"
                ADD "recheck_round" integer NOT NULL DEFAULT '0',
                ADD "rechecked_round" integer NOT NULL DEFAULT '0'
        `);

    // Explanations already given, in the new shape (see rewrite()).
    const stored = (await queryRunner.query(`
            SELECT a.id, a.eligibility, c.prerequisites
              FROM "application" a JOIN "profession_card" c ON c.id = a.card_id
             WHERE a.eligibility IS NOT NULL AND a.status <> 'ineligible'
        `)) as { id: string; eligibility: OldResult; prerequisites: { routes?: { experienceField?: unknown }[] } }[];
    for (const row of stored) {
      const fieldOfRoute = (index: number): string | null => {
        const value = row.prerequisites.routes?.[index]?.experienceField;
        return typeof value === 'string' ? value : null;
      };
      await queryRunner.query(`UPDATE "application" SET "eligibility" = $2::jsonb WHERE "id" = $1`, [
        row.id,
        JSON.stringify(rewrite(row.eligibility, fieldOfRoute)),
      ]);
    }

    // Refusals under the old rules are checked again under the new ones.
    await queryRunner.query(`
            WITH moved AS (
                UPDATE "application"
                   SET "status" = 'submitted', "submission" = "submission" + 1,
                       "eligibility" = NULL, "eligibility_checked_at" = NULL, "updated_at" = now()
                 WHERE "status" = 'ineligible'
             RETURNING "id", "submission"
            ), queued AS (
                INSERT INTO "outbox_event" ("event_type", "payload")
                SELECT 'application.submitted', jsonb_build_object('applicationId', "id", 'submission', "submission")
                  FROM moved
            )
            INSERT INTO "audit_log" ("id", "actor_id", "actor_role", "action", "entity_type", "entity_id", "before", "after")
            SELECT gen_random_uuid(), NULL, 'system', 'application.submit', 'application', "id"::text,
                   '{"status": "ineligible"}'::jsonb,
                   '{"status": "submitted", "reason": "checked again under the rules of the document check and the field tree"}'::jsonb
              FROM moved
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The new shape of explanations is kept: the old one cannot be told apart from it usefully.
    await queryRunner.query(`UPDATE "application" SET "status" = 'submitted' WHERE "status" = 'awaiting_documents'`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "rechecked_round", DROP COLUMN "recheck_round"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "ck_application_status"`);
    await queryRunner.query(`
            ALTER TABLE "application" ADD CONSTRAINT "ck_application_status" CHECK (
                "status" IN ('draft', 'submitted', 'eligible', 'ineligible', 'awaiting_decision', 'decided', 'withdrawn')
            )
        `);
    await queryRunner.query(`DROP TABLE "candidate_learning"`);
    for (const table of ['candidate_education', 'candidate_employment']) {
      await queryRunner.query(`
            ALTER TABLE "${table}"
                DROP CONSTRAINT "fk_${table}_checked_application",
                DROP CONSTRAINT "fk_${table}_checked_by",
                DROP CONSTRAINT "fk_${table}_document",
                DROP CONSTRAINT "ck_${table}_confirmed_document",
                DROP CONSTRAINT "ck_${table}_check",
                DROP CONSTRAINT "ck_${table}_check_status",
                DROP COLUMN "updated_at",
                DROP COLUMN "checked_application_id",
                DROP COLUMN "checked_at",
                DROP COLUMN "checked_by",
                DROP COLUMN "check_reason",
                DROP COLUMN "check_status",
                DROP COLUMN "document_id"
        `);
    }
    await queryRunner.query(`DROP INDEX "public"."uq_evidence_file_owner"`);
    await queryRunner.query(`ALTER TABLE "candidate_employment" DROP CONSTRAINT "fk_candidate_employment_field"`);
    await queryRunner.query(`DROP TABLE "field_of_activity"`);
  }
}
