import './messages';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { normalizeVnPhone } from '../common/validation/phone';
import { PasswordHasher } from './password-hasher';
import { OrgUnitsService } from '../org-units/org-units.service';
import { AuditService } from '../audit/audit.service';
import { contestRolesFor } from './account-roles';
import { User, UserRole, UserStatus } from './entities/user.entity';
import { UsersRepository } from './users.repository';
import { UserSessionEvents } from './user-session.events';

export interface NewUser {
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  unitId?: string | null;
  role: UserRole;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly sessions: UserSessionEvents,
  ) {}

  /**
   * `actorId` is the admin creating the account; null for self-registration, and for the
   * command line (`via: 'cli'`), where whoever runs it has the server's own access.
   */
  async create(input: NewUser, actorId: string | null, via: 'api' | 'cli' = 'api'): Promise<User> {
    const email = input.email ? input.email.normalize('NFC').trim().toLowerCase() : null;
    const phone = input.phone ? normalizeVnPhone(input.phone) : null;
    if (!email && !phone) throw AppError.badRequest('users.identifier_required');
    if (input.phone && !phone) {
      throw AppError.validation([{ field: 'phone', code: 'field.isPhone' }]);
    }
    if (input.unitId && !(await this.units.isActive(input.unitId))) {
      throw AppError.validation([{ field: 'unitId', code: 'users.unit_not_found' }]);
    }
    if (email && (await this.users.existsWith('email', email)))
      throw AppError.conflict('users.email_taken');
    if (phone && (await this.users.existsWith('phone', phone)))
      throw AppError.conflict('users.phone_taken');
    const passwordHash = await this.hasher.hash(input.password);
    let user: User;
    try {
      user = await this.users.insert({
        fullName: input.fullName.normalize('NFC').trim(),
        email,
        phone,
        passwordHash,
        role: input.role,
        unitId: input.unitId ?? null,
      });
    } catch (err) {
      // two registrations racing for the same identifier: the unique index decides
      const constraint = (err as { constraint?: string }).constraint;
      if (constraint === 'uq_users_email') throw AppError.conflict('users.email_taken');
      if (constraint === 'uq_users_phone') throw AppError.conflict('users.phone_taken');
      throw err;
    }
    await this.audit.record({
      actorId: via === 'cli' ? null : (actorId ?? user.id),
      action: actorId ? 'user.created' : via === 'cli' ? 'user.created_by_cli' : 'user.registered',
      subjectType: 'user',
      subjectId: user.id,
      after: { role: user.role, unitId: user.unitId, email: user.email, phone: user.phone },
    });
    return user;
  }

  /**
   * The member's own name, unit, email or phone (only the fields given). An email or phone that
   * another account holds is refused (409); the unit must exist and be active. Caches of the
   * account and its open sockets learn of the change at once.
   */
  async updateProfile(
    id: string,
    input: { fullName?: string; unitId?: string; email?: string; phone?: string },
  ): Promise<User> {
    const user = await this.get(id);
    const changes: Partial<Pick<User, 'fullName' | 'unitId' | 'email' | 'phone'>> = {};
    if (input.fullName !== undefined) changes.fullName = input.fullName.normalize('NFC').trim();
    if (input.email !== undefined) {
      const email = input.email.normalize('NFC').trim().toLowerCase();
      if (email !== user.email) {
        if (await this.users.existsWith('email', email))
          throw AppError.conflict('users.email_taken');
        changes.email = email;
      }
    }
    if (input.phone !== undefined) {
      const phone = normalizeVnPhone(input.phone);
      if (!phone) throw AppError.validation([{ field: 'phone', code: 'field.isPhone' }]);
      if (phone !== user.phone) {
        if (await this.users.existsWith('phone', phone))
          throw AppError.conflict('users.phone_taken');
        changes.phone = phone;
      }
    }
    if (input.unitId !== undefined && input.unitId !== user.unitId) {
      if (!(await this.units.isActive(input.unitId)))
        throw AppError.validation([{ field: 'unitId', code: 'users.unit_not_found' }]);
      changes.unitId = input.unitId;
    }
    if (changes.fullName === user.fullName) delete changes.fullName;
    if (Object.keys(changes).length === 0) return user;
    try {
      if (!(await this.users.updateProfile(id, changes)))
        throw AppError.notFound('users.not_found');
    } catch (err) {
      // two accounts racing for the same identifier: the unique index decides
      const constraint = (err as { constraint?: string }).constraint;
      if (constraint === 'uq_users_email') throw AppError.conflict('users.email_taken');
      if (constraint === 'uq_users_phone') throw AppError.conflict('users.phone_taken');
      throw err;
    }
    await this.sessions.publish({ kind: 'account', userId: id });
    await this.audit.record({
      actorId: id,
      action: 'user.profile_updated',
      subjectType: 'user',
      subjectId: id,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, user[k as keyof User]])),
      after: changes,
    });
    return this.get(id);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AppError.notFound('users.not_found');
    return user;
  }

  list(query: { role?: UserRole; unitId?: string; after?: string; limit?: number }) {
    return this.users.list({ ...query, limit: query.limit ?? 50 });
  }

  async remove(id: string, actorId: string): Promise<void> {
    if (id === actorId) throw AppError.conflict('users.cannot_delete_self');
    const user = await this.get(id);
    if (!(await this.users.softDelete(id))) throw AppError.notFound('users.not_found');
    await this.sessions.publish({ kind: 'account', userId: id });
    await this.audit.record({
      actorId,
      action: 'user.deleted',
      subjectType: 'user',
      subjectId: id,
      before: { role: user.role, email: user.email, phone: user.phone },
    });
  }

  /**
   * Changes an account's kind or status (a disabled account cannot log in, and its sessions stop
   * working). Every instance and the account's open sockets learn of it at once. An account
   * keeps its contest roles, so it may only become a kind that may hold them all.
   */
  async changeAccess(
    id: string,
    changes: { role?: UserRole; status?: UserStatus },
    actorId: string,
  ): Promise<User> {
    if (id === actorId) throw AppError.conflict('users.cannot_change_self');
    const user = await this.get(id);
    const access = { role: changes.role ?? user.role, status: changes.status ?? user.status };
    if (access.role === user.role && access.status === user.status) return user;
    const result = await this.users.setAccess(id, access, contestRolesFor(access.role));
    if (result === 'gone') throw AppError.notFound('users.not_found');
    if (result === 'conflict') throw AppError.conflict('users.contest_roles_held');
    await this.sessions.publish({ kind: 'account', userId: id });
    await this.audit.record({
      actorId,
      action: 'user.access_changed',
      subjectType: 'user',
      subjectId: id,
      before: { role: user.role, status: user.status },
      after: access,
    });
    return this.get(id);
  }

  isEmpty(): Promise<boolean> {
    return this.users.count().then((n) => n === 0);
  }
}
