import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { isEmail } from 'class-validator';
import { AuditModule } from './audit/audit.module';
import { BackupManifest, BackupService } from './backup/backup.service';
import { requestBackup } from './backup/control-socket';
import { createMediaStorage } from './storage/storage.module';
import { AppError } from './common/errors/app-error';
import { defineMessages, Locale, translate } from './common/i18n/i18n';
import { normalizeVnPhone } from './common/validation/phone';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JOB_STATES, JobState } from './jobs/entities/job.entity';
import { JobsAdminService, stateName } from './jobs/jobs-admin.service';
import { JobsModule } from './jobs/jobs.module';
import { UnservedMetricsModule } from './metrics/metrics.module';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { PASSWORD_RULE } from './users/dto/user.dto';
import { UserRole } from './users/entities/user.entity';
import { UsersModule } from './users/users.module';
import { UsersService } from './users/users.service';
import { VoteIntegrityModule } from './vote-integrity/vote-integrity.module';
import { VoteIntegrityService } from './vote-integrity/vote-integrity.service';

/**
 * Administration from the command line, for the first admin account and for recovery:
 * `npm run cli -- create-admin --email a@b.vn --name "Nguyễn Văn A" [--phone …] [--password …]`.
 * Non-interactive (CI has no terminal); the same configuration as the server; exit code 0 or 1.
 */

