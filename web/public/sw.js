/*
 * Hội Thi web app: keeps the app's page and its files on the device so that a judge who loses
 * the network can reload the page and go on (sheets and entries are kept by the app itself, in
 * IndexedDB). The page is asked for on the network first (its newest version), the hashed files
 * (which never change) from the device first. API answers and media are never kept here.
 */
const CACHE = 'hoithi-app-1';
const PAGE = '/app/';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The page tells which of the app's files it has loaded (before this worker controlled it). */
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep : [];
  const ours = urls.filter((u) => typeof u === 'string' && new URL(u, self.location.href).pathname.startsWith('/app/'));
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      for (const u of ours) {
        const path = new URL(u, self.location.href).pathname;
        const key = path.startsWith('/app/assets/') ? path : PAGE;
        if (!(await cache.match(key))) await cache.add(key).catch(() => undefined);
      }
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  if (url.pathname.startsWith('/app/assets/')) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok) await cache.put(url.pathname, res.clone());
        return res;
      }),
    );
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then(async (res) => {
          if (res.ok) await caches.open(CACHE).then((c) => c.put(PAGE, res.clone()));
          return res;
        })
        .catch(async () => (await caches.match(PAGE)) ?? Response.error()),
    );
  }
});
