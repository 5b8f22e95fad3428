import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { media } from '../test/factories';
import MediaPreview from './MediaPreview.svelte';

describe('MediaPreview', () => {
  it('a picture: its preview, named by the file', async () => {
    const m = media({ kind: 'image', originalName: 'anh-chi-hoi.jpg', variants: ['preview'] });
    const { container } = await render(MediaPreview, { media: m });
    const img = container.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`/media/${m.id}/preview`);
    expect(img.getAttribute('alt')).toBe('anh-chi-hoi.jpg');
    expect(container.querySelector('figcaption')?.textContent).toBe('anh-chi-hoi.jpg · 1.3 MB');
  });

  it('a clip: its poster while nothing of the clip loads, playable with controls', async () => {
    const m = media({
      kind: 'video',
      originalName: 'phim.mp4',
      variants: ['poster', 'preview'],
      sizeBytes: 48_000_000,
    });
    const video = (await render(MediaPreview, { media: m })).container.querySelector('video')!;
    expect(video.getAttribute('poster')).toBe(`/media/${m.id}/poster`);
    expect(video.getAttribute('src')).toBe(`/media/${m.id}/preview`);
    expect(video.getAttribute('preload')).toBe('none');
    expect(video.hasAttribute('controls')).toBe(true);
  });

  it('audio and a PDF: a player, and the first page with a link to the whole document', async () => {
    const a = media({ kind: 'audio', originalName: 'loi-gioi-thieu.m4a', variants: [] });
    expect(
      (await render(MediaPreview, { media: a })).container
        .querySelector('audio')
        ?.getAttribute('src'),
    ).toBe(`/media/${a.id}/original`);
    const d = media({ kind: 'document', originalName: 'ke-hoach.pdf', variants: ['page'] });
    const { container } = await render(MediaPreview, { media: d });
    expect(container.querySelector('img')?.getAttribute('alt')).toBe('Trang đầu của ke-hoach.pdf');
    expect(container.querySelector('a')?.getAttribute('href')).toBe(`/media/${d.id}/original`);
  });

  it('a file still being processed, or refused, says so in words', async () => {
    const busy = (await render(MediaPreview, { media: media({ status: 'processing' }) })).container;
    expect(busy.querySelector('.badge')?.textContent).toMatch(/xử lý/i);
    expect(busy.querySelector('img')).toBeNull();
    const refused = (
      await render(MediaPreview, {
        media: media({
          status: 'rejected',
          reason: { code: 'media.too_long', params: {} } as never,
        }),
      })
    ).container;
    expect(refused.querySelector('.error')?.textContent?.length).toBeGreaterThan(10);
  });
});
