import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoundStatus } from '../contests/entities/round.entity';
import type { AdvanceRound } from './advancement-rules';
import type { EntryStatus } from './entry-state-machine';

export interface AdvanceRoundRow extends AdvanceRound {
  position: number;
  scopeDepth: number | null;
}

export interface ActiveEntryRow {
  id: string;
  status: EntryStatus;
  categoryId: string;
  unitPath: string;
}

/** The reads advancement makes inside its transaction. */
@Injectable()
export class AdvancementRepository {
  /**
   * The contest's rounds in order, locked FOR SHARE until the transaction ends: a change of a
   * round's status or window waits for the advancement, which saw the round as it stays.
   */
  async lockRounds(contestId: string, manager: EntityManager): Promise<AdvanceRoundRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT id, name, position, status::text AS status, opens_at, closes_at, results_fixed_at,
              scope_depth
         FROM contest_rounds WHERE contest_id = $1 ORDER BY position FOR SHARE`,
      [contestId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      position: r.position as number,
      status: r.status as RoundStatus,
      opensAt: r.opens_at as Date,
      closesAt: r.closes_at as Date,
      resultsFixedAt: (r.results_fixed_at as Date | null) ?? null,
      scopeDepth: (r.scope_depth as number | null) ?? null,
    }));
  }

  /** The entries active in a round, locked for the change, with their category and unit path. */
  async activeInRound(roundId: string, manager: EntityManager): Promise<ActiveEntryRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT e.id, e.status, e.category_id, u.path AS unit_path
         FROM entry_rounds er JOIN entries e ON e.id = er.entry_id JOIN org_units u ON u.id = e.unit_id
        WHERE er.round_id = $1 AND er.status = 'active'
        ORDER BY e.id
        FOR UPDATE OF e`,
      [roundId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      status: r.status as EntryStatus,
      categoryId: r.category_id as string,
      unitPath: r.unit_path as string,
    }));
  }
}
