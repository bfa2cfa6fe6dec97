import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_BULLMQ_PREFIX, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.BULLMQ_PREFIX = TEST_BULLMQ_PREFIX;
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
// The suite signs up hundreds of accounts from one address; the test of the limit sets its own.
process.env.REGISTRATIONS_PER_HOUR = process.env.REGISTRATIONS_PER_HOUR ?? '100000';
// Evidence files of the tests go to a folder of their own, not the developer's storage/.
process.env.STORAGE_DRIVER = process.env.STORAGE_DRIVER ?? 'disk';
process.env.STORAGE_DISK_PATH = process.env.STORAGE_DISK_PATH ?? join(tmpdir(), `qualcert-test-storage-${process.pid}`);
