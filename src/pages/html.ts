import { escapeHtml } from '../public/public-entry.html';
import { readAsset } from './assets';
import type { ContestResultsView } from './pages.views';

/** The pages' CSS and scripts, read once and inlined (one request per page, no CDN). */
export interface PageAssets {
  css: string;
  live: string;
  vote: string;
  overlay: string;
  control: string;
  socketUrl: string;
}

export function loadPageAssets(socketVersion: string): PageAssets {
  // Comments and indentation out; the code itself is written to survive that (no templates).
  const min = (s: string) =>
    s
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
  return {
    css: readAsset('base.css').replace(/\n/g, ''),
    live: min(readAsset('live.js')),
    vote: min(readAsset('vote.js')),
    overlay: min(readAsset('overlay.js')),
    control: min(readAsset('control.js')),
    socketUrl: `/assets/socket.io.min.js?v=${encodeURIComponent(socketVersion)}`,
  };
}

/** JSON for an inline script: no `</script>` can close it early. */
const inlineJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function layout(opts: {
  title: string;
  head?: string;
  css: string;
  body: string;
  scripts?: string;
  bodyClass?: string;
}): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)}</title><link rel="icon" href="data:,">${opts.head ?? ''}
<style>${opts.css}</style></head><body${opts.bodyClass ? ` class="${opts.bodyClass}"` : ''}>${opts.body}${opts.scripts ?? ''}</body></html>`;
}

function share(title: string, description: string, url: string): string {
  const t = escapeHtml(title);
  const d = escapeHtml(description);
  return `
<meta name="description" content="${d}">
<meta property="og:type" content="website"><meta property="og:locale" content="vi_VN">
<meta property="og:title" content="${t}"><meta property="og:description" content="${d}">
<meta property="og:url" content="${escapeHtml(url)}">
<meta name="twitter:card" content="summary"><meta name="twitter:title" content="${t}">
<meta name="twitter:description" content="${d}">`;
}

function scripts(a: PageAssets, page: Record<string, unknown>, code: string): string {
  return `<script>window.PAGE=${inlineJson(page)};</script>
<script src="${a.socketUrl}" async></script>
<script>${a.live}
${code}</script>`;
}

export function renderVotePage(a: PageAssets, sessionId: string, title: string, url: string) {
  const body = `<main>
<div class="bar"><span id="dot" class="dot"></span><span id="conn">Đang kết nối…</span><span id="state" style="margin-left:auto"></span></div>
<h1 id="stitle">${escapeHtml(title)}</h1>
<div id="none" class="msg info hidden">Chưa có bài dự thi nào trên sân khấu. Vui lòng chờ trong giây lát.</div>
<section id="stage" class="card hidden">
<div id="pic" class="pic"></div>
<div id="etitle" class="title"></div><div id="eunit" class="unit"></div>
<div id="count" class="count"></div>
<button id="vote" class="vote" disabled>Bình chọn</button>
</section>
<section id="phone" class="card hidden">
<label for="pnum">Số điện thoại của bạn</label>
<input id="pnum" type="tel" inputmode="tel" autocomplete="tel" placeholder="0912 345 678">
<button id="send" class="small">Gửi mã</button>
<div id="codebox" class="hidden"><label for="pcode">Mã 6 chữ số trong tin nhắn</label>
<input id="pcode" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="123456">
<button id="check" class="small">Xác minh</button></div>
</section>
<div id="msg" class="msg hidden" role="status" aria-live="polite"></div>
<div id="receipt" class="card hidden">Mã biên nhận: <span id="rcode" class="receipt"></span>
<div class="unit">Giữ mã này để kiểm tra bình chọn của bạn đã được tính: <a id="rlink" href="#">kiểm tra</a></div></div>
<section id="list" class="card" style="padding-top:4px;padding-bottom:4px"></section>
</main>`;
  return layout({
    title: `Bình chọn — ${title}`,
    head: share(
      `Bình chọn: ${title}`,
      'Bấm để bình chọn trực tiếp cho bài dự thi bạn yêu thích.',
      url,
    ),
    css: a.css,
    body,
    scripts: scripts(a, { sessionId }, a.vote),
  });
}

export function renderOverlay(
  a: PageAssets,
  sessionId: string,
  theme: 'dark' | 'light',
  numbers: boolean,
) {
  const fg = theme === 'dark' ? '#fff' : '#1d1d1f';
  const panel = theme === 'dark' ? 'rgba(10,10,20,.72)' : 'rgba(255,255,255,.85)';
  const css = `html,body{margin:0;background:transparent!important;font:600 28px/1.3 system-ui,sans-serif;color:${fg};overflow:hidden}
