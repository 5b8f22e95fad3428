import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoundKind } from './entities/round.entity';

export interface ChecklistFacts {
  description: boolean;
  ownerUnit: boolean;
  categories: number;
  rounds: {
    id: string;
    kind: RoundKind;
    opensAt: Date;
    closesAt: Date;
    scoped: boolean;
    rubrics: number;
  }[];
  judges: number;
}

/** The facts the setup checklist is made of, in one round trip. */
@Injectable()
export class ChecklistRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** With a manager, read inside its transaction (the contest row it has locked). */
  async facts(contestId: string, manager?: EntityManager): Promise<ChecklistFacts> {
    const [row] = await (manager ?? this.db).query<Record<string, unknown>[]>(
      `SELECT length(btrim(c.description)) > 0 AS description,
              c.owner_unit_id IS NOT NULL AS owner_unit,
              (SELECT count(*)::int FROM contest_categories k WHERE k.contest_id = c.id) AS categories,
              (SELECT count(*)::int FROM contest_memberships m
                WHERE m.contest_id = c.id AND m.role = 'judge') AS judges,
              COALESCE((SELECT json_agg(json_build_object(
                         'id', r.id, 'kind', r.kind, 'opensAt', r.opens_at, 'closesAt', r.closes_at,
                         'scoped', r.scope_unit_id IS NOT NULL,
                         'rubrics', (SELECT count(*) FROM judging_rubrics j WHERE j.round_id = r.id))
                         ORDER BY r.position)
                  FROM contest_rounds r WHERE r.contest_id = c.id), '[]'::json) AS rounds
         FROM contests c WHERE c.id = $1`,
      [contestId],
    );
    const rounds = (row.rounds as Record<string, unknown>[]).map((r) => ({
      id: r.id as string,
      kind: r.kind as RoundKind,
      opensAt: new Date(r.opensAt as string),
      closesAt: new Date(r.closesAt as string),
      scoped: r.scoped as boolean,
      rubrics: Number(r.rubrics),
    }));
    return {
      description: Boolean(row.description),
      ownerUnit: Boolean(row.owner_unit),
      categories: Number(row.categories),
      judges: Number(row.judges),
      rounds,
    };
  }
}
