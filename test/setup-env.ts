import { TEST_BULLMQ_PREFIX, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.BULLMQ_PREFIX = TEST_BULLMQ_PREFIX;
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
