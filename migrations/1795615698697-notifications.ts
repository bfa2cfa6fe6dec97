import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications, the notify step of the workflows: one per outbox event and recipient. */

export class Notifications1795615698697 implements MigrationInterface {
  name = 'Notifications1795615698697';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "event_id" bigint NOT NULL,
                "kind" character varying(60) NOT NULL,
                "subject_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_user" ON "notification" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_event_user" ON "notification" ("event_id", "user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notification_event_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_user"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
  }
}