defineMessages({
  'cli.usage_error': { vi: 'Lỗi cú pháp: {problem}', en: 'Usage error: {problem}' },
  'cli.unknown_command': {
    vi: 'Không có lệnh "{command}". Xem: npm run cli -- help',
    en: 'There is no command "{command}". See: npm run cli -- help',
  },
  'cli.missing_command': {
    vi: 'Thiếu lệnh. Xem: npm run cli -- help',
    en: 'A command is required. See: npm run cli -- help',
  },
  'cli.option_required': { vi: 'Thiếu --{option}.', en: '--{option} is required.' },
  'cli.invalid_email': {
    vi: '--email không phải email hợp lệ.',
    en: '--email is not a valid email.',
  },
  'cli.invalid_name': {
    vi: '--name cần từ 2 đến 200 ký tự.',
    en: '--name must have 2 to 200 characters.',
  },
  'cli.invalid_phone': {
    vi: '--phone không phải số điện thoại Việt Nam hợp lệ.',
    en: '--phone is not a valid Vietnamese phone number.',
  },
  'cli.weak_password': {
    vi: '--password cần ít nhất 8 ký tự, gồm cả chữ và số (tối đa 128).',
    en: '--password needs at least 8 characters with letters and digits (at most 128).',
  },
  'cli.invalid_session': {
    vi: 'Cần mã phiên bình chọn (UUID): npm run cli -- recount <sessionId>',
    en: 'A voting session id (UUID) is required: npm run cli -- recount <sessionId>',
  },
  'cli.recount_equal': {
    vi: 'Kiểm phiếu lại phiên {sessionId}: chuỗi băm hợp lệ ({batches} lô, đầu chuỗi {head}); {votes} phiếu, {notCounting} phiếu bị giữ hoặc loại; kết quả trùng khớp với số phiếu trực tiếp.',
    en: 'Recount of {sessionId}: hash chain valid ({batches} batches, head {head}); {votes} votes, {notCounting} held or voided; the tallies equal the live ones.',
  },
  'cli.recount_differs': {
    vi: 'Kiểm phiếu lại phiên {sessionId}: KHÔNG KHỚP — chuỗi băm {chain}, {problems} lô bất thường, {unchained} phiếu ngoài chuỗi, {differences} bài dự thi lệch số phiếu.',
    en: 'Recount of {sessionId}: MISMATCH — hash chain {chain}, {problems} broken batches, {unchained} votes outside the chain, {differences} entries with different tallies.',
  },
  'cli.jobs_none': { vi: 'Hàng đợi không có công việc nào.', en: 'The queue holds no job.' },
  'cli.jobs_line': {
    vi: '{queue} — {state}: {count} việc, cũ nhất {age} giây{due}',
    en: '{queue} — {state}: {count} jobs, the oldest {age} s old{due}',
  },
  'cli.jobs_due': {
    vi: '; {due} việc đến hạn, việc đến hạn cũ nhất đã chờ {age} giây',
    en: '; {due} due, the oldest due waiting for {age} s',
  },
  'cli.jobs_usage': {
    vi: 'Cách dùng: jobs | jobs list [--state dead] [--queue …] [--limit …] | jobs retry|discard <mã> | jobs retry|discard --dead [--queue …]',
    en: 'Usage: jobs | jobs list [--state dead] [--queue …] [--limit …] | jobs retry|discard <id> | jobs retry|discard --dead [--queue …]',
  },
  'cli.jobs_retried': {
    vi: 'Đã đưa {count} công việc hỏng trở lại hàng đợi.',
    en: 'Put {count} dead jobs back in the queue.',
  },
  'cli.jobs_discarded': { vi: 'Đã bỏ {count} công việc hỏng.', en: 'Discarded {count} dead jobs.' },
  'cli.backup_usage': {
    vi: 'Cách dùng: npm run cli -- backup <thư mục> | npm run cli -- restore <thư mục>',
    en: 'Usage: npm run cli -- backup <folder> | npm run cli -- restore <folder>',
  },
  'cli.backup_done': {
    vi: 'Đã sao lưu vào {dir}: cơ sở dữ liệu ({rows} dòng trong {tables} bảng) và {objects} tệp ({megabytes} MB).',
    en: 'Backed up into {dir}: the database ({rows} rows in {tables} tables) and {objects} files ({megabytes} MB).',
  },
  'cli.backup_missing': {
    vi: 'Lưu ý: {count} tệp được cơ sở dữ liệu nhắc tới đã bị xóa khỏi kho trước khi kịp chép (xem manifest.json, mục media.missing).',
    en: 'Note: {count} files the database refers to were removed from the store before they could be copied (see manifest.json, media.missing).',
  },
  'cli.restore_done': {
    vi: 'Đã khôi phục từ {dir}: cơ sở dữ liệu ({rows} dòng trong {tables} bảng) và {objects} tệp.',
    en: 'Restored from {dir}: the database ({rows} rows in {tables} tables) and {objects} files.',
  },
  'cli.no_embedded_database': {
    vi: 'Không có cơ sở dữ liệu nhúng trong {dir} để sao lưu.',
    en: 'There is no embedded database in {dir} to back up.',
  },
  'cli.error': { vi: 'Lỗi: {message} ({code})', en: 'Error: {message} ({code})' },
  'cli.failed': { vi: 'Lỗi: {message}', en: 'Error: {message}' },
  'cli.admin_created': {
    vi: 'Đã tạo quản trị viên {name} <{identifier}>, mã {id}.',
    en: 'Created admin {name} <{identifier}>, id {id}.',
  },
  'cli.generated_password': {
    vi: 'Mật khẩu (chỉ hiển thị một lần, hãy lưu lại và đổi sau khi đăng nhập): {password}',
    en: 'Password (shown only once; keep it and change it after logging in): {password}',
  },
});

const USAGE = `Hội Thi — administration

Usage:
  npm run cli -- <command> [options]

Commands:
  create-admin   Create a system administrator account
                   --email <email>      required
                   --name <full name>   required (quote it: --name "Nguyễn Văn A")
                   --phone <phone>      optional, any Vietnamese spelling (0912 345 678)
                   --password <pw>      optional; without it a strong password is generated
                                        and printed once
  recount <sessionId>
                 Check a voting session's hash chain and recompute its tallies from the
                 stored votes; exit code 0 when they equal the live tallies, 2 when not
  jobs           The background job queue: jobs by queue and state, their age, how many are due
  jobs list [--state dead|queued|active|done] [--queue <name>] [--limit <n>]
                 The jobs in one state (dead by default), one JSON line each, with the last error
  jobs retry <id> | jobs retry --dead [--queue <name>]
                 Put a dead job (or every dead job) back in its queue, attempts counted anew
  jobs discard <id> | jobs discard --dead [--queue <name>]
                 Remove a dead job (or every dead job)
  backup <folder>
                 Copy the database and every media file into a new (or empty) folder, while the
                 service runs. With DATABASE_URL: pg_dump (a server of PostgreSQL 15 or older;
                 see docs/deployment.md) and the media store; on the embedded database the running
                 service writes the backup (asked through DATA_DIR/control.sock), or, when it is
                 stopped, this command does
  restore <folder>
                 Put a backup back: into DATABASE_URL (an empty database) or, without it, into a
                 new embedded database in DATA_DIR (the service stopped), and the media files
                 into the configured store; nothing is changed when it cannot be done whole
  help           Show this text

The database is the server's: DATABASE_URL, or the embedded database in DATA_DIR (stop the
server first when it uses the embedded database). Pending migrations are applied.
Messages are Vietnamese, or English when LANG starts with "en". Exit code 0 on success, 1 on
any error.`;

