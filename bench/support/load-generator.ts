import { readFileSync } from 'node:fs';
import autocannon, { AutocannonClient, AutocannonRequest } from 'autocannon';
import type { LoadPlan, LoadResult } from './load';

/**
 * The load generator, run as a process of its own so that it never shares an event loop with the
 * server it measures. Reads a plan (a JSON file named by the first argument) and prints one JSON
 * result on stdout.
 *
 * Each connection takes the next client profile of the plan (its own headers, e.g. its own
 * bearer token) and sends, for every request, one of that profile's requests picked at random,
 * so that load spreads over rows instead of hitting one hot row.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan;
  let nextProfile = 0;
  const setupClient = (client: AutocannonClient): void => {
    const profile = plan.clients[nextProfile % plan.clients.length];
    nextProfile += 1;
    const hasBody = profile.requests.some((r) => r.body !== undefined);
    const headers = { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(profile.headers ?? {}) };
    client.setRequests([
      {
        method: plan.method,
        setupRequest: (request: AutocannonRequest): AutocannonRequest => {
          const pick = profile.requests[Math.floor(Math.random() * profile.requests.length)];
          return { ...request, method: plan.method, path: pick.path, headers, body: pick.body ?? '' };
        },
      },
    ]);
  };
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSeconds,
    timeout: 10,
    setupClient,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  const out: LoadResult = {
    connections: plan.connections,
    durationSeconds: result.duration,
    requestsPerSecond: +result.requests.average.toFixed(1),
    totalRequests: result.requests.total,
    latencyMs: {
      mean: +result.latency.mean.toFixed(2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
