import { randomUUID } from 'node:crypto';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit, login, PASSWORD, TestUser } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('users', () => {
  let t: TestApp;
  let admin: TestUser;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, UserRole.Admin);
    unitId = (await insertUnit(t, { name: 'Tỉnh Đắk Lắk', kind: 'Tỉnh' })).id;
  });
  afterAll(() => t.close());

  const post = (body: object, auth = admin.auth) =>
    t.http().post('/users').set('Authorization', auth).send(body);

  it('an admin creates organizers and judges, who can then log in', async () => {
    const organizer = await post({
      fullName: 'Hoàng Thị Thu',
      email: 'Thu.Hoang@HoiPhuNu.vn',
      password: PASSWORD,
      role: 'organizer',
      unitId,
    }).expect(201);
    expect(organizer.body).toMatchObject({
      email: 'thu.hoang@hoiphunu.vn',
      role: 'organizer',
      unitId,
      status: 'active',
    });
    const judge = await post({
      fullName: 'Đỗ Văn Khoa',
      phone: '(0903) 123-456',
      password: PASSWORD,
      role: 'judge',
    }).expect(201);
    expect(judge.body).toMatchObject({ phone: '+84903123456', role: 'judge', unitId: null });

    const tokens = await login(t, '0903123456');
    const me = await t
      .http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${tokens.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: judge.body.id, role: 'judge' });

    const { rows } = await t.db.query<{ action: string; actor_id: string }>(
      'SELECT action, actor_id FROM audit_log WHERE subject_id = $1',
      [organizer.body.id],
    );
    expect(rows).toEqual([{ action: 'user.created', actor_id: admin.id }]);
  });

  it('stores names in NFC, so the same name typed on two phones compares equal', async () => {
    const decomposed = 'Nguyễn Thị Hằng'.normalize('NFD');
    const res = await post({
      fullName: `  ${decomposed} `,
      email: `hang-${randomUUID().slice(0, 6)}@ex.vn`,
      password: PASSWORD,
      role: 'judge',
    }).expect(201);
    expect(res.body.fullName).toBe('Nguyễn Thị Hằng'.normalize('NFC'));
  });

  it('refuses duplicates, missing identifiers, bad phones and unknown units', async () => {
    const email = `dup-${randomUUID().slice(0, 6)}@ex.vn`;
    await post({ fullName: 'Người Một', email, password: PASSWORD, role: 'judge' }).expect(201);
    const dup = await post({
      fullName: 'Người Hai',
      email: email.toUpperCase(),
      password: PASSWORD,
      role: 'judge',
    }).expect(409);
    expect(dup.body.code).toBe('users.email_taken');

    const none = await post({ fullName: 'Không Ai', password: PASSWORD, role: 'judge' }).expect(
      400,
    );
    expect(none.body.code).toBe('common.validation_failed');

    const phone = await post({
      fullName: 'Số Sai',
      phone: '0123',
      password: PASSWORD,
      role: 'judge',
    }).expect(400);
    expect(phone.body.errors).toEqual([
      expect.objectContaining({ field: 'phone', code: 'field.isPhone' }),
    ]);

    const unit = await post({
      fullName: 'Đơn Vị Lạ',
      email: `u-${randomUUID().slice(0, 6)}@ex.vn`,
      password: PASSWORD,
      role: 'organizer',
      unitId: randomUUID(),
    }).expect(400);
    expect(unit.body.errors).toEqual([
      expect.objectContaining({ field: 'unitId', code: 'users.unit_not_found' }),
    ]);

    const role = await post({
      fullName: 'Vai Lạ',
      email: `r-${randomUUID().slice(0, 6)}@ex.vn`,
      password: PASSWORD,
      role: 'superuser',
    }).expect(400);
    expect(role.body.errors[0]).toMatchObject({ field: 'role', code: 'field.isEnum' });
  });

  it('registration needs an existing unit', async () => {
    const missing = await t
      .http()
      .post('/auth/register')
      .send({ fullName: 'Thí Sinh', email: 'ts1@ex.vn', password: PASSWORD })
      .expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'unitId' })]);
    const unknown = await t
      .http()
      .post('/auth/register')
      .send({ fullName: 'Thí Sinh', email: 'ts1@ex.vn', password: PASSWORD, unitId: randomUUID() })
      .expect(400);
    expect(unknown.body.errors[0].code).toBe('users.unit_not_found');
  });

  it('only admins manage accounts', async () => {
    const organizer = await createUser(t, UserRole.Organizer, { unitId });
    const res = await post(
      { fullName: 'Ban Giám Khảo', email: 'bgk@ex.vn', password: PASSWORD, role: 'admin' },
      organizer.auth,
    ).expect(403);
    expect(res.body.code).toBe('auth.role_required');
    await t.http().get(`/users/${admin.id}`).set('Authorization', organizer.auth).expect(403);
    await t.http().delete(`/users/${admin.id}`).set('Authorization', organizer.auth).expect(403);
    await t.http().get(`/users/${admin.id}`).set('Authorization', admin.auth).expect(200);
  });

  it('lists accounts by role and unit, page by page with a cursor', async () => {
    const unit = await insertUnit(t, { name: 'Xã Ea Kao', parentId: unitId });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await createUser(t, UserRole.Contestant, { unitId: unit.id });
      made.push(u.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: Record<string, string> = { unitId: unit.id, limit: '2' };
      if (after) query.after = after;
      const res = await t
        .http()
        .get('/users')
        .query(query)
        .set('Authorization', admin.auth)
        .expect(200);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      after = res.body.nextCursor;
      if (!after) break;
    }
    expect(seen.sort()).toEqual([...made].sort());

    const judges = await t
      .http()
      .get('/users?role=judge&limit=200')
      .set('Authorization', admin.auth)
      .expect(200);
    expect(judges.body.items.every((u: { role: string }) => u.role === 'judge')).toBe(true);
  });

  it('deletes an account: it disappears, and its identifiers can be used again', async () => {
    const victim = await createUser(t, UserRole.Judge, { phone: '0978 000 111' });
    await t.http().delete(`/users/${victim.id}`).set('Authorization', admin.auth).expect(204);
    await t.http().get(`/users/${victim.id}`).set('Authorization', admin.auth).expect(404);
    const again = await t.http().delete(`/users/${victim.id}`).set('Authorization', admin.auth);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('users.not_found');
    await post({
      fullName: 'Người Mới',
      email: victim.email,
      phone: '+84978000111',
      password: PASSWORD,
      role: 'judge',
    }).expect(201);
  });

  it('an admin cannot delete their own account', async () => {
    const res = await t.http().delete(`/users/${admin.id}`).set('Authorization', admin.auth);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('users.cannot_delete_self');
    await t.http().get('/auth/me').set('Authorization', admin.auth).expect(200);
  });

  it("changes an account's kind or status: the change is audited and its sessions follow", async () => {
    const user = await createUser(t, UserRole.Judge);
    const patch = (id: string, body: object, auth = admin.auth) =>
      t.http().patch(`/users/${id}`).set('Authorization', auth).send(body);

    const promoted = await patch(user.id, { role: 'organizer' }).expect(200);
    expect(promoted.body).toMatchObject({ id: user.id, role: 'organizer', status: 'active' });
    const me = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
    expect(me.body.role).toBe('organizer');

    await patch(user.id, { status: 'disabled' }).expect(200);
    await t.http().get('/auth/me').set('Authorization', user.auth).expect(401);
    const refused = await t
      .http()
      .post('/auth/login')
      .send({ identifier: user.email, password: PASSWORD });
    expect(refused.body.code).toBe('auth.account_disabled');
    // enabled again: the account logs in anew, the tokens it had before stay dead
    await patch(user.id, { status: 'active' }).expect(200);
    await t.http().get('/auth/me').set('Authorization', user.auth).expect(401);
    await login(t, user.email);

    const { rows } = await t.db.query<{ before: object; after: object }>(
      `SELECT before, after FROM audit_log WHERE subject_id = $1 AND action = 'user.access_changed'
        ORDER BY id`,
      [user.id],
    );
    expect(rows).toEqual([
      {
        before: { role: 'judge', status: 'active' },
        after: { role: 'organizer', status: 'active' },
      },
      {
        before: { role: 'organizer', status: 'active' },
        after: { role: 'organizer', status: 'disabled' },
      },
      {
        before: { role: 'organizer', status: 'disabled' },
        after: { role: 'organizer', status: 'active' },
      },
    ]);
  });

  it('refuses a change of kind that contest roles held forbid, of your own account, by a non-admin, or malformed', async () => {
    const judge = await createUser(t, UserRole.Judge);
    const contestId = randomUUID();
    await t.db.query(
      `INSERT INTO contests (id, slug, title, description, status, settings)
       VALUES ($1, $2, 'Hội thi', 'Hội thi', 'draft', '{}')`,
      [contestId, `hoi-thi-${contestId.slice(0, 8)}`],
    );
    await t.db.query(
      `INSERT INTO contest_memberships (contest_id, user_id, role) VALUES ($1, $2, 'judge')`,
      [contestId, judge.id],
    );
    const patch = (id: string, body: object, auth = admin.auth) =>
      t.http().patch(`/users/${id}`).set('Authorization', auth).send(body);

    const held = await patch(judge.id, { role: 'contestant' }).expect(409);
    expect(held.body.code).toBe('users.contest_roles_held');
    // an organizer account may judge: that change is allowed
    await patch(judge.id, { role: 'organizer' }).expect(200);

    const self = await patch(admin.id, { role: 'judge' }).expect(409);
    expect(self.body.code).toBe('users.cannot_change_self');
    await patch(judge.id, { role: 'admin' }, judge.auth).expect(403);
    const bad = await patch(judge.id, { role: 'owner' }).expect(400);
    expect(bad.body.errors[0].field).toBe('role');
    await patch(judge.id, { status: 'active', extra: 1 }).expect(400);
    await patch(randomUUID(), { role: 'judge' }).expect(404);

    const { rows } = await t.db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [
      judge.id,
    ]);
    expect(rows[0].role).toBe('organizer');
  });

  it('never shows password hashes', async () => {
    const list = await t
      .http()
      .get('/users?limit=200')
      .set('Authorization', admin.auth)
      .expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
    const one = await t
      .http()
      .get(`/users/${admin.id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(JSON.stringify(one.body)).not.toMatch(/argon2|password/i);
    const { rows } = await t.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [admin.id],
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});
