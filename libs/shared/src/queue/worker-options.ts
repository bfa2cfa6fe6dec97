import { AppConfig } from '../config/app-config';

type QueueSettings = Pick<AppConfig, 'QUEUE_CONCURRENCY' | 'QUEUE_LOCK_DURATION_MS' | 'QUEUE_STALLED_INTERVAL_MS'>;

const DEFAULTS: QueueSettings = new AppConfig();
let validated: QueueSettings | null = null;

/** The validated configuration's queue settings, for every processor from now on (ConfigModule). */
export function useQueueSettings(config: QueueSettings | null): void {
  validated = config;
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

const setting = (name: keyof QueueSettings): number =>
  validated ? validated[name] : positive(process.env[name], DEFAULTS[name]);

/**
 * Options of every queue processor. The decorator that takes them runs when its module is imported,
 * before the configuration is validated, but @nestjs/bullmq reads them only when it starts the
 * workers, after ConfigModule has loaded AppConfig: so they are getters, which give the validated
 * settings then (and read the environment leniently only when nothing has been loaded yet).
 */
export function workerOptions(fixed: { concurrency?: number } = {}): {
  lockDuration: number;
  stalledInterval: number;
  concurrency: number;
} {
  return {
    // Jobs wait mostly on PostgreSQL: a few at once per worker fill the CPU (docs/PERFORMANCE.md).
    get concurrency() {
      return fixed.concurrency ?? setting('QUEUE_CONCURRENCY');
    },
    // A dead worker's job restarts within lockDuration + 2 × stalledInterval: 60 s by default
    // (test/reliability/stalled-recovery.e2e-spec.ts measures it, docs/ARCHITECTURE.md says why).
    get lockDuration() {
      return setting('QUEUE_LOCK_DURATION_MS');
    },
    get stalledInterval() {
      return setting('QUEUE_STALLED_INTERVAL_MS');
    },
  };
}
