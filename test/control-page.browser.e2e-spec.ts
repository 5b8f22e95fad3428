import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { openSession } from './voting-helpers';

jest.setTimeout(120_000);

// What the functions run inside the page use of the DOM (this project compiles without its types).
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

describe('a closed voting session stays closed', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const state = async (sessionId: string) =>
    (await t.http().get(`/voting/sessions/${sessionId}`).expect(200)).body as {
      state: string;
      open: boolean;
    };

  it('refuses to open or pause it again through the API, in Vietnamese and English', async () => {
    const f = await openSession(t);
    const act = (action: string, lang?: string) => {
      const req = t
        .http()
        .post(`/voting/sessions/${f.sessionId}/state`)
        .set('Authorization', f.organizer.auth);
      if (lang) req.set('Accept-Language', lang);
      return req.send({ action });
    };
    expect((await act('close')).status).toBe(200);
    const vi = await act('open');
    expect([vi.status, vi.body.code, vi.body.message]).toEqual([
      409,
      'voting.session_ended',
      'Phiên bình chọn đã kết thúc nên không thể mở lại hay tạm dừng. Nếu cần bình chọn tiếp, hãy tạo phiên mới.',
    ]);
    const en = await act('pause', 'en');
    expect([en.status, en.body.message]).toEqual([
      409,
      'The voting session has ended and cannot be opened or paused again. Create a new session to take more votes.',
    ]);
    // Closing again changes nothing; the session is still closed and takes no vote.
    expect((await act('close')).status).toBe(200);
    expect(await state(f.sessionId)).toMatchObject({ state: 'closed', open: false });
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'voting.session_%'
       ORDER BY id`,
      [f.sessionId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'voting.session_created',
      'voting.session_open',
      'voting.session_close',
      'voting.session_close',
    ]);
  });

  it('offers no way to reopen it on the control page', async () => {
    const f = await openSession(t);
    await t
      .http()
      .post(`/voting/sessions/${f.sessionId}/state`)
      .set('Authorization', f.organizer.auth)
      .send({ action: 'close' })
      .expect(200);
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 800 },
      locale: 'vi-VN',
    });
    const p = await ctx.newPage();
    await p.goto(`${t.url}/control/${f.sessionId}`);
    await p.fill('#lid', f.organizer.email);
    await p.fill('#lpw', 'matkhau2024');
    await p.click('#lform button[type=submit]');
    await p.waitForFunction(() =>
      (document.querySelector('#state')?.textContent ?? '').startsWith('Đã kết thúc'),
    );
    expect(await p.textContent('#state')).toBe('Đã kết thúc (không thể mở lại)');
    for (const id of ['#open', '#pause', '#close']) expect(await p.isDisabled(id)).toBe(true);
    await screenshot(p, 'control-page-closed');
    expect(await state(f.sessionId)).toMatchObject({ state: 'closed', open: false });
    await ctx.close();
  });
});
