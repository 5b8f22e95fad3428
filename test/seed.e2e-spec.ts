import { Logger } from '@nestjs/common';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  DemoLogin,
  DemoSeeder,
  formatDemoLogins,
} from '../src/seed/demo.seeder';
import { UserRole } from '../src/users/entities/user.entity';
import { UsersService } from '../src/users/users.service';
import { insertUnit, login } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => {
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM org_units)::int AS units, (SELECT count(*) FROM users)::int AS users`,
    );
    return rows[0] as { units: number; users: number };
  };

  it('does nothing on a database that already has a unit', async () => {
    const unit = await insertUnit(t, { name: 'Hội LHPN tỉnh Có Sẵn', kind: 'Tỉnh' });
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
    expect(await counts()).toEqual({ units: 1, users: 0 });
    await t.db.query('DELETE FROM org_units WHERE id = $1', [unit.id]);
  });

  it('does nothing on a database that already has an account', async () => {
    const user = await t.app.get(UsersService).create(
      {
        fullName: 'Người có sẵn',
        email: 'co-san@test.hoithi.vn',
        password: 'matkhau2024',
        role: UserRole.Admin,
      },
      null,
    );
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
    expect(await counts()).toEqual({ units: 0, users: 1 });
    await t.db.query('DELETE FROM users WHERE id = $1', [user.id]);
  });

  it('seeds an empty database once: the union tree, its history and one account of each role', async () => {
    expect(await counts()).toEqual({ units: 0, users: 0 });
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    let logins: DemoLogin[] | undefined;
    try {
      logins = await t.app.get(DemoSeeder).seedIfEmpty();
    } finally {
      spy.mockRestore();
    }
    expect(logins).toBeDefined();

    const { rows: units } = await t.db.query(
      'SELECT id, code, name, kind, parent_id, depth, status, merged_into_id FROM org_units',
    );
    const province = units.find((u) => u.depth === 0 && u.status === 'active');
    expect(province.name).toBe('Hội LHPN tỉnh Đắk Lắk');
    expect(units.filter((u) => u.depth === 0 && u.status === 'active')).toHaveLength(1);
    const communes = units.filter((u) => u.parent_id === province.id && u.status === 'active');
    expect(communes.length).toBeGreaterThanOrEqual(8);
    for (const c of communes) {
      const branches = units.filter((u) => u.parent_id === c.id && u.kind === 'Chi hội');
      expect(branches.length).toBeGreaterThanOrEqual(1);
    }
    const district = units.find((u) => u.kind === 'Huyện');
    expect(district).toMatchObject({ status: 'merged', merged_into_id: province.id });
    expect(district.name).toContain('(cũ)');
    const { rows: events } = await t.db.query(
      'SELECT unit_id, type FROM org_unit_events WHERE unit_id = $1 ORDER BY id',
      [district.id],
    );
    expect(events.map((e) => e.type)).toEqual(['created', 'merged']);

    const { rows: users } = await t.db.query(
      'SELECT email, role, unit_id FROM users ORDER BY email',
    );
    const roles = users.map((u) => u.role).sort();
    expect(roles).toEqual(['admin', 'contestant', 'contestant', 'judge', 'organizer']);
    const contestants = users.filter((u) => u.role === 'contestant');
    expect(contestants[0].unit_id).not.toBe(contestants[1].unit_id);
    for (const c of contestants) expect(communes.map((u) => u.id)).toContain(c.unit_id);

    // the known demo password works for the non-admin accounts; the admin's is random
    for (const u of users.filter((x) => x.role !== UserRole.Admin)) {
      await expect(login(t, u.email, DEMO_PASSWORD)).resolves.toHaveProperty('accessToken');
    }
    await expect(login(t, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).rejects.toThrow(/login failed: 401/);
    // the logins come back to be shown once (every account; the admin's random password works),
    // and no log line carries a password
    expect(logins!.map((l) => l.email).sort()).toEqual(users.map((u) => u.email).sort());
    const admin = logins!.find((l) => l.role === UserRole.Admin)!;
    expect(admin.email).toBe(DEMO_ADMIN_EMAIL);
    expect(admin.password).not.toBe(DEMO_PASSWORD);
    for (const l of logins!.filter((x) => x.role !== UserRole.Admin))
      expect(l.password).toBe(DEMO_PASSWORD);
    await expect(login(t, DEMO_ADMIN_EMAIL, admin.password)).resolves.toHaveProperty('accessToken');
    for (const line of logged) {
      expect(line).not.toContain(admin.password);
      expect(line).not.toContain(DEMO_PASSWORD);
    }
    const block = formatDemoLogins(logins!, 'http://127.0.0.1:3000/app/');
    for (const l of logins!) {
      const line = block.split('\n').find((x) => x.includes(l.email));
      expect(line).toContain(l.password);
    }
    expect(block).toContain('http://127.0.0.1:3000/app/');

    const before = await counts();
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});
