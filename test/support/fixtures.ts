import { randomUUID } from 'node:crypto';
import { UserRole } from '../../src/users/entities/user.entity';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

export const PASSWORD = 'matkhau2024';

export interface TestUser {
  id: string;
  email: string;
  role: UserRole;
  unitId: string | null;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value */
  auth: string;
}

/** Inserts a unit straight into the tree (tests of other modules need units, not the unit API). */
export async function insertUnit(
  t: TestApp,
  data: { name: string; code?: string; kind?: string; parentId?: string | null },
): Promise<{ id: string; path: string; name: string; code: string }> {
  const id = randomUUID();
  let path = `${id}/`;
  let depth = 0;
  if (data.parentId) {
    const { rows } = await t.db.query<{ path: string; depth: number }>(
      'SELECT path, depth FROM org_units WHERE id = $1',
      [data.parentId],
    );
    path = rows[0].path + path;
    depth = rows[0].depth + 1;
  }
  const code = data.code ?? `U-${id.slice(0, 8)}`;
  const fold = data.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  await t.db.query(
    `INSERT INTO org_units (id, code, name, name_search, kind, parent_id, path, depth)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, code, data.name, fold, data.kind ?? 'Xã', data.parentId ?? null, path, depth],
  );
  return { id, path, name: data.name, code };
}

/** Creates an account through the service and logs it in through the API. */
export async function createUser(
  t: TestApp,
  role: UserRole,
  opts: {
    unitId?: string | null;
    email?: string;
    phone?: string;
    fullName?: string;
    password?: string;
  } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${role}-${randomUUID().slice(0, 8)}@test.hoithi.vn`;
  const password = opts.password ?? PASSWORD;
  const user = await t.app.get(UsersService).create(
    {
      fullName: opts.fullName ?? `Người dùng ${role}`,
      email,
      phone: opts.phone,
      password,
      role,
      unitId: opts.unitId ?? null,
    },
    null,
  );
  const tokens = await login(t, email, password);
  return {
    id: user.id,
    email,
    role,
    unitId: user.unitId,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    auth: `Bearer ${tokens.accessToken}`,
  };
}

export async function login(
  t: TestApp,
  identifier: string,
  password = PASSWORD,
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.http().post('/auth/login').send({ identifier, password });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