.hidden{display:none!important}
#wrap{position:fixed;left:32px;right:32px;bottom:32px;background:${panel};border-radius:18px;padding:18px 24px}
#stage{font-size:34px;font-weight:800;margin-bottom:10px;display:flex;align-items:center;gap:18px}
#simg{width:192px;height:108px;object-fit:cover;border-radius:12px;flex:none}
.b{display:flex;align-items:center;gap:14px;margin:8px 0;opacity:.75;transition:opacity .4s}
.b.on{opacity:1}.b .l{width:34%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.b .t{flex:1;height:26px;background:rgba(127,127,127,.25);border-radius:13px;overflow:hidden}
.b .f{height:100%;width:0;background:linear-gradient(90deg,#ff4f8b,#ffb14f);border-radius:13px;transition:width .6s cubic-bezier(.2,.8,.2,1)}
.b .n{min-width:110px;text-align:right;font-variant-numeric:tabular-nums}
body.offline #wrap{opacity:.6}`;
  return layout({
    title: 'Overlay',
    css,
    bodyClass: `theme-${theme}`,
    body: `<div id="wrap"><div id="stage"><img id="simg" class="hidden" alt=""><span id="sname"></span></div><div id="bars"></div></div>`,
    scripts: scripts(a, { sessionId, numbers }, a.overlay),
  });
}

export function renderControl(a: PageAssets, sessionId: string, title: string) {
  const body = `<main>
<div class="bar"><span id="dot" class="dot"></span><b>Điều khiển phiên bình chọn</b><button id="logout" class="ghost" style="margin-left:auto">Đăng xuất</button></div>
<h1 id="stitle">${escapeHtml(title)}</h1>
<div id="msg" class="msg info">Đăng nhập bằng tài khoản ban tổ chức.</div>
<form id="lform" class="card" autocomplete="on"><div id="login">
<label for="lid">Email hoặc số điện thoại</label><input id="lid" autocomplete="username">
<label for="lpw">Mật khẩu</label><input id="lpw" type="password" autocomplete="current-password">
<button class="small" type="submit">Đăng nhập</button></div></form>
<div id="panel" class="hidden">
<section class="card"><div class="bar">Trạng thái: <b id="state"></b></div>
<button id="open" class="small">Mở</button> <button id="pause" class="ghost">Tạm dừng</button> <button id="close" class="ghost">Đóng</button>
<button id="hide" class="ghost" style="margin-top:8px"></button></section>
<section class="card"><b>Bài dự thi</b><div id="entries"></div></section>
<section class="card"><b>Phiếu bị giữ lại</b> <span id="qcount" class="unit"></span>
<div style="margin:8px 0"><button id="release" class="small">Cho tính phiếu đã chọn</button> <button id="void" class="ghost">Loại phiếu đã chọn</button></div>
<div><button id="releaseAll" class="ghost">Cho tính tất cả</button> <button id="voidAll" class="ghost">Loại tất cả</button> <button id="refresh" class="ghost">Làm mới</button></div>
<div id="queue"></div></section>
</div></main>`;
  return layout({
    title: `Điều khiển — ${title}`,
    head: '<meta name="robots" content="noindex">',
    css: a.css,
    body,
    scripts: scripts(a, { sessionId }, a.control),
  });
}

const STATE: Record<string, string> = {
  scheduled: 'Chưa mở',
  open: 'Đang bình chọn',
  paused: 'Tạm dừng',
  closed: 'Đã kết thúc',
};

/** Results' own styles (ranks, prize badges, score lines), beside the pages' base CSS. */
const RESULTS_CSS =
  '.rk{min-width:2.6em;font-variant-numeric:tabular-nums;font-weight:700}' +
  '.rk small{display:block;font-size:.7rem;font-weight:400;color:#666}' +
  '.prize{display:inline-block;margin-top:2px;padding:1px 8px;border-radius:9px;background:#fff1c7;color:#6b4b00;font-size:.8rem;font-weight:650}' +
  '.prize.first{background:#ffd95a}.sc{font-size:.82rem;color:#555;font-variant-numeric:tabular-nums}' +
  'h2{font-size:1.05rem;margin:1.2rem 0 .2rem}';

/** "1." — and under it "đồng hạng" when the rank is shared. */
const rankCell = (rank: number, tied: boolean) =>
  `<span class="rk">${rank}.${tied ? '<small>đồng hạng</small>' : ''}</span>`;

export function renderResults(a: PageAssets, r: ContestResultsView, url: string) {
  const fmt = (n: number) => n.toLocaleString('vi-VN');
  const num = (n: number | null) =>
    n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  const rounds = r.rounds
    .map((round) => {
      const vote = round.publicWeight > 0;
      const groups = round.groups
        .map((g) => {
          const rows = g.rows
            .map((e) => {
              const prize = e.prizeLabel
                ? `<div><span class="prize ${escapeHtml(e.prize ?? '')}">${escapeHtml(e.prizeLabel)}</span></div>`
                : '';
              const jury = `Giám khảo: ${num(e.juryScore)} (hạng ${e.juryRank}${e.juryTied ? ', đồng hạng' : ''})`;
              const pub = vote
                ? ` · Bình chọn: ${fmt(e.publicVotes ?? 0)} phiếu, ${num(e.publicScore)} điểm`
                : '';
              return `<div class="row">${rankCell(e.rank, e.tied)}<div class="grow"><b>${escapeHtml(e.title)}</b><div class="unit">${escapeHtml(e.unitName)}</div>${prize}<div class="sc">${jury}${pub}</div></div><span class="n" title="Điểm chung cuộc">${num(e.finalScore)}</span></div>`;
            })
            .join('');
          const where = g.scopeUnitName
            ? ` <span class="unit">· ${escapeHtml(g.scopeUnitName)}</span>`
            : '';
          return `<section class="card"><b>${escapeHtml(g.categoryName)}</b>${where}${rows}</section>`;
        })
        .join('');
      const weights = vote
        ? `Điểm chung cuộc = giám khảo ${round.juryWeight}% + bình chọn ${round.publicWeight}%; điểm bình chọn = số phiếu ÷ số phiếu cao nhất trong lĩnh vực × 100.`
        : 'Điểm chung cuộc là điểm của ban giám khảo.';
      const heads = round.voteSessions
        .map((s) =>
          s.chainHead
            ? `<div class="unit">${escapeHtml(s.title)}: ${fmt(s.counted)} phiếu được tính, đầu chuỗi <code title="${escapeHtml(s.chainHead.hash)}">${escapeHtml(s.chainHead.hash.slice(0, 16))}…</code></div>`
            : `<div class="unit">${escapeHtml(s.title)}: chưa có phiếu.</div>`,
        )
        .join('');
      return `<h2>${escapeHtml(round.roundName)}</h2><p class="unit">${weights}</p>${groups}${heads}`;
    })
    .join('');
  const sessions = r.sessions
    .map((s) => {
      const rows = s.entries
        .map(
          (e, i) =>
            `<div class="row">${e.rank === null ? `<span class="rk">${i + 1}.</span>` : rankCell(e.rank, e.tied)}<div class="grow"><b>${escapeHtml(e.title ?? 'Bài dự thi')}</b><div class="unit">${escapeHtml(e.unitName ?? '')}</div></div><span class="n">${e.votes === null ? 'ẩn' : fmt(e.votes)}</span></div>`,
        )
        .join('');
      const head = s.chainHead
        ? `<div class="unit">Chuỗi băm phiếu: ${s.chainHead.seq} lô, đầu chuỗi <code title="${s.chainHead.hash}">${s.chainHead.hash.slice(0, 16)}…</code></div>`
        : '<div class="unit">Chưa có phiếu nào.</div>';
      return `<section class="card"><b>${escapeHtml(s.title)}</b> <span class="unit">· ${STATE[s.state] ?? s.state}</span>${rows}${head}</section>`;
    })
    .join('');
  const published = r.published.length
    ? `<section class="card"><b>Bài dự thi đã công bố</b>${r.published
        .map(
          (p) =>
            `<div class="row">${p.image ? `<img class="thumb" alt="" src="${escapeHtml(p.image.url)}" width="${p.image.width}" height="${p.image.height}" loading="lazy" decoding="async">` : ''}<div class="grow"><a href="/p/${encodeURIComponent(p.publicId)}">${escapeHtml(p.title)}</a><div class="unit">${escapeHtml(p.unitName)}</div></div></div>`,
        )
        .join('')}</section>`
    : '';
  const description = r.rounds.length
    ? `Giải thưởng, xếp hạng của ban giám khảo và kết quả bình chọn của cuộc thi ${r.title}.`
    : `Kết quả bình chọn và các bài dự thi đã công bố của cuộc thi ${r.title}.`;
  const live = sessions
    ? `${r.rounds.length ? '<h2>Bình chọn</h2>' : ''}${sessions}`
    : r.rounds.length
      ? ''
      : '<div class="msg info">Chưa có kết quả bình chọn.</div>';
  return layout({
    title: `Kết quả — ${r.title}`,
    head: share(`Kết quả: ${r.title}`, description, url),
    css: a.css + RESULTS_CSS,
    body: `<main><h1>Kết quả — ${escapeHtml(r.title)}</h1>${rounds}${live}${published}
<p class="unit">Các bài có cùng điểm (hoặc cùng số phiếu) được xếp đồng hạng. Mỗi lô phiếu được nối bằng mã băm SHA-256 với lô trước; người bình chọn có thể kiểm tra mã biên nhận của mình.</p></main>`,
  });
}
