import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import '../../i18n/judge';
import { setLanguage } from '../../i18n/index.svelte';
import MediaItem from './MediaItem.svelte';
import type { JudgeMedia } from './types';

/** A judged PDF of `total` pages, `shown` of them as page images (signed addresses). */
function pdf(total: number, shown: number): JudgeMedia {
  const signed = (variant: string) => `/media/m1/${variant}?u=a&s=b&r=c&e=1&sig=x`;
  return {
    id: 'm1',
    kind: 'document',
    status: 'ready',
    mime: 'application/pdf',
    sizeBytes: 2_400_000,
    facts: { pages: total },
    urls: { thumb: signed('thumb'), page: signed('page'), preview: signed('preview') },
    pages: Array.from({ length: shown }, (_, i) => ({
      page: i + 1,
      url: signed(i ? `page-${i + 1}` : 'page'),
      width: 1200,
      height: 1697,
    })),
    expiresAt: null,
  };
}

describe('judge MediaItem: a document’s pages', () => {
  afterEach(() => setLanguage('vi'));

  it('every page, one below the other, lazily loaded at its own size, labelled "Trang n/N"', async () => {
    setLanguage('vi');
    const { container } = await render(MediaItem, {
      media: pdf(3, 3),
      n: 1,
      renew: () => Promise.resolve(),
    });
    const imgs = [...container.querySelectorAll('ol.pages img')];
    expect(imgs).toHaveLength(3);
    for (const img of imgs) {
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('width')).toBe('1200');
      expect(img.getAttribute('height')).toBe('1697');
    }
    expect(imgs[2].getAttribute('src')).toContain('/media/m1/page-3?');
    expect([...container.querySelectorAll('.page-label')].map((l) => l.textContent)).toEqual([
      'Trang 1/3',
      'Trang 2/3',
      'Trang 3/3',
    ]);
    expect(imgs[1].getAttribute('alt')).toBe('Trang 2/3 của Tài liệu 1');
    // the whole (anonymized) PDF stays a link away
    expect(container.querySelector('a.button')?.getAttribute('href')).toContain(
      '/media/m1/preview?',
    );
    expect(container.querySelector('.hint')).toBeNull();
    // a page opens in the zoom
    (container.querySelectorAll('ol.pages button')[2] as HTMLButtonElement).click();
    await expect
      .poll(() => document.querySelector('dialog[open] .zoom-area img')?.getAttribute('src'))
      .toContain('/page-3?');
    // and says which page it is, in words anyone can read
    expect(document.querySelector('dialog[open] .zoom-title')?.textContent).toBe('Trang 3/3');
  });

  it('a longer document says how many pages are shown, in English too', async () => {
    setLanguage('en');
    const { container } = await render(MediaItem, {
      media: pdf(55, 50),
      n: 2,
      renew: () => Promise.resolve(),
    });
    expect(container.querySelectorAll('ol.pages img')).toHaveLength(50);
    expect(container.querySelectorAll('.page-label')[49].textContent).toBe('Page 50/55');
    expect(container.querySelector('.hint')?.textContent).toBe(
      'Showing the first 50 of 55 pages. Open the whole document to read the rest.',
    );
    expect(container.querySelector('figcaption')?.textContent).toContain('55 pages');
  });
});

describe('judge MediaItem: a clip on a phone', () => {
  it('plays the light copy with the small picture before it, and the full one with the large picture on request', async () => {
    const signed = (variant: string) => `/media/c1/${variant}?u=a&s=b&r=c&e=1&sig=x`;
    const clip: JudgeMedia = {
      id: 'c1',
      kind: 'video',
      status: 'ready',
      mime: 'video/mp4',
      sizeBytes: 40_000_000,
      facts: { durationSeconds: 300 },
      urls: {
        thumb: signed('thumb'),
        poster: signed('poster'),
        preview: signed('preview'),
        mobile: signed('mobile'),
      },
      pages: [],
      expiresAt: null,
    };
    // the tests' screen is a 360 px phone
    const { container } = await render(MediaItem, {
      media: clip,
      n: 1,
      renew: () => Promise.resolve(),
    });
    const video = () => container.querySelector('video')!;
    expect(video().getAttribute('src')).toContain('/media/c1/mobile?');
    expect(video().getAttribute('poster')).toContain('/media/c1/thumb?');
    (container.querySelector('button.quality') as HTMLButtonElement).click();
    await expect.poll(() => video().getAttribute('src')).toContain('/media/c1/preview?');
    expect(video().getAttribute('poster')).toContain('/media/c1/poster?');
  });
});
