/**
 * Registers the app's service worker (web/public/sw.js) from the judge's screens, and tells it
 * which of the app's files this page loaded, so that the page opens again without a network.
 */
export function keepAppOnDevice(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register('/app/sw.js', { scope: '/app/' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const files = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => new URL(u).pathname.startsWith('/app/assets/'));
      reg.active?.postMessage({ keep: [location.pathname, ...files] });
    })
    .catch(() => undefined);
}
