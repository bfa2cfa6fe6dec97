import { AppConfig } from '../config/app-config';
import { useQueueSettings, workerOptions } from './worker-options';

describe('workerOptions', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('by default lets a dead worker’s jobs restart within the 60 s the README states (lock + 2 × interval)', () => {
    delete process.env.QUEUE_LOCK_DURATION_MS;
    delete process.env.QUEUE_STALLED_INTERVAL_MS;
    const { lockDuration, stalledInterval } = workerOptions();
    expect(lockDuration + 2 * stalledInterval).toBe(60000);
    // The validated configuration has the same defaults as the processors' options.
    const config = new AppConfig();
    expect([config.QUEUE_LOCK_DURATION_MS, config.QUEUE_STALLED_INTERVAL_MS]).toEqual([lockDuration, stalledInterval]);
  });

  it('reads both settings, and falls back on a value that is not a positive whole number', () => {
    process.env.QUEUE_LOCK_DURATION_MS = '2000';
    process.env.QUEUE_STALLED_INTERVAL_MS = '1000';
    expect(workerOptions()).toMatchObject({ lockDuration: 2000, stalledInterval: 1000 });
    process.env.QUEUE_STALLED_INTERVAL_MS = '-5';
    expect(workerOptions().stalledInterval).toBe(15000);
  });
});

describe('workerOptions, once the configuration is loaded', () => {
  afterEach(() => useQueueSettings(null));

  it('gives the validated settings, also to options taken before they were loaded (as a decorator takes them)', () => {
    const taken = workerOptions();
    useQueueSettings({ QUEUE_CONCURRENCY: 7, QUEUE_LOCK_DURATION_MS: 2000, QUEUE_STALLED_INTERVAL_MS: 1000 });
    // @nestjs/bullmq spreads the options into the Worker's when it starts the workers.
    expect({ ...taken }).toEqual({ concurrency: 7, lockDuration: 2000, stalledInterval: 1000 });
  });

  it('reads the environment no more once they are loaded', () => {
    useQueueSettings(new AppConfig());
    process.env.QUEUE_CONCURRENCY = '9';
    try {
      expect(workerOptions().concurrency).toBe(4);
    } finally {
      delete process.env.QUEUE_CONCURRENCY;
    }
  });
});
