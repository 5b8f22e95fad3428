// Sent inside the page, first in <head>: starts the first screen's API requests while the rest
// of the page (the app's script) is still arriving, which saves a round trip (2 s on slow 3G).
// The app takes these answers instead of asking again (takeEarly in web/src/api/client.ts).
// Each line follows a screen's first requests; a request the screen does not make is never
// taken and costs only its bytes. Plain JavaScript: it runs before any module.
(() => {
  const early = new Map();
  window.__hoithiEarly = early;
  if (!/(?:^|;\s*)ht_csrf=/.test(document.cookie)) return;
  const route = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const id = '([0-9a-f-]{36})';
  const screens = [
    [`^/contests$`, () => ['/contests?status=open']],
    [`^/contests/${id}$`, (c) => [`/contests/${c}`, `/contests/${c}/entries`]],
    [`^/contests/${id}/new/${id}$`, (c) => [`/contests/${c}`]],
    [`^/entries/${id}$`, (e) => [`/entries/${e}`, `/media?entryId=${e}`, `/entries/${e}/rounds`]],
    [
      `^/contests/${id}/entries/${id}$`,
      (c, e) => [`/entries/${e}`, `/media?entryId=${e}`, `/entries/${e}/rounds`, `/contests/${c}`],
    ],
    [`^/profile$`, () => []],
    // the judge's screens
    [`^/judge$`, () => ['/judging/my-rounds']],
    [`^/judge/rounds/${id}$`, (r) => [`/judging/rounds/${r}/queue`]],
    [
      `^/judge/rounds/${id}/entries/${id}$`,
      (r, e) => [`/judging/rounds/${r}/entries/${e}`, `/judging/rounds/${r}/queue`],
    ],
  ];
  for (const [pattern, paths] of screens) {
    const m = new RegExp(pattern).exec(route);
    if (!m) continue;
    const headers = {
      'Accept-Language': localStorage.getItem('hoithi.lang') === 'en' ? 'en' : 'vi',
      'X-Auth-Mode': 'cookie',
    };
    // every signed-in screen asks who is signed in
    const started = ['/auth/me', ...paths(...m.slice(1))];
    for (const path of started) early.set(path, fetch(path, { credentials: 'same-origin', headers }));
    // what the page asked for itself, for a person (or a test) looking at it
    document.documentElement.dataset.early = started.join(' ');
    return;
  }
})();
