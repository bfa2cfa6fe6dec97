import { loadConfig } from '../config/app-config';
import { metricsAuthorised } from './metrics';

describe('metricsAuthorised', () => {
  it('lets anyone scrape when no token is configured', () => {
    expect(metricsAuthorised(undefined, '')).toBe(true);
    expect(metricsAuthorised('Bearer anything', '')).toBe(true);
  });

  it('asks for exactly the configured bearer token when one is', () => {
    const token = 'a-long-metrics-token';
    expect(metricsAuthorised(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorised(undefined, token)).toBe(false);
    expect(metricsAuthorised(token, token)).toBe(false);
    expect(metricsAuthorised(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorised('Bearer a-long-metrics-tokeN', token)).toBe(false);
  });

  it('refuses a short token and a bad port at start-up, with the token redacted', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short', METRICS_PORT: '70000' })).toThrow(
      /METRICS_PORT="70000".*\n.*METRICS_TOKEN=<redacted>: must be at least 16 characters/,
    );
  });
});
