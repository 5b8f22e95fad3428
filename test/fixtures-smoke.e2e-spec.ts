import { UserRole } from '../src/users/entities/user.entity';
import { createUser, insertUnit } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('test fixtures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a unit and a contestant who can read their own account', async () => {
    const province = await insertUnit(t, { name: 'Tỉnh Phú Yên', kind: 'Tỉnh' });
    const commune = await insertUnit(t, { name: 'Xã An Mỹ', parentId: province.id });
    const user = await createUser(t, UserRole.Contestant, { unitId: commune.id });
    const me = await t.http().get('/auth/me').set('Authorization', user.auth).expect(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'contestant', unitId: commune.id });
  });
});
