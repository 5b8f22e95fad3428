import { foldVietnamese } from '../common/validation/text';
import type { JudgeRef, RoundEntry } from './judging.repository';

/** Why a judge may not judge an entry. */
export type ConflictReason = 'unit' | 'owner' | 'member' | 'recusal';

/** Why a judge on the panel is not assigned an entry: a conflict, or a category not theirs. */
export type ExclusionReason = ConflictReason | 'category';

/**
 * Where a round's entries compete, in the unit tree (paths are "root/…/id/"): under the round's
 * scope unit (else the contest's owner unit; null = the root of the tree), and, when the round
 * groups entries at a depth (0 = the root), within their ancestor at that depth ("each commune
 * runs its own round"). The deeper of the two is the unit an entry competes in.
 */
export interface CompetitionScope {
  rootPath: string | null;
  depth: number | null;
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/**
 * The unit one level below the competition an entry of `unitPath` competes in, on the path to
 * it (its path), or null when the entry sits at the competition's own unit (nothing below it to
 * share). The tree has no fixed depth: only the path decides.
 */
export function laneOf(scope: CompetitionScope, unitPath: string): string | null {
  const ids = unitPath.split('/').filter(Boolean);
  let at = 0;
  if (scope.rootPath && unitPath.startsWith(scope.rootPath))
    at = scope.rootPath.split('/').filter(Boolean).length - 1;
  if (scope.depth !== null) at = Math.max(at, scope.depth);
  if (ids.length <= at + 1) return null;
  return `${ids.slice(0, at + 2).join('/')}/`;
}

/** A judge as conflicts are decided on, computed once per judge. */
export interface ConflictJudge {
  id: string;
  unitPath: string | null;
  name: string;
  categoryIds: string[] | null;
}

/** An entry as conflicts are decided on, computed once per entry and round. */
export interface ConflictEntry {
  id: string;
  ownerId: string;
  categoryId: string | null;
  lane: string | null;
  names: ReadonlySet<string>;
}

export function conflictJudge(
  judge: Pick<JudgeRef, 'id' | 'fullName' | 'unitPath'> & Partial<Pick<JudgeRef, 'categoryIds'>>,
): ConflictJudge {
  return {
    id: judge.id,
    unitPath: judge.unitPath,
    name: fold(judge.fullName),
    categoryIds: judge.categoryIds ?? null,
  };
}

export function conflictEntry(
  entry: Pick<RoundEntry, 'id' | 'unitPath' | 'ownerId' | 'members' | 'contactName'> &
    Partial<Pick<RoundEntry, 'categoryId'>>,
  scope: CompetitionScope,
): ConflictEntry {
  const names = new Set<string>();
  for (const n of [...entry.members.map((m) => m.name), entry.contactName ?? '']) {
    const folded = fold(n);
    if (folded) names.add(folded);
  }
  return {
    id: entry.id,
    ownerId: entry.ownerId,
    categoryId: entry.categoryId ?? null,
    lane: laneOf(scope, entry.unitPath),
    names,
  };
}

/**
 * A conflict of interest, declared or automatic: the judge recused from the entry; owns it; is
 * named among its members or as its contact; or belongs to the same unit one level below the
 * competition as the entry (a judge of commune X does not judge commune X's entries in the
 * province's round). A judge at the competition's own unit or above it, or outside it, has no
 * unit conflict: a provincial jury judging the province's communes is the normal case.
 */
export function conflictBetween(
  judge: ConflictJudge,
  entry: ConflictEntry,
  recusals: ReadonlySet<string>,
): ConflictReason | null {
  if (recusals.has(`${entry.id}|${judge.id}`)) return 'recusal';
  if (judge.id === entry.ownerId) return 'owner';
  if (judge.name && entry.names.has(judge.name)) return 'member';
  if (entry.lane && judge.unitPath?.startsWith(entry.lane)) return 'unit';
  return null;
}

/** Why the judge may not be assigned the entry (a conflict, or not their category), or null. */
export function exclusionBetween(
  judge: ConflictJudge,
  entry: ConflictEntry,
  recusals: ReadonlySet<string>,
): ExclusionReason | null {
  const conflict = conflictBetween(judge, entry, recusals);
  if (conflict) return conflict;
  if (judge.categoryIds && entry.categoryId && !judge.categoryIds.includes(entry.categoryId))
    return 'category';
  return null;
}

/** One-off check of a judge against an entry of a round with the given scope. */
export function conflictOf(
  judge: Pick<JudgeRef, 'id' | 'fullName' | 'unitPath'>,
  entry: Pick<RoundEntry, 'id' | 'unitPath' | 'ownerId' | 'members' | 'contactName'>,
  recusals: ReadonlySet<string>,
  scope: CompetitionScope,
): ConflictReason | null {
  return conflictBetween(conflictJudge(judge), conflictEntry(entry, scope), recusals);
}
