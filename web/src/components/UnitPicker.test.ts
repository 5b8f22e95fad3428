import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { page, userEvent } from 'vitest/browser';
import { api } from '../api/client';
import { orgUnit } from '../test/factories';
import UnitPicker from './UnitPicker.svelte';

vi.mock('../api/client', () => ({ api: { GET: vi.fn() } }));
const GET = vi.mocked(api.GET);

describe('UnitPicker', () => {
  beforeEach(() => GET.mockReset());

  it('searches as the member types (two letters at least), in Vietnamese, and takes the unit chosen', async () => {
    const hoa = orgUnit({ name: 'Chi hội Phường Hòa Hiệp Bắc' });
    GET.mockResolvedValue({ data: { items: [hoa], total: 1 } } as never);
    const screen = await render(UnitPicker, { value: '', chosenName: '' });
    const search = page.getByLabelText('Tìm cơ sở hội của bạn');
    await userEvent.type(search, 'h');
    await new Promise((r) => setTimeout(r, 400));
    expect(GET).not.toHaveBeenCalled();
    // without diacritics, as many type on a phone: the service matches either way
    await userEvent.type(search, 'oa hiep');
    await expect.element(page.getByRole('button', { name: hoa.name })).toBeVisible();
    // asked with what was typed (a slow phone may ask on the way: never for one letter)
    expect(GET.mock.lastCall?.[1]).toEqual({ params: { query: { q: 'hoa hiep', limit: 8 } } });
    expect(
      GET.mock.calls.every(
        (c) => String((c[1] as { params: { query: { q: string } } }).params.query.q).length >= 2,
      ),
    ).toBe(true);
    await page.getByRole('button', { name: hoa.name }).click();
    await expect.element(page.getByText(`Đã chọn: ${hoa.name}`)).toBeVisible();
    await expect.element(search).toHaveValue('');
    expect(screen.container.querySelector('.choices')).toBeNull();
  });

  it('says when nothing matches (once the service has answered), in words that say what to do', async () => {
    GET.mockResolvedValue({ data: { items: [], total: 0 } } as never);
    await render(UnitPicker, { value: '', chosenName: '' });
    await userEvent.type(page.getByLabelText('Tìm cơ sở hội của bạn'), 'không có');
    await expect
      .element(page.getByText('Không thấy cơ sở hội nào có tên này. Xin gõ cách khác.'))
      .toBeVisible();
    expect(GET.mock.lastCall?.[1]).toEqual({ params: { query: { q: 'không có', limit: 8 } } });
  });

  it('shows the error it is given, tied to the field', async () => {
    await render(UnitPicker, { value: '', chosenName: '', error: 'form.unitRequired' });
    const search = page.getByLabelText('Tìm cơ sở hội của bạn');
    await expect.element(search).toHaveAttribute('aria-invalid', 'true');
    await expect.element(search).toHaveAttribute('aria-describedby', 'unit-hint unit-error');
  });
});
