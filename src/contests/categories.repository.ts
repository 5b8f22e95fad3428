import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Category } from './entities/category.entity';

@Injectable()
export class CategoriesRepository {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  private repo(manager?: EntityManager): Repository<Category> {
    return manager ? manager.getRepository(Category) : this.categories;
  }

  findById(id: string, manager?: EntityManager): Promise<Category | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  listByContest(contestId: string, manager?: EntityManager): Promise<Category[]> {
    return this.repo(manager).find({
      where: { contestId },
      order: { position: 'ASC', code: 'ASC' },
    });
  }

  /** How many of `ids` are categories of the contest. */
  countInContest(contestId: string, ids: string[]): Promise<number> {
    return ids.length
      ? this.categories.count({ where: { contestId, id: In(ids) } })
      : Promise.resolve(0);
  }

  async insert(data: Partial<Category>, manager: EntityManager): Promise<Category> {
    const repo = this.repo(manager);
    const saved = await repo.save(repo.create(data));
    return (await this.findById(saved.id, manager))!;
  }

  async update(id: string, patch: Partial<Category>, manager: EntityManager): Promise<Category> {
    await this.repo(manager).update({ id }, patch);
    return (await this.findById(id, manager))!;
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).delete({ id });
  }
}
