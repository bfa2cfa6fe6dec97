import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and sessions, assessment centres with their staff and accreditations, and the audit
 * trail. Edited by hand after generation: btree_gist for the accreditation exclusion constraint,
 * and the trigger that makes audit_log append-only.
 */

export class IdentityCentresAudit1795608076021 implements MigrationInterface {
  name = 'IdentityCentresAudit1795608076021';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Lets the exclusion constraint compare uuids with = inside a GiST index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
            CREATE TABLE "centre" (
                "id" uuid NOT NULL,
                "code" character varying(10) NOT NULL,
                "name" character varying(300) NOT NULL,
                "region" character varying(100) NOT NULL,
                "address" character varying(500) NOT NULL,
                "phone" character varying(50),
                "email" character varying(320),
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_centre_code" CHECK ("code" ~ '^[A-Z0-9]{2,10}$'),
                CONSTRAINT "ck_centre_status" CHECK ("status" IN ('active', 'suspended')),
                CONSTRAINT "pk_centre" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_centre_code" ON "centre" ("code")
        `);
    await queryRunner.query(`
            CREATE TABLE "accreditation" (
                "id" uuid NOT NULL,
                "centre_id" uuid NOT NULL,
                "card_id" uuid NOT NULL,
                "standard_version_id" uuid NOT NULL,
                "valid_from" date NOT NULL,
                "valid_to" date NOT NULL,
                "document_ref" character varying(200) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_accreditation_status" CHECK ("status" IN ('active', 'revoked')),
                CONSTRAINT "ck_accreditation_period" CHECK ("valid_to" >= "valid_from"),
                CONSTRAINT "ex_accreditation_overlap" EXCLUDE USING gist (
                    "centre_id" WITH =,
                    "card_id" WITH =,
                    daterange("valid_from", "valid_to", '[]') WITH &&
                )
                WHERE ("status" = 'active'),
                    CONSTRAINT "pk_accreditation" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_accreditation_card" ON "accreditation" ("card_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_accreditation_centre" ON "accreditation" ("centre_id", "card_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL,
                "email" character varying(320) NOT NULL,
                "email_key" character varying(320) NOT NULL,
                "full_name" character varying(300) NOT NULL,
                "role" character varying(20) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "password_hash" character varying(200) NOT NULL,
                "session_version" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_app_user_email_key" CHECK ("email_key" = lower("email")),
                CONSTRAINT "ck_app_user_status" CHECK ("status" IN ('active', 'disabled')),
                CONSTRAINT "ck_app_user_role" CHECK (
                    "role" IN (
                        'admin',
                        'centre_manager',
                        'assessor',
                        'candidate'
                    )
                ),
                CONSTRAINT "pk_app_user" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_app_user_role" ON "app_user" ("role")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_email_key" ON "app_user" ("email_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_token" (
                "id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoke_reason" character varying(50),
                CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_token_user" ON "refresh_token" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_token_family" ON "refresh_token" ("family_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "centre_staff" (
                "centre_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_centre_staff" PRIMARY KEY ("centre_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_centre_staff_user" ON "centre_staff" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL,
                "actor_id" uuid,
                "actor_role" character varying(20) NOT NULL,
                "action" character varying(100) NOT NULL,
                "entity_type" character varying(50) NOT NULL,
                "entity_id" character varying(100) NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "request_id" character varying(100),
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_log_occurred_at" ON "audit_log" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id", "occurred_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "accreditation"
            ADD CONSTRAINT "fk_accreditation_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "accreditation"
            ADD CONSTRAINT "fk_accreditation_card" FOREIGN KEY ("card_id") REFERENCES "profession_card"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token"
            ADD CONSTRAINT "fk_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "centre_staff"
            ADD CONSTRAINT "fk_centre_staff_centre" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "centre_staff"
            ADD CONSTRAINT "fk_centre_staff_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // History cannot be rewritten, even by a bug or a careless operator.
    await queryRunner.query(`
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
        `);
    await queryRunner.query(`
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
            ALTER TABLE "centre_staff" DROP CONSTRAINT "fk_centre_staff_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "centre_staff" DROP CONSTRAINT "fk_centre_staff_centre"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "accreditation" DROP CONSTRAINT "fk_accreditation_card"
        `);
    await queryRunner.query(`
            ALTER TABLE "accreditation" DROP CONSTRAINT "fk_accreditation_centre"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_entity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_actor"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_occurred_at"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_centre_staff_user"
        `);
    await queryRunner.query(`
            DROP TABLE "centre_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_token_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_token_user"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_token"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_email_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_app_user_role"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_accreditation_centre"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_accreditation_card"
        `);
    await queryRunner.query(`
            DROP TABLE "accreditation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_centre_code"
        `);
    await queryRunner.query(`
            DROP TABLE "centre"
        `);
  }
}
