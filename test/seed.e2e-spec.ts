import { Logger } from '@nestjs/common';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DemoSeeder } from '../src/seed/demo.seeder';
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
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(false);
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
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(false);
    expect(await counts()).toEqual({ units: 0, users: 1 });
    await t.db.query('DELETE FROM users WHERE id = $1', [user.id]);
  });

  it('seeds an empty database once: the union tree, its history and one account of each role', async () => {
    expect(await counts()).toEqual({ units: 0, users: 0 });
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    try {
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(true);
    } finally {
      spy.mockRestore();
    }

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
    for (const u of users.filter((x) => x.role !== 'admin')) {
      await expect(login(t, u.email, DEMO_PASSWORD)).resolves.toHaveProperty('accessToken');
    }
    await expect(login(t, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).rejects.toThrow(/login failed: 401/);
    // one log line names every account; the admin's random password appears there and works
    const lines = logged.filter((l) => l.includes(DEMO_ADMIN_EMAIL));
    expect(lines).toHaveLength(1);
    for (const u of users) expect(lines[0]).toContain(u.email);
    expect(lines[0]).toContain(DEMO_PASSWORD);
    const adminPassword = new RegExp(`${DEMO_ADMIN_EMAIL} / (\\S+)`).exec(lines[0])![1];
    await expect(login(t, DEMO_ADMIN_EMAIL, adminPassword)).resolves.toHaveProperty('accessToken');

    const before = await counts();
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
