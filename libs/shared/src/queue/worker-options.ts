const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Options of every queue processor. Decorators are evaluated when their module is imported,
 * before the process validates its configuration, so these read the environment directly; the
 * same variables are validated by AppConfig at start-up, which stops a process given bad ones.
 */
export function workerOptions(): { lockDuration: number; stalledInterval: number } {
  return {
    lockDuration: positive(process.env.QUEUE_LOCK_DURATION_MS, 30000),
    stalledInterval: positive(process.env.QUEUE_STALLED_INTERVAL_MS, 30000),
  };
}
