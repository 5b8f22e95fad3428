/* Shared by the pages: JSON over the public API, vote ids, a browser fingerprint, and a live
   connection to a session room that rejoins (and takes a fresh snapshot) after every reconnect. */
var HT = (function () {
  function api(method, path, body, headers) {
    var h = { 'Accept-Language': 'vi' };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    for (var k in headers || {}) h[k] = headers[k];
    return fetch(path, { method: method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (t) {
          var data = null;
          try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
          return { status: res.status, ok: res.ok, data: data };
        });
      });
  }
  // A vote id: a UUIDv7 (RFC 9562), the time in milliseconds then random bits, so that the
  // server's index of vote ids grows at its right edge instead of at a random page per vote.
  function uuid() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    var ms = Date.now();
    for (var i = 5; i >= 0; i--) { b[i] = ms % 256; ms = Math.floor(ms / 256); }
    b[6] = (b[6] & 15) | 112; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function fingerprint() {
    var s = [navigator.userAgent, navigator.language, screen.width + 'x' + screen.height, screen.colorDepth,
      new Date().getTimezoneOffset(), navigator.hardwareConcurrency || 0, navigator.maxTouchPoints || 0].join('|');
    var h1 = 0x811c9dc5, h2 = 0x1234567;
    for (var i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619);
      h2 = Math.imul(h2 ^ s.charCodeAt(i), 2246822519);
    }
    return ((h1 >>> 0).toString(36) + (h2 >>> 0).toString(36)).slice(0, 16);
  }
  function store(k, v) { try { if (v === undefined) return localStorage.getItem(k); if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (e) { return null; } }
  /* Joins `room` on connect and on every reconnect; onSnapshot gets the join's snapshot. */
  function live(room, auth, handlers) {
    var socket = io({ transports: ['websocket'], auth: auth || {}, reconnectionDelay: 500, reconnectionDelayMax: 4000 });
    socket.on('connect', function () {
      handlers.status && handlers.status(true);
      socket.emit('room:join', { room: room }, function (ack) {
        if (ack && ack.ok) handlers.snapshot && handlers.snapshot(ack.data);
        else handlers.error && handlers.error(ack && ack.error);
      });
    });
    socket.on('disconnect', function () { handlers.status && handlers.status(false); });
    socket.on('connect_error', function () { handlers.status && handlers.status(false); });
    socket.on('voting:tally', function (t) { handlers.tally && handlers.tally(t); });
    socket.on('voting:session', function (s) { handlers.session && handlers.session(s); });
    return socket;
  }
  function el(id) { return document.getElementById(id); }
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  function fmt(n) { return Number(n || 0).toLocaleString('vi-VN'); }
  return { api: api, uuid: uuid, fingerprint: fingerprint, store: store, live: live, el: el, esc: esc, fmt: fmt };
})();
