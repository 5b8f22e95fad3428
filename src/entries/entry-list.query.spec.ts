import {
  buildEntryListQuery,
  EntryListFilter,
  matchesSearch,
  searchWords,
} from './entry-list.query';

const base: EntryListFilter = {
  contestId: '6f1d3c2a-9b8e-4d7f-a1c2-3e4f5a6b7c8d',
  sort: '-createdAt',
  limit: 50,
};

describe('matchesSearch', () => {
  it('finds every word as the start of a word, without diacritics or case', () => {
    const text = 'Chuyển đổi số trong sinh hoạt chi hội Phú Yên';
    expect(matchesSearch(text, searchWords('phu yen'))).toBe(true);
    expect(matchesSearch(text, searchWords('PHÚ'))).toBe(true);
    expect(matchesSearch(text, searchWords('chuyen doi so'))).toBe(true);
    expect(matchesSearch(text, searchWords('doi chuyen'))).toBe(true);
    expect(matchesSearch(text, searchWords('uyen'))).toBe(false);
    expect(matchesSearch(text, searchWords('phu tan'))).toBe(false);
    expect(matchesSearch('Đắk Lắk', searchWords('dak lak'))).toBe(true);
  });

  it('reads the whole text, not only its first words', () => {
    const long = `${'một hai ba '.repeat(2000)} cuối cùng`;
    expect(matchesSearch(long, searchWords('cuoi cung'))).toBe(true);
  });
});

describe('buildEntryListQuery under blind judging', () => {
  const unitId = '0b6f1c1e-6a43-4c1f-a0f5-3f0b1d4a9e21';

  it('neither searches the search text nor filters by unit, whatever the caller passes', () => {
    const { sql, params } = buildEntryListQuery({
      ...base,
      blind: true,
      q: 'tan lap',
      unitId,
      subtree: true,
    });
    expect(sql).not.toContain('search_text');
    expect(sql).not.toMatch(/e\.unit_id (=|IN)/);
    expect(params).not.toContain(unitId);
    expect(params).not.toContain('tan:* & lap:*');
    expect(sql).toContain('NULL::uuid AS "unitId"');
  });

  it('does both for everyone else', () => {
    const { sql, params } = buildEntryListQuery({ ...base, q: 'tan lap', unitId });
    expect(sql).toContain('search_text');
    expect(sql).toMatch(/e\.unit_id = \$/);
    expect(params).toEqual(expect.arrayContaining([unitId, 'tan:* & lap:*']));
  });
});
