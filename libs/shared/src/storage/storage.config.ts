import { ConfigValidationError } from '../config/config-validation-error';
import type { S3FileStorageOptions } from './s3-file-storage';

export const STORAGE_DRIVERS = ['disk', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

/** The S3 driver's options, with the endpoint required so that a deployment always names its service. */
export type S3StorageConfig = Required<S3FileStorageOptions>;

/** Where evidence files are stored, as read from the environment by readStorageConfig. */
export interface StorageConfig {
  driver: StorageDriver;
  /** Root folder of the disk driver; relative paths are taken from the process's working directory. */
  diskPath: string;
  /** Set exactly when the driver is 's3'. */
  s3: S3StorageConfig | null;
}

const DEFAULT_DISK_PATH = './storage';
const DEFAULT_REGION = 'us-east-1';
// The bucket naming rules every S3-compatible service shares.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/**
 * Reads the storage settings and checks them all at once, so that a deployment missing several
 * of them learns every name in one failed start rather than one per restart. Secrets and URLs,
 * which may carry credentials, are never echoed in the messages.
 */
export function readStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const problems: string[] = [];
  const value = (name: string): string => (env[name] ?? '').trim();

  const driverValue = value('STORAGE_DRIVER') || 'disk';
  const driver = STORAGE_DRIVERS.find((d) => d === driverValue);
  if (driver === undefined) {
    problems.push(
      `STORAGE_DRIVER=${JSON.stringify(driverValue).slice(0, 40)}: must be one of ${STORAGE_DRIVERS.join(', ')}`,
    );
  }

  const diskPath = value('STORAGE_DISK_PATH') || DEFAULT_DISK_PATH;
  if (driver === 'disk' && /\p{Cc}/u.test(diskPath)) {
    problems.push('STORAGE_DISK_PATH=<hidden>: must not contain control characters');
  }

  let s3: S3StorageConfig | null = null;
  if (driver === 's3') {
    const required = (name: string): string => {
      const found = value(name);
      if (found === '') problems.push(`${name}=: is required when STORAGE_DRIVER is s3`);
      return found;
    };
    const endpoint = required('S3_ENDPOINT');
    if (endpoint !== '' && !isHttpUrl(endpoint)) {
      problems.push('S3_ENDPOINT=<hidden>: must be an http:// or https:// URL');
    }
    const region = value('S3_REGION') || DEFAULT_REGION;
    if (!REGION_PATTERN.test(region)) {
      problems.push(`S3_REGION=${JSON.stringify(region).slice(0, 40)}: must be lowercase letters, digits and "-"`);
    }
    const bucket = required('S3_BUCKET');
    if (bucket !== '' && !BUCKET_PATTERN.test(bucket)) {
      problems.push(
        `S3_BUCKET=${JSON.stringify(bucket).slice(0, 80)}: must be 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit`,
      );
    }
    const accessKeyId = required('S3_ACCESS_KEY_ID');
    const secretAccessKey = required('S3_SECRET_ACCESS_KEY');
    const forcePathStyleValue = value('S3_FORCE_PATH_STYLE') || 'true';
    if (forcePathStyleValue !== 'true' && forcePathStyleValue !== 'false') {
      problems.push(`S3_FORCE_PATH_STYLE=${JSON.stringify(forcePathStyleValue).slice(0, 40)}: must be true or false`);
    }
    s3 = {
      endpoint,
      region,
      bucket,
      accessKeyId,
      secretAccessKey,
      forcePathStyle: forcePathStyleValue !== 'false',
    };
  }

  if (problems.length > 0 || driver === undefined) throw new ConfigValidationError(problems);
  return { driver, diskPath, s3 };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
