import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface RankedEntry {
  entryId: string;
  /** Rank in its group (category × unit of the round's scope); tied entries share it. */
  rank: number;
  score: number | null;
  /** The group it was ranked in (null in results fixed before groups were stored). */
  categoryId: string | null;
  scopeUnitId: string | null;
}

/** Where advancement reads a round's result from; judging provides the ranking. */
export interface RoundRankingSource {
  /** Best first; empty when the round has no result yet. */
  ranking(roundId: string, manager?: EntityManager): Promise<RankedEntry[]>;
}

export const ROUND_RANKING_SOURCE = Symbol('RoundRankingSource');

/** Default source: the ranking stored in round_rankings (judging writes it when results are fixed). */
@Injectable()
export class StoredRoundRankingSource implements RoundRankingSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ranking(roundId: string, manager?: EntityManager): Promise<RankedEntry[]> {
    const rows: {
      entry_id: string;
      rank: number;
      score: string | null;
      category_id: string | null;
      scope_unit_id: string | null;
    }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT entry_id, rank, score, category_id, scope_unit_id FROM round_rankings
        WHERE round_id = $1 ORDER BY rank, entry_id`,
      [roundId],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      rank: r.rank,
      score: r.score === null ? null : Number(r.score),
      categoryId: r.category_id,
      scopeUnitId: r.scope_unit_id,
    }));
  }
}
