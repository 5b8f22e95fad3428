/* Livestream overlay (OBS browser source): the entry on stage and animated bars. */
(function () {
  var P = window.PAGE, sid = P.sessionId, numbers = P.numbers;
  var session = null, entries = {}, order = [], tally = null, seq = -1, shown = {}, pictured = null;
  function name(id) { var e = entries[id]; return e && e.title ? e.title : 'Bài dự thi'; }
  function tween(node, from, to) {
    var start = performance.now(), d = 600;
    function step(now) {
      var k = Math.min(1, (now - start) / d), v = Math.round(from + (to - from) * (1 - Math.pow(1 - k, 3)));
      node.textContent = HT.fmt(v);
      if (k < 1) requestAnimationFrame(step);
    }
    requestAnimationFrame(step);
  }
  function render() {
    if (!session) return;
    var on = session.onStageEntryId;
    HT.el('sname').textContent = on ? name(on) : session.title;
    HT.el('stage').setAttribute('data-entry', on || '');
    /* the picture of the entry on stage, set only when the stage changes */
    if (pictured !== (on || '')) {
      var e = entries[on] || {}, pic = HT.el('simg');
      pictured = on || '';
      if (e.image) { pic.src = e.image.url; pic.width = e.image.width; pic.height = e.image.height; pic.classList.remove('hidden'); }
      else { pic.removeAttribute('src'); pic.classList.add('hidden'); }
    }
    var ids = session.mode === 'on_stage' && on ? [on] : order;
    var counts = tally ? tally.tallies : {};
    var max = 1;
    ids.forEach(function (id) { max = Math.max(max, counts[id] || 0); });
    var box = HT.el('bars');
    var keep = {};
    ids.forEach(function (id) {
      keep[id] = 1;
      var row = document.getElementById('r-' + id);
      if (!row) {
        row = document.createElement('div'); row.className = 'b'; row.id = 'r-' + id;
        row.innerHTML = '<div class="l"></div><div class="t"><div class="f"></div></div><div class="n"></div>';
        box.appendChild(row);
      }
      row.classList.toggle('on', id === on);
      row.querySelector('.l').textContent = name(id);
      var n = counts[id] || 0;
      row.querySelector('.f').style.width = (tally ? Math.max(2, (100 * n) / max) : 0) + '%';
      var nn = row.querySelector('.n');
      nn.classList.toggle('hidden', !numbers || !tally);
      if (shown[id] !== n) { tween(nn, shown[id] || 0, n); shown[id] = n; }
    });
    Array.prototype.slice.call(box.children).forEach(function (c) { if (!keep[c.id.slice(2)]) box.removeChild(c); });
    document.body.setAttribute('data-seq', String(seq));
  }
  function load() {
    return Promise.all([
      HT.api('GET', '/voting/sessions/' + sid),
      HT.api('GET', '/public/voting-sessions/' + sid + '/entries')
    ]).then(function (rs) {
      if (rs[0].ok) session = rs[0].data;
      if (rs[1].ok) { order = []; rs[1].data.forEach(function (e) { entries[e.id] = e; order.push(e.id); }); pictured = null; }
      else if (session) order = session.entryIds.slice();
      render();
    });
  }
  load().catch(function () { setTimeout(load, 2000); });
  function boot() {
    if (!window.io) return setTimeout(boot, 100);
    HT.live('session:' + sid, {}, {
      status: function (on) { document.body.classList.toggle('offline', !on); },
      snapshot: function (s) { if (!s) return; session = s.session; seq = -1; tally = null; apply(s.tally); },
      tally: apply,
      session: function (s) { session = s; if (s.hideTallies) tally = null; render(); }
    });
  }
  function apply(t) { if (!t) { render(); return; } if (t.seq < seq) return; seq = t.seq; tally = t; render(); }
  boot();
})();
