import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { setLanguage } from '../i18n/index.svelte';
import Countdown from './Countdown.svelte';

describe('Countdown', () => {
  afterEach(() => {
    vi.useRealTimers();
    setLanguage('vi');
  });

  it("writes the deadline in the contest's time zone, whatever the phone's", async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z'), toFake: ['Date'] });
    const { container } = await render(Countdown, {
      closesAt: '2026-03-31T16:59:00Z',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    // 16:59 UTC is 23:59 in Việt Nam; no countdown a month before
    expect(container.textContent).toContain('23:59');
    expect(container.textContent).toContain('31/03/2026');
    expect(container.querySelector('.soon')).toBeNull();
  });

  it('counts down in the last three days, in hours on the last day, and says when it is over', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-29T10:00:00Z'), toFake: ['Date'] });
    let view = await render(Countdown, {
      closesAt: '2026-03-31T16:59:00Z',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(view.container.querySelector('.soon')?.textContent).toMatch(/2 ngày 6 giờ/);
    await view.unmount();
    vi.setSystemTime(new Date('2026-03-31T13:29:00Z'));
    view = await render(Countdown, {
      closesAt: '2026-03-31T16:59:00Z',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(view.container.querySelector('.soon')?.textContent).toMatch(/3 giờ 30 phút/);
    await view.unmount();
    vi.setSystemTime(new Date('2026-04-01T00:00:00Z'));
    view = await render(Countdown, {
      closesAt: '2026-03-31T16:59:00Z',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(view.container.querySelector('.closed')).not.toBeNull();
  });

  it('in English, the same moment as the English write it', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z'), toFake: ['Date'] });
    setLanguage('en');
    const { container } = await render(Countdown, {
      closesAt: '2026-03-31T16:59:00Z',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(container.textContent).toMatch(/Deadline|Closes/i);
    expect(container.textContent).toContain('31/03/2026');
  });
});
