/** What the judge's API answers (its OpenAPI document describes these as plain objects). */

export interface RoundMeta {
  id: string;
  name: string;
  contestId: string;
  contestTitle: string;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  closed: boolean;
  allowRevision: boolean;
  blind: boolean;
}

export interface JudgeRound extends RoundMeta {
  onPanel: boolean;
  progress: { assigned: number; submitted: number; drafts: number; left: number };
  next: string | null;
}

export interface Sheet {
  id: string;
  status: 'draft' | 'submitted' | 'void';
  scores: Record<string, number>;
  comment: string;
  criterionComments: Record<string, string>;
  total: number | null;
  reopened: boolean;
  submittedAt: string | null;
  updatedAt: string;
}

export interface QueueItem {
  entryId: string;
  title: string;
  summary: string;
  blind: boolean;
  unitName?: string;
  sheet: Sheet | null;
}

export interface Queue {
  roundId: string;
  round: RoundMeta;
  closed: boolean;
  blind: boolean;
  progress: { assigned: number; drafts: number; submitted: number };
  items: QueueItem[];
}

export interface Criterion {
  key: string;
  name: string;
  description: string;
  weight: number;
  max: number;
  step: number;
}

export interface JudgeMedia {
  id: string;
  kind: 'video' | 'image' | 'audio' | 'document' | null;
  status: string;
  mime: string | null;
  sizeBytes: number;
  facts: { width?: number; height?: number; durationSeconds?: number; pages?: number };
  urls: Record<string, string>;
  /** A document's page images (its first pages), each with its signed address and size. */
  pages?: JudgePage[];
  originalName?: string;
  expiresAt: string | null;
}

export interface JudgePage {
  page: number;
  url: string;
  width: number;
  height: number;
}

export interface JudgeEntry {
  entryId: string;
  roundId: string;
  title: string;
  summary: string;
  blind: boolean;
  unitName?: string;
  members?: { name: string; role?: string | null }[];
  round: RoundMeta;
  category: { id: string; name: string; description: string };
  rubric: Criterion[] | null;
  media: JudgeMedia[];
  sheet: Sheet | null;
}

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
