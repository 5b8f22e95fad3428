import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Contest, ContestStatus } from './entities/contest.entity';

export interface ContestListQuery {
  /** Only these statuses (the public sees the published ones). */
  statuses?: ContestStatus[];
  /** Only contests this user is a member of (unless `orStatuses` lets them in). */
  memberId?: string;
  /** With memberId: also contests in these statuses. */
  orStatuses?: ContestStatus[];
  /** Only contests where this user holds `heldRole.role` */
  heldRole?: { userId: string; role: string };
  after?: string;
  limit: number;
}

@Injectable()
export class ContestsRepository {
  constructor(
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private readonly settledListeners: (() => void)[] = [];

  /**
   * Every change to a contest, its members, categories or rounds runs through `transaction`:
   * listeners hear when one has ended (committed or rolled back), so that what this instance
   * keeps in memory about contests is dropped once the change is visible.
   */
  onTransactionSettled(listener: () => void): void {
    this.settledListeners.push(listener);
  }

  /** Runs `work` in one transaction; repository calls given its manager join it. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } finally {
      for (const listener of this.settledListeners) listener();
    }
  }

  private repo(manager?: EntityManager): Repository<Contest> {
    return manager ? manager.getRepository(Contest) : this.contests;
  }

  findById(id: string, manager?: EntityManager): Promise<Contest | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  /** Reads and locks the row until the transaction ends (serializes changes to one contest). */
  lockById(id: string, manager: EntityManager): Promise<Contest | null> {
    return manager
      .getRepository(Contest)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  findBySlug(slug: string): Promise<Contest | null> {
    return this.contests.findOne({ where: { slug } });
  }

  existsBySlug(slug: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).exists({ where: { slug } });
  }

  async insert(data: Partial<Contest>, manager: EntityManager): Promise<Contest> {
    const repo = this.repo(manager);
    const saved = await repo.save(repo.create(data));
    return (await this.findById(saved.id, manager))!;
  }

  async update(id: string, patch: Partial<Contest>, manager: EntityManager): Promise<Contest> {
    const repo = this.repo(manager);
    await repo
      .createQueryBuilder()
      .update()
      .set({ ...patch, revision: () => 'revision + 1' })
      .where('id = :id', { id })
      .execute();
    return (await this.findById(id, manager))!;
  }

  list(query: ContestListQuery): Promise<Contest[]> {
    const qb = this.contests.createQueryBuilder('c').orderBy('c.id', 'ASC').limit(query.limit);
    if (query.statuses) qb.andWhere('c.status IN (:...statuses)', { statuses: query.statuses });
    if (query.memberId) {
      const member =
        'EXISTS (SELECT 1 FROM contest_memberships m WHERE m.contest_id = c.id AND m.user_id = :memberId)';
      if (query.orStatuses?.length) {
        qb.andWhere(`(${member} OR c.status IN (:...orStatuses))`, {
          memberId: query.memberId,
          orStatuses: query.orStatuses,
        });
      } else {
        qb.andWhere(member, { memberId: query.memberId });
      }
    }
    if (query.heldRole) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM contest_memberships h WHERE h.contest_id = c.id AND h.user_id = :heldBy AND h.role = :heldRole)',
        { heldBy: query.heldRole.userId, heldRole: query.heldRole.role },
      );
    }
    if (query.after) qb.andWhere('c.id > :after', { after: query.after });
    return qb.getMany();
  }

  findByIds(ids: string[]): Promise<Contest[]> {
    return ids.length ? this.contests.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }
}
