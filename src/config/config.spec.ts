import { ConfigError, loadConfig } from './config';

const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/hoithi-config-spec' };

/** The message loadConfig fails with, which must be one line naming the variable. */
function failure(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('loadConfig accepted ' + JSON.stringify(env));
}

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      nodeEnv: 'test',
      port: 3000,
      databaseUrl: undefined,
      bodyLimitBytes: 1_048_576,
      trustProxy: false,
      login: { maxFailuresPerAccount: 5, lockoutSeconds: 900 },
    });
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads and trims values', () => {
    const config = loadConfig({
      ...base,
      PORT: ' 8080 ',
      DATABASE_URL: 'postgres://u:p@db:5432/hoithi',
      TRUST_PROXY: 'yes',
      LOGIN_LOCKOUT_SECONDS: '2',
      LOGIN_MAX_LOCKOUT_SECONDS: '10',
      CORS_ORIGINS: 'https://hoithi.vn, http://localhost:5173',
      JWT_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/hoithi',
      trustProxy: true,
      login: { lockoutSeconds: 2, maxLockoutSeconds: 10 },
      corsOrigins: ['https://hoithi.vn', 'http://localhost:5173'],
      jwt: { secret: 'x'.repeat(32) },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PORT: '1\n2' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: '   ' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short-secret' }, 'JWT_SECRET'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CORS_ORIGINS: 'https://ok.vn,javascript:alert(1)' }, 'CORS_ORIGINS'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES'],
    [{ LOGIN_LOCKOUT_SECONDS: '-5' }, 'LOGIN_LOCKOUT_SECONDS'],
    [
      { LOGIN_LOCKOUT_SECONDS: '600', LOGIN_MAX_LOCKOUT_SECONDS: '60' },
      'LOGIN_MAX_LOCKOUT_SECONDS',
    ],
    [{ JWT_ACCESS_TTL_SECONDS: '1' }, 'JWT_ACCESS_TTL_SECONDS'],
  ])('%j fails naming %s', (env, variable) => {
    const message = failure(env);
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('says what is wrong', () => {
    expect(failure({ PORT: 'abc' })).toBe(
      'Invalid configuration: PORT must be an integer, got "abc"',
    );
    expect(failure({ NODE_ENV: 'production' })).toBe(
      'Invalid configuration: JWT_SECRET is required in production',
    );
    expect(failure({ JWT_SECRET: 'short' })).toBe(
      'Invalid configuration: JWT_SECRET must be at least 32 characters',
    );
  });

  it('gives the embedded database one connection and refuses a pool for it', () => {
    expect(loadConfig(base).dbPoolSize).toBe(1);
    expect(loadConfig({ ...base, DB_POOL_SIZE: '1' }).dbPoolSize).toBe(1);
    expect(failure({ DB_POOL_SIZE: '4' })).toBe(
      'Invalid configuration: DB_POOL_SIZE must be 1 on the embedded database (one session); set DATABASE_URL for a pool, got 4',
    );
    const server = { ...base, DATABASE_URL: 'postgres://u:p@db:5432/hoithi' };
    expect(loadConfig(server).dbPoolSize).toBe(10);
    expect(loadConfig({ ...server, DB_POOL_SIZE: '4' }).dbPoolSize).toBe(4);
  });

  it('reads the media store: local by default, S3 with its bucket and keys checked', () => {
    expect(loadConfig(base).media).toMatchObject({ store: 'local' });
    expect(loadConfig(base).media.s3).toBeUndefined();
    const s3 = loadConfig({
      ...base,
      MEDIA_STORE: 's3',
      S3_BUCKET: 'hoithi-media',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'khoa',
      S3_SECRET_ACCESS_KEY: 'bi-mat-dai',
      S3_PREFIX: 'tinh/dak-lak/',
    }).media;
    expect(s3).toMatchObject({
      store: 's3',
      s3: {
        bucket: 'hoithi-media',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        prefix: 'tinh/dak-lak/',
        presignedDownloads: false,
        presignTtlSeconds: 300,
      },
    });
    expect(
      loadConfig({ ...base, MEDIA_STORE: 's3', S3_BUCKET: 'b' }).media.s3?.forcePathStyle,
    ).toBe(false);
    expect(failure({ MEDIA_STORE: 'ftp' })).toBe(
      'Invalid configuration: MEDIA_STORE must be local or s3, got "ftp"',
    );
    expect(failure({ MEDIA_STORE: 's3' })).toBe('Invalid configuration: S3_BUCKET is required');
    expect(failure({ MEDIA_STORE: 's3', S3_BUCKET: 'b', S3_PREFIX: '../x' })).toMatch(
      /^Invalid configuration: S3_PREFIX must be folder names/,
    );
    expect(failure({ MEDIA_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toBe(
      'Invalid configuration: S3_SECRET_ACCESS_KEY is required with the other S3 key',
    );
    expect(failure({ MEDIA_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'ftp://x' })).toBe(
      'Invalid configuration: S3_ENDPOINT must use one of http:, https:',
    );
  });

  it('never repeats a secret in its message', () => {
    expect(failure({ JWT_SECRET: 'hunter2-secret' })).not.toContain('hunter2');
    expect(failure({ DATABASE_URL: 'mysql://u:s3cr3t@db:5432/x' })).not.toContain('s3cr3t');
  });

  it('reads who may read /metrics: open outside production, closed in production unless a token or a port says how', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig(base).metrics).toEqual({ host: '127.0.0.1', onApiPort: 'open' });
    expect(loadConfig({ ...base, ...prod }).metrics.onApiPort).toBe('off');
    const token = 'a-metrics-token-1234';
    expect(loadConfig({ ...base, ...prod, METRICS_TOKEN: token }).metrics).toMatchObject({
      token,
      onApiPort: 'token',
    });
    expect(
      loadConfig({ ...base, ...prod, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics,
    ).toMatchObject({ port: 9464, host: '0.0.0.0', onApiPort: 'off' });
    expect(failure({ METRICS_TOKEN: 'short' })).toContain('METRICS_TOKEN');
    expect(failure({ METRICS_PORT: '70000' })).toContain('METRICS_PORT');
    expect(failure({ METRICS_PORT: 'abc' })).toContain('METRICS_PORT');
  });

  it('accepts production with a strong secret', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'p'.repeat(48),
      DATABASE_URL: 'postgres://db/x',
    });
    expect(config.nodeEnv).toBe('production');
    expect(config.seedDemo).toBe(false);
  });
});