/**
 * What the commands need of the application: its configuration, the database (migrated on
 * boot) and the account services, without HTTP, sockets or passport. Passport's strategies are
 * process-wide, so a second full application in one process would take them over.
 */
@Module({})
class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 2, migrate: true }),
        AuditModule,
        UsersModule,
        UnservedMetricsModule,
        VoteIntegrityModule,
        JobsModule,
      ],
    };
  }
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

type Env = Record<string, string | undefined>;

function localeOf(env: Env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(lang) ? 'en' : 'vi';
}

/** 24 characters of base64url from 144 random bits, with at least one letter and one digit. */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (PASSWORD_RULE.test(candidate) && /[A-Za-z]/.test(candidate) && /\d/.test(candidate)) {
      return candidate;
    }
  }
}

class UsageError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

interface AdminInput {
  email: string;
  fullName: string;
  phone?: string;
  password?: string;
}

function parseCreateAdmin(args: string[]): AdminInput {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        phone: { type: 'string' },
        password: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const problem = (err as Error).message.split('\n')[0];
    throw new UsageError('cli.usage_error', { problem });
  }
  const email = typeof values.email === 'string' ? values.email.normalize('NFC').trim() : '';
  const fullName = typeof values.name === 'string' ? values.name.normalize('NFC').trim() : '';
  if (!email) throw new UsageError('cli.option_required', { option: 'email' });
  if (!fullName) throw new UsageError('cli.option_required', { option: 'name' });
  if (email.length > 254 || !isEmail(email)) throw new UsageError('cli.invalid_email');
  if (fullName.length < 2 || fullName.length > 200) throw new UsageError('cli.invalid_name');
  const input: AdminInput = { email: email.toLowerCase(), fullName };
  if (values.phone !== undefined) {
    if (typeof values.phone !== 'string' || !normalizeVnPhone(values.phone)) {
      throw new UsageError('cli.invalid_phone');
    }
    input.phone = values.phone;
  }
  if (values.password !== undefined) {
    if (typeof values.password !== 'string' || !PASSWORD_RULE.test(values.password)) {
      throw new UsageError('cli.weak_password');
    }
    input.password = values.password;
  }
  return input;
}

async function createAdmin(input: AdminInput, env: Env, io: CliIo, locale: Locale) {
  await withApp(env, async (app) => {
    const password = input.password ?? generatePassword();
    const user = await app.get(UsersService).create(
      {
        fullName: input.fullName,
        email: input.email,
        phone: input.phone,
        password,
        role: UserRole.Admin,
        unitId: null,
      },
      null,
      'cli',
    );
    io.out(
      translate('cli.admin_created', locale, {
        name: user.fullName,
        identifier: user.email ?? user.phone,
        id: user.id,
      }),
    );
    if (!input.password) io.out(translate('cli.generated_password', locale, { password }));
  });
}

