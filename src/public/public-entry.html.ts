import type { PublicEntryView } from './public-entry.view';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text and attribute values, escaped for HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A short plain description for previews (Zalo and Facebook cut around 160–200 characters). */
export function describe(summary: string, max = 200): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const AUTHOR: Record<string, string> = { collective: 'Tập thể', individual: 'Cá nhân' };

/**
 * The light page shared in Zalo and Facebook: Open Graph and Twitter card tags for the preview
 * (the share image with its size and type: 1200×630 JPEG), the entry's picture and clip (the
 * clip loads nothing until it is played), a little inline CSS, no script and no external
 * resource.
 */
export function renderPublicEntryPage(e: PublicEntryView): string {
  const title = escapeHtml(e.title);
  const description = escapeHtml(describe(e.summary || `${e.contestTitle} — ${e.unitName}`));
  const url = escapeHtml(e.url);
  const share = e.shareImage;
  const shareMeta = share
    ? [
        `<meta property="og:image" content="${escapeHtml(share.url)}">`,
        `<meta property="og:image:width" content="${share.width}">`,
        `<meta property="og:image:height" content="${share.height}">`,
        `<meta property="og:image:type" content="${escapeHtml(share.type)}">`,
        `<meta property="og:image:alt" content="${title}">`,
      ].join('\n')
    : '';
  const meta = [
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="${escapeHtml(e.contestTitle)}">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta property="og:url" content="${url}">`,
    `<meta property="og:locale" content="vi_VN">`,
    shareMeta,
    `<meta name="twitter:card" content="${share ? 'summary_large_image' : 'summary'}">`,
    `<meta name="twitter:title" content="${title}">`,
    `<meta name="twitter:description" content="${description}">`,
    share ? `<meta name="twitter:image" content="${escapeHtml(share.url)}">` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const members = e.members.length
    ? `<ul>${e.members
        .map(
          (m) =>
            `<li>${escapeHtml(m.name)}${m.role ? ` <span class="muted">— ${escapeHtml(m.role)}</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  const paragraphs = e.summary
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const picture = e.image;
  // a clip's poster frame is the picture of an entry whose only picture is the clip's
  const image =
    picture && picture.url !== e.clip?.posterUrl
      ? `<img src="${escapeHtml(picture.url)}" width="${picture.width}" height="${picture.height}" alt="${title}">`
      : '';
  const c = e.clip;
  const clip = c
    ? `<video controls preload="none" playsinline${
        c.width && c.height ? ` width="${c.width}" height="${c.height}"` : ''
      }${c.posterUrl ? ` poster="${escapeHtml(c.posterUrl)}"` : ''}><source src="${escapeHtml(
        c.url,
      )}" type="${escapeHtml(c.type)}"></video>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${escapeHtml(e.contestTitle)}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
${meta}
<style>body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:42rem;padding:1rem;color:#1f2328}h1{font-size:1.5rem;line-height:1.3;margin:.2rem 0 .6rem}.muted{color:#59636e;font-size:.9rem}img,video{display:block;max-width:100%;height:auto;border-radius:6px;background:#eee}ul{padding-left:1.2rem}</style>
</head>
<body>
<article>
<p class="muted">${escapeHtml(e.contestTitle)} · ${escapeHtml(e.categoryName)}</p>
<h1>${title}</h1>
<p class="muted">${escapeHtml(AUTHOR[e.authorType] ?? e.authorType)} · ${escapeHtml(e.unitName)}</p>
${image}
${clip}
${paragraphs}
${members}
</article>
</body>
</html>
`;
}
