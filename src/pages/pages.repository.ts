import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SessionEntryRow {
  id: string;
  position: number;
  title: string | null;
  unitName: string | null;
  publicId: string | null;
}

export interface ContestRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: string;
}

export interface SessionRow {
  id: string;
  title: string;
  state: string;
  hideTallies: boolean;
}

@Injectable()
export class PagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sessionTitle(id: string): Promise<string | null> {
    const rows: Array<{ title: string }> = await this.dataSource.query(
      'SELECT title FROM voting_sessions WHERE id = $1',
      [id],
    );
    return rows[0]?.title ?? null;
  }

  /** The session's entries in running order, with what a viewer may see of each. */
  async sessionEntries(sessionId: string): Promise<SessionEntryRow[] | null> {
    const exists: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM voting_sessions WHERE id = $1',
      [sessionId],
    );
    if (!exists.length) return null;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT se.entry_id, se.position, e.title,
              COALESCE(e.unit_name_at_submission, e.unit_name_at_creation) AS unit_name,
              CASE WHEN e.published_at IS NOT NULL THEN e.public_id END AS public_id
       FROM voting_session_entries se LEFT JOIN entries e ON e.id = se.entry_id
       WHERE se.session_id = $1 ORDER BY se.position`,
      [sessionId],
    );
    return rows.map((r) => ({
      id: r.entry_id as string,
      position: r.position as number,
      title: (r.title as string | null) ?? null,
      unitName: (r.unit_name as string | null) ?? null,
      publicId: (r.public_id as string | null) ?? null,
    }));
  }

  /** A contest the public may see (open or later). */
  async publicContest(slug: string): Promise<ContestRow | null> {
    const rows: ContestRow[] = await this.dataSource.query(
      `SELECT id, slug, title, description, status::text AS status FROM contests
       WHERE slug = $1 AND status IN ('open', 'judging', 'closed', 'published')`,
      [slug],
    );
    return rows[0] ?? null;
  }

  /** The contests the public may see, newest first (the home page lists them). */
  async publicContests(
    limit: number,
  ): Promise<Array<{ slug: string; title: string; status: string }>> {
    return this.dataSource.query(
      `SELECT slug, title, status::text AS status FROM contests
       WHERE status IN ('open', 'judging', 'closed', 'published')
       ORDER BY created_at DESC, id LIMIT $1`,
      [limit],
    );
  }

  async contestSessions(contestId: string): Promise<SessionRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, title, state::text AS state, hide_tallies FROM voting_sessions
       WHERE contest_id = $1 ORDER BY created_at`,
      [contestId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      state: r.state as string,
      hideTallies: r.hide_tallies as boolean,
    }));
  }

  async tallies(sessionIds: string[]): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>(sessionIds.map((id) => [id, new Map()]));
    if (!sessionIds.length) return out;
    const rows: Array<{ session_id: string; entry_id: string; n: string }> =
      await this.dataSource.query(
        `SELECT session_id, entry_id, sum(votes) AS n FROM voting_tallies
         WHERE session_id = ANY($1::uuid[]) GROUP BY session_id, entry_id`,
        [sessionIds],
      );
    for (const r of rows) out.get(r.session_id)!.set(r.entry_id, Number(r.n));
    return out;
  }

  async publishedEntries(
    contestId: string,
  ): Promise<Array<{ id: string; publicId: string; title: string; unitName: string }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, public_id, title, COALESCE(unit_name_at_submission, unit_name_at_creation) AS unit_name
       FROM entries WHERE contest_id = $1 AND published_at IS NOT NULL AND public_id IS NOT NULL
       ORDER BY published_at DESC LIMIT 500`,
      [contestId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      publicId: r.public_id as string,
      title: r.title as string,
      unitName: r.unit_name as string,
    }));
  }
}
