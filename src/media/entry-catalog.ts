import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { UserRole } from '../users/entities/user.entity';
import type { MediaItem, MediaVariant } from './entities/media-item.entity';
import {
  DENY,
  MediaAccessPolicy,
  MediaRules,
  MediaRulesSource,
  ReadDecision,
} from './media-policy';

/** What the media rules need to know about an entry. */
export interface EntryFacts {
  ownerId: string;
  /** draft entries can be changed; anything else is locked for uploads. */
  status: string;
  published: boolean;
  blindJudging: boolean;
  organizerIds: string[];
  judgeIds: string[];
  rules: MediaRules;
}

/**
 * Entry facts kept in memory: the rules and access policy until the entries feature provides
 * them from its tables. Unknown entries have no rules and nobody may upload to them.
 */
@Injectable()
export class InMemoryEntryCatalog implements MediaRulesSource, MediaAccessPolicy {
  private readonly entries = new Map<string, EntryFacts>();

  put(entryId: string, facts: EntryFacts): void {
    this.entries.set(entryId, facts);
  }

  get(entryId: string): EntryFacts | undefined {
    return this.entries.get(entryId);
  }

  update(entryId: string, patch: Partial<EntryFacts>): void {
    const current = this.entries.get(entryId);
    if (current) this.entries.set(entryId, { ...current, ...patch });
  }

  rulesFor(entryId: string): Promise<MediaRules | null> {
    return Promise.resolve(this.entries.get(entryId)?.rules ?? null);
  }

  canUpload(principal: Principal, entryId: string): Promise<boolean> {
    const entry = this.entries.get(entryId);
    return Promise.resolve(!!entry && entry.status === 'draft' && entry.ownerId === principal.id);
  }

  canRead(
    principal: Principal | null,
    item: MediaItem,
    variant: MediaVariant | 'info',
  ): Promise<ReadDecision> {
    const entry = this.entries.get(item.entryId);
    return Promise.resolve(entry ? decideRead(entry, principal, variant) : DENY);
  }
}

/** The read rules, shared by every policy implementation. */
export function decideRead(
  entry: Pick<
    EntryFacts,
    'ownerId' | 'status' | 'published' | 'blindJudging' | 'organizerIds' | 'judgeIds'
  >,
  principal: Principal | null,
  variant: MediaVariant | 'info',
): ReadDecision {
  const full: ReadDecision = { allowed: true, anonymous: false, publicCache: false };
  if (principal) {
    if (principal.role === UserRole.Admin) return full;
    if (entry.ownerId === principal.id) return full;
    if (entry.organizerIds.includes(principal.id)) return full;
    if (entry.judgeIds.includes(principal.id) && entry.status !== 'draft') {
      if (!entry.blindJudging) return full;
      // blind judging: derivatives carry no metadata; originals of images and clips do
      return { allowed: true, anonymous: true, publicCache: false };
    }
  }
  if (entry.published && variant !== 'original') {
    return { allowed: true, anonymous: false, publicCache: true };
  }
  return DENY;
}
