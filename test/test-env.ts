/**
 * The services the e2e tests use. Outside CI they default to a database and a queue prefix of
 * their own, so a developer's running system is never touched.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qualcert_test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
// Per run: login-throttle counters and queues of an earlier run must not leak into this one.
export const TEST_BULLMQ_PREFIX = process.env.BULLMQ_PREFIX ?? `qualcert-test-${process.pid}`;
