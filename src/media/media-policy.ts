import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { MediaItem, MediaVariant } from './entities/media-item.entity';
import type { MediaKindName } from './sniff';

/** A category's media rules (same shape as Category.rules.media of the contests feature). */
export interface MediaRules {
  kinds: MediaKindName[];
  minCount: number;
  maxCount: number;
  maxSizeBytes: number;
  minDurationSeconds?: number | null;
  maxDurationSeconds?: number | null;
  /** The shorter side, in pixels (720 = 720p). */
  minResolution?: number | null;
  landscapeOnly?: boolean;
}

export const MEDIA_RULES_SOURCE = Symbol('MEDIA_RULES_SOURCE');
export const MEDIA_ACCESS_POLICY = Symbol('MEDIA_ACCESS_POLICY');

/** Where the rules for an entry's files come from (its category). */
export interface MediaRulesSource {
  /** null when the entry does not exist. */
  rulesFor(entryId: string): Promise<MediaRules | null>;
}

export interface ReadDecision {
  allowed: boolean;
  /** Serve without anything naming the author (blind judging). */
  anonymous: boolean;
  /** May shared caches keep it (published entries' derivatives). */
  publicCache: boolean;
}

export const DENY: ReadDecision = { allowed: false, anonymous: true, publicCache: false };

/** Who may add files to an entry and who may see which file. */
export interface MediaAccessPolicy {
  /** `manager`: decide inside that transaction (it reads through it). */
  canUpload(principal: Principal, entryId: string, manager?: EntityManager): Promise<boolean>;
  /** `principal` is null for anonymous visitors. */
  canRead(
    principal: Principal | null,
    item: MediaItem,
    variant: MediaVariant | 'info',
  ): Promise<ReadDecision>;
}
