import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

/** Who may read GET /metrics (see metricsConfig). */
export interface MetricsConfig {
  /** Bearer token required on /metrics, when set. */
  token?: string;
  /** Serve /metrics on this port (and address) instead of the API's. */
  port?: number;
  host: string;
  /** /metrics on the API's port: open, behind the token, or not served (production, neither set). */
  onApiPort: 'open' | 'token' | 'off';
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** PostgreSQL connection string; undefined means the embedded PGlite database. */
  databaseUrl?: string;
  dataDir: string;
  /** The built web app (vite build), served at /app/. */
  webDir: string;
  dbPoolSize: number;
  logLevel: string;
  bodyLimitBytes: number;
  maxJsonDepth: number;
  shutdownTimeoutMs: number;
  jwt: { secret: string; accessTtlSeconds: number; refreshTtlSeconds: number; issuer: string };
  login: {
    maxFailuresPerAccount: number;
    maxFailuresPerIp: number;
    windowSeconds: number;
    lockoutSeconds: number;
    maxLockoutSeconds: number;
  };
  seedDemo: boolean;
  corsOrigins: string[];
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  redisUrl?: string;
  /** Largest socket message accepted, in bytes. */
  socketMaxMessageBytes: number;
  /** Per-socket event rate: sustained events per second and the burst allowed. */
  socketEventsPerSecond: number;
  socketBurst: number;
  /** Prefix of the Redis keys and channels the socket adapter uses (instances that share rooms share it). */
  redisKeyPrefix: string;
  voting: {
    /** Largest batch of votes written by one statement. */
    batchMax: number;
    /** How long the first vote of a batch waits for others, in milliseconds. */
    batchWaitMs: number;
    /** Batch statements in flight at once per instance. */
    batchConcurrency: number;
    /** Votes waiting for a batch beyond which new ones are refused as busy (retryable). */
    queueMax: number;
    /** Policy slot hints an instance keeps (fixed memory, 6 bytes each). */
    slotHints: number;
    /** How often live tallies are sent to viewers, in milliseconds. */
    tallyIntervalMs: number;
    /** How often cached sessions are compared with the database, in milliseconds. */
    sessionPollMs: number;
    /** Key that signs device tokens (HMAC-SHA256); derived from JWT_SECRET when unset. */
    deviceSecret: string;
    deviceTokenTtlDays: number;
    /** Device tokens issued per client address (IPv6: per /64) and per browser fingerprint… */
    deviceTokensPerIp: number;
    deviceTokensPerFingerprint: number;
    /** …within this window, in seconds. */
    deviceTokenWindowSeconds: number;
    /** Serve GET /voting/stats (queue length, broadcast times, memory) for benchmarks. */
    statsEndpoint: boolean;
  };
  /** One-time codes that verify a voter's phone number. */
  otp: {
    /** `log` writes the code to the server log (development); `http` posts it to a gateway. */
    provider: 'log' | 'http';
    httpUrl?: string;
    httpToken?: string;
    ttlSeconds: number;
    maxAttempts: number;
    /** Codes sent per phone, per client address and per device within `sendWindowSeconds`. */
    sendPerPhone: number;
    sendPerIp: number;
    sendPerDevice: number;
    sendWindowSeconds: number;
    /** Shortest wait between two codes to one phone. */
    resendSeconds: number;
    /** Key of the code hashes (HMAC-SHA256) and of the verified-phone tokens. */
    secret: string;
    /** Life of a verified-phone token. */
    tokenTtlSeconds: number;
  };
  /** Fraud signals: a vote beyond one of these is stored but quarantined. */
  integrity: {
    /** Window over which the per-key counts below are kept, in seconds. */
    windowSeconds: number;
    /** Distinct voters behind one client address. */
    votersPerIp: number;
    /** Distinct voters behind one IPv4 /24 (IPv6 /64). */
    votersPerSubnet: number;
    /** Distinct device tokens from one browser fingerprint. */
    devicesPerFingerprint: number;
    /** A vote sooner than this after the page (or device token) appeared, in milliseconds. */
    minHumanMs: number;
    /** A burst: the last seconds' rate above `burstFactor` times the session's usual rate… */
    burstFactor: number;
    /** …and above this many votes per second. */
    burstMinPerSecond: number;
    /** Phone numbers within `phoneRunGap` of each other forming a run this long. */
    phoneRunLength: number;
    phoneRunGap: number;
  };
  media: MediaConfig;
  metrics: MetricsConfig;
}