async function recount(args: string[], env: Env, io: CliIo, locale: Locale): Promise<number> {
  const sessionId = args[0]?.toLowerCase() ?? '';
  if (
    args.length !== 1 ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(sessionId)
  )
    throw new UsageError('cli.invalid_session');
  return withApp(env, async (app) => {
    const r = await app.get(VoteIntegrityService).recount(sessionId, null);
    if (r.equal) {
      io.out(
        translate('cli.recount_equal', locale, {
          sessionId,
          batches: r.chain.batches,
          head: r.chain.head,
          votes: r.votes,
          notCounting: r.notCounting,
        }),
      );
    } else {
      io.err(
        translate('cli.recount_differs', locale, {
          sessionId,
          chain: r.chain.valid ? 'OK' : '✗',
          problems: r.chain.problems.length,
          unchained: r.chain.unchained,
          differences: r.differences.length,
        }),
      );
    }
    io.out(JSON.stringify(r));
    return r.equal ? 0 : 2;
  });
}

/**
 * Runs `fn` with the application's services on the configured database (the embedded one opened
 * for the command, and closed after it). No job is taken by the command's process.
 */
async function withApp<T>(env: Env, fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env, MEDIA_WORKER: 'false' });
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'));
    databaseUrl = embedded.url;
  }
  try {
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, databaseUrl), {
      logger: false,
      abortOnError: false,
    });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop().catch(() => undefined);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseJobOptions(args: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        state: { type: 'string' },
        queue: { type: 'string' },
        limit: { type: 'string' },
        dead: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const state = values.state ?? 'dead';
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    const queue = values.queue;
    if (
      !(JOB_STATES as readonly string[]).includes(state) ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > 10_000 ||
      (queue !== undefined && !/^[a-z][a-z0-9._-]{0,99}$/.test(queue))
    )
      throw new UsageError('cli.jobs_usage');
    return { state: state as JobState, limit, queue, dead: values.dead === true, positionals };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError('cli.jobs_usage');
  }
}

async function jobs(args: string[], env: Env, io: CliIo, locale: Locale): Promise<number> {
  const [sub, ...rest] = args;
  const opts = parseJobOptions(rest);
  const target = opts.positionals[0]?.toLowerCase();
  const single =
    target !== undefined && UUID.test(target) && !opts.dead && opts.positionals.length === 1;
  const all = opts.dead && !opts.positionals.length;
  switch (sub) {
    case undefined:
      return withApp(env, async (app) => {
        const { counts } = await app.get(JobsAdminService).summary();
        if (!counts.length) io.out(translate('cli.jobs_none', locale));
        for (const c of counts) {
          const due =
            c.state === 'queued'
              ? translate('cli.jobs_due', locale, { due: c.due, age: c.oldestDueAgeSeconds ?? 0 })
              : '';
          io.out(
            translate('cli.jobs_line', locale, {
              queue: c.queue,
              state: stateName(c.state, locale),
              count: c.count,
              age: c.oldestAgeSeconds,
              due,
            }),
          );
        }
        return 0;
      });
    case 'list':
      if (opts.positionals.length || opts.dead) throw new UsageError('cli.jobs_usage');
      return withApp(env, async (app) => {
        const rows = await app.get(JobsAdminService).list(opts.state, opts, opts.limit);
        for (const r of rows) io.out(JSON.stringify(r));
        return 0;
      });
    case 'retry':
    case 'discard':
      if (!single && !all) throw new UsageError('cli.jobs_usage');
      return withApp(env, async (app) => {
        const admin = app.get(JobsAdminService);
        let count = 1;
        if (single)
          await (sub === 'retry' ? admin.retry(target, null) : admin.discard(target, null));
        else
          count = await (sub === 'retry'
            ? admin.retryAll({ queue: opts.queue }, null)
            : admin.discardAll({ queue: opts.queue }, null));
        io.out(
          translate(sub === 'retry' ? 'cli.jobs_retried' : 'cli.jobs_discarded', locale, { count }),
        );
        return 0;
      });
    default:
      throw new UsageError('cli.jobs_usage');
  }
}

function backupFolder(args: string[]): string {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-'))
    throw new UsageError('cli.backup_usage');
  return resolve(args[0]);
}

function summary(m: BackupManifest) {
  return {
    rows: Object.values(m.database.tables).reduce((a, b) => a + b, 0),
    tables: Object.keys(m.database.tables).length,
  };
}

