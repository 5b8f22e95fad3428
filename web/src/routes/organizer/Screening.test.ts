import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { userEvent } from 'vitest/browser';
import { api, type EntrySummary } from '../../api/client';
import { entrySummary } from '../../test/factories';
import Screening from './Screening.svelte';

vi.mock(import('../../api/client'), async (original) => ({
  ...(await original()),
  api: { GET: vi.fn(), POST: vi.fn() } as never,
}));
vi.mock(import('../../lib/console/rooms'), () => ({ watchRoom: () => () => undefined }));
const GET = vi.mocked(api.GET);

const CAT = '00000000-0000-4000-9000-000000000001';
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** A round of 400 entries, newest first, as the service pages them (cursor: an index here). */
function serve(all: EntrySummary[]) {
  GET.mockImplementation(((path: string, init: { params: { query?: Record<string, string> } }) => {
    if (path === '/contests/{contestId}')
      return Promise.resolve({
        data: {
          id: 'c1',
          title: 'Hội thi',
          categories: [{ id: CAT, name: 'Sản phẩm truyền thông số' }],
          rounds: [],
        },
      });
    const q = init.params.query ?? {};
    const rows = all.filter(
      (e) => (!q.status || e.status === q.status) && (!q.q || e.title.startsWith('Đố vui')),
    );
    const from = Number(q.cursor ?? 0);
    const limit = Number(q.limit);
    return Promise.resolve({
      data: {
        items: rows.slice(from, from + limit),
        nextCursor: from + limit < rows.length ? String(from + limit) : null,
      },
    });
  }) as never);
}

describe('Screening (a national round)', () => {
  it('draws the rows near the screen only, filters without a request, and every row is reached by Tab; no serious axe violation', async () => {
    const all = Array.from({ length: 400 }, (_, i) =>
      entrySummary({
        title: `${i % 5 === 1 ? 'Đố vui trực tuyến' : 'Bản tin ảnh'} (${400 - i})`,
        categoryId: CAT,
      }),
    ).reverse();
    serve(all);
    window.scrollTo(0, 0);
    const screen = await render(Screening, { params: { id: 'c1' } });
    const list = screen.container.querySelector('ul.queue')!;
    await expect.poll(() => list.getAttribute('data-whole')).toBe('true');
    await frame();
    const drawn = () => list.querySelectorAll('li.queue-row');
    expect(drawn().length).toBeGreaterThan(3);
    expect(drawn().length).toBeLessThan(30);
    expect(drawn()[0].getAttribute('aria-setsize')).toBe('400');

    // a search without diacritics: answered here, no request
    const asked = GET.mock.calls.length;
    await userEvent.type(screen.container.querySelector('#queue-search')!, 'do vui');
    await frame();
    expect(GET.mock.calls.length).toBe(asked);
    expect(drawn()[0].getAttribute('aria-setsize')).toBe('80');
    expect(Array.from(drawn()).every((li) => li.textContent?.includes('Đố vui'))).toBe(true);

    // by keyboard from the first row through 40 rows (two stops each: the pick, the title)
    const firstPick = drawn()[0].querySelector('input')!;
    firstPick.focus();
    const path: string[] = [];
    for (let i = 0; i < 80; i++) {
      await userEvent.keyboard('{Tab}');
      await frame();
      const at = document.activeElement;
      path.push(`${at?.closest('li')?.getAttribute('aria-posinset')}${at?.tagName[0]}`);
    }
    // each row in turn, none skipped: its title, then the next row's pick
    expect(path).toEqual(
      Array.from({ length: 80 }, (_, i) => (i % 2 ? `${(i + 1) / 2 + 1}I` : `${i / 2 + 1}B`)),
    );

    const found = await axe.run(screen.container, { resultTypes: ['violations'] });
    const serious = found.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    window.scrollTo(0, 0);
  });
});
