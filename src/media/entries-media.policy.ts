import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ContestAccessService } from '../contests/contest-access.service';
import { JudgeEntryAccessRegistry } from '../entries/judge-entry-access';
import type { MediaItem, MediaVariant } from './entities/media-item.entity';
import { decideRead, InMemoryEntryCatalog } from './entry-catalog';
import { MediaEntriesRepository } from './media-entries.repository';
import type { MediaAccessPolicy, MediaRules, MediaRulesSource, ReadDecision } from './media-policy';

/** Entry states in which judges may see an entry's files. */
const JUDGED = new Set(['submitted', 'eligible', 'advanced', 'eliminated', 'awarded']);

/**
 * Rules and access from the real entries: the category's media rules, the entry's owner and
 * status, the contest's blind-judging setting and the caller's contest roles. Entries unknown
 * to the entries table are looked up in the in-memory catalog (empty unless filled by tests
 * or tools).
 */
@Injectable()
export class EntriesMediaPolicy implements MediaRulesSource, MediaAccessPolicy {
  constructor(
    private readonly entries: MediaEntriesRepository,
    private readonly access: ContestAccessService,
    private readonly catalog: InMemoryEntryCatalog,
    private readonly judges: JudgeEntryAccessRegistry,
  ) {}

  async rulesFor(entryId: string): Promise<MediaRules | null> {
    const facts = await this.entries.facts(entryId);
    if (!facts) return this.catalog.rulesFor(entryId);
    return facts.rules;
  }

  async canUpload(
    principal: Principal,
    entryId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const facts = await this.entries.facts(entryId, manager);
    if (!facts) return this.catalog.canUpload(principal, entryId);
    return facts.status === 'draft' && facts.ownerId === principal.id;
  }

  async canRead(
    principal: Principal | null,
    item: MediaItem,
    variant: MediaVariant | 'info',
  ): Promise<ReadDecision> {
    const facts = await this.entries.facts(item.entryId);
    if (!facts) return this.catalog.canRead(principal, item, variant);
    const organizer = principal ? await this.access.isOrganizer(principal, facts.contestId) : false;
    // a judge sees an entry's files only where judging lets them read the entry: assigned, not
    // conflicted, not recused (the same rule as the entries API)
    const judge =
      principal && JUDGED.has(facts.status)
        ? (await this.access.isJudge(principal, facts.contestId)) &&
          (await this.judges.mayRead(principal.id, item.entryId))
        : false;
    return decideRead(
      {
        ownerId: facts.ownerId,
        status: facts.status,
        published: facts.published,
        blindJudging: facts.blindJudging,
        organizerIds: organizer && principal ? [principal.id] : [],
        judgeIds: judge && principal ? [principal.id] : [],
      },
      principal,
      variant,
    );
  }
}
