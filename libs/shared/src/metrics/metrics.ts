import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process: the API's and each worker's are scraped separately
 * (`/metrics` on the API, METRICS_PORT on a worker), as Prometheus expects of replicas.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'qualcert_' });

// Buckets from 5 ms to 10 s: the public verification target is a p99 under 50 ms.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'qualcert_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, with their latency',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'qualcert_job_duration_seconds',
  help: 'Queue jobs processed by this worker, by queue, job name and result, with their run time',
  labelNames: ['queue', 'name', 'result'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: 'qualcert_job_failures_total',
  help: 'Failed attempts of queue jobs in this worker (a job retried three times counts three)',
  labelNames: ['queue', 'name'] as const,
  registers: [metricsRegistry],
});

/** Gauges whose value is read when Prometheus scrapes (queue depths, outbox lag). */
export function scrapedGauge(
  name: string,
  help: string,
  labelNames: string[],
  collect: (gauge: Gauge) => Promise<void>,
): Gauge {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      await collect(this);
    },
  });
}

/** Whether a scrape may read the metrics: open unless METRICS_TOKEN is set. */
export function metricsAuthorised(authorization: string | undefined, token: string): boolean {
  if (token === '') return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
