import {
  apiDocsEnabled,
  ConfigValidationError,
  loadConfig,
  redisConnectionOptions,
  trustProxyValue,
} from './app-config';

describe('loadConfig', () => {
  it('gives local defaults when nothing is set', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qualcert',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      PORT: 3000,
      LOG_LEVEL: 'info',
      BULLMQ_PREFIX: 'qualcert',
    });
  });

  it('reads the variables it is given', () => {
    const sut = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x', REDIS_URL: 'redis://r:6380/3' });
    expect(sut).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      REDIS_URL: 'redis://r:6380/3',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['BULLMQ_PREFIX', 'has spaces'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/8; rm'],
    ['TRUST_PROXY', '100'],
  ])('stops on a malformed %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:[\\s\\S]*${name}=`));
  });

  it('never prints connection URLs, which may hold passwords', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@h/x' })).toThrow(/DATABASE_URL=<redacted>/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@h/x' })).not.toThrow(/secret/);
  });

  it('names every variable at fault at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      fail('expected an error');
    } catch (error) {
      expect((error as ConfigValidationError).problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'LOG_LEVEL']);
    }
  });
});

describe('redisConnectionOptions', () => {
  it('honours the database number, credentials and TLS', () => {
    expect(redisConnectionOptions('redis://127.0.0.1:6379/4')).toEqual({ host: '127.0.0.1', port: 6379, db: 4 });
    expect(redisConnectionOptions('rediss://user:p%40ss@cache:6380')).toEqual({
      host: 'cache',
      port: 6380,
      db: 0,
      username: 'user',
      password: 'p@ss',
      tls: {},
    });
  });

  it('refuses a database that is not a number', () => {
    expect(() => redisConnectionOptions('redis://127.0.0.1:6379/abc')).toThrow(/database number/);
  });
});

describe('what production publishes', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'j'.repeat(40),
    CREDENTIAL_SIGNING_KEY: Buffer.alloc(32, 1).toString('base64'),
  };

  it('requires a metrics token in production only', () => {
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN=<redacted>: must be at least 16 characters/);
    expect(loadConfig({ ...production, METRICS_TOKEN: 't'.repeat(16) }).METRICS_TOKEN).toBe('t'.repeat(16));
    expect(loadConfig({}).METRICS_TOKEN).toBe('');
  });

  it.each([
    ['development', '', true],
    ['test', '', true],
    ['production', '', false],
    ['production', 'true', true],
    ['development', 'false', false],
  ] as const)('in %s with API_DOCS=%j serves the docs: %s', (NODE_ENV, API_DOCS, expected) => {
    expect(apiDocsEnabled({ NODE_ENV, API_DOCS })).toBe(expected);
  });

  it('stops on an API_DOCS that is neither true nor false', () => {
    expect(() => loadConfig({ API_DOCS: 'yes' })).toThrow(/API_DOCS="yes": must be true or false/);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7 ,fd00::/8,uniquelocal', ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'uniquelocal']],
  ])('reads TRUST_PROXY=%j as Express trusts it', (setting, expected) => {
    expect(loadConfig({ TRUST_PROXY: setting }).TRUST_PROXY).toBe(setting === '' ? '' : setting);
    expect(trustProxyValue(setting)).toEqual(expected);
  });
});

describe('storage and pool settings', () => {
  it('carries the file store the environment names, disk by default', () => {
    expect(loadConfig({}).storage).toEqual({ driver: 'disk', diskPath: './storage', s3: null });
    expect(loadConfig({ STORAGE_DISK_PATH: '/srv/files' }).storage.diskPath).toBe('/srv/files');
  });

  it('names storage problems in the same refusal as the other settings', () => {
    try {
      loadConfig({ PORT: 'x', STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://minio:9000' });
      throw new Error('loadConfig accepted a bad environment');
    } catch (error) {
      const names = (error as ConfigValidationError).problems.map((p) => p.split('=')[0]);
      expect(names).toEqual(['PORT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
    }
  });

  it('reads the pool size as a whole number and refuses one that is not', () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE=/);
  });
});
