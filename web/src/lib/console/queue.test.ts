import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type EntrySummary } from '../../api/client';
import { entrySummary } from '../../test/factories';
import { ScreeningQueue } from './queue.svelte';

vi.mock('../../api/client', () => ({ api: { GET: vi.fn(), POST: vi.fn() } }));
const GET = vi.mocked(api.GET);
const POST = vi.mocked(api.POST);

type Query = { limit: number; q?: string; cursor?: string; status?: string; categoryId?: string };
const CAT_A = '00000000-0000-4000-9000-00000000000a';
const CAT_B = '00000000-0000-4000-9000-00000000000b';

/** 250 entries, newest first: two categories, every tenth accepted; "Đố vui" in every fifth. */
function contest(): EntrySummary[] {
  const out = Array.from({ length: 250 }, (_, i) =>
    entrySummary({
      title: `${i % 5 === 1 ? 'Đố vui trực tuyến' : 'Bản tin ảnh'} (${i + 1})`,
      categoryId: i % 2 ? CAT_B : CAT_A,
      status: i % 10 === 0 ? 'eligible' : 'submitted',
    }),
  );
  return out.reverse();
}

/** The service: pages by cursor (an index here), filters by status, category, words (titles). */
function serve(all: EntrySummary[], names: string[] = []) {
  GET.mockImplementation(((_path: string, init: { params: { query: Query } }) => {
    const q = init.params.query;
    let rows = all.filter(
      (e) =>
        (!q.status || e.status === q.status) && (!q.categoryId || e.categoryId === q.categoryId),
    );
    if (q.q)
      rows =
        q.q === 'hoa'
          ? rows.filter((e) => names.includes(e.id))
          : rows.filter((e) => e.title.startsWith('Đố vui'));
    const from = Number(q.cursor ?? 0);
    const page = rows.slice(from, from + q.limit);
    const next = from + q.limit < rows.length ? String(from + q.limit) : null;
    return Promise.resolve({ data: { items: page, nextCursor: next } });
  }) as never);
}

describe('ScreeningQueue', () => {
  beforeEach(() => {
    GET.mockReset();
  });

  it('shows the first page from the service, then answers the filters itself once the whole contest is read', async () => {
    const all = contest();
    serve(all);
    const queue = new ScreeningQueue('c1');
    await queue.reload();
    expect(queue.items).toHaveLength(25);
    expect(queue.local).toBe(false);
    await queue.readAll();
    expect(queue.complete).toBe(true);
    // 3 pages of 100 after the first page of 25; the rest of the list follows the first page
    expect(GET).toHaveBeenCalledTimes(4);
    expect(queue.items).toHaveLength(all.filter((e) => e.status === 'submitted').length);
    expect(queue.next).toBeNull();
    GET.mockClear();
    queue.filters.categoryId = CAT_B;
    await queue.reload();
    expect(GET).not.toHaveBeenCalled();
    expect(queue.items).toHaveLength(
      all.filter((e) => e.categoryId === CAT_B && e.status === 'submitted').length,
    );
    expect(queue.items.map((e) => e.id)).toEqual(
      all.filter((e) => e.categoryId === CAT_B && e.status === 'submitted').map((e) => e.id),
    );
    // searched without diacritics, in any case: the same entries as with them
    queue.filters.q = 'DO VUI';
    await queue.reload();
    const found = queue.items.map((e) => e.id);
    expect(found.length).toBeGreaterThan(0);
    expect(queue.items.every((e) => e.title.startsWith('Đố vui') && e.categoryId === CAT_B)).toBe(
      true,
    );
    queue.filters.q = 'Đố vu';
    await queue.reload();
    expect(queue.items.map((e) => e.id)).toEqual(found);
    // words begin words: "ui" is in "vui" but begins none
    queue.filters.q = 'ui';
    await queue.reload();
    expect(queue.items).toHaveLength(0);
    queue.dispose();
  });

  it("joins the service's finds for what the list does not carry (members' names)", async () => {
    const all = contest();
    const byName = [all[3].id, all[7].id];
    serve(all, byName);
    const queue = new ScreeningQueue('c1');
    await queue.readAll();
    queue.filters.status = '';
    queue.filters.q = 'hoa';
    vi.useFakeTimers();
    try {
      await queue.reload();
      expect(queue.items).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(400);
    } finally {
      vi.useRealTimers();
    }
    expect(queue.items.map((e) => e.id)).toEqual(byName);
    expect(GET.mock.lastCall?.[1]).toMatchObject({ params: { query: { q: 'hoa', limit: 100 } } });
    queue.dispose();
  });

  it('keeps a screened row in place with its new status, counts entries new to the filters, and reads them when asked', async () => {
    const all = contest();
    serve(all);
    const queue = new ScreeningQueue('c1');
    await queue.readAll();
    await queue.reload();
    const first = queue.items[0];
    const accepted = all.find((e) => e.status === 'eligible')!;
    all.find((e) => e.id === first.id)!.status = 'eligible';
    queue.changed({ entryId: first.id, status: 'eligible' });
    expect(queue.items[0].id).toBe(first.id);
    expect(queue.items[0].status).toBe('eligible');
    // an accepted entry sent back to the queue elsewhere: known, not shown, now in the filters
    accepted.status = 'submitted';
    queue.changed({ entryId: accepted.id, status: 'submitted' });
    expect(queue.arrived).toBe(1);
    // one submitted that the list never read
    const late = entrySummary({
      title: 'Sổ tay hội viên điện tử',
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    all.unshift(late);
    queue.changed({ entryId: late.id, status: 'submitted' });
    expect(queue.arrived).toBe(2);
    await queue.reload();
    expect(queue.arrived).toBe(0);
    expect(queue.items[0].id).toBe(late.id);
    expect(queue.items.some((e) => e.id === accepted.id)).toBe(true);
    expect(queue.items.some((e) => e.id === first.id)).toBe(false);
    queue.dispose();
  });

  it('asks the service for a unit (its whole subtree), page by page', async () => {
    serve(contest());
    const queue = new ScreeningQueue('c1');
    await queue.readAll();
    GET.mockClear();
    queue.filters.unitId = '00000000-0000-4000-9000-000000000002';
    await queue.reload();
    expect(GET).toHaveBeenCalledTimes(1);
    expect(GET.mock.lastCall?.[1]).toMatchObject({
      params: {
        query: { unitId: '00000000-0000-4000-9000-000000000002', subtree: true, limit: 25 },
      },
    });
    expect(queue.next).not.toBeNull();
  });

  it('screens a whole round picked at once 500 at a time, and says what was done before a refusal', async () => {
    const all = contest().concat(contest(), contest(), contest(), contest());
    const ids = all.map((e) => e.id);
    const sent: number[] = [];
    POST.mockReset();
    POST.mockImplementation(((_path: string, init: { body: { entryIds: string[] } }) => {
      sent.push(init.body.entryIds.length);
      if (sent.length === 3) return Promise.resolve({ error: { message: 'Máy chủ bận' } });
      return Promise.resolve({
        data: { results: init.body.entryIds.map((entryId) => ({ entryId, status: 'eligible' })) },
      });
    }) as never);
    const queue = new ScreeningQueue('c1');
    for (const id of ids) queue.selected[id] = true;
    const { outcomes, error } = await queue.screen(ids, 'eligible');
    expect(sent).toEqual([500, 500, 250]);
    expect(outcomes).toHaveLength(1000);
    expect(error).toEqual({ message: 'Máy chủ bận' });
    expect(Object.keys(queue.selected)).toHaveLength(250);
  });
});