async function backup(args: string[], env: Env, io: CliIo, locale: Locale): Promise<number> {
  const dir = backupFolder(args);
  const config = loadConfig({ ...env, MEDIA_WORKER: 'false' });
  let manifest: BackupManifest;
  if (config.databaseUrl) {
    manifest = await new BackupService(createMediaStorage(config)).backup(dir, {
      url: config.databaseUrl,
      kind: 'server',
    });
  } else {
    const reply = await requestBackup(config.dataDir, dir);
    if (reply && !reply.ok) throw new AppError(500, reply.code, reply.params);
    if (reply?.ok) manifest = reply.manifest;
    else {
      const pgDir = join(config.dataDir, 'pg');
      if (!existsSync(pgDir))
        throw AppError.notFound('cli.no_embedded_database', { dir: config.dataDir });
      const embedded = await startEmbeddedPostgres(pgDir);
      try {
        manifest = await new BackupService(createMediaStorage(config)).backup(dir, {
          url: embedded.url,
          kind: 'embedded',
        });
      } finally {
        await embedded.stop().catch(() => undefined);
      }
    }
  }
  const megabytes = Math.round((manifest.media.bytes / 1024 / 1024) * 10) / 10;
  io.out(
    translate('cli.backup_done', locale, {
      dir,
      ...summary(manifest),
      objects: manifest.media.objects,
      megabytes,
    }),
  );
  if (manifest.media.missing.length)
    io.err(translate('cli.backup_missing', locale, { count: manifest.media.missing.length }));
  return 0;
}

async function restore(args: string[], env: Env, io: CliIo, locale: Locale): Promise<number> {
  const dir = backupFolder(args);
  const config = loadConfig({ ...env, MEDIA_WORKER: 'false' });
  const service = new BackupService(createMediaStorage(config));
  let result: Awaited<ReturnType<BackupService['restore']>>;
  if (config.databaseUrl) {
    result = await service.restore(dir, { url: config.databaseUrl, kind: 'server' });
  } else {
    await service.readManifest(dir);
    const pgDir = join(config.dataDir, 'pg');
    if (existsSync(pgDir) && readdirSync(pgDir).length)
      throw AppError.conflict('backup.data_dir_not_empty', { dir: pgDir });
    const embedded = await startEmbeddedPostgres(pgDir);
    let restored = false;
    try {
      result = await service.restore(dir, { url: embedded.url, kind: 'embedded' });
      restored = true;
    } finally {
      await embedded.stop().catch(() => undefined);
      // nothing is left of a restore that did not finish
      if (!restored) rmSync(pgDir, { recursive: true, force: true });
    }
  }
  io.out(
    translate('cli.restore_done', locale, {
      dir,
      ...summary(result.manifest),
      objects: result.objects,
    }),
  );
  return 0;
}

/** Runs one command; returns the process exit code. Every failure is one line on `err`. */
export async function runCli(argv: string[], env: Env, io: CliIo): Promise<number> {
  const locale = localeOf(env);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case 'create-admin':
        await createAdmin(parseCreateAdmin(rest), env, io, locale);
        return 0;
      case 'recount':
        return await recount(rest, env, io, locale);
      case 'jobs':
        return await jobs(rest, env, io, locale);
      case 'backup':
        return await backup(rest, env, io, locale);
      case 'restore':
        return await restore(rest, env, io, locale);
      case undefined:
        throw new UsageError('cli.missing_command');
      default:
        throw new UsageError('cli.unknown_command', { command: command.slice(0, 50) });
    }
  } catch (err) {
    io.err(oneLine(describe(err, locale)));
    return 1;
  }
}

function describe(err: unknown, locale: Locale): string {
  if (err instanceof UsageError) return translate(err.code, locale, err.params);
  if (err instanceof ConfigError) return err.message;
  if (err instanceof AppError) {
    const fields = err.fieldErrors.map((f) => `${f.field}: ${translate(f.code, locale, f.params)}`);
    const message = [translate(err.code, locale, err.params), ...fields].join(' ');
    return translate('cli.error', locale, { message, code: err.code });
  }
  const message = err instanceof Error ? err.message : String(err);
  return translate('cli.failed', locale, { message });
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

if (require.main === module) {
  void runCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => process.exit(code));
}
