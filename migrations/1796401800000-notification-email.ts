import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications by e-mail (issue 13): when a notification's e-mail was accepted by the SMTP
 * server, so that a send job that runs again sends nothing.
 */
export class NotificationEmail1796401800000 implements MigrationInterface {
  name = 'NotificationEmail1796401800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification" ADD "emailed_at" timestamptz
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "emailed_at"`);
  }
}
