import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { userEvent } from 'vitest/browser';
import VirtualList from '../test/VirtualListHarness.svelte';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Bài số ${i + 1}` }));
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const drawn = () =>
  Array.from(document.querySelectorAll<HTMLElement>('li.row')).map((li) => li.dataset.id);

describe('VirtualList', () => {
  it('draws a short list whole', async () => {
    await render(VirtualList, { items: rows(40) });
    expect(drawn()).toHaveLength(40);
  });

  it('draws only the rows near the screen of a long one, and the page scrolls as if all were there', async () => {
    window.scrollTo(0, 0);
    await render(VirtualList, { items: rows(3200) });
    await frame();
    // a 740 px screen, rows of 108 px: the screen and a screenful below
    expect(drawn().length).toBeGreaterThan(5);
    expect(drawn().length).toBeLessThan(30);
    expect(drawn()[0]).toBe('r0');
    expect(document.documentElement.scrollHeight).toBeGreaterThan(3200 * 100);
    // scrolled to row 1,000: it is drawn, in its place, told its place among 3,200
    const list = document.querySelector('ul.rows')!;
    window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY + 1000 * 108);
    await frame();
    await frame();
    const li = document.querySelector<HTMLElement>('li.row[data-id="r1000"]');
    expect(li).not.toBeNull();
    expect(Math.abs(li!.getBoundingClientRect().top)).toBeLessThan(5);
    expect(li!.getAttribute('aria-posinset')).toBe('1001');
    expect(li!.getAttribute('aria-setsize')).toBe('3200');
    expect(drawn().length).toBeLessThan(40);
    window.scrollTo(0, 0);
  });

  it('lets the keyboard walk on past the rows first drawn, and back', async () => {
    window.scrollTo(0, 0);
    await render(VirtualList, { items: rows(300) });
    await frame();
    const first = drawn().length;
    document.querySelector<HTMLButtonElement>('li.row[data-id="r0"] button')!.focus();
    for (let i = 0; i < first + 20; i++) {
      await userEvent.keyboard('{Tab}');
      await frame();
    }
    // each Tab went to the next row's button, drawn before it was needed
    expect(document.activeElement?.textContent).toBe(`Bài số ${first + 21}`);
    for (let i = 0; i < 10; i++) {
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
      await frame();
    }
    expect(document.activeElement?.textContent).toBe(`Bài số ${first + 11}`);
    window.scrollTo(0, 0);
  });
});
