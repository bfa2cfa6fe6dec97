import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { cpuMs, productionEnv, ServiceProcess, startWorker } from './support/processes';
import { check, fail, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import { cardFacts, importSeedStandard, insertCandidates, insertCentre, insertStaff, seededUuid } from './support/seed';

/**
 * Certificate issuance alone, through the real outbox, queue and worker processes: approved awarding
 * decisions, seeded by SQL, become certificates (number, signed credential, row, PDF in storage).
 * Reports the rate from the events committing to the last certificate, and the workers' CPU per
 * certificate, which a busy machine changes less than the rate (compare builds by it there).
 * The decision pipeline benchmark issues 120 certificates after its decisions; this one issues more,
 * one centre, so each run says the same thing.
 */
const CERTIFICATES = 300;
const WORKERS = 2;
const RUN_LIMIT_SECONDS = 120;

async function seed(pool: Pool): Promise<void> {
  const centreId = await insertCentre(pool);
  const [managerId] = await insertStaff(pool, centreId, ['centre_manager']);
  const card = await cardFacts(pool, 3);
  await pool.query(
    `INSERT INTO accreditation (id, centre_id, card_id, standard_version_id, document_ref, valid_from, valid_to, status)
     VALUES (gen_random_uuid(), $1, $2, $3, '№ KZ-ACC-0042', current_date - 365, current_date + 365, 'active')`,
    [centreId, card.id, card.standardVersionId],
  );
  const id = (kind: string) => seededUuid(kind, 'g');
  const series = `FROM generate_series(1, ${CERTIFICATES}) g`;
  await insertCandidates(pool, CERTIFICATES);
  await pool.query(
    `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission, submitted_at)
     SELECT ${id('application')}, ${id('candidate')}, $1, $2, $3, 'recognition', 'decided', 1, now() - interval '20 days' ${series}`,
    [centreId, card.id, card.standardVersionId],
  );
  await pool.query(
    `INSERT INTO decision (id, application_id, sequence, status, outcome, credited_skill_ids, result, signed_by, signed_at,
                           certificate_validity_months, credit_validity_months, appeal_window_days, retake_wait_days)
     SELECT ${id('decision')}, ${id('application')}, 1, 'approved', 'awarded', $1::jsonb, '{}'::jsonb, $2, now(), 60, 12, 10, 30
       ${series}`,
    [JSON.stringify(card.skills.map((s) => s.id)), managerId],
  );
  await pool.query('ANALYZE');
}

async function count(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM certificate');
  return Number(rows[0].n);
}

async function main(): Promise<void> {
  const databaseUrl = requireBenchDatabase();
  const work = workDir('certificates');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const env = {
    ...productionEnv(work.path),
    DATABASE_URL: databaseUrl,
    BULLMQ_PREFIX: process.env.BULLMQ_PREFIX as string,
  };
  const workers: ServiceProcess[] = [];
  try {
    await importSeedStandard(databaseUrl);
    await seed(pool);
    for (let i = 0; i < WORKERS; i += 1) workers.push(await startWorker(work.path, `certificates-${i}`, env));
    const cpuBefore = workers.map((w) => cpuMs(w.pid));
    const started = performance.now();
    await pool.query(
      `INSERT INTO outbox_event (event_type, payload)
       SELECT 'decision.approved', jsonb_build_object('decisionId', ${seededUuid('decision', 'g')})
         FROM generate_series(1, ${CERTIFICATES}) g`,
    );
    let done = 0;
    while (done < CERTIFICATES && performance.now() - started < RUN_LIMIT_SECONDS * 1000) {
      await sleep(100);
      done = await count(pool);
    }
    const seconds = (performance.now() - started) / 1000;
    const workerCpuMs = workers.reduce((sum, w, i) => sum + cpuMs(w.pid) - cpuBefore[i], 0);
    const perSecond = +(done / seconds).toFixed(1);
    const cpuPerCertificateMs = +(workerCpuMs / Math.max(done, 1)).toFixed(1);
    const { rows: stored } = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM certificate WHERE credential IS NOT NULL AND number LIKE 'BENCH-%'",
    );
    const targets = [
      check('certificates', perSecond, '/s', '>=', 50),
      check('certificates issued', Number(stored[0].n), '', '==', CERTIFICATES),
    ];
    writeResult('certificate-issuance', {
      certificates: CERTIFICATES,
      workers: WORKERS,
      note: 'rate = certificates stored / seconds from the events committing; CPU = the worker processes, user + system',
      done,
      seconds: +seconds.toFixed(2),
      perSecond,
      workerCpuMs,
      cpuPerCertificateMs,
      targets,
    });
    process.stdout.write(
      `certificate issuance: ${perSecond}/s with ${WORKERS} workers (${done} in ${seconds.toFixed(2)} s), ` +
        `worker CPU ${cpuPerCertificateMs} ms per certificate — ${targetsText(targets)}\n`,
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await pool.end();
  }
  work.cleanup();
}

main().catch(fail);
