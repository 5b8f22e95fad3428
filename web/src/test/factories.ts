import type { EntrySummary, Media, OrgUnit } from '../api/client';

/** Data shaped as the service sends it, for component tests (override what a test is about). */
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export function orgUnit(over: Partial<OrgUnit> = {}): OrgUnit {
  const at = '2026-11-02T08:00:00.000Z';
  return {
    id: id(),
    code: `U-${seq}`,
    name: 'Chi hội Phường Hòa Hiệp Bắc',
    kind: 'Chi hội',
    parentId: null,
    mergedIntoId: null,
    depth: 2,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function media(over: Partial<Media> = {}): Media {
  return {
    id: id(),
    entryId: id(),
    kind: 'image',
    mime: 'image/jpeg',
    status: 'ready',
    originalName: 'anh-sinh-hoat.jpg',
    sizeBytes: 1_250_000,
    variants: ['preview', 'thumb'],
    facts: {},
    createdAt: '2026-11-02T08:00:00.000Z',
    ...over,
  } as Media;
}

export function entrySummary(over: Partial<EntrySummary> = {}): EntrySummary {
  const at = new Date(Date.UTC(2026, 10, 2, 8) + seq * 60_000).toISOString();
  return {
    id: id(),
    categoryId: '00000000-0000-4000-9000-000000000001',
    title: 'Sinh hoạt chi hội qua nhóm Zalo',
    status: 'submitted',
    authorType: 'collective',
    unitId: '00000000-0000-4000-9000-000000000002',
    unitName: 'Hội LHPN xã số 1, Đắk Lắk',
    currentRoundId: null,
    version: 1,
    submittedAt: at,
    publishedAt: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
