import { buildCredential, credentialAchievement, generateIssuerKey, signCredential } from '@qualcert/certificates';
import { Pool } from 'pg';
import { cardFacts, CENTRE, fullNameSql, insertCentre, insertStaff } from './seed';

/**
 * A registry of `count` certificates of one centre and card, as the API issues them (a signed
 * credential of the real shape and size on each), issued over six years and valid five: about a
 * sixth have expired, about one in a hundred is revoked.
 */
export async function seedCertificates(pool: Pool, count: number): Promise<void> {
  const centreId = await insertCentre(pool);
  const [managerId] = await insertStaff(pool, centreId, ['centre_manager']);
  const card = await cardFacts(pool, 3);
  const contents = { ...card.contents, centre: CENTRE, signedBy: 'Руководитель центра 0' };
  // A signed credential of the real shape and size: the API reads it with the row.
  const key = generateIssuerKey();
  const credential = signCredential(
    buildCredential({
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      number: 'BENCH-2026-000001',
      issuer: { id: 'http://127.0.0.1/api/v1/public/issuer', name: CENTRE.name },
      holder: { name: 'Абенов Айгерим Серикович' },
      ...credentialAchievement(card.id, contents),
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2031-01-01T23:59:59Z',
      status: { listCredential: 'http://127.0.0.1/api/v1/public/status-lists/BENCH/0', index: 0 },
    }),
    key,
    key.verificationMethod('http://127.0.0.1/api/v1/public/issuer'),
  );
  const {
    rows: [holder],
  } = await pool.query<{ id: string }>(
    `INSERT INTO app_user (id, email, email_key, full_name, role, password_hash)
     VALUES (gen_random_uuid(), 'holder@bench.test', 'holder@bench.test', 'Абенов Айгерим Серикович', 'candidate', 'not-a-hash')
     RETURNING id`,
  );
  const {
    rows: [app],
  } = await pool.query<{ id: string }>(
    `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'assessment', 'decided', 1) RETURNING id`,
    [holder.id, centreId, card.id, card.standardVersionId],
  );
  // The certificate's only foreign key is its decision (one per certificate), and a decision's
  // is its application: one application with that many superseded decisions satisfies both, and
  // the verification route reads the certificate row alone.
  await pool.query(
    `INSERT INTO decision (id, application_id, sequence, status, outcome, credited_skill_ids, result, signed_by, signed_at,
                           certificate_validity_months, credit_validity_months, appeal_window_days, retake_wait_days)
     SELECT gen_random_uuid(), $1, g, 'superseded', 'awarded', $2::jsonb, '{}'::jsonb, $3, now(), 60, 12, 10, 30
       FROM generate_series(1, $4::int) g`,
    [app.id, JSON.stringify(card.skills.map((s) => s.id)), managerId, count],
  );
  // Issued over six years, valid five: about a sixth have expired; about one in a hundred revoked.
  await pool.query(
    `INSERT INTO certificate (id, number, decision_id, application_id, holder_id, centre_id, card_id, holder_name,
                              masked_iin, verification_code, issued_on, valid_until, validity_months, status,
                              revoked_at, revoke_reason,
                              contents, credential, pdf_key)
     SELECT gen_random_uuid(), $1 || '-' || extract(year FROM x.issued)::int || '-' || lpad(d.sequence::text, 6, '0'),
            d.id, $2, $3, $4, $5, ${fullNameSql('d.sequence')},
            lpad((d.sequence % 10000)::text, 4, '0') || '******' || lpad((d.sequence % 100)::text, 2, '0'),
            upper(substr(md5(d.id::text), 1, 10)),
            x.issued, x.issued + interval '5 years', 60,
            CASE WHEN d.sequence % 97 = 0 THEN 'revoked' ELSE 'valid' END,
            CASE WHEN d.sequence % 97 = 0 THEN now() END,
            CASE WHEN d.sequence % 97 = 0 THEN 'Выдан по ошибке: решение пересмотрено' END,
            $6::jsonb, $7::jsonb, 'certificates/' || d.id
       FROM decision d
       CROSS JOIN LATERAL (SELECT (current_date - (d.sequence % 2190))::date AS issued) x
      WHERE d.application_id = $2`,
    [CENTRE.code, app.id, holder.id, centreId, card.id, JSON.stringify(contents), JSON.stringify(credential)],
  );
  await pool.query('ANALYZE certificate');
}
