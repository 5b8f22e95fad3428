import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { EntryMember } from '../entries/entities/entry.entity';
import { AggregationMethod, type SheetScore } from './aggregation';
import { parseRankingMatrix, type RankingMatrix } from './ranking-matrix';
import { DEFAULT_TIE_BREAKS } from './ranking';
import { Assignment } from './entities/assignment.entity';
import { JudgingRound } from './entities/judging-round.entity';
import { PanelMember } from './entities/panel-member.entity';
import { Recusal } from './entities/recusal.entity';
import { Rubric } from './entities/rubric.entity';
import { ScoreSheet, SheetStatus } from './entities/score-sheet.entity';

/** An entry of a round, as judging needs it (identity fields are for conflicts and organizers). */
export interface RoundEntry {
  id: string;
  categoryId: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  ownerId: string;
  members: EntryMember[];
  contactName: string | null;
  title: string;
  summary: string;
  publicId: string;
  version: number;
  submittedAt: Date | null;
}

export interface JudgeRef {
  id: string;
  fullName: string;
  unitId: string | null;
  unitPath: string | null;
  categoryIds: string[] | null;
}

export interface AssignmentRow {
  entryId: string;
  judgeId: string;
  active: boolean;
  sheetStatus: SheetStatus | null;
}

/** A submitted sheet with the entry's submission time, for ranking. */
export interface RankingSheet extends SheetScore {
  submittedAt: number | null;
}

/** A round's judging settings until an organizer sets them (and for each field left out). */
export function defaultSettings(roundId: string): Partial<JudgingRound> {
  return {
    roundId,
    quorum: 3,
    method: AggregationMethod.Mean,
    tieBreaks: [...DEFAULT_TIE_BREAKS],
    seed: '',
    closedForced: false,
    allowRevision: true,
    publishedAt: null,
    publishedBy: null,
  };
}

/** A fixed result's entry: the group it was ranked in and the public votes used. */
export interface FixedRoundEntry extends RoundEntry {
  scopeUnitId: string | null;
  publicVotes: number | null;
}

/** A row of a round's fixed result, as ResultsService writes it. */
export interface StoredRankingRow {
  entryId: string;
  rank: number;
  score: number | null;
  categoryId: string;
  scopeUnitId: string | null;
  juryScore: number | null;
  juryRank: number;
  publicVotes: number | null;
  publicScore: number | null;
}

/** A judged round as its judge sees it on their home screen. */
export interface JudgeRoundRow {
  roundId: string;
  name: string;
  status: string;
  opensAt: Date;
  closesAt: Date;
  graceSeconds: number;
  resultsFixedAt: Date | null;
  contestId: string;
  contestTitle: string;
  timeZone: string;
  blind: boolean;
  onPanel: boolean;
}

/** A round entry from its row (the shape roundEntries reads). */
function roundEntryOf(r: Record<string, unknown>): RoundEntry {
  return {
    id: r.id as string,
    categoryId: r.category_id as string,
    unitId: r.unit_id as string,
    unitPath: r.unit_path as string,
    unitName: r.unit_name as string,
    ownerId: r.owner_id as string,
    members: (r.members as EntryMember[]) ?? [],
    contactName: r.contact_name as string | null,
    title: r.title as string,
    summary: r.summary as string,
    publicId: r.public_id as string,
    version: r.version as number,
    submittedAt: r.submitted_at as Date | null,
  };
}

