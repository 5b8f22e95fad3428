import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Round } from './entities/round.entity';

@Injectable()
export class RoundsRepository {
  constructor(@InjectRepository(Round) private readonly rounds: Repository<Round>) {}

  private repo(manager?: EntityManager): Repository<Round> {
    return manager ? manager.getRepository(Round) : this.rounds;
  }

  findById(id: string, manager?: EntityManager): Promise<Round | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  listByContest(contestId: string, manager?: EntityManager): Promise<Round[]> {
    return this.repo(manager).find({ where: { contestId }, order: { position: 'ASC' } });
  }

  async insert(data: Partial<Round>, manager: EntityManager): Promise<Round> {
    const repo = this.repo(manager);
    const saved = await repo.save(repo.create(data));
    return (await this.findById(saved.id, manager))!;
  }

  async update(id: string, patch: Partial<Round>, manager: EntityManager): Promise<Round> {
    await this.repo(manager).update({ id }, patch);
    return (await this.findById(id, manager))!;
  }

  async remove(id: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).delete({ id });
  }
}
