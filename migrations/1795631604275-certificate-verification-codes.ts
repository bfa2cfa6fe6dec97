import { randomInt } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

// Crockford's base32: digits and capitals without I, L, O and U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The public lookup of a certificate needs its number and a verification code printed on it
 * (issue 17: sequential numbers let anyone walk the registry). Existing certificates get a random
 * code here. Their signed credentials named the holder's masked ИИН and a status URL without the
 * code: they are dropped, and signed again from the row when first asked for. Their PDFs printed
 * neither the code nor a QR code that carries it: their rows get a new key that names the code,
 * so the first download (or a rerun of the job) renders the PDF again; the old files are no
 * longer referenced.
 */
export class CertificateVerificationCodes1795631604275 implements MigrationInterface {
  name = 'CertificateVerificationCodes1795631604275';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "certificate"
            ADD "verification_code" character varying(10),
            ALTER COLUMN "credential" DROP NOT NULL
        `);
    const rows = (await queryRunner.query('SELECT id FROM "certificate"')) as { id: string }[];
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const codes = batch.map(() => Array.from({ length: 10 }, () => ALPHABET[randomInt(32)]).join(''));
      await queryRunner.query(
        `UPDATE "certificate" c
            SET verification_code = v.code,
                credential = NULL,
                pdf_key = 'certificates/' || c.decision_id || '-' || lower(v.code)
           FROM unnest($1::uuid[], $2::text[]) AS v(id, code)
          WHERE c.id = v.id`,
        [batch.map((r) => r.id), codes],
      );
    }
    await queryRunner.query(`
            ALTER TABLE "certificate"
            ALTER COLUMN "verification_code" SET NOT NULL,
            ADD CONSTRAINT "ck_certificate_verification_code" CHECK ("verification_code" ~ '^[0-9A-HJKMNP-TV-Z]{10}$')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "certificate" SET pdf_key = 'certificates/' || decision_id
        `);
    // Fails while a certificate still waits for its credential to be signed again (GET …/credential
    // signs it): a credential cannot be made up here.
    await queryRunner.query(`
            ALTER TABLE "certificate"
            DROP CONSTRAINT "ck_certificate_verification_code",
            DROP COLUMN "verification_code",
            ALTER COLUMN "credential" SET NOT NULL
        `);
  }
}
