import 'reflect-metadata';
import { certificateLookupPath } from '@qualcert/certificates';
import { Pool } from 'pg';
import { seedCertificates } from './support/certificates';
import { compareUnderLoad, comparisonRecord, LoadPlan } from './support/load';
import { productionEnv, startApi, startBaselineServer } from './support/processes';
import { check, fail, ratio, requireBenchDatabase, targetsText, workDir, writeResult } from './support/results';
import { importSeedStandard } from './support/seed';

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
  await seedCertificates(pool, REGISTRY);
  const seedSeconds = +((performance.now() - started) / 1000).toFixed(1);
  const { rows } = await pool.query<{ number: string; verification_code: string }>(
    'SELECT number, verification_code FROM certificate',
  );
  // The JSON lookup behind the QR code's page: the number and the verification code.
  const paths = rows.map((r) => certificateLookupPath(r.number, r.verification_code));

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
      // Issue 16's targets, the ratio against the bare server of the same run.
      check('ratio', ratio(system.requestsPerSecond, base.requestsPerSecond), '', '>=', 0.6),
      check('CPU per request', system.cpuMsPerRequest, 'ms', '<=', 0.2),
      check(`p99 at ${LIGHT_CONNECTIONS} connections`, lightSystem.latencyMs.p99, 'ms', '<', 20),
      check(`p99 at ${CONNECTIONS} connections`, system.latencyMs.p99, 'ms', '<', 50),
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
    const memoryTargets = [check('max RSS', memory.maxMb, 'MB', '<', 200)];
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
