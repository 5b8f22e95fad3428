import { foldVietnamese } from '../common/validation/text';
import type { JudgeRef, RoundEntry } from './judging.repository';

/** Why a judge may not judge an entry. */
export type ConflictReason = 'unit' | 'owner' | 'member' | 'recusal';

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();

/**
 * A conflict of interest, automatic or declared: the judge's unit is the entry's unit or an
 * ancestor or descendant of it (unit paths are "root/…/id/"); the judge owns the entry or is
 * named among its members or as its contact; or the judge recused from it.
 */
export function conflictOf(
  judge: Pick<JudgeRef, 'id' | 'fullName' | 'unitPath'>,
  entry: Pick<RoundEntry, 'id' | 'unitPath' | 'ownerId' | 'members' | 'contactName'>,
  recusals: ReadonlySet<string>,
): ConflictReason | null {
  if (recusals.has(`${entry.id}|${judge.id}`)) return 'recusal';
  if (judge.id === entry.ownerId) return 'owner';
  if (
    judge.unitPath &&
    (entry.unitPath.startsWith(judge.unitPath) || judge.unitPath.startsWith(entry.unitPath))
  )
    return 'unit';
  const name = fold(judge.fullName);
  if (
    name &&
    [...entry.members.map((m) => m.name), entry.contactName ?? ''].some((n) => fold(n) === name)
  )
    return 'member';
  return null;
}

/** Whether the judge's membership covers the entry's category (null = every category). */
export const coversCategory = (judge: Pick<JudgeRef, 'categoryIds'>, categoryId: string): boolean =>
  !judge.categoryIds || judge.categoryIds.includes(categoryId);
