import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ContestRole } from './entities/contest-membership.entity';
import { User, UserRole, UserStatus } from './entities/user.entity';

export interface AuthState {
  id: string;
  role: UserRole;
  unitId: string | null;
  status: UserStatus;
  sessionVersion: number;
  familyRevoked: boolean;
  fullName: string;
  email: string | null;
  phone: string | null;
  createdAt: Date;
}

export interface UserListQuery {
  role?: UserRole;
  unitId?: string;
  after?: string;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id, deletedAt: IsNull() } });
  }

  /** With the password hash, for login and password change only. */
  findForLogin(by: { email?: string; phone?: string; id?: string }): Promise<User | null> {
    const qb = this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.deleted_at IS NULL');
    if (by.id) qb.andWhere('u.id = :id', { id: by.id });
    else if (by.email) qb.andWhere('u.email = :email', { email: by.email });
    else if (by.phone) qb.andWhere('u.phone = :phone', { phone: by.phone });
    else return Promise.resolve(null);
    return qb.getOne();
  }

  async existsWith(field: 'email' | 'phone', value: string): Promise<boolean> {
    return this.users.exists({ where: { [field]: value, deletedAt: IsNull() } });
  }

  async insert(data: Partial<User>): Promise<User> {
    const saved = await this.users.save(this.users.create(data));
    return (await this.findById(saved.id))!;
  }

  async list(query: UserListQuery): Promise<User[]> {
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.deleted_at IS NULL')
      .orderBy('u.id', 'ASC')
      .limit(query.limit);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.unitId) qb.andWhere('u.unit_id = :unitId', { unitId: query.unitId });
    if (query.after) qb.andWhere('u.id > :after', { after: query.after });
    return qb.getMany();
  }

  async softDelete(id: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update()
      .set({ deletedAt: () => 'now()', sessionVersion: () => 'session_version + 1' })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets an account's role and status, unless it holds a contest role outside `contestRoles`
   * (the contest roles the new kind of account may hold): 'conflict' then, 'gone' when there is
   * no such account. One statement, so a membership cannot slip in between a check and the
   * change. Disabling ends the account's access tokens for good (enabling it again does not
   * bring them back).
   */
  async setAccess(
    id: string,
    access: { role: UserRole; status: UserStatus },
    contestRoles: ContestRole[],
  ): Promise<'updated' | 'conflict' | 'gone'> {
    const rows: { updated: boolean; found: boolean }[] = await this.users.query(
      `WITH target AS (SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE),
            blocked AS (
              SELECT EXISTS (SELECT 1 FROM contest_memberships m
                              WHERE m.user_id = $1 AND m.role <> ALL($4::contest_role[])) AS b),
            changed AS (
              UPDATE users u
                 SET role = $2::user_role, status = $3::user_status, updated_at = now(),
                     session_version = u.session_version
                       + CASE WHEN $3::user_status = 'disabled' AND u.status <> 'disabled'
                              THEN 1 ELSE 0 END
                FROM target, blocked
               WHERE u.id = target.id AND NOT blocked.b
              RETURNING u.id)
       SELECT EXISTS (SELECT 1 FROM changed) AS updated,
              EXISTS (SELECT 1 FROM target) AS found`,
      [id, access.role, access.status, contestRoles],
    );
    const row = rows[0];
    if (row?.updated) return 'updated';
    return row?.found ? 'conflict' : 'gone';
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({
        passwordHash,
        passwordChangedAt: () => 'now()',
        sessionVersion: () => 'session_version + 1',
      })
      .where('id = :id', { id })
      .execute();
  }

  /** Changes the fields given; false when there is no such account. */
  async updateProfile(
    id: string,
    changes: Partial<Pick<User, 'fullName' | 'unitId' | 'email' | 'phone'>>,
  ): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update()
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async bumpSessionVersion(id: string): Promise<void> {
    await this.users.increment({ id }, 'sessionVersion', 1);
  }

  async touchLogin(id: string): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: () => 'now()' });
  }

  /** What an access token needs checked, in one round trip: the user and the login session. */
  async authState(userId: string, familyId: string): Promise<AuthState | null> {
    const rows: {
      id: string;
      role: UserRole;
      unit_id: string | null;
      status: UserStatus;
      session_version: number;
      family_revoked: boolean;
      full_name: string;
      email: string | null;
      phone: string | null;
      created_at: Date;
    }[] = await this.users.query(
      `SELECT u.id, u.role, u.unit_id, u.status, u.session_version, u.full_name, u.email, u.phone, u.created_at,
              EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.revoked_at IS NOT NULL)
                AS family_revoked
         FROM users u
        WHERE u.id = $1 AND u.deleted_at IS NULL`,
      [userId, familyId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      role: row.role,
      unitId: row.unit_id,
      status: row.status,
      sessionVersion: row.session_version,
      familyRevoked: row.family_revoked,
      fullName: row.full_name,
      email: row.email,
      phone: row.phone,
      createdAt: row.created_at,
    };
  }

  count(): Promise<number> {
    return this.users.count();
  }
}
