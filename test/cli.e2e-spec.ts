import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../src/cli';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/** Runs the command in this process, capturing what it prints. */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

describe('admin command line', () => {
  let t: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATABASE_URL: t.databaseUrl,
      LANG: 'en_US.UTF-8',
    };
  });
  afterAll(() => t.close());

  const userCount = async () =>
    Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0].n);
  const loginStatus = async (identifier: string, password: string) =>
    (await t.http().post('/auth/login').send({ identifier, password })).status;

  it('creates an admin with a generated password, printed once, that logs in', async () => {
    const res = await cli(
      ['create-admin', '--email', 'Quan.Tri@HoiThi.vn', '--name', ' Nguyễn Văn A '],
      env,
    );
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toMatch(
      /^Created admin Nguyễn Văn A <quan\.tri@hoithi\.vn>, id [0-9a-f-]{36}\./,
    );
    const password = /Password \(shown only once[^)]*\): (\S+)$/m.exec(res.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(res.out.split(password!).length).toBe(2); // printed exactly once

    const login = await t
      .http()
      .post('/auth/login')
      .send({ identifier: 'quan.tri@hoithi.vn', password })
      .expect(200);
    const me = await t
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'admin', fullName: 'Nguyễn Văn A', unitId: null });
    // an admin indeed: the admin-only list answers
    await t
      .http()
      .get('/users')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);

    const { rows } = await t.db.query<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_log WHERE subject_id = $1`,
      [me.body.id],
    );
    expect(rows).toEqual([{ action: 'user.created_by_cli', actor_id: null }]);
  });

  it('takes a given password and phone; the phone logs in in any spelling', async () => {
    const res = await cli(
      [
        'create-admin',
        '--email=admin2@hoithi.vn',
        '--name=Trần Thị B',
        '--phone',
        '0987 111 222',
        '--password',
        'matkhau2024',
      ],
      env,
    );
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).not.toContain('matkhau2024');
    expect(res.out).not.toMatch(/Password/);
    expect(await loginStatus('+84987111222', 'matkhau2024')).toBe(200);
    expect(await loginStatus('84987111222', 'matkhau2024')).toBe(200);
  });

  it('refuses a duplicate email in one line, exit code 1, and creates nothing', async () => {
    const before = await userCount();
    const res = await cli(
      ['create-admin', '--email', 'QUAN.TRI@hoithi.vn', '--name', 'Người Khác'],
      env,
    );
    expect(res).toMatchObject({ code: 1, out: '' });
    expect(res.errLines).toEqual(['Error: This email is already registered. (users.email_taken)']);
    expect(await userCount()).toBe(before);
  });

  it('speaks Vietnamese unless LANG asks for English', async () => {
    const res = await cli(['create-admin', '--email', 'admin2@hoithi.vn', '--name', 'X Y'], {
      ...env,
      LANG: 'vi_VN.UTF-8',
    });
    expect(res.code).toBe(1);
    expect(res.errLines).toEqual(['Lỗi: Email này đã được đăng ký. (users.email_taken)']);
  });

  it.each([
    [['create-admin', '--name', 'Nguyễn Văn A'], '--email is required.'],
    [['create-admin', '--email', 'a@b.vn'], '--name is required.'],
    [['create-admin', '--email', 'not-an-email', '--name', 'Nguyễn Văn A'], 'not a valid email'],
    [['create-admin', '--email', 'a@b.vn', '--name', 'A'], '--name must have 2 to 200'],
    [['create-admin', '--email', 'a@b.vn', '--name', 'Nguyễn A', '--phone', '12345'], '--phone'],
    [
      ['create-admin', '--email', 'a@b.vn', '--name', 'Nguyễn A', '--password', 'short'],
      '--password',
    ],
    [
      ['create-admin', '--email', 'a@b.vn', '--name', 'Nguyễn A', '--password', 'onlyletters'],
      '--password',
    ],
    [
      ['create-admin', '--email', 'a@b.vn', '--name', 'Nguyễn A', '--role', 'x'],
      "Unknown option '--role'",
    ],
    [['create-admin', '--email'], "'--email"],
    [['create-admin', 'extra', '--email', 'a@b.vn', '--name', 'Nguyễn A'], 'Usage error'],
    [['make-me-admin'], 'There is no command "make-me-admin"'],
    [[], 'A command is required'],
  ])('refuses bad arguments %j', async (argv, message) => {
    const before = await userCount();
    const res = await cli(argv, env);
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.errLines).toHaveLength(1);
    expect(res.errLines[0]).not.toContain('\n');
    expect(res.errLines[0]).toContain(message);
    expect(await userCount()).toBe(before);
  });

  it('refuses bad configuration in one line naming the variable', async () => {
    const res = await cli(['create-admin', '--email', 'c@b.vn', '--name', 'Nguyễn C'], {
      ...env,
      DB_POOL_SIZE: 'lots',
    });
    expect(res.code).toBe(1);
    expect(res.errLines).toEqual([
      'Invalid configuration: DB_POOL_SIZE must be an integer, got "lots"',
    ]);
  });

  it('prints help with exit code 0', async () => {
    const res = await cli(['help'], env);
    expect(res.code).toBe(0);
    expect(res.out).toContain('create-admin');
    expect(res.out).toContain('--password');
  });

  describe('as a built process', () => {
    let build: string;
    let dataDir: string;
    beforeAll(async () => {
      const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
      build = join(ROOT, 'test-artifacts', `cli-build-${id}`);
      dataDir = join(ROOT, 'test-artifacts', `cli-data-${id}`);
      mkdirSync(build, { recursive: true });
      await run(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          'tsconfig.build.json',
          '--outDir',
          build,
        ],
        { cwd: ROOT },
      );
    }, 120_000);
    afterAll(() => {
      rmSync(build, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Runs `node <build>/src/cli.js` with exactly this environment; no stdin. */
    const spawnCli = async (argv: string[], processEnv: Record<string, string>) => {
      try {
        const { stdout, stderr } = await run(
          process.execPath,
          [join(build, 'src', 'cli.js'), ...argv],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...processEnv }, timeout: 60_000 },
        );
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
    };

    it('exits 0 on success and 1 with one line on stderr on failure', async () => {
      const ok = await spawnCli(
        ['create-admin', '--email', 'proc@hoithi.vn', '--name', 'Lê Văn C'],
        env,
      );
      expect(ok).toMatchObject({ code: 0, stderr: '' });
      const password = /\): (\S+)\n$/.exec(ok.stdout)?.[1];
      expect(await loginStatus('proc@hoithi.vn', password!)).toBe(200);

      const dup = await spawnCli(
        ['create-admin', '--email', 'proc@hoithi.vn', '--name', 'Lê Văn C'],
        env,
      );
      expect(dup).toMatchObject({ code: 1, stdout: '' });
      expect(dup.stderr).toBe('Error: This email is already registered. (users.email_taken)\n');

      const bad = await spawnCli(['create-admin', '--email', 'x'], env);
      expect(bad).toMatchObject({ code: 1, stdout: '', stderr: '--name is required.\n' });
    });

    it('uses the embedded database in DATA_DIR when there is no DATABASE_URL, migrating it', async () => {
      const embeddedEnv = { NODE_ENV: 'test', DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };
      const first = await spawnCli(
        ['create-admin', '--email', 'local@hoithi.vn', '--name', 'Phạm Thị D'],
        embeddedEnv,
      );
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain('Created admin Phạm Thị D <local@hoithi.vn>');
      // the account was stored in DATA_DIR: a second run sees it
      const again = await spawnCli(
        ['create-admin', '--email', 'local@hoithi.vn', '--name', 'Phạm Thị D'],
        embeddedEnv,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('users.email_taken');
    }, 90_000);
  });
});
