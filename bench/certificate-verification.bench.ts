import 'reflect-metadata';
import {
  certificateVerificationUrl,
  credentialAchievement,
  generateIssuerKey,
  buildCredential,
  signCredential,
} from '@qualcert/certificates';
import { Pool } from 'pg';
import { compareUnderLoad, comparisonRecord, LoadPlan } from './support/load';
import { productionEnv, startApi, startBaselineServer } from './support/processes';
import { check, fail, ratio, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import { cardFacts, CENTRE, fullNameSql, importSeedStandard, insertCentre, insertStaff } from './support/seed';

/**
 * Public certificate verification (GET /api/v1/public/certificates/{number}?code=…) against a registry of
 * 100,000 certificates: the real API from the production build, rate limiter on, against a bare
 * Node http + pg server doing the same indexed lookup, measured in the same run. Also the API's
 * resident memory under that load (benchmark 5).
 */
const REGISTRY = 100_000;
const CONNECTIONS = 50;
// The API's JIT needs thousands of requests before its cost per request settles (measured: the
// first seconds cost half as much again); the bare server settles at once.
const API_WARMUP_SECONDS = 8;
const BASELINE_WARMUP_SECONDS = 3;
const SECONDS = 10;
const ROUNDS = 2;
// Latency without queueing: a closed loop of 50 connections holds 50 requests in flight, so its
// latency is mostly waiting in line (Little's law); a few connections show the service time.
const LIGHT_CONNECTIONS = 4;
const LIGHT_SECONDS = 5;

async function seedRegistry(pool: Pool): Promise<void> {
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
  // is its application: one application with 100,000 superseded decisions satisfies both, and
  // the verification route reads the certificate row alone.
  await pool.query(
    `INSERT INTO decision (id, application_id, sequence, status, outcome, credited_skill_ids, result, signed_by, signed_at,
                           certificate_validity_months, credit_validity_months, appeal_window_days, retake_wait_days)
     SELECT gen_random_uuid(), $1, g, 'superseded', 'awarded', $2::jsonb, '{}'::jsonb, $3, now(), 60, 12, 10, 30
       FROM generate_series(1, $4::int) g`,
    [app.id, JSON.stringify(card.skills.map((s) => s.id)), managerId, REGISTRY],
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

function plan(url: string, paths: string[], durationSeconds: number): LoadPlan {
  return {
    url,
    method: 'GET',
    connections: CONNECTIONS,
    durationSeconds,
    clients: [{ requests: paths.map((path) => ({ path })) }],
  };
}

async function main(): Promise<void> {
  const databaseUrl = requireBenchDatabase();
  const work = workDir('verification');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const started = performance.now();
  await importSeedStandard(databaseUrl);
  await seedRegistry(pool);
  const seedSeconds = +((performance.now() - started) / 1000).toFixed(1);
  const { rows } = await pool.query<{ number: string; verification_code: string }>(
    'SELECT number, verification_code FROM certificate',
  );
  // As the QR codes carry them: the number and the verification code.
  const paths = rows.map((r) => {
    const url = new URL(certificateVerificationUrl('http://127.0.0.1', r.number, r.verification_code));
    return url.pathname + url.search;
  });

  const env = {
    ...productionEnv(work.path),
    DATABASE_URL: databaseUrl,
    // High enough never to answer 429, so the limiter's Redis round trip is measured, not its refusals.
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000',
  };
  const { server: baseline, url: baselineUrl } = await startBaselineServer(work.path, env);
  const { api, url: apiUrl } = await startApi(work.path, env);
  try {
    // Both must answer the same thing, or the comparison means nothing.
    const sample = paths[Math.floor(paths.length / 2)];
    const [fromApi, fromBaseline] = await Promise.all(
      [apiUrl, baselineUrl].map(async (u) => JSON.stringify(await (await fetch(u + sample)).json())),
    );
    if (fromApi !== fromBaseline) throw new Error(`baseline and API disagree:\n${fromApi}\n${fromBaseline}`);

    const comparison = await compareUnderLoad({
      plan: (url, seconds) => plan(url, paths, seconds),
      system: { url: apiUrl, pid: api.pid, warmupSeconds: API_WARMUP_SECONDS },
      baseline: { url: baselineUrl, pid: baseline.pid, warmupSeconds: BASELINE_WARMUP_SECONDS },
      rounds: ROUNDS,
      seconds: SECONDS,
      light: { seconds: LIGHT_SECONDS, connections: LIGHT_CONNECTIONS },
    });
    const { system, base, systemRuns, lightSystem, lightBaseline, idleRssMb, memory } = comparison;

    const non2xx = [...systemRuns, lightSystem].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    const targets = [
      check('ratio', ratio(system.requestsPerSecond, base.requestsPerSecond), '', '>=', 0.6),
      check('p99', system.latencyMs.p99, 'ms', '<', 50),
      check('non-2xx', non2xx, '', '==', 0),
    ];
    writeResult('certificate-verification', {
      registry: REGISTRY,
      seedSeconds,
      connections: CONNECTIONS,
      secondsPerRun: SECONDS,
      rounds: ROUNDS,
      note: 'best of the rounds for each side; light: a few connections',
      ...comparisonRecord(
        comparison,
        {
          baseline: 'bare node:http + pg Pool(10), one indexed SELECT',
          system: 'API (production build, rate limiter on, LOG_LEVEL=info)',
        },
        LIGHT_CONNECTIONS,
      ),
      targets,
    });
    const memoryTargets = [check('max RSS', memory.maxMb, 'MB', '<', 300)];
    writeResult('api-memory', {
      during: `certificate verification, ${CONNECTIONS} connections, ${ROUNDS * SECONDS} s of load`,
      idleRssMb,
      maxRssMb: memory.maxMb,
      lastRssMb: memory.lastMb,
      samples: memory.samples,
      baseline: { name: 'the API idle after start', rssMb: idleRssMb },
      targets: memoryTargets,
    });
    process.stdout.write(
      `certificate verification: API ${system.requestsPerSecond} req/s, bare pg ${base.requestsPerSecond} req/s, ` +
        `ratio ${ratio(system.requestsPerSecond, base.requestsPerSecond)} (CPU per request ${system.cpuMsPerRequest} vs ${base.cpuMsPerRequest} ms); ` +
        `p99 ${system.latencyMs.p99} ms ` +
        `(bare ${base.latencyMs.p99} ms; with ${LIGHT_CONNECTIONS} connections ${lightSystem.latencyMs.p99} ms vs ${lightBaseline.latencyMs.p99} ms) ` +
        `— ${targetsText(targets)}\n`,
    );
    process.stdout.write(
      `api memory: ${memory.maxMb} MB max RSS under load (idle ${idleRssMb} MB) — ${targetsText(memoryTargets)}\n`,
    );
  } finally {
    await api.stop();
    await baseline.stop();
    await pool.end();
  }
  work.cleanup();
}

main().catch(fail);
