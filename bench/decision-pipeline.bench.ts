import 'reflect-metadata';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { renderCertificatePdf, certificateVerificationUrl } from '@qualcert/certificates';
import { decide, type DecisionCard, type SkillOutcomeRecord } from '@qualcert/decisions';
import { JOB_RETENTION, loadConfig, redisConnectionOptions } from '@qualcert/shared';
import { productionEnv, ServiceProcess, startWorker } from './support/processes';
import { check, fail, median, ratio, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import {
  CardFacts,
  cardFacts,
  CENTRE,
  importSeedStandard,
  insertCandidates,
  insertCentre,
  insertStaff,
  seededUuid,
} from './support/seed';

/**
 * The decision pipeline through the real outbox, queue and worker processes: 10,000 applications
 * whose every skill has an outcome (recognised by evidence, or examined) become decisions, with 1
 * and then 2 worker processes; then approved decisions become certificates (PDF included).
 * Baseline: BullMQ's own throughput for no-op jobs on the same Redis, with the same number of
 * worker processes and the same concurrency. A sample of the stored decisions is checked against
 * the pure rule applied to what was seeded: a fast pipeline that decides wrongly misses a target.
 */
const APPLICATIONS = 10_000;
const WORKER_COUNTS = [1, 2];
// Each run stops here if not done: the rate is then what was done in this time.
const RUN_LIMIT_SECONDS = 30;
const CERTIFICATES = 120;
const PDF_SAMPLES = 40;
// Decisions checked against the pure rule, half from each run's set.
const CORRECTNESS_SAMPLE = 300;

/**
 * Which applications (by row number g) are seeded to miss something, so that the sets hold every
 * outcome: a failed practical on the first mandatory examined skill, a rejected review of the
 * first mandatory recommended skill (both partial), or every verdict and review negative (not
 * awarded). The SQL below and `seededOutcomes` both follow these.
 */
const MIXED = { failedExamEvery: 10, rejectedEvidenceEvery: 7, nothingEvery: 23 };

function verdictOf(g: number, skillId: string, firstExamined: string): 'competent' | 'not_yet_competent' {
  const failed = g % MIXED.nothingEvery === 0 || (g % MIXED.failedExamEvery === 0 && skillId === firstExamined);
  return failed ? 'not_yet_competent' : 'competent';
}

function reviewOf(g: number, skillId: string, firstRecommended: string): 'accepted' | 'rejected' {
  const rejected =
    g % MIXED.nothingEvery === 0 || (g % MIXED.rejectedEvidenceEvery === 0 && skillId === firstRecommended);
  return rejected ? 'rejected' : 'accepted';
}

interface Seeded {
  card: CardFacts;
  centreId: string;
  managerId: string;
  recommended: string[];
  examined: string[];
  firstRecommended: string;
  firstExamined: string;
  total: number;
}

/**
 * Applications at "awaiting decision" with every skill's outcome recorded, in sets of APPLICATIONS
 * (one set per run, so no run finds work done by another). The card's recommended skills have
 * evidence reviews; the others were examined: a submitted theory test scored in full, a verdict
 * on a signed sheet from the session's one assessor. Reviews and verdicts are positive except
 * where MIXED says otherwise. Ids are derived from the row's number, so the sets can be addressed
 * without reading them back.
 */
async function seed(pool: Pool, sets: number): Promise<Seeded> {
  const centreId = await insertCentre(pool);
  const [managerId, assessorId] = await insertStaff(pool, centreId, ['centre_manager', 'assessor']);
  // Card 3: seven of its nine skills are recommended for recognition, two must be examined.
  const card = await cardFacts(pool, 3);
  const recommended = card.skills.filter((s) => s.recognition === 'recommended').map((s) => s.id);
  const examined = card.skills.filter((s) => s.recognition !== 'recommended').map((s) => s.id);
  const mandatory = (id: string) => card.skills.some((s) => s.id === id && s.kind === 'mandatory');
  const firstRecommended = recommended.find(mandatory);
  const firstExamined = examined.find(mandatory);
  if (!firstRecommended || !firstExamined) throw new Error('card 3 no longer mixes both kinds of mandatory skill');
  const total = APPLICATIONS * sets;
  const {
    rows: [program],
  } = await pool.query<{ id: string }>(
    `INSERT INTO qualification_program (id, centre_id, card_id, standard_version_id, version, status, activated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 1, 'active', now()) RETURNING id`,
    [centreId, card.id, card.standardVersionId],
  );
  const {
    rows: [session],
  } = await pool.query<{ id: string }>(
    `INSERT INTO exam_session (id, centre_id, program_id, card_id, starts_at, ends_at, place, capacity, enrolled_count)
     VALUES (gen_random_uuid(), $1, $2, $3, now() - interval '2 days', now() - interval '2 days' + interval '4 hours',
             'г. Астана, ауд. 301', $4, $4) RETURNING id`,
    [centreId, program.id, card.id, total],
  );
  await pool.query('INSERT INTO session_assessor (session_id, assessor_id) VALUES ($1, $2)', [session.id, assessorId]);
  const id = (kind: string) => seededUuid(kind, 'g');
  const series = `FROM generate_series(1, ${total}) g`;
  await insertCandidates(pool, total, { sex: "CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END" });
  await pool.query(
    `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission, submitted_at)
     SELECT ${id('application')}, ${id('candidate')}, $1, $2, $3, 'recognition', 'awaiting_decision', 1, now() - interval '20 days' ${series}`,
    [centreId, card.id, card.standardVersionId],
  );
  await pool.query(
    `INSERT INTO evidence_review (id, application_id, skill_id, assessor_id, status, comment, decided_at)
     SELECT gen_random_uuid(), ${id('application')}, s.skill_id::uuid, $1,
            CASE WHEN g % $4 = 0 OR (g % $5 = 0 AND s.skill_id = $3) THEN 'rejected' ELSE 'accepted' END,
            'Рассмотрено по документам', now() - interval '5 days'
       ${series} CROSS JOIN unnest($2::text[]) AS s(skill_id)`,
    [assessorId, recommended, firstRecommended, MIXED.nothingEvery, MIXED.rejectedEvidenceEvery],
  );
  await pool.query(
    `INSERT INTO enrolment (id, session_id, application_id, candidate_id, examined_skill_ids)
     SELECT ${id('enrolment')}, $1, ${id('application')}, ${id('candidate')}, $2::jsonb ${series}`,
    [session.id, JSON.stringify(examined)],
  );
  const score = {
    perSkill: examined.map((skillId) => ({ skillId, correct: 3, total: 3, share: 1 })),
    overall: { correct: 3 * examined.length, total: 3 * examined.length, share: 1 },
  };
  await pool.query(
    `INSERT INTO theory_test (id, enrolment_id, candidate_id, status, started_at, deadline_at, submitted_at, submitted_by, score)
     SELECT gen_random_uuid(), ${id('enrolment')}, ${id('candidate')}, 'submitted', now() - interval '2 days',
            now() - interval '2 days' + interval '1 hour', now() - interval '2 days' + interval '40 minutes', 'candidate', $1::jsonb ${series}`,
    [JSON.stringify(score)],
  );
  await pool.query(
    `INSERT INTO practical_verdict (id, enrolment_id, assessor_id, skill_id, verdict, abilities_observed, comment)
     SELECT gen_random_uuid(), ${id('enrolment')}, $1, s.skill_id::uuid,
            CASE WHEN g % $4 = 0 OR (g % $5 = 0 AND s.skill_id = $3) THEN 'not_yet_competent' ELSE 'competent' END,
            '[]'::jsonb, 'Оценено по листу наблюдения'
       ${series} CROSS JOIN unnest($2::text[]) AS s(skill_id)`,
    [assessorId, examined, firstExamined, MIXED.nothingEvery, MIXED.failedExamEvery],
  );
  await pool.query(
    `INSERT INTO practical_sheet (enrolment_id, assessor_id, signed_at) SELECT ${id('enrolment')}, $1, now() - interval '2 days' ${series}`,
    [assessorId],
  );
  await pool.query('ANALYZE');
  return {
    card,
    centreId,
    managerId,
    recommended,
    examined,
    firstRecommended,
    firstExamined,
    total,
  };
}

/** The part of card 3 the seeded applications are assessed on: they chose no additional function. */
async function assessedCard(pool: Pool, cardId: string): Promise<DecisionCard> {
  const { rows } = await pool.query<{
    function_id: string;
    kind: 'mandatory' | 'additional';
    function_number: number;
    function_title: string;
    skill_id: string;
    skill_number: number;
    skill_title: string;
    recognition: 'recommended' | 'not_recommended';
  }>(
    `SELECT f.id AS function_id, f.kind, f.number AS function_number, f.title AS function_title,
            s.id AS skill_id, s.number AS skill_number, s.title AS skill_title, s.recognition
       FROM labour_function f JOIN skill s ON s.function_id = f.id
      WHERE f.card_id = $1 AND f.kind = 'mandatory' ORDER BY f.position, s.number`,
    [cardId],
  );
  const functions = new Map<string, DecisionCard['functions'][number]>();
  for (const row of rows) {
    const fn = functions.get(row.function_id) ?? {
      id: row.function_id,
      kind: row.kind,
      number: row.function_number,
      title: row.function_title,
      skills: [],
    };
    fn.skills.push({
      id: row.skill_id,
      number: row.skill_number,
      title: row.skill_title,
      recognition: row.recognition,
      abilities: [],
      knowledge: [],
    });
    functions.set(row.function_id, fn);
  }
  return { functions: [...functions.values()] };
}

/** What was seeded for application g, as the rule's outcomes. */
function seededOutcomes(seeded: Seeded, g: number): SkillOutcomeRecord[] {
  // Every theory test is scored in full and the session has one assessor: the verdict alone
  // decides the exam (assessment's exam-outcome.ts).
  const exams = seeded.examined.map((skillId): SkillOutcomeRecord => ({
    skillId,
    source: 'exam',
    result: verdictOf(g, skillId, seeded.firstExamined) === 'competent' ? 'passed' : 'failed',
  }));
  const reviews = seeded.recommended.map((skillId): SkillOutcomeRecord => ({
    skillId,
    source: 'evidence',
    result: reviewOf(g, skillId, seeded.firstRecommended),
  }));
  return [...exams, ...reviews];
}

/**
 * Stored decisions of a sample spread over every set (a fixed pseudo-random order within each),
 * each compared with decide() on the seeded facts: the outcome and the credited skills, in order.
 */
async function checkDecisions(pool: Pool, seeded: Seeded) {
  const card = await assessedCard(pool, seeded.card.id);
  const perSet = Math.ceil(CORRECTNESS_SAMPLE / (seeded.total / APPLICATIONS));
  const { rows } = await pool.query<{ g: number; outcome: string; credited_skill_ids: string[]; computed_at: Date }>(
    `SELECT g, outcome, credited_skill_ids, computed_at FROM (
       SELECT g, d.outcome, d.credited_skill_ids, d.computed_at,
              row_number() OVER (PARTITION BY (g - 1) / $1 ORDER BY md5(g::text)) AS k
         FROM generate_series(1, $2::int) g JOIN decision d ON d.application_id = ${seededUuid('application', 'g')}) s
      WHERE k <= $3 ORDER BY g`,
    [APPLICATIONS, seeded.total, perSet],
  );
  const wrong: { g: number; stored: unknown; expected: unknown }[] = [];
  const sampled: Record<string, number> = {};
  for (const row of rows) {
    const expected = decide({
      card,
      outcomes: seededOutcomes(seeded, row.g),
      carriedCredits: [],
      asOf: row.computed_at.toISOString(),
    });
    sampled[expected.outcome] = (sampled[expected.outcome] ?? 0) + 1;
    const same =
      expected.outcome === row.outcome &&
      JSON.stringify(expected.creditedSkillIds) === JSON.stringify(row.credited_skill_ids);
    if (!same) {
      wrong.push({
        g: row.g,
        stored: { outcome: row.outcome, creditedSkillIds: row.credited_skill_ids },
        expected: { outcome: expected.outcome, creditedSkillIds: expected.creditedSkillIds },
      });
    }
  }
  return {
    checked: rows.length,
    correct: rows.length - wrong.length,
    sampledOutcomes: sampled,
    wrong: wrong.slice(0, 5),
  };
}

interface RunResult {
  workers: number;
  done: number;
  seconds: number;
  perSecond: number;
  complete?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(pool: Pool, sql: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql);
  return Number(rows[0].n);
}

/** Polls until `target` rows are counted or the time limit passes; returns how many and when. */
async function waitFor(pool: Pool, sql: string, target: number, startedAt: number) {
  let done = 0;
  while (done < target && performance.now() - startedAt < RUN_LIMIT_SECONDS * 1000) {
    await sleep(100);
    done = await count(pool, sql);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { done, seconds: +seconds.toFixed(2), perSecond: +(done / seconds).toFixed(1), complete: done >= target };
}

async function startWorkers(work: string, label: string, n: number, env: Record<string, string>) {
  const workers: ServiceProcess[] = [];
  for (let i = 0; i < n; i += 1) workers.push(await startWorker(work, `${label}-${i}`, env));
  return workers;
}

/** Decisions for one set of applications, with n worker processes. */
async function decisionRun(pool: Pool, work: string, env: Record<string, string>, set: number, n: number) {
  const workers = await startWorkers(work, `decisions-${n}`, n, {
    ...env,
    BULLMQ_PREFIX: `${env.BULLMQ_PREFIX}.w${n}`,
  });
  try {
    const before = await count(pool, 'SELECT count(*) AS n FROM decision');
    const started = performance.now();
    // One statement: every event commits at once, as if a busy exam day handed them over together.
    await pool.query(
      `INSERT INTO outbox_event (event_type, payload)
       SELECT 'application.awaiting_decision', jsonb_build_object('applicationId', ${seededUuid('application', 'g')})
         FROM generate_series($1::int, $2::int) g`,
      [set * APPLICATIONS + 1, (set + 1) * APPLICATIONS],
    );
    const result = await waitFor(pool, `SELECT count(*) - ${before} AS n FROM decision`, APPLICATIONS, started);
    return { workers: n, ...result };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    // What a capped run left undone must not be picked up by the next one.
    await pool.query('UPDATE outbox_event SET dispatched_at = now() WHERE dispatched_at IS NULL');
  }
}

/** Approved decisions of the first set become certificates (PDF, credential, storage). */
async function certificateRun(pool: Pool, work: string, env: Record<string, string>, managerId: string, n: number) {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE decision SET status = 'approved', signed_by = $1, signed_at = now(),
            certificate_validity_months = 60, credit_validity_months = 12, appeal_window_days = 10, retake_wait_days = 30
      WHERE id IN (SELECT id FROM decision WHERE status = 'pending_signoff' AND outcome = 'awarded' ORDER BY computed_at LIMIT $2)
      RETURNING id`,
    [managerId, CERTIFICATES],
  );
  if (rows.length < CERTIFICATES) throw new Error(`only ${rows.length} awarded decisions to approve`);
  await pool.query(
    `UPDATE application SET status = 'decided' WHERE id IN (SELECT application_id FROM decision WHERE id = ANY($1::uuid[]))`,
    [rows.map((r) => r.id)],
  );
  const workers = await startWorkers(work, `certificates-${n}`, n, {
    ...env,
    BULLMQ_PREFIX: `${env.BULLMQ_PREFIX}.c${n}`,
  });
  try {
    const started = performance.now();
    await pool.query(
      `INSERT INTO outbox_event (event_type, payload) SELECT 'decision.approved', jsonb_build_object('decisionId', id) FROM unnest($1::uuid[]) AS id`,
      [rows.map((r) => r.id)],
    );
    const result = await waitFor(pool, 'SELECT count(*) AS n FROM certificate', CERTIFICATES, started);
    return { workers: n, ...result };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await pool.query('UPDATE outbox_event SET dispatched_at = now() WHERE dispatched_at IS NULL');
  }
}

/** renderCertificatePdf alone, in this process, per certificate of the benchmark's card. */
async function pdfRendering(card: CardFacts): Promise<{ medianMs: number; samples: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PDF_SAMPLES + 5; i += 1) {
    const started = performance.now();
    const pdf = await renderCertificatePdf({
      number: `${CENTRE.code}-2026-${String(i + 1).padStart(6, '0')}`,
      verificationCode: '7K3QM-Z9XA4',
      holderName: 'Абенов Айгерим Серикович',
      maskedIin: '8501******12',
      card: card.contents.card,
      standard: {
        title: card.contents.standard.title,
        orderNumber: card.contents.standard.orderNumber,
        orderDate: card.contents.standard.orderDate,
        version: card.contents.standard.version,
        versionDate: card.contents.standard.versionDate ?? null,
      },
      functions: card.contents.functions.map((f) => ({
        title: f.title,
        kind: f.kind,
        skills: f.skills.map((s) => s.title),
      })),
      issueDate: '2026-01-15',
      validUntil: '2031-01-15',
      centre: CENTRE,
      signedBy: 'Руководитель центра 0',
      verificationUrl: certificateVerificationUrl(
        'http://127.0.0.1:3000',
        `${CENTRE.code}-2026-${String(i + 1).padStart(6, '0')}`,
        '7K3QMZ9XA4',
      ),
    });
    // The first renders load fonts and warm the JIT; a worker pays that once.
    if (i >= 5) times.push(performance.now() - started);
    bytes = pdf.length;
  }
  return { medianMs: +median(times).toFixed(2), samples: times.length, bytes };
}

/** BullMQ alone: APPLICATIONS no-op jobs added in bulk, n worker processes at concurrency 1. */
async function baselineRun(work: string, env: Record<string, string>, n: number) {
  const prefix = `${env.BULLMQ_PREFIX}.noop${n}`;
  const connection = { ...redisConnectionOptions(loadConfig().REDIS_URL), maxRetriesPerRequest: null };
  const queue = new Queue('bench-noop', { prefix, connection, defaultJobOptions: { attempts: 5, ...JOB_RETENTION } });
  const workers: ServiceProcess[] = [];
  for (let i = 0; i < n; i += 1) {
    workers.push(
      await startWorker(
        work,
        `noop-${n}-${i}`,
        { ...env, BULLMQ_PREFIX: prefix },
        join(__dirname, 'support/noop-worker.js'),
        ['bench-noop'],
      ),
    );
  }
  try {
    const started = performance.now();
    await queue.addBulk(
      Array.from({ length: APPLICATIONS }, (_, i) => ({ name: 'noop', data: { applicationId: String(i) } })),
    );
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((c) => c === 0)) break;
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      workers: n,
      done: APPLICATIONS,
      seconds: +seconds.toFixed(2),
      perSecond: +(APPLICATIONS / seconds).toFixed(1),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function main(): Promise<void> {
  const databaseUrl = requireBenchDatabase();
  const work = workDir('decisions');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const env = {
    ...productionEnv(work.path),
    DATABASE_URL: databaseUrl,
    BULLMQ_PREFIX: process.env.BULLMQ_PREFIX as string,
  };
  try {
    const started = performance.now();
    await importSeedStandard(databaseUrl);
    const seeded = await seed(pool, WORKER_COUNTS.length);
    const seedSeconds = +((performance.now() - started) / 1000).toFixed(1);

    const pdf = await pdfRendering(seeded.card);
    const baseline: RunResult[] = [];
    for (const n of WORKER_COUNTS) baseline.push(await baselineRun(work.path, env, n));
    const system: RunResult[] = [];
    for (const [set, n] of WORKER_COUNTS.entries()) system.push(await decisionRun(pool, work.path, env, set, n));
    const outcomes = await pool.query<{ outcome: string; n: string }>(
      'SELECT outcome, count(*) AS n FROM decision GROUP BY outcome',
    );
    const correctness = await checkDecisions(pool, seeded);
    const certificates = await certificateRun(
      pool,
      work.path,
      env,
      seeded.managerId,
      WORKER_COUNTS[WORKER_COUNTS.length - 1],
    );

    const top = system[system.length - 1];
    const topBaseline = baseline[baseline.length - 1];
    // The third performance round's targets (decisions in batches, certificates with shared fonts).
    const targets = [
      check('decisions', top.perSecond, '/s', '>=', 1500),
      check('decisions / BullMQ no-op', ratio(top.perSecond, topBaseline.perSecond), '', '>=', 0.35),
      check('certificates', certificates.perSecond, '/s', '>=', 50),
      // Every sampled decision as the rule makes it, and a sample large enough to mean something.
      check('sampled decisions that differ from the rule', correctness.checked - correctness.correct, '', '==', 0),
      check('sampled decisions', correctness.checked, '', '>=', CORRECTNESS_SAMPLE),
    ];
    writeResult('decision-pipeline', {
      applications: APPLICATIONS,
      seedSeconds,
      runLimitSeconds: RUN_LIMIT_SECONDS,
      note: 'rate = decisions stored / seconds from the events committing; a run stopped at the limit counts what it did',
      baseline: { name: 'BullMQ no-op jobs: addBulk, then worker processes at concurrency 1', runs: baseline },
      system: { name: 'outbox events → relay → decisions queue → worker processes (production build)', runs: system },
      ratios: system.map((s, i) => ({ workers: s.workers, ratio: ratio(s.perSecond, baseline[i].perSecond) })),
      decisionOutcomes: Object.fromEntries(outcomes.rows.map((r) => [r.outcome, Number(r.n)])),
      correct: `${correctness.correct} of ${correctness.checked}`,
      correctness,
      certificates: { approved: CERTIFICATES, ...certificates },
      pdfRendering: pdf,
      targets,
    });
    process.stdout.write(
      `decision pipeline: ${system.map((s) => `${s.workers} worker(s) ${s.perSecond} decisions/s${s.complete ? '' : ` (${s.done} in ${s.seconds} s, stopped)`}`).join(', ')}; ` +
        `BullMQ no-op ${baseline.map((b) => `${b.workers}: ${b.perSecond} jobs/s`).join(', ')}; ` +
        `ratio ${ratio(top.perSecond, topBaseline.perSecond)}; certificates ${certificates.perSecond}/s with ${certificates.workers} worker(s), ` +
        `PDF ${pdf.medianMs} ms each; correct: ${correctness.correct} of ${correctness.checked} — ${targetsText(targets)}\n`,
    );
  } finally {
    await pool.end();
  }
  work.cleanup();
}

main().catch(fail);
