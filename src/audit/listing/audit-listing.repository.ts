import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditFilter {
  contestId?: string;
  /** Exact action, or a prefix ending in '.' ("contest." for every contest action) */
  action?: string;
  actorId?: string;
  subjectType?: string;
  from?: Date;
  to?: Date;
  /** Cursor: records older than this id */
  before?: string;
  limit: number;
}

export interface AuditListRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  contestId: string | null;
  contestTitle: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

/** Reads the audit log, newest first, with the actor's and the contest's names. */
@Injectable()
export class AuditListingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: AuditFilter): Promise<AuditListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.contestId) add('a.contest_id = ?', filter.contestId);
    if (filter.action) {
      if (filter.action.endsWith('.')) add('starts_with(a.action, ?)', filter.action);
      else add('a.action = ?', filter.action);
    }
    if (filter.actorId) add('a.actor_id = ?', filter.actorId);
    if (filter.subjectType) add('a.subject_type = ?', filter.subjectType);
    if (filter.from) add('a.at >= ?', filter.from);
    if (filter.to) add('a.at < ?', filter.to);
    if (filter.before) add('a.id < ?', filter.before);
    params.push(filter.limit);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT a.id::text AS id, a.at, a.actor_id, u.full_name AS actor_name, a.action,
              a.subject_type, a.subject_id, a.contest_id, c.title AS contest_title,
              a.before, a.after, a.reason
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN contests c ON c.id = a.contest_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      at: new Date(r.at as string),
      actorId: (r.actor_id as string | null) ?? null,
      actorName: (r.actor_name as string | null) ?? null,
      action: r.action as string,
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      contestId: (r.contest_id as string | null) ?? null,
      contestTitle: (r.contest_title as string | null) ?? null,
      before: (r.before as Record<string, unknown> | null) ?? null,
      after: (r.after as Record<string, unknown> | null) ?? null,
      reason: (r.reason as string | null) ?? null,
    }));
  }
}