/** The only code of the judging feature that touches the database. */
@Injectable()
export class JudgingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Round-level lock until the transaction ends: structural changes (assignment, rubric, close)
   * take it exclusively, sheet saves shared, so nothing is scored while a round closes.
   */
  async lockRound(roundId: string, manager: EntityManager, shared = false): Promise<void> {
    await manager.query(
      shared
        ? `SELECT pg_advisory_xact_lock_shared(hashtext($1))`
        : `SELECT pg_advisory_xact_lock(hashtext($1))`,
      [`judging:${roundId}`],
    );
  }

  // ------------------------------------------------------------------ settings

  async settings(roundId: string, manager?: EntityManager): Promise<JudgingRound> {
    const found = await this.m(manager).findOne(JudgingRound, { where: { roundId } });
    return found ?? this.m(manager).getRepository(JudgingRound).create(defaultSettings(roundId));
  }

  async saveSettings(
    roundId: string,
    patch: Partial<JudgingRound>,
    manager: EntityManager,
  ): Promise<JudgingRound> {
    const repo = manager.getRepository(JudgingRound);
    // Fields given as undefined keep their value (or take the default in a new row).
    const given = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<JudgingRound>;
    const current = await repo.findOne({ where: { roundId } });
    if (current) {
      if (Object.keys(given).length) await repo.update({ roundId }, given);
    } else await repo.insert({ ...defaultSettings(roundId), ...given });
    return (await repo.findOne({ where: { roundId } }))!;
  }

  /** Closing and fixing: the round row (status closed is the contests feature's; we set the time). */
  async fixResults(roundId: string, at: Date | null, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE contest_rounds SET results_fixed_at = $2 WHERE id = $1`, [
      roundId,
      at,
    ]);
  }

  /** Replaces the round's fixed result (see RoundRanking). */
  async writeRankings(
    roundId: string,
    rows: StoredRankingRow[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(`DELETE FROM round_rankings WHERE round_id = $1`, [roundId]);
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO round_rankings (round_id, entry_id, rank, score, category_id, scope_unit_id,
         jury_score, jury_rank, public_votes, public_score)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::uuid[], $6::uuid[],
         $7::numeric[], $8::int[], $9::int[], $10::numeric[])`,
      [
        roundId,
        rows.map((r) => r.entryId),
        rows.map((r) => r.rank),
        rows.map((r) => r.score),
        rows.map((r) => r.categoryId),
        rows.map((r) => r.scopeUnitId),
        rows.map((r) => r.juryScore),
        rows.map((r) => r.juryRank),
        rows.map((r) => r.publicVotes),
        rows.map((r) => r.publicScore),
      ],
    );
  }

  /**
   * The entries of a round's fixed result (round_rankings), as roundEntries reads them, with
   * the group they were ranked in and the public votes used.
   */
  async fixedEntries(roundId: string, manager?: EntityManager): Promise<FixedRoundEntry[]> {
    const rows: Record<string, unknown>[] = await this.m(manager).query(
      `SELECT e.id, coalesce(rr.category_id, e.category_id) AS category_id, e.unit_id,
              ou.path AS unit_path,
              coalesce(e.unit_name_at_submission, e.unit_name_at_creation) AS unit_name,
              e.owner_id, e.public_id, e.version, e.submitted_at,
              coalesce(v.snapshot->'members', e.members) AS members,
              coalesce(v.snapshot->>'contactName', e.contact_name) AS contact_name,
              coalesce(v.snapshot->>'title', e.title) AS title,
              coalesce(v.snapshot->>'summary', e.summary) AS summary,
              rr.scope_unit_id, rr.public_votes
         FROM round_rankings rr
         JOIN entries e ON e.id = rr.entry_id
         JOIN org_units ou ON ou.id = e.unit_id
         LEFT JOIN entry_versions v ON v.entry_id = e.id AND v.version = e.version
        WHERE rr.round_id = $1
        ORDER BY e.id`,
      [roundId],
    );
    return rows.map((r) => ({
      ...roundEntryOf(r),
      scopeUnitId: r.scope_unit_id as string | null,
      publicVotes: r.public_votes as number | null,
    }));
  }

  // ------------------------------------------------------------------ rubrics

  rubrics(roundId: string, manager?: EntityManager): Promise<Rubric[]> {
    return this.m(manager).find(Rubric, { where: { roundId }, order: { createdAt: 'ASC' } });
  }

  async saveRubric(data: Partial<Rubric>, manager: EntityManager): Promise<Rubric> {
    const repo = manager.getRepository(Rubric);
    return repo.save(repo.create(data));
  }

  // ------------------------------------------------------------------ people and entries

  /** The path of a unit in the tree (null when there is no such unit). */
  async unitPath(unitId: string, manager?: EntityManager): Promise<string | null> {
    const rows: { path: string }[] = await this.m(manager).query(
      `SELECT path FROM org_units WHERE id = $1`,
      [unitId],
    );
    return rows[0]?.path ?? null;
  }

  async contestJudges(contestId: string, manager?: EntityManager): Promise<JudgeRef[]> {
    const rows: {
      id: string;
      full_name: string;
      unit_id: string | null;
      unit_path: string | null;
      category_ids: string[] | null;
    }[] = await this.m(manager).query(
      `SELECT u.id, u.full_name, u.unit_id, ou.path AS unit_path, m.category_ids
         FROM contest_memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN org_units ou ON ou.id = u.unit_id
        WHERE m.contest_id = $1 AND m.role = 'judge'
        ORDER BY u.id`,
      [contestId],
    );
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      unitId: r.unit_id,
      unitPath: r.unit_path,
      categoryIds: r.category_ids,
    }));
  }

  /** Entries in the round (active, or already advanced from it). */
  async roundEntries(
    roundId: string,
    manager?: EntityManager,
    entryIds?: string[],
  ): Promise<RoundEntry[]> {
    const rows: Record<string, unknown>[] = await this.m(manager).query(
      `SELECT e.id, e.category_id, e.unit_id, ou.path AS unit_path,
              coalesce(e.unit_name_at_submission, e.unit_name_at_creation) AS unit_name,
              e.owner_id, e.public_id, e.version, e.submitted_at,
              coalesce(v.snapshot->'members', e.members) AS members,
              coalesce(v.snapshot->>'contactName', e.contact_name) AS contact_name,
              coalesce(v.snapshot->>'title', e.title) AS title,
              coalesce(v.snapshot->>'summary', e.summary) AS summary
         FROM entry_rounds er
         JOIN entries e ON e.id = er.entry_id
         JOIN org_units ou ON ou.id = e.unit_id
         LEFT JOIN entry_versions v ON v.entry_id = e.id AND v.version = e.version
        WHERE er.round_id = $1 AND er.status IN ('active', 'advanced')
          AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))
        ORDER BY e.id`,
      [roundId, entryIds ?? null],
    );
    return rows.map(roundEntryOf);
  }

  /** The judge as a contest judge (null when not one). */
  async contestJudge(contestId: string, judgeId: string): Promise<JudgeRef | null> {
    const rows: {
      id: string;
      full_name: string;
      unit_id: string | null;
      unit_path: string | null;
      category_ids: string[] | null;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.full_name, u.unit_id, ou.path AS unit_path, m.category_ids
         FROM contest_memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN org_units ou ON ou.id = u.unit_id
        WHERE m.contest_id = $1 AND m.user_id = $2 AND m.role = 'judge'`,
      [contestId, judgeId],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          fullName: r.full_name,
          unitId: r.unit_id,
          unitPath: r.unit_path,
          categoryIds: r.category_ids,
        }
      : null;
  }

  /**
   * Entries the judge holds an active assignment for, in a round the entry is still in (active
   * or advanced from it), with the fields conflicts are decided on and the scope of that round
   * (its scope unit's path, else the contest owner unit's; its grouping depth); of one contest,
   * optionally one entry. One row per entry and round.
   */
  async assignedEntries(
    judgeId: string,
    filter: { contestId?: string; entryId?: string },
  ): Promise<
    (Pick<RoundEntry, 'id' | 'unitPath' | 'ownerId' | 'members' | 'contactName'> & {
      contestId: string;
      scopePath: string | null;
      scopeDepth: number | null;
    })[]
  > {
    const rows: {
      id: string;
      contest_id: string;
      unit_path: string;
      owner_id: string;
      members: EntryMember[] | null;
      contact_name: string | null;
      scope_path: string | null;
      scope_depth: number | null;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT e.id, e.contest_id, ou.path AS unit_path, e.owner_id,
              coalesce(v.snapshot->'members', e.members) AS members,
              coalesce(v.snapshot->>'contactName', e.contact_name) AS contact_name,
              su.path AS scope_path, r.scope_depth
         FROM judging_assignments a
         JOIN entry_rounds er ON er.entry_id = a.entry_id AND er.round_id = a.round_id
                             AND er.status IN ('active', 'advanced')
         JOIN contest_rounds r ON r.id = a.round_id
         JOIN contests c ON c.id = r.contest_id
         LEFT JOIN org_units su ON su.id = coalesce(r.scope_unit_id, c.owner_unit_id)
         JOIN entries e ON e.id = a.entry_id
         JOIN org_units ou ON ou.id = e.unit_id
         LEFT JOIN entry_versions v ON v.entry_id = e.id AND v.version = e.version
        WHERE a.judge_id = $1 AND a.active
          AND ($2::uuid IS NULL OR e.contest_id = $2::uuid)
          AND ($3::uuid IS NULL OR e.id = $3::uuid)`,
      [judgeId, filter.contestId ?? null, filter.entryId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      contestId: r.contest_id,
      unitPath: r.unit_path,
      ownerId: r.owner_id,
      members: r.members ?? [],
      contactName: r.contact_name,
      scopePath: r.scope_path,
      scopeDepth: r.scope_depth,
    }));
  }

  /** The judge's declared recusals ("entryId|judgeId"). */
  async judgeRecusals(judgeId: string): Promise<Set<string>> {
    const rows: { entry_id: string }[] = await this.dataSource.query(
      `SELECT entry_id FROM judging_recusals WHERE judge_id = $1`,
      [judgeId],
    );
    return new Set(rows.map((r) => `${r.entry_id}|${judgeId}`));
  }

  recusals(contestId: string, manager?: EntityManager): Promise<Recusal[]> {
    return this.m(manager).find(Recusal, { where: { contestId } });
  }

  async insertRecusal(data: Partial<Recusal>, manager: EntityManager): Promise<boolean> {
    const res = await manager
      .createQueryBuilder()
      .insert()
      .into(Recusal)
      .values(data)
      .orIgnore()
      .returning('id')
      .execute();
    return (res.raw as unknown[]).length > 0;
  }

  // ------------------------------------------------------------------ the judge's own view

  /**
   * The judged rounds a judge sits on (active on the panel) or holds active assignments in,
   * with their contest, newest window first.
   */
  async judgeRounds(judgeId: string): Promise<JudgeRoundRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id, r.name, r.status, r.opens_at, r.closes_at, r.grace_seconds, r.results_fixed_at,
              c.id AS contest_id, c.title AS contest_title, c.time_zone,
              coalesce((c.settings->>'blindJudging')::boolean, false) AS blind,
              EXISTS (SELECT 1 FROM judging_panel p
                       WHERE p.round_id = r.id AND p.judge_id = $1 AND p.active) AS on_panel
         FROM contest_rounds r JOIN contests c ON c.id = r.contest_id
        WHERE r.kind IN ('judging', 'final')
          AND r.id IN (SELECT round_id FROM judging_panel WHERE judge_id = $1 AND active
                       UNION
                       SELECT round_id FROM judging_assignments WHERE judge_id = $1 AND active)
        ORDER BY r.closes_at DESC, r.id`,
      [judgeId],
    );
    return rows.map((r) => ({
      roundId: r.id as string,
      name: r.name as string,
      status: r.status as string,
      opensAt: r.opens_at as Date,
      closesAt: r.closes_at as Date,
      graceSeconds: r.grace_seconds as number,
      resultsFixedAt: r.results_fixed_at as Date | null,
      contestId: r.contest_id as string,
      contestTitle: r.contest_title as string,
      timeZone: r.time_zone as string,
      blind: r.blind as boolean,
      onPanel: r.on_panel as boolean,
    }));
  }

  /** The entries a judge holds active assignments for in a round, in the order assigned. */
  async judgeAssignmentOrder(roundId: string, judgeId: string): Promise<string[]> {
    const rows: { entry_id: string }[] = await this.dataSource.query(
      `SELECT entry_id FROM judging_assignments
        WHERE round_id = $1 AND judge_id = $2 AND active
        ORDER BY created_at, entry_id`,
      [roundId, judgeId],
    );
    return rows.map((r) => r.entry_id);
  }

  /**
   * A judge's standing in a round for one entry: whether the round is closed, their panel row
   * (active, removed, or none), and whether they hold an active assignment for the entry.
   */
  async judgeRoundStanding(
    roundId: string,
    judgeId: string,
    entryId: string,
  ): Promise<{ closed: boolean; panel: 'active' | 'removed' | null; assigned: boolean } | null> {
    const rows: { closed: boolean; panel: boolean | null; assigned: boolean }[] =
      await this.dataSource.query(
        `SELECT (r.status = 'closed' OR r.results_fixed_at IS NOT NULL) AS closed,
                (SELECT p.active FROM judging_panel p
                  WHERE p.round_id = r.id AND p.judge_id = $2) AS panel,
                EXISTS (SELECT 1 FROM judging_assignments a
                         WHERE a.round_id = r.id AND a.judge_id = $2 AND a.entry_id = $3
                           AND a.active) AS assigned
           FROM contest_rounds r WHERE r.id = $1`,
        [roundId, judgeId, entryId],
      );
    const r = rows[0];
    if (!r) return null;
    return {
      closed: r.closed,
      panel: r.panel === null ? null : r.panel ? 'active' : 'removed',
      assigned: r.assigned,
    };
  }

  /** Whether the judge is on the round's panel now. */
  async onPanel(roundId: string, judgeId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM judging_panel WHERE round_id = $1 AND judge_id = $2 AND active`,
      [roundId, judgeId],
    );
    return rows.length > 0;
  }

  // ------------------------------------------------------------------ panel and assignments

  panel(roundId: string, manager?: EntityManager): Promise<PanelMember[]> {
    return this.m(manager).find(PanelMember, { where: { roundId }, order: { judgeId: 'ASC' } });
  }

  async setPanelMember(
    roundId: string,
    judgeId: string,
    active: boolean,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO judging_panel (round_id, judge_id, active, removed_at) VALUES ($1, $2, $3, CASE WHEN $3 THEN NULL ELSE now() END)
       ON CONFLICT (round_id, judge_id) DO UPDATE SET active = EXCLUDED.active, removed_at = EXCLUDED.removed_at`,
      [roundId, judgeId, active],
    );
  }

  async assignments(roundId: string, manager?: EntityManager): Promise<AssignmentRow[]> {
    const rows: {
      entry_id: string;
      judge_id: string;
      active: boolean;
      sheet_status: SheetStatus | null;
    }[] = await this.m(manager).query(
      `SELECT a.entry_id, a.judge_id, a.active, s.status AS sheet_status
           FROM judging_assignments a
           LEFT JOIN score_sheets s ON s.round_id = a.round_id AND s.entry_id = a.entry_id AND s.judge_id = a.judge_id
          WHERE a.round_id = $1
          ORDER BY a.entry_id, a.judge_id`,
      [roundId],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      judgeId: r.judge_id,
      active: r.active,
      sheetStatus: r.sheet_status,
    }));
  }

  async isAssigned(roundId: string, entryId: string, judgeId: string): Promise<boolean> {
    const n = await this.dataSource.manager.count(Assignment, {
      where: { roundId, entryId, judgeId, active: true },
    });
    return n > 0;
  }

  /**
   * Makes the round's active assignments exactly `wanted`: others are released (their draft
   * sheets void), missing ones inserted or reactivated. Returns what changed.
   */
  async applyAssignments(
    roundId: string,
    wanted: { entryId: string; judgeId: string }[],
    manager: EntityManager,
  ): Promise<{
    added: { entryId: string; judgeId: string }[];
    released: { entryId: string; judgeId: string }[];
  }> {
    const current = await manager.find(Assignment, { where: { roundId, active: true } });
    const key = (a: { entryId: string; judgeId: string }) => `${a.entryId}|${a.judgeId}`;
    const wantedKeys = new Set(wanted.map(key));
    const currentKeys = new Set(current.map(key));
    const released = current
      .filter((a) => !wantedKeys.has(key(a)))
      .map((a) => ({ entryId: a.entryId, judgeId: a.judgeId }));
    const added = wanted.filter((a) => !currentKeys.has(key(a)));
    if (released.length) {
      const ids = current.filter((a) => !wantedKeys.has(key(a))).map((a) => a.id);
      await manager.update(Assignment, { id: In(ids) }, { active: false, releasedAt: new Date() });
      await manager.query(
        `UPDATE score_sheets s SET status = 'void', updated_at = now()
           FROM unnest($2::uuid[], $3::uuid[]) AS r(entry_id, judge_id)
          WHERE s.round_id = $1 AND s.entry_id = r.entry_id AND s.judge_id = r.judge_id AND s.status = 'draft'`,
        [roundId, released.map((r) => r.entryId), released.map((r) => r.judgeId)],
      );
    }
    if (added.length) {
      await manager.query(
        `INSERT INTO judging_assignments (round_id, entry_id, judge_id, active)
         SELECT $1, entry_id, judge_id, true FROM unnest($2::uuid[], $3::uuid[]) AS r(entry_id, judge_id)
         ON CONFLICT (round_id, entry_id, judge_id) DO UPDATE SET active = true, released_at = NULL`,
        [roundId, added.map((a) => a.entryId), added.map((a) => a.judgeId)],
      );
      // A void draft of a judge assigned again becomes a draft again.
      await manager.query(
        `UPDATE score_sheets s SET status = 'draft'
           FROM unnest($2::uuid[], $3::uuid[]) AS r(entry_id, judge_id)
          WHERE s.round_id = $1 AND s.entry_id = r.entry_id AND s.judge_id = r.judge_id AND s.status = 'void'`,
        [roundId, added.map((a) => a.entryId), added.map((a) => a.judgeId)],
      );
    }
    return { added, released };
  }

  /** Releases one assignment whatever its sheet (recusal): a submitted sheet becomes void too. */
  async releaseAssignment(
    roundId: string,
    entryId: string,
    judgeId: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      Assignment,
      { roundId, entryId, judgeId, active: true },
      { active: false, releasedAt: new Date() },
    );
    await manager.update(ScoreSheet, { roundId, entryId, judgeId }, { status: SheetStatus.Void });
  }

  // ------------------------------------------------------------------ sheets

  findSheet(
    roundId: string,
    entryId: string,
    judgeId: string,
    manager?: EntityManager,
  ): Promise<ScoreSheet | null> {
    return this.m(manager).findOne(ScoreSheet, { where: { roundId, entryId, judgeId } });
  }

  findSheetById(id: string): Promise<ScoreSheet | null> {
    return this.dataSource.manager.findOne(ScoreSheet, { where: { id } });
  }

  async lockSheet(
    roundId: string,
    entryId: string,
    judgeId: string,
    manager: EntityManager,
  ): Promise<ScoreSheet | null> {
    return manager
      .getRepository(ScoreSheet)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.round_id = :roundId AND s.entry_id = :entryId AND s.judge_id = :judgeId', {
        roundId,
        entryId,
        judgeId,
      })
      .getOne();
  }

  async saveSheet(data: Partial<ScoreSheet>, manager: EntityManager): Promise<ScoreSheet> {
    const repo = manager.getRepository(ScoreSheet);
    const saved = await repo.save(repo.create(data));
    return (await repo.findOne({ where: { id: saved.id } }))!;
  }

  judgeSheets(roundId: string, judgeId: string): Promise<ScoreSheet[]> {
    return this.dataSource.manager.find(ScoreSheet, { where: { roundId, judgeId } });
  }

  /** Every non-void sheet of the round (export, breakdown). */
  roundSheets(roundId: string, manager?: EntityManager, entryId?: string): Promise<ScoreSheet[]> {
    return this.m(manager).find(ScoreSheet, {
      where: {
        roundId,
        status: In([SheetStatus.Draft, SheetStatus.Submitted]),
        ...(entryId ? { entryId } : {}),
      },
      order: { entryId: 'ASC', judgeId: 'ASC' },
    });
  }

  /** Reopens submitted sheets of the given entries (a rubric changed): back to draft. */
  async reopenSheets(roundId: string, entryIds: string[], manager: EntityManager): Promise<number> {
    if (!entryIds.length) return 0;
    const rows: unknown[] = await manager.query(
      `UPDATE score_sheets SET status = 'draft', reopened = true, total = NULL, first_ratio = NULL, updated_at = now()
        WHERE round_id = $1 AND entry_id = ANY($2::uuid[]) AND status = 'submitted' RETURNING id`,
      [roundId, entryIds],
    );
    return (rows[0] as unknown[] | undefined)?.length ?? 0;
  }

  async countSheets(roundId: string, entryIds: string[], manager?: EntityManager): Promise<number> {
    if (!entryIds.length) return 0;
    const rows: { n: number }[] = await this.m(manager).query(
      `SELECT count(*)::int AS n FROM score_sheets WHERE round_id = $1 AND entry_id = ANY($2::uuid[]) AND status <> 'void'`,
      [roundId, entryIds],
    );
    return rows[0].n;
  }

  /**
   * The submitted sheets of a round, as ranking needs them, in one query returning one text
   * (a line per sheet: entry, judge, total, first-criterion ratio, entry submission in ms): one
   * value to transfer and split instead of 50,000 rows to build.
   */
  async rankingSheets(roundId: string, manager?: EntityManager): Promise<RankingSheet[]> {
    const rows: { data: string | null }[] = await this.m(manager).query(
      `SELECT string_agg(s.entry_id::text || ',' || s.judge_id::text || ',' || s.total::text || ',' ||
                         coalesce(s.first_ratio::text, '0') || ',' ||
                         coalesce(floor(extract(epoch FROM en.submitted_at) * 1000)::bigint::text, ''), E'\n') AS data
         FROM score_sheets s JOIN entries en ON en.id = s.entry_id
        WHERE s.round_id = $1 AND s.status = 'submitted' AND s.total IS NOT NULL`,
      [roundId],
    );
    const data = rows[0]?.data;
    if (!data) return [];
    const out: RankingSheet[] = [];
    for (const line of data.split('\n')) {
      const [entryId, judgeId, total, first, at] = line.split(',');
      out.push({
        entryId,
        judgeId,
        total: Number(total),
        firstCriterion: Number(first),
        submittedAt: at ? Number(at) : null,
      });
    }
    return out;
  }

  /**
   * The round's submitted sheets as a matrix, for ranking: one query, one row per judge, no row
   * and no object per sheet. A judge's sheets travel as their entry ids in bytes (16 each, in
   * base64) and one line of text per sheet in the same order: totals (numeric(8,4)) and
   * first-criterion ratios (numeric(7,6)) read as exact integers × 10⁴ and × 10⁶; see
   * parseRankingMatrix. With `submissionTimes`, a second query on another connection reads the
   * submission times of the round's entries (entry_rounds) meanwhile: an entry with sheets that
   * is no longer in the round has none (timed = 0; see submissionTimes).
   */
  async rankingMatrix(
    roundId: string,
    options: { submissionTimes?: boolean; manager?: EntityManager } = {},
  ): Promise<RankingMatrix> {
    const m = this.m(options.manager);
    const sheets = (): Promise<{ judge_id: string; ids: string; data: string }[]> =>
      m.query(
        `SELECT s.judge_id,
              encode(string_agg(uuid_send(s.entry_id), ''::bytea), 'base64') AS ids,
              string_agg(s.total::text || ' ' || coalesce(s.first_ratio::text, '0'), E'\n') AS data
         FROM score_sheets s
        WHERE s.round_id = $1 AND s.status = 'submitted' AND s.total IS NOT NULL
        GROUP BY s.judge_id`,
        [roundId],
      );
    const times = (): Promise<{ ids: string | null; at: string | null }[]> =>
      m.query(
        `SELECT encode(string_agg(uuid_send(en.id), ''::bytea), 'base64') AS ids,
                    string_agg(coalesce(floor(extract(epoch FROM en.submitted_at) * 1000)::bigint::text, ''), ',') AS at
               FROM entry_rounds er JOIN entries en ON en.id = er.entry_id
              WHERE er.round_id = $1`,
        [roundId],
      );
    // The round's entries' times on another connection of the pool while the sheets are read
    // (one after the other within a transaction: one connection).
    let judges: Awaited<ReturnType<typeof sheets>>;
    let timed: { ids: string | null; at: string | null } | undefined;
    if (!options.submissionTimes) judges = await sheets();
    else if (options.manager) {
      judges = await sheets();
      timed = (await times())[0];
    } else [judges, timed] = await Promise.all([sheets(), times().then((r) => r[0])]);
    // Ids travel in base64 (a third less than bytea's hex; the line breaks are ignored).
    const bytes = (b64: string | null | undefined) => (b64 ? Buffer.from(b64, 'base64') : null);
    return parseRankingMatrix(
      judges.map((j) => ({ judgeId: j.judge_id, ids: bytes(j.ids)!, data: j.data })),
      options.submissionTimes ? { ids: bytes(timed?.ids), at: timed?.at ?? null } : undefined,
    );
  }

  /**
   * Submission times in ms (NaN when never submitted) of the given entries, in their order;
   * `found[i]` is 0 when entryIds[i] is no entry at all. One text value back, no row per entry.
   */
  async submissionTimes(
    entryIds: readonly string[],
    manager?: EntityManager,
  ): Promise<{ at: Float64Array; found: Uint8Array }> {
    const at = new Float64Array(entryIds.length);
    const found = new Uint8Array(entryIds.length);
    if (!entryIds.length) return { at, found };
    const rows: { at: string | null }[] = await this.m(manager).query(
      `SELECT string_agg(CASE WHEN en.id IS NULL THEN 'x'
                              ELSE coalesce(floor(extract(epoch FROM en.submitted_at) * 1000)::bigint::text, '') END,
                         ',' ORDER BY u.k) AS at
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, k)
         LEFT JOIN entries en ON en.id = u.id`,
      [`{${entryIds.join(',')}}`],
    );
    const text = rows[0]?.at ?? '';
    let pos = 0;
    for (let i = 0; i < entryIds.length; i++) {
      let c = text.charCodeAt(pos);
      if (c === 120) {
        // "x": no such entry
        at[i] = NaN;
        pos += 2;
        continue;
      }
      found[i] = 1;
      const negative = c === 45;
      if (negative) c = text.charCodeAt(++pos);
      if (c === 44 || pos >= text.length) {
        at[i] = NaN;
        pos++;
        continue;
      }
      let ms = 0;
      for (; pos < text.length; pos++) {
        c = text.charCodeAt(pos);
        if (c === 44) break;
        ms = ms * 10 + (c - 48);
      }
      pos++;
      at[i] = negative ? -ms : ms;
    }
    return { at, found };
  }

  /** Per judge: assigned and submitted counts on the round's active assignments. */
  /** The phone (E.164) of each of these users that has one. */
  async phonesOf(userIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; phone: string }[] = await this.m(manager).query(
      `SELECT id, phone FROM users WHERE id = ANY($1::uuid[]) AND phone IS NOT NULL AND deleted_at IS NULL`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r.phone]));
  }

  async progress(
    roundId: string,
    manager?: EntityManager,
  ): Promise<
    { judgeId: string; fullName: string; assigned: number; drafts: number; submitted: number }[]
  > {
    const rows: {
      judge_id: string;
      full_name: string;
      assigned: number;
      drafts: number;
      submitted: number;
    }[] = await this.m(manager).query(
      `SELECT a.judge_id, u.full_name, count(*)::int AS assigned,
                count(*) FILTER (WHERE s.status = 'draft')::int AS drafts,
                count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
           FROM judging_assignments a JOIN users u ON u.id = a.judge_id
           LEFT JOIN score_sheets s ON s.round_id = a.round_id AND s.entry_id = a.entry_id AND s.judge_id = a.judge_id
          WHERE a.round_id = $1 AND a.active
          GROUP BY a.judge_id, u.full_name
          ORDER BY u.full_name, a.judge_id`,
      [roundId],
    );
    return rows.map((r) => ({
      judgeId: r.judge_id,
      fullName: r.full_name,
      assigned: r.assigned,
      drafts: r.drafts,
      submitted: r.submitted,
    }));
  }

  /** The entry (owner, unit, category) and the judged rounds it took part in. */
  async entryRounds(entryId: string): Promise<{
    entry: {
      id: string;
      contestId: string;
      ownerId: string;
      unitId: string;
      categoryId: string;
    } | null;
    roundIds: string[];
  }> {
    const rows: {
      id: string;
      contest_id: string;
      owner_id: string;
      unit_id: string;
      category_id: string;
      round_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT e.id, e.contest_id, e.owner_id, e.unit_id, e.category_id, r.id AS round_id
           FROM entries e
           LEFT JOIN entry_rounds er ON er.entry_id = e.id
           LEFT JOIN contest_rounds r ON r.id = er.round_id AND r.kind IN ('judging', 'final')
          WHERE e.id = $1
          ORDER BY r.position`,
      [entryId],
    );
    if (!rows.length) return { entry: null, roundIds: [] };
    const r = rows[0];
    return {
      entry: {
        id: r.id,
        contestId: r.contest_id,
        ownerId: r.owner_id,
        unitId: r.unit_id,
        categoryId: r.category_id,
      },
      roundIds: rows.map((x) => x.round_id).filter((x): x is string => !!x),
    };
  }

  async unitNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM org_units WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; full_name: string }[] = await this.dataSource.query(
      `SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }
}
