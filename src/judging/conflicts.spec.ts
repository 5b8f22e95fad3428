import fc from 'fast-check';
import {
  CompetitionScope,
  conflictBetween,
  conflictEntry,
  conflictJudge,
  conflictOf,
  exclusionBetween,
  laneOf,
} from './conflicts';

/**
 * A tree without fixed depth: the national union N; province P with commune C1 (branch B1 under
 * it, hamlet group H under B1) and commune C2 straight under it; a remaining district D of P with
 * commune C3; another province Q with commune Q1.
 */
const parent: Record<string, string | null> = {
  N: null,
  P: 'N',
  C1: 'P',
  B1: 'C1',
  H: 'B1',
  C2: 'P',
  D: 'P',
  C3: 'D',
  Q: 'N',
  Q1: 'Q',
};
const path = (u: string): string => (parent[u] ? path(parent[u]) : '') + `${u}/`;

const judge = (unit: string | null, id = `j-${unit}`, fullName = 'Giám khảo') => ({
  id,
  fullName,
  unitPath: unit ? path(unit) : null,
});
const entry = (unit: string, extra: Partial<{ ownerId: string; members: string[] }> = {}) => ({
  id: `e-${unit}`,
  unitPath: path(unit),
  ownerId: extra.ownerId ?? 'owner',
  members: (extra.members ?? ['Nguyễn Thị Hoa']).map((name) => ({ name })),
  contactName: 'Lê Thị Lan',
});
const none = new Set<string>();

const provinceRound: CompetitionScope = { rootPath: path('P'), depth: null };
const national: CompetitionScope = { rootPath: path('N'), depth: null };
const provincesApart: CompetitionScope = { rootPath: null, depth: 1 };
const communesApart: CompetitionScope = { rootPath: null, depth: 2 };

describe('conflicts of interest', () => {
  it("the province's round: its jury judges every commune; a commune's judge not their own", () => {
    for (const scope of [provinceRound, provincesApart]) {
      const unit = (j: string, e: string) => conflictOf(judge(j), entry(e), none, scope);
      for (const e of ['C1', 'B1', 'H', 'C2', 'C3', 'P']) {
        expect(unit('P', e)).toBeNull();
        expect(unit('N', e)).toBeNull();
        expect(conflictOf(judge(null), entry(e), none, scope)).toBeNull();
      }
      // Commune C1 (and anyone below it) against C1's entries, wherever they sit under it.
      for (const j of ['C1', 'B1', 'H'])
        for (const e of ['C1', 'B1', 'H']) expect(unit(j, e)).toBe('unit');
      expect(unit('C1', 'C2')).toBeNull();
      expect(unit('C2', 'C1')).toBeNull();
      // A district left in the tree is the level below the province on its communes' path.
      expect(unit('D', 'C3')).toBe('unit');
      expect(unit('C3', 'C1')).toBeNull();
      // Another province's people are outsiders.
      expect(unit('Q1', 'C1')).toBeNull();
      expect(unit('Q', 'C1')).toBeNull();
    }
  });

  it('the national round: a province does not judge its own entries; the national jury judges all', () => {
    const unit = (j: string, e: string) => conflictOf(judge(j), entry(e), none, national);
    expect(unit('N', 'C1')).toBeNull();
    expect(unit('P', 'C1')).toBe('unit');
    expect(unit('C2', 'C1')).toBe('unit');
    expect(unit('Q', 'C1')).toBeNull();
    expect(unit('Q1', 'H')).toBeNull();
    // With no scope unit at all, the root of the tree is the scope.
    expect(conflictOf(judge('P'), entry('C1'), none, { rootPath: null, depth: null })).toBe('unit');
  });

  it("a commune's round: its own officers judge; a branch does not judge its own branch", () => {
    const unit = (j: string, e: string) => conflictOf(judge(j), entry(e), none, communesApart);
    expect(unit('C1', 'B1')).toBeNull();
    expect(unit('P', 'H')).toBeNull();
    expect(unit('B1', 'H')).toBe('unit');
    expect(unit('H', 'B1')).toBe('unit');
    // An entry of the commune itself shares no unit below the commune with anyone.
    expect(unit('B1', 'C1')).toBeNull();
    expect(laneOf(communesApart, path('C1'))).toBeNull();
    // An entry above the grouping depth is its own group.
    expect(laneOf(communesApart, path('P'))).toBeNull();
    // The deeper of the scope unit and the grouping depth decides.
    expect(laneOf({ rootPath: path('P'), depth: 2 }, path('H'))).toBe(path('B1'));
    expect(laneOf({ rootPath: path('C1'), depth: 1 }, path('H'))).toBe(path('B1'));
  });

  it('owner, members and contact (diacritics and spacing aside), recusals: whatever the units', () => {
    const e = entry('C1', { ownerId: 'u-owner', members: ['Nguyễn Thị Hoa', 'Hờ A Dính'] });
    expect(conflictOf(judge('P', 'u-owner'), e, none, provinceRound)).toBe('owner');
    expect(conflictOf(judge('P', 'u2', 'nguyen  THI hoa'), e, none, provinceRound)).toBe('member');
    expect(conflictOf(judge(null, 'u3', 'Ho A Dinh'), e, none, provinceRound)).toBe('member');
    expect(conflictOf(judge('Q', 'u4', 'Lê Thị Lan'), e, none, provinceRound)).toBe('member');
    expect(conflictOf(judge('P', 'u5', 'Lê Thị Lành'), e, none, provinceRound)).toBeNull();
    expect(conflictOf(judge('P', 'u6'), e, new Set([`${e.id}|u6`]), provinceRound)).toBe('recusal');
    // Recusal is named first, then the owner.
    expect(conflictOf(judge('C1', 'u-owner'), e, new Set([`${e.id}|u-owner`]), provinceRound)).toBe(
      'recusal',
    );
  });

  it('a category not the judge’s excludes without being a conflict', () => {
    const e = conflictEntry({ ...entry('C1'), categoryId: 'cat-a' }, provinceRound);
    const only = (ids: string[] | null, unit = 'P') =>
      exclusionBetween(conflictJudge({ ...judge(unit), categoryIds: ids }), e, none);
    expect(only(null)).toBeNull();
    expect(only(['cat-a'])).toBeNull();
    expect(only(['cat-b'])).toBe('category');
    expect(only(['cat-b'], 'C1')).toBe('unit');
    expect(conflictBetween(conflictJudge({ ...judge('P'), categoryIds: ['cat-b'] }), e, none)).toBe(
      null,
    );
  });

  it('matches a walk up the tree: a unit conflict exactly when both sit under the same child of the competition unit', () => {
    const units = Object.keys(parent);
    const ancestors = (u: string): string[] => (parent[u] ? [...ancestors(parent[u]), u] : [u]);
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        fc.option(fc.constantFrom(...units), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        (j, e, root, depth) => {
          // Independently: the competition unit is the deepest of the scope unit (when the entry
          // is under it) and the entry's ancestor at the grouping depth; the lane is its child.
          const chain = ancestors(e);
          let at = 0;
          if (root && chain.includes(root)) at = chain.indexOf(root);
          if (depth !== null) at = Math.max(at, depth);
          const lane = chain[at + 1];
          const expected = lane !== undefined && ancestors(j).includes(lane);
          const scope = { rootPath: root ? path(root) : null, depth };
          expect(conflictOf(judge(j), entry(e), none, scope) === 'unit').toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