export interface S3StoreConfig {
  bucket: string;
  /** An S3-compatible store's address; unset: AWS S3 in `region`. */
  endpoint?: string;
  region: string;
  /** Unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID, instance roles, …). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Addresses of the form `endpoint/bucket/key` (most S3-compatible stores) */
  forcePathStyle: boolean;
  /** Prepended to every key (several deployments in one bucket), ends with `/` or empty. */
  prefix: string;
  /** Answer downloads with a redirect to a presigned URL of the store. */
  presignedDownloads: boolean;
  presignTtlSeconds: number;
}

export interface MediaConfig {
  /**
   * Root of stored files: originals and derivatives by content hash (on local disk), temporary
   * and tus files, and the object store's local copies.
   */
  uploadsDir: string;
  /** Where objects live: `local` (UPLOADS_DIR, possibly a shared volume) or `s3`. */
  store: 'local' | 's3';
  s3?: S3StoreConfig;
  /** Images above this many pixels are refused before decoding (decompression bombs). */
  maxPixels: number;
  /** Unfinished resumable uploads are removed after this many hours. */
  uploadExpiryHours: number;
  /** Largest file accepted by plain multipart upload (larger files go through tus). */
  multipartMaxBytes: number;
  /** Absolute ceiling on any upload, whatever the category allows. */
  maxUploadBytes: number;
  ffmpegPath: string;
  ffprobePath: string;
  /** LibreOffice's `soffice`, which converts slides to PDF (looked up on PATH unless absolute). */
  sofficePath: string;
  /** A slide deck's conversion to PDF is stopped (its processes killed) after this long. */
  slidesTimeoutMs: number;
  /** Run processing jobs in this process. */
  worker: boolean;
  /** Jobs run at once by this process (0 = one per core). */
  workerConcurrency: number;
  /** How often an idle worker looks for jobs, in milliseconds. */
  jobPollMs: number;
  jobMaxAttempts: number;
  /** An upload receiving no byte for this long is stopped. */
  uploadIdleTimeoutMs: number;
  /** Key of signed media addresses (HMAC-SHA256); derived from JWT_SECRET when unset. */
  urlSecret: string;
  /** Life of a signed media address, in seconds. */
  urlTtlSeconds: number;
}

/** Thrown for a missing or invalid variable; the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

/** A value quoted and escaped, and cut short, so that the message stays on one line. */
const shown = (value: string) =>
  JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

