import { AppConfig } from '../config/app-config';
import { workerOptions } from './worker-options';

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
