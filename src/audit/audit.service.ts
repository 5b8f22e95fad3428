import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../common/http/request-context';
import { AuditRepository } from './audit.repository';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  contestId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** Appends one record; pass the transaction's manager so it commits or rolls back with the change. */
  record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    return this.repository.append(
      {
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        contestId: entry.contestId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        reason: entry.reason ?? null,
        requestId: RequestContext.requestId() ?? null,
      },
      manager,
    );
  }

  history(subjectType: string, subjectId: string): Promise<AuditLog[]> {
    return this.repository.list(subjectType, subjectId);
  }
}
