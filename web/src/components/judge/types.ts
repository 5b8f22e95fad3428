import type { components } from '../../api/schema';

/**
 * What the judge's API answers: the types generated from the service's OpenAPI document (so the
 * type-check fails when the service and these screens drift apart).
 */
type Schemas = components['schemas'];

export type RoundMeta = Schemas['JudgeRoundMetaView'];
export type JudgeRound = Schemas['JudgeRoundView'];
export type Sheet = Schemas['ScoreSheetView'];
export type QueueItem = Schemas['JudgeQueueItemView'];
export type Queue = Schemas['JudgeQueueView'];
export type Criterion = Schemas['CriterionView'];
export type JudgeMedia = Schemas['JudgeMediaView'];
export type JudgePage = Schemas['JudgePageView'];
export type JudgeEntry = Schemas['JudgeEntryDetailView'];

/** A sheet as the judge is writing it, kept on the device until the service has it. */
export interface LocalSheet {
  roundId: string;
  entryId: string;
  scores: Record<string, number>;
  comment: string;
  criterionComments: Record<string, string>;
  submit: boolean;
  /** The service's updatedAt this change was made on (null: made on no sheet). */
  base: string | null;
  /** Not yet sent (or refused as stale: see `conflict`). */
  pending: boolean;
  /** The service holds a newer sheet from another device. */
  conflict: Sheet | null;
  changedAt: number;
}