function str(env: Env, name: string, fallback?: string): string {
  const v = env[name]?.trim();
  if (v === undefined || v === '') {
    if (fallback === undefined) throw new ConfigError(name, 'is required');
    return fallback;
  }
  return v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got ${shown(raw)}`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * The embedded database is one session running one statement at a time: its pool is one
 * connection (more would add no throughput, only waits on itself), so a larger one is refused.
 */
function poolSize(env: Env, databaseUrl: string | undefined): number {
  const size = int(env, 'DB_POOL_SIZE', databaseUrl ? 10 : 1, 1, 200);
  if (!databaseUrl && size !== 1)
    throw new ConfigError(
      'DB_POOL_SIZE',
      `must be 1 on the embedded database (one session); set DATABASE_URL for a pool, got ${size}`,
    );
  return size;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got ${shown(raw)}`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use one of ${protocols.join(', ')}`);
  }
  return raw;
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept beside the embedded data,
 * so the service runs with no setup; production always requires it from the environment.
 */
function jwtSecret(env: Env, nodeEnv: NodeEnv, dataDir: string): string {
  const raw = env.JWT_SECRET?.trim();
  if (raw) {
    if (raw.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    return raw;
  }
  if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required in production');
  if (nodeEnv === 'test') return randomBytes(32).toString('hex');
  const file = join(dataDir, 'dev-jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function mediaStore(env: Env): Pick<MediaConfig, 'store' | 's3'> {
  const store = str(env, 'MEDIA_STORE', 'local');
  if (store === 'local') return { store };
  if (store !== 's3')
    throw new ConfigError('MEDIA_STORE', `must be local or s3, got ${shown(store)}`);
  const prefix = str(env, 'S3_PREFIX', '');
  if (!/^([A-Za-z0-9._-]+\/)*$/.test(prefix))
    throw new ConfigError(
      'S3_PREFIX',
      `must be folder names each ending with /, got ${shown(prefix)}`,
    );
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (!accessKeyId !== !secretAccessKey)
    throw new ConfigError(
      accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'is required with the other S3 key',
    );
  return {
    store,
    s3: {
      bucket: str(env, 'S3_BUCKET'),
      endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
      region: str(env, 'S3_REGION', 'us-east-1'),
      accessKeyId,
      secretAccessKey,
      forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', env.S3_ENDPOINT !== undefined),
      prefix,
      presignedDownloads: bool(env, 'S3_PRESIGNED_DOWNLOADS', false),
      presignTtlSeconds: int(env, 'S3_PRESIGN_TTL_SECONDS', 300, 10, 7 * 24 * 3600),
    },
  };
}

/** dist/web beside the compiled service (from the sources, the repository's dist/web). */
function defaultWebDir(): string {
  const compiled = __dirname.split(sep).includes('dist');
  return compiled ? resolve(__dirname, '..', '..', 'web') : resolve(__dirname, '..', '..', 'dist', 'web');
}

/**
 * GET /metrics: with METRICS_PORT it is served there only (on METRICS_HOST, loopback by
 * default); with METRICS_TOKEN it needs `Authorization: Bearer <token>` wherever it is served.
 * In production with neither, it is not served at all (the API's port faces the public).
 */
function metricsConfig(env: Env, nodeEnv: NodeEnv): MetricsConfig {
  const token = env.METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && (token.length < 16 || /\s/.test(token)))
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters without spaces');
  const rawPort = env.METRICS_PORT?.trim();
  const port = rawPort ? int(env, 'METRICS_PORT', 0, 1, 65_535) : undefined;
  const host = str(env, 'METRICS_HOST', '127.0.0.1');
  const onApiPort =
    port !== undefined ? 'off' : token ? 'token' : nodeEnv === 'production' ? 'off' : 'open';
  return { token, port, host, onApiPort };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(
      'NODE_ENV',
      `must be development, production or test, got ${shown(nodeEnv)}`,
    );
  }
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const logLevel = str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of fatal, error, warn, info, debug, trace, silent`,
    );
  }
  const corsOrigins = str(env, 'CORS_ORIGINS', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `has an invalid origin ${shown(origin)}`);
    }
  }
  const lockoutSeconds = int(env, 'LOGIN_LOCKOUT_SECONDS', 900, 1, 86_400);
  const secret = jwtSecret(env, nodeEnv, dataDir);
  const deviceSecret = env.VOTING_DEVICE_SECRET?.trim();
  if (deviceSecret !== undefined && deviceSecret !== '' && deviceSecret.length < 32) {
    throw new ConfigError('VOTING_DEVICE_SECRET', 'must be at least 32 characters');
  }
  const redisKeyPrefix = str(env, 'REDIS_KEY_PREFIX', 'socket.io');
  if (!/^[A-Za-z0-9:._-]{1,64}$/.test(redisKeyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1 to 64 letters, digits or : . _ -');
  }
  const mediaUrlSecretRaw = env.MEDIA_URL_SECRET?.trim();
  if (mediaUrlSecretRaw !== undefined && mediaUrlSecretRaw !== '' && mediaUrlSecretRaw.length < 32)
    throw new ConfigError('MEDIA_URL_SECRET', 'must be at least 32 characters');
  const mediaUrlSecret =
    mediaUrlSecretRaw ||
    createHmac('sha256', secret).update('hoi-thi signed media addresses').digest('base64url');
  const otpProvider = str(env, 'OTP_PROVIDER', 'log');
  if (otpProvider !== 'log' && otpProvider !== 'http') {
    throw new ConfigError('OTP_PROVIDER', `must be log or http, got ${shown(otpProvider)}`);
  }
  const otpHttpUrl = url(env, 'OTP_HTTP_URL', ['http:', 'https:']);
  const otpHttpToken = env.OTP_HTTP_TOKEN?.trim() || undefined;
  if (otpProvider === 'http') {
    if (!otpHttpUrl) throw new ConfigError('OTP_HTTP_URL', 'is required when OTP_PROVIDER=http');
    if (!otpHttpToken || otpHttpToken.length < 16)
      throw new ConfigError(
        'OTP_HTTP_TOKEN',
        'is required (16+ characters) when OTP_PROVIDER=http',
      );
  }
  const otpSecret = env.OTP_SECRET?.trim();
  if (otpSecret !== undefined && otpSecret !== '' && otpSecret.length < 32) {
    throw new ConfigError('OTP_SECRET', 'must be at least 32 characters');
  }
  return {
    nodeEnv,
    host: str(env, 'HOST', '0.0.0.0'),
    port: int(env, 'PORT', 3000, 0, 65_535),
    databaseUrl,
    dataDir,
    webDir: resolve(str(env, 'WEB_DIR', defaultWebDir())),
    dbPoolSize: poolSize(env, databaseUrl),
    logLevel,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxJsonDepth: int(env, 'MAX_JSON_DEPTH', 32, 2, 1000),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    jwt: {
      secret,
      accessTtlSeconds: int(env, 'JWT_ACCESS_TTL_SECONDS', 900, 10, 86_400),
      refreshTtlSeconds: int(env, 'JWT_REFRESH_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
      issuer: str(env, 'JWT_ISSUER', 'hoi-thi'),
    },
    login: {
      maxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100_000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      lockoutSeconds,
      maxLockoutSeconds: int(env, 'LOGIN_MAX_LOCKOUT_SECONDS', 3600, lockoutSeconds, 86_400),
    },
    seedDemo: bool(env, 'SEED_DEMO', !databaseUrl),
    corsOrigins,
    trustProxy: bool(env, 'TRUST_PROXY', false),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    socketMaxMessageBytes: int(env, 'SOCKET_MAX_MESSAGE_BYTES', 16_384, 256, 1_048_576),
    socketEventsPerSecond: int(env, 'SOCKET_EVENTS_PER_SECOND', 20, 1, 10_000),
    socketBurst: int(env, 'SOCKET_BURST', 40, 1, 100_000),
    redisKeyPrefix,
    voting: {
      batchMax: int(env, 'VOTING_BATCH_MAX', 1000, 1, 10_000),
      batchWaitMs: int(env, 'VOTING_BATCH_WAIT_MS', 4, 0, 1000),
      batchConcurrency: int(env, 'VOTING_BATCH_CONCURRENCY', 2, 1, 16),
      queueMax: int(env, 'VOTING_QUEUE_MAX', 50_000, 100, 1_000_000),
      slotHints: int(env, 'VOTING_SLOT_HINTS', 2_097_152, 1024, 67_108_864),
      tallyIntervalMs: int(env, 'VOTING_TALLY_INTERVAL_MS', 250, 20, 10_000),
      sessionPollMs: int(env, 'VOTING_SESSION_POLL_MS', 1000, 50, 60_000),
      deviceSecret:
        deviceSecret ||
        createHmac('sha256', secret).update('hoi-thi voting device tokens').digest('base64url'),
      deviceTokenTtlDays: int(env, 'VOTING_DEVICE_TOKEN_TTL_DAYS', 30, 1, 3650),
      deviceTokensPerIp: int(env, 'VOTING_DEVICE_TOKENS_PER_IP', 100, 1, 1_000_000),
      deviceTokensPerFingerprint: int(
        env,
        'VOTING_DEVICE_TOKENS_PER_FINGERPRINT',
        20,
        1,
        1_000_000,
      ),
      deviceTokenWindowSeconds: int(env, 'VOTING_DEVICE_TOKEN_WINDOW_SECONDS', 600, 10, 86_400),
      statsEndpoint: bool(env, 'VOTING_STATS_ENDPOINT', false),
    },
    otp: {
      provider: otpProvider,
      httpUrl: otpHttpUrl,
      httpToken: otpHttpToken,
      ttlSeconds: int(env, 'OTP_TTL_SECONDS', 300, 1, 3600),
      maxAttempts: int(env, 'OTP_MAX_ATTEMPTS', 5, 1, 20),
      sendPerPhone: int(env, 'OTP_SEND_PER_PHONE', 5, 1, 1000),
      sendPerIp: int(env, 'OTP_SEND_PER_IP', 30, 1, 100_000),
      sendPerDevice: int(env, 'OTP_SEND_PER_DEVICE', 5, 1, 1000),
      sendWindowSeconds: int(env, 'OTP_SEND_WINDOW_SECONDS', 3600, 10, 86_400),
      resendSeconds: int(env, 'OTP_RESEND_SECONDS', 30, 0, 3600),
      secret:
        otpSecret || createHmac('sha256', secret).update('hoi-thi phone codes').digest('base64url'),
      tokenTtlSeconds: int(env, 'OTP_TOKEN_TTL_SECONDS', 6 * 3600, 60, 7 * 86_400),
    },
    integrity: {
      windowSeconds: int(env, 'VOTE_SIGNAL_WINDOW_SECONDS', 3600, 10, 7 * 86_400),
      votersPerIp: int(env, 'VOTE_MAX_VOTERS_PER_IP', 50, 1, 1_000_000),
      votersPerSubnet: int(env, 'VOTE_MAX_VOTERS_PER_SUBNET', 150, 1, 1_000_000),
      devicesPerFingerprint: int(env, 'VOTE_MAX_DEVICES_PER_FINGERPRINT', 20, 1, 1_000_000),
      minHumanMs: int(env, 'VOTE_MIN_HUMAN_MS', 700, 0, 60_000),
      burstFactor: int(env, 'VOTE_BURST_FACTOR', 20, 2, 10_000),
      burstMinPerSecond: int(env, 'VOTE_BURST_MIN_PER_SECOND', 200, 1, 10_000_000),
      phoneRunLength: int(env, 'VOTE_PHONE_RUN_LENGTH', 5, 2, 1000),
      phoneRunGap: int(env, 'VOTE_PHONE_RUN_GAP', 2, 1, 1000),
    },
    media: {
      uploadsDir: resolve(str(env, 'UPLOADS_DIR', './uploads')),
      ...mediaStore(env),
      maxPixels: int(env, 'MEDIA_MAX_PIXELS', 50_000_000, 1, 1_000_000_000),
      uploadExpiryHours: int(env, 'UPLOAD_EXPIRY_HOURS', 24, 1, 24 * 30),
      multipartMaxBytes: int(env, 'MEDIA_MULTIPART_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 ** 3),
      maxUploadBytes: int(env, 'MEDIA_MAX_UPLOAD_BYTES', 4 * 1024 ** 3, 1024, 64 * 1024 ** 3),
      ffmpegPath: str(env, 'FFMPEG_PATH', 'ffmpeg'),
      ffprobePath: str(env, 'FFPROBE_PATH', 'ffprobe'),
      sofficePath: str(env, 'SOFFICE_PATH', 'soffice'),
      slidesTimeoutMs: int(env, 'MEDIA_SLIDES_TIMEOUT_SECONDS', 120, 5, 3600) * 1000,
      worker: bool(env, 'MEDIA_WORKER', true),
      workerConcurrency: int(env, 'MEDIA_WORKER_CONCURRENCY', 0, 0, 64),
      jobPollMs: int(env, 'JOB_POLL_MS', 1000, 10, 60_000),
      jobMaxAttempts: int(env, 'JOB_MAX_ATTEMPTS', 3, 1, 100),
      uploadIdleTimeoutMs: int(env, 'MEDIA_UPLOAD_IDLE_TIMEOUT_MS', 30_000, 100, 3_600_000),
      urlSecret: mediaUrlSecret,
      urlTtlSeconds: int(env, 'MEDIA_URL_TTL_SECONDS', 1800, 5, 24 * 3600),
    },
    metrics: metricsConfig(env, nodeEnv),
  };
}
