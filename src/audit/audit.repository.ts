import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditLog } from './entities/audit-log.entity';

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditLog) private readonly log: Repository<AuditLog>) {}

  async append(entry: Partial<AuditLog>, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLog) : this.log;
    await repo.insert(entry as never);
  }

  list(subjectType: string, subjectId: string, limit = 200): Promise<AuditLog[]> {
    return this.log.find({
      where: { subjectType, subjectId },
      order: { id: 'ASC' },
      take: limit,
    });
  }
}
