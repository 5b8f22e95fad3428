import type { Media, OrgUnit } from '../api/client';

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
