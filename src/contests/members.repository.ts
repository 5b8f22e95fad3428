import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ContestMembership, ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';

export interface MemberRow {
  id: string;
  contestId: string;
  userId: string;
  role: ContestRole;
  categoryIds: string[] | null;
  createdAt: Date;
  fullName: string;
  email: string | null;
  unitId: string | null;
}

@Injectable()
export class MembersRepository {
  constructor(
    @InjectRepository(ContestMembership)
    private readonly memberships: Repository<ContestMembership>,
  ) {}

  private repo(manager?: EntityManager): Repository<ContestMembership> {
    return manager ? manager.getRepository(ContestMembership) : this.memberships;
  }

  async rolesOf(userId: string, contestId: string): Promise<ContestRole[]> {
    const rows = await this.memberships.find({
      select: { role: true },
      where: { userId, contestId },
    });
    return rows.map((r) => r.role);
  }

  find(
    contestId: string,
    userId: string,
    role: ContestRole,
    manager?: EntityManager,
  ): Promise<ContestMembership | null> {
    return this.repo(manager).findOne({ where: { contestId, userId, role } });
  }

  /** Adds the membership or replaces its category limits; returns the row and what it was. */
  async upsert(
    data: {
      contestId: string;
      userId: string;
      role: ContestRole;
      categoryIds: string[] | null;
      createdBy: string;
    },
    manager: EntityManager,
  ): Promise<{ before: ContestMembership | null; after: ContestMembership }> {
    const repo = this.repo(manager);
    const before = await repo
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.contest_id = :contestId AND m.user_id = :userId AND m.role = :role', data)
      .getOne();
    if (before) {
      await repo.update({ id: before.id }, { categoryIds: data.categoryIds });
    } else {
      await repo
        .createQueryBuilder()
        .insert()
        .values(data)
        .orIgnore() // a concurrent add of the same role: the unique index keeps one
        .execute();
    }
    const after = (await this.find(data.contestId, data.userId, data.role, manager))!;
    return { before, after };
  }

  async remove(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  countRole(contestId: string, role: ContestRole, manager?: EntityManager): Promise<number> {
    return this.repo(manager).count({ where: { contestId, role } });
  }

  async list(contestId: string, role?: ContestRole): Promise<MemberRow[]> {
    const rows: {
      id: string;
      contest_id: string;
      user_id: string;
      role: ContestRole;
      category_ids: string[] | null;
      created_at: Date;
      full_name: string;
      email: string | null;
      unit_id: string | null;
    }[] = await this.memberships.query(
      `SELECT m.id, m.contest_id, m.user_id, m.role, m.category_ids, m.created_at,
              u.full_name, u.email, u.unit_id
         FROM contest_memberships m
         JOIN users u ON u.id = m.user_id
        WHERE m.contest_id = $1 AND ($2::contest_role IS NULL OR m.role = $2::contest_role)
        ORDER BY m.role, u.full_name, m.id`,
      [contestId, role ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      contestId: r.contest_id,
      userId: r.user_id,
      role: r.role,
      categoryIds: r.category_ids,
      createdAt: r.created_at,
      fullName: r.full_name,
      email: r.email,
      unitId: r.unit_id,
    }));
  }

  findById(id: string, manager?: EntityManager): Promise<ContestMembership | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  /** The account's kind, or null when it does not exist (or was deleted). */
  async accountRole(userId: string): Promise<UserRole | null> {
    const rows: { role: UserRole }[] = await this.memberships.query(
      'SELECT role FROM users WHERE id = $1 AND deleted_at IS NULL',
      [userId],
    );
    return rows[0]?.role ?? null;
  }
}
