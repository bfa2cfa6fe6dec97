const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Options of every queue processor. Decorators are evaluated when their module is imported,
 * before the process validates its configuration, so these read the environment directly; the
 * same variables are validated by AppConfig at start-up, which stops a process given bad ones.
 */
export function workerOptions(): { lockDuration: number; stalledInterval: number; concurrency: number } {
  return {
    // Jobs wait mostly on PostgreSQL: a few at once per worker fill the CPU (bench/: 1 → 4 doubled
    // the decision rate). Every job is idempotent and takes its own row locks, so order is free.
    concurrency: positive(process.env.QUEUE_CONCURRENCY, 4),
    // A dead worker's job restarts within lockDuration + 2 × stalledInterval: 60 s with these
    // (the README; test/reliability/stalled-recovery.e2e-spec.ts measures it, docs/ARCHITECTURE.md says why).
    lockDuration: positive(process.env.QUEUE_LOCK_DURATION_MS, 30000),
    stalledInterval: positive(process.env.QUEUE_STALLED_INTERVAL_MS, 15000),
  };
}
