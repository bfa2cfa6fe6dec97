import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PasswordHasher } from '@qualcert/identity';
import { ClientProfile, compareUnderLoad, comparisonRecord, LoadPlan, LoadResult } from './support/load';
import { productionEnv, ROOT, startApi, startBaselineServer } from './support/processes';
import { check, fail, ratio, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import { cardFacts, importSeedStandard, insertCandidates, insertCentre, insertStaff, seededUuid } from './support/seed';

/**
 * Theory-test answer saves (PUT /api/v1/theory-tests/{id}/answers/{position}) by 200 candidates at
 * once, each connection signed in as its own candidate and answering its own test. The candidates
 * sign in and start their tests through the API; what precedes (accounts, applications,
 * enrolments, the item bank) is written by SQL. Baseline in the same run: the bare server saving
 * the same answer in one statement that also checks the token's account, the test's owner and
 * deadline, and the options.
 */
const CANDIDATES = 200;
const QUESTIONS_PER_SKILL = 3;
const API_WARMUP_SECONDS = 8;
const BASELINE_WARMUP_SECONDS = 3;
const SECONDS = 10;
const ROUNDS = 2;
const LIGHT_CONNECTIONS = 4;
const LIGHT_SECONDS = 5;
const PASSWORD = 'Bench-candidate-2026';

interface Seeded {
  enrolments: { email: string; enrolmentId: string }[];
}

async function seed(pool: Pool): Promise<Seeded> {
  const centreId = await insertCentre(pool);
  const [managerId, assessorId] = await insertStaff(pool, centreId, ['centre_manager', 'assessor']);
  // Card 1 (ОРК 3 call-centre operator): thirteen skills, so a test of 39 questions.
  const card = await cardFacts(pool, 1);
  const skillIds = card.skills.map((s) => s.id);
  const {
    rows: [program],
  } = await pool.query<{ id: string }>(
    `INSERT INTO qualification_program (id, centre_id, card_id, standard_version_id, version, status, questions_per_skill,
                                        time_limit_minutes, activated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 1, 'active', $4, 120, now()) RETURNING id`,
    [centreId, card.id, card.standardVersionId, QUESTIONS_PER_SKILL],
  );
  // One more question a skill than a test draws, so tests differ.
  await pool.query(
    `WITH q AS (
       INSERT INTO question (id, centre_id, card_id, skill_id)
       SELECT gen_random_uuid(), $1, $2, s.skill_id::uuid FROM unnest($3::text[]) AS s(skill_id), generate_series(1, $4::int)
       RETURNING id
     )
     INSERT INTO question_version (id, question_id, version, type, text, options, correct_option_ids)
     SELECT gen_random_uuid(), q.id, 1, 'single', 'Какое действие оператора верно в этой ситуации?',
            '[{"id":"a","text":"Уточнить запрос клиента"},{"id":"b","text":"Завершить звонок"},{"id":"c","text":"Перевести на руководителя"},{"id":"d","text":"Не знаю"}]'::jsonb,
            '["a"]'::jsonb
       FROM q`,
    [centreId, card.id, skillIds, QUESTIONS_PER_SKILL + 1],
  );
  const {
    rows: [session],
  } = await pool.query<{ id: string }>(
    `INSERT INTO exam_session (id, centre_id, program_id, card_id, starts_at, ends_at, place, capacity, enrolled_count)
     VALUES (gen_random_uuid(), $1, $2, $3, now() - interval '10 minutes', now() + interval '3 hours', 'г. Астана, ауд. 301', $4, $4)
     RETURNING id`,
    [centreId, program.id, card.id, CANDIDATES],
  );
  await pool.query('INSERT INTO session_assessor (session_id, assessor_id) VALUES ($1, $2)', [session.id, assessorId]);
  // One real argon2id hash for all: every login still verifies it, as production does.
  const hash = await new PasswordHasher().hash(PASSWORD);
  const id = (kind: string) => seededUuid(kind, 'g');
  const series = `FROM generate_series(1, ${CANDIDATES}) g`;
  await insertCandidates(pool, CANDIDATES, { passwordHash: hash, birthDate: '1990-01-01' });
  await pool.query(
    `INSERT INTO application (id, candidate_id, centre_id, card_id, standard_version_id, pathway, status, submission, submitted_at)
     SELECT ${id('application')}, ${id('candidate')}, $1, $2, $3, 'assessment', 'eligible', 1, now() - interval '10 days' ${series}`,
    [centreId, card.id, card.standardVersionId],
  );
  // An eligible application rests on a confirmed record: a diploma of the card's level, its
  // document checked by the centre's manager in that application.
  await pool.query(
    `WITH document AS (
       INSERT INTO evidence_file (id, candidate_id, sha256, size_bytes, mime, file_name, storage_key, type, issuer, issue_date)
       SELECT gen_random_uuid(), ${id('candidate')}, md5(g::text) || md5(g::text), 1000, 'application/pdf', 'diploma.pdf',
              'evidence/bench/' || g, 'diploma', 'Колледж связи', date '2016-06-30' ${series}
       RETURNING id, candidate_id
     )
     INSERT INTO candidate_education (id, candidate_id, level, institution, graduation_year, document_ref, document_id,
                                      check_status, checked_by, checked_at, checked_application_id)
     SELECT gen_random_uuid(), d.candidate_id, 'tvet_worker', 'Колледж связи', 2016, 'ТКБ 0012345', d.id,
            'confirmed', $1, now(), a.id
       FROM document d JOIN application a ON a.candidate_id = d.candidate_id`,
    [managerId],
  );
  await pool.query(
    `INSERT INTO enrolment (id, session_id, application_id, candidate_id, examined_skill_ids)
     SELECT ${id('enrolment')}, $1, ${id('application')}, ${id('candidate')}, $2::jsonb ${series}`,
    [session.id, JSON.stringify(skillIds)],
  );
  const { rows } = await pool.query<{ email: string; enrolment_id: string }>(
    'SELECT e.id AS enrolment_id, u.email FROM enrolment e JOIN app_user u ON u.id = e.candidate_id ORDER BY u.email',
  );
  await pool.query('ANALYZE');
  return { enrolments: rows.map((r) => ({ email: r.email, enrolmentId: r.enrolment_id })) };
}

async function call<T>(url: string, init: { method: string; token?: string; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Each candidate signs in and starts their test; their profile answers its questions. */
async function candidatesReady(apiUrl: string, seeded: Seeded): Promise<ClientProfile[]> {
  const profiles: ClientProfile[] = [];
  // A few at a time: each login verifies an argon2id hash (19 MiB, on purpose slow).
  const BATCH = 4;
  for (let i = 0; i < seeded.enrolments.length; i += BATCH) {
    const batch = await Promise.all(
      seeded.enrolments.slice(i, i + BATCH).map(async ({ email, enrolmentId }) => {
        const { accessToken } = await call<{ accessToken: string }>(`${apiUrl}/api/v1/auth/login`, {
          method: 'POST',
          body: { email, password: PASSWORD },
        });
        const test = await call<{ id: string; items: { position: number; options: { id: string }[] }[] }>(
          `${apiUrl}/api/v1/enrolments/${enrolmentId}/theory-test`,
          { method: 'POST', token: accessToken },
        );
        return {
          headers: { authorization: `Bearer ${accessToken}` },
          requests: test.items.map((item) => ({
            path: `/api/v1/theory-tests/${test.id}/answers/${item.position}`,
            body: JSON.stringify({ optionIds: [item.options[item.position % item.options.length].id] }),
          })),
        };
      }),
    );
    profiles.push(...batch);
  }
  return profiles;
}

function plan(url: string, clients: ClientProfile[], durationSeconds: number): LoadPlan {
  return { url, method: 'PUT', connections: CANDIDATES, durationSeconds, clients };
}

/** The bare verification server's throughput from this run's first benchmark, if it ran. */
function verificationBaseline(): number | null {
  const file = join(ROOT, 'bench/results/certificate-verification.json');
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, 'utf8')) as { measuredAt: string; baseline: { best: LoadResult } };
  // Only a result of the same `npm run bench` run counts: one made within the last hour.
  return Date.now() - Date.parse(result.measuredAt) < 3600_000 ? result.baseline.best.requestsPerSecond : null;
}

async function main(): Promise<void> {
  const databaseUrl = requireBenchDatabase();
  const work = workDir('answers');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  let seedSeconds = 0;
  const started = performance.now();
  await importSeedStandard(databaseUrl);
  const seeded = await seed(pool);
  const env = {
    ...productionEnv(work.path),
    DATABASE_URL: databaseUrl,
    // Only failures count towards the login limits; the defaults already let 200 logins through.
  };
  const { server: baseline, url: baselineUrl } = await startBaselineServer(work.path, env);
  const { api, url: apiUrl } = await startApi(work.path, env);
  try {
    const profiles = await candidatesReady(apiUrl, seeded);
    seedSeconds = +((performance.now() - started) / 1000).toFixed(1);
    // Both must accept the same save, or the comparison means nothing.
    for (const url of [apiUrl, baselineUrl]) {
      const [first] = profiles[0].requests;
      const res = await fetch(url + first.path, {
        method: 'PUT',
        headers: { ...profiles[0].headers, 'content-type': 'application/json' },
        body: first.body,
      });
      if (res.status !== 204) throw new Error(`${url} refused a save: ${res.status} ${await res.text()}`);
    }
    const comparison = await compareUnderLoad({
      plan: (url, seconds) => plan(url, profiles, seconds),
      system: { url: apiUrl, pid: api.pid, warmupSeconds: API_WARMUP_SECONDS },
      baseline: { url: baselineUrl, pid: baseline.pid, warmupSeconds: BASELINE_WARMUP_SECONDS },
      rounds: ROUNDS,
      seconds: SECONDS,
      light: { seconds: LIGHT_SECONDS, connections: LIGHT_CONNECTIONS },
    });
    const { system, base, systemRuns, lightSystem, lightBaseline, idleRssMb, memory } = comparison;
    const answered = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM theory_test_item WHERE answered_at IS NOT NULL',
    );

    const failures = [...systemRuns, lightSystem].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    const verification = verificationBaseline();
    const targets = [
      // Issue 16's targets, the ratio against the bare server of the same run.
      check('ratio', ratio(system.requestsPerSecond, base.requestsPerSecond), '', '>=', 0.5),
      check('saves', system.requestsPerSecond, '/s', '>=', 2000),
      check('non-2xx', failures, '', '==', 0),
    ];
    writeResult('theory-test-answers', {
      candidates: CANDIDATES,
      questionsPerTest: profiles[0].requests.length,
      seedSeconds,
      connections: CANDIDATES,
      secondsPerRun: SECONDS,
      rounds: ROUNDS,
      note: 'one connection per candidate, own token and test; best of the rounds for each side; light: a few connections',
      ...comparisonRecord(
        comparison,
        {
          baseline: 'bare node:http + pg Pool(10): HMAC check, one UPDATE',
          system: 'API (production build, LOG_LEVEL=info)',
        },
        LIGHT_CONNECTIONS,
      ),
      verificationBaseline:
        verification === null
          ? null
          : { requestsPerSecond: verification, ratio: ratio(system.requestsPerSecond, verification) },
      itemsAnswered: Number(answered.rows[0].n),
      apiMemory: { idleRssMb, maxRssMb: memory.maxMb },
      targets,
    });
    process.stdout.write(
      `theory-test answers: API ${system.requestsPerSecond} saves/s, bare pg ${base.requestsPerSecond} saves/s, ` +
        `ratio ${ratio(system.requestsPerSecond, base.requestsPerSecond)} (CPU per request ${system.cpuMsPerRequest} vs ${base.cpuMsPerRequest} ms)` +
        `${verification === null ? '' : `, vs bare verification ${verification} req/s: ${ratio(system.requestsPerSecond, verification)}`}; ` +
        `p99 ${system.latencyMs.p99} ms (bare ${base.latencyMs.p99} ms; with ${LIGHT_CONNECTIONS} connections ${lightSystem.latencyMs.p99} ms vs ${lightBaseline.latencyMs.p99} ms) ` +
        `— ${targetsText(targets)}\n`,
    );
  } finally {
    await api.stop();
    await baseline.stop();
    await pool.end();
  }
  work.cleanup();
}

main().catch(fail);
