import { randomBytes } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

import { readStorageConfig, type StorageConfig } from '../storage/storage.config';
import { ConfigValidationError } from './config-validation-error';

export { ConfigValidationError } from './config-validation-error';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const TRUST_PROXY_ENTRY = String.raw`(loopback|linklocal|uniquelocal|[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*(\/\d{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(
  String.raw`^(|false|\d{1,2}|${TRUST_PROXY_ENTRY}(\s*,\s*${TRUST_PROXY_ENTRY})*)$`,
);

/**
 * Express's `trust proxy` value for a TRUST_PROXY setting: false (trust no proxy), a number of
 * hops, or the list of trusted proxies.
 */
export function trustProxyValue(setting: string): false | number | string[] {
  const text = setting.trim();
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((entry) => entry.trim());
}

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? Number(value) : value);

/**
 * Every setting a process reads from its environment. Validated once at start-up so that a
 * missing or malformed variable stops the process with its name, instead of failing later.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/qualcert';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Namespace of this deployment's BullMQ keys; separate runs on one Redis use their own. */
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, ".", "_" or "-"' })
  BULLMQ_PREFIX = 'qualcert';

  @IsString()
  @Matches(/^(true|false)$/, { message: 'must be true or false' })
  LOG_PRETTY = 'false';

  /**
   * Signs access tokens. Required in production; elsewhere a random one is made per process
   * (tokens then do not survive a restart), so that no secret is ever written in the code.
   */
  @ValidateIf((c: AppConfig) => c.JWT_SECRET !== '' || c.NODE_ENV === 'production')
  @MinLength(32, { message: 'must be at least 32 characters (required in production)' })
  JWT_SECRET = '';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * The absolute lifetime of a session: this many days after signing in, its refresh token is
   * refused however recently it was used, and the person signs in again (ASVS 3.3.2).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_MAX_AGE_DAYS = 30;

  /**
   * Failed logins to one account from one client address before delays start; each further
   * failure doubles the wait before the next attempt (LOGIN_DELAY_SECONDS, up to
   * LOGIN_MAX_DELAY_SECONDS). Other addresses are not held back by them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_DELAY_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_MAX_DELAY_SECONDS = 900;

  /** Failed logins allowed per client address (whatever the accounts) within the window. */

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For):
   * empty or `false` for none (the address is the connection's), a number of hops, or a
   * comma-separated list of addresses, CIDRs and the names loopback, linklocal, uniquelocal.
   * Every per-address limit counts by the address this gives.
   */
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'must be false, a number of hops, or a comma-separated list of addresses, CIDRs, loopback, linklocal, uniquelocal',
  })
  TRUST_PROXY = '';

  /** Accounts one client address may register per hour (POST /auth/register; 429 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  REGISTRATIONS_PER_HOUR = 20;

  /** When both are set, the first admin is created at start-up if no admin exists yet. */
  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== '' || c.ADMIN_PASSWORD !== '')
  @IsEmail({}, { message: 'must be an email address (set together with ADMIN_PASSWORD)' })
  ADMIN_EMAIL = '';

  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== '' || c.ADMIN_PASSWORD !== '')
  @MinLength(12, { message: 'must be at least 12 characters (set together with ADMIN_EMAIL)' })
  ADMIN_PASSWORD = '';

  @IsString()
  @MaxLength(300)
  ADMIN_NAME = 'Administrator';

  /** The largest evidence file accepted, in bytes (storage settings: STORAGE_DRIVER and others). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** Evidence uploads one candidate may make per minute (a flood beyond it is answered 429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  EVIDENCE_UPLOADS_PER_MINUTE = 60;

  /** The bytes of evidence one candidate may keep in all (413 STORAGE_QUOTA_EXCEEDED beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(Number.MAX_SAFE_INTEGER)
  EVIDENCE_QUOTA_BYTES = 200 * 1024 * 1024;

  /**
   * Profile changes (PUT /candidates/me/profile) one candidate may make per hour. Each answers the
   * same whoever else declares the ИИН; the limit keeps the route from being a fast way to try
   * many ИИН all the same (issue 17).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  PROFILE_CHANGES_PER_HOUR = 10;

  /**
   * The issuer's Ed25519 key that signs credentials: the 32-byte seed, base64. Required in
   * production; elsewhere a random one is made per process (its credentials do not verify after a
   * restart).
   */
  @ValidateIf((c: AppConfig) => c.CREDENTIAL_SIGNING_KEY !== '' || c.NODE_ENV === 'production')
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be a 32-byte Ed25519 seed in base64 (required in production)' })
  CREDENTIAL_SIGNING_KEY = '';

  /**
   * The SMTP server notifications are also sent through by e-mail, as smtp://user:password@host:port
   * (smtps:// for TLS from the start); empty: notifications are in the app only.
   */
  @ValidateIf((c: AppConfig) => c.SMTP_URL !== '')
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = '';

  /** The sender of notification e-mails. */
  @Matches(/^[^\r\n]{1,200}$/, { message: 'must be an address, optionally with a name: Name <address>' })
  MAIL_FROM = 'qualcert <no-reply@qualcert.local>';

  /** Where the public can reach the API: printed in certificates' QR codes and credentials. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /**
   * How long a worker holds a job's lock before another worker may take the job as stalled (it
   * renews the lock at half this while it works). After a worker dies, its jobs restart within
   * this long plus twice QUEUE_STALLED_INTERVAL_MS. Read by the queue processors' options.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  QUEUE_LOCK_DURATION_MS = 30000;

  /**
   * The port a worker serves its Prometheus metrics on (job durations and failures); 0 serves
   * none. The API serves its own at /metrics on PORT.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /**
   * When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (else 401). Required in
   * production: queue depths and route latencies tell an outsider too much about the deployment.
   */
  @ValidateIf((c: AppConfig) => c.METRICS_TOKEN !== '' || c.NODE_ENV === 'production')
  @MinLength(16, { message: 'must be at least 16 characters (required in production)' })
  METRICS_TOKEN = '';

  /**
   * Whether the API serves its OpenAPI document at /api/docs and /api/docs-json. Unset: on,
   * except in production, where the route map is not published unless asked for.
   */
  @Matches(/^(true|false|)$/, { message: 'must be true or false' })
  API_DOCS = '';

  /** Jobs of one queue a worker runs at once. Read by the queue processors' options. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  QUEUE_CONCURRENCY = 4;

  /**
   * How often a worker looks for stalled jobs (those whose worker died). A job is taken up at the
   * first look after its lock expired that follows a look which already saw it, and the looks of
   * all workers share one Redis key, hence twice this in the bound.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600000)
  QUEUE_STALLED_INTERVAL_MS = 15000;

  /** Connections each process keeps to PostgreSQL at most (the API and every worker have their own pool). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE = 10;

  /** Requests per minute one client address may make to the public verification routes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 120;

  /**
   * Where files are stored (STORAGE_DRIVER, STORAGE_DISK_PATH, S3_*), read and checked together
   * by readStorageConfig when the configuration is loaded; not a variable of its own.
   */
  storage: StorageConfig;
}

// One per process, so that every module of the process signs and verifies with the same secret.
let generatedSecret: string | undefined;

/** Reads and validates the environment; throws naming every variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(
    Object.keys(new AppConfig())
      .filter((key) => key !== 'storage' && env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length === 0 && config.JWT_SECRET === '') {
    generatedSecret ??= randomBytes(48).toString('base64url');
    config.JWT_SECRET = generatedSecret;
  }
  const problems = errors.map((e) => {
    const shown = JSON.stringify(String(e.value ?? '')).slice(0, 80);
    const secret = [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'ADMIN_PASSWORD',
      'CREDENTIAL_SIGNING_KEY',
      'METRICS_TOKEN',
      'SMTP_URL',
    ].includes(e.property);
    return `${e.property}=${secret ? '<redacted>' : shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
  try {
    config.storage = readStorageConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

/** Whether this process serves the OpenAPI document (see AppConfig.API_DOCS). */
export function apiDocsEnabled(config: Pick<AppConfig, 'API_DOCS' | 'NODE_ENV'>): boolean {
  return config.API_DOCS === '' ? config.NODE_ENV !== 'production' : config.API_DOCS === 'true';
}

/** Parses REDIS_URL into ioredis options, honouring the database number in its path. */
export function redisConnectionOptions(redisUrl: string): {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
} {
  const url = new URL(redisUrl);
  const db = url.pathname && url.pathname !== '/' ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) {
    throw new ConfigValidationError([`REDIS_URL: database number "${url.pathname.slice(1)}" is not a whole number`]);
  }
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
