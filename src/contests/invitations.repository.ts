import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import { ContestInvitation } from './entities/invitation.entity';

export interface InviteeAccount {
  role: UserRole;
  phone: string | null;
  email: string | null;
}

@Injectable()
export class InvitationsRepository {
  constructor(
    @InjectRepository(ContestInvitation)
    private readonly invitations: Repository<ContestInvitation>,
  ) {}

  private repo(manager?: EntityManager): Repository<ContestInvitation> {
    return manager ? manager.getRepository(ContestInvitation) : this.invitations;
  }

  async insert(
    data: Partial<ContestInvitation>,
    manager: EntityManager,
  ): Promise<ContestInvitation> {
    const saved = await this.repo(manager).save(this.repo(manager).create(data));
    return (await this.repo(manager).findOneBy({ id: saved.id }))!;
  }

  /** Retires the pending invitations of the same person for the same role (a new code replaces them). */
  async revokePending(
    contestId: string,
    role: ContestRole,
    to: { phone: string | null; email: string | null },
    manager: EntityManager,
  ): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE contest_invitations SET revoked_at = now()
        WHERE contest_id = $1 AND role = $2 AND accepted_at IS NULL AND revoked_at IS NULL
          AND (phone = $3 OR email = $4)`,
      [contestId, role, to.phone, to.email],
    );
    return result[1];
  }

  /** How many invitations the contest sent since `since` (locked contest: counted in order). */
  async countSince(contestId: string, since: Date, manager: EntityManager): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      'SELECT count(*)::int AS n FROM contest_invitations WHERE contest_id = $1 AND created_at >= $2',
      [contestId, since],
    );
    return rows[0].n;
  }

  /** Pending invitations (not accepted, not revoked), newest first; expired ones included. */
  listPending(contestId: string): Promise<ContestInvitation[]> {
    return this.invitations.find({
      where: { contestId, acceptedAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  findById(id: string, manager?: EntityManager): Promise<ContestInvitation | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByCodeHash(codeHash: string, manager?: EntityManager): Promise<ContestInvitation | null> {
    return this.repo(manager).findOneBy({ codeHash });
  }

  async revoke(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).update(
      { id, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Marks it accepted unless it was accepted, revoked or expired meanwhile. */
  async accept(id: string, userId: string, manager: EntityManager): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE contest_invitations SET accepted_at = now(), accepted_by = $2
        WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [id, userId],
    );
    return result[1] > 0;
  }

  /**
   * Makes a contestant's account a judge's, for a judge's invitation sent to its phone or email:
   * only an account that has never entered (owns no entry and holds no contestant role in any
   * contest), so that nobody judges beside their own entries. False when it does not qualify.
   */
  async raiseToJudge(userId: string, manager: EntityManager): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE users u SET role = 'judge', updated_at = now()
        WHERE u.id = $1 AND u.role = 'contestant' AND u.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.owner_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM contest_memberships m
                           WHERE m.user_id = u.id AND m.role = 'contestant')
        RETURNING u.id`,
      [userId],
    );
    return result[1] > 0;
  }

  async account(userId: string): Promise<InviteeAccount | null> {
    const rows: InviteeAccount[] = await this.invitations.query(
      'SELECT role, phone, email FROM users WHERE id = $1 AND deleted_at IS NULL',
      [userId],
    );
    return rows[0] ?? null;
  }
}
