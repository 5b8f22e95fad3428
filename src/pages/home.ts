import type { Locale, LocalizedText } from '../common/i18n/i18n';
import { valueText } from '../common/i18n/i18n';
import { escapeHtml } from '../public/public-entry.html';

/** A contest listed on the home page (open or later). */
export interface HomeContest {
  slug: string;
  title: string;
  status: string;
}

/** The home page's words, Vietnamese first. */
const TEXT = {
  title: {
    vi: 'Hội Thi — thi và bình chọn trực tuyến',
    en: 'Hội Thi — online contests and voting',
  },
  lead: {
    vi: 'Hệ thống tổ chức hội thi của Hội Liên hiệp Phụ nữ: thí sinh gửi bài dự thi, ban tổ chức sơ khảo và chuyển bài qua các vòng, ban giám khảo chấm điểm, công chúng bình chọn trực tiếp.',
    en: "The contest system of the Vietnamese Women's Union: contestants submit entries, organizers screen them and advance them through the rounds, juries score them, and the public votes live.",
  },
  appHeading: {
    vi: 'Dành cho thí sinh, giám khảo và ban tổ chức',
    en: 'For contestants, judges and organizers',
  },
  appLink: { vi: 'Mở ứng dụng web', en: 'Open the web app' },
  appNote: {
    vi: 'Đăng nhập để gửi bài dự thi, chấm phiếu chấm hoặc điều hành cuộc thi.',
    en: 'Sign in to submit entries, fill in score sheets or run a contest.',
  },
  contestsHeading: { vi: 'Các cuộc thi', en: 'Contests' },
  results: { vi: 'Kết quả', en: 'Results' },
  noContests: { vi: 'Chưa có cuộc thi nào được công bố.', en: 'No contest is public yet.' },
  devHeading: { vi: 'Dành cho nhà phát triển', en: 'For developers' },
  docs: { vi: 'Tài liệu API (OpenAPI)', en: 'API documentation (OpenAPI)' },
  health: { vi: 'Tình trạng dịch vụ', en: 'Service health' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
} satisfies Record<string, LocalizedText>;

export function renderHome(css: string, locale: Locale, contests: HomeContest[]): string {
  const t = (key: keyof typeof TEXT) => escapeHtml(TEXT[key][locale]);
  const other = locale === 'vi' ? 'en' : 'vi';
  const list = contests.length
    ? `<ul class="contests">${contests
        .map(
          (c) =>
            `<li><a href="/results/${encodeURIComponent(c.slug)}">${escapeHtml(c.title)}</a> <span class="unit">· ${escapeHtml(valueText('contestStatus', c.status, locale))}</span></li>`,
        )
        .join('')}</ul>`
    : `<p class="unit">${t('noContests')}</p>`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t('title')}</title><link rel="icon" href="data:,">
<meta name="description" content="${t('lead')}">
<style>${css}.contests{padding-left:1.1rem}.contests li{margin:.35rem 0}.lang{display:block;text-align:right;padding:.5rem 0;font-size:.95rem}.btn{display:block;margin:.5rem 0;padding:.9rem 1rem;border-radius:.5rem;background:#a3123f;color:#fff;text-align:center;text-decoration:none;font-weight:700;font-size:1.1rem}</style></head><body><main>
<a class="lang" href="/?lang=${other}" hreflang="${other}">${t('otherLanguage')}</a>
<h1>${t('title')}</h1><p>${t('lead')}</p>
<section class="card"><h2>${t('appHeading')}</h2><p><a class="btn" href="/app/">${t('appLink')}</a></p><p class="unit">${t('appNote')}</p></section>
<section class="card"><h2>${t('contestsHeading')}</h2>${list}</section>
<section class="card"><h2>${t('devHeading')}</h2><ul><li><a href="/docs">${t('docs')}</a></li><li><a href="/health">${t('health')}</a></li></ul></section>
</main></body></html>`;
}
