/* Organizer control page: login through the API, token in sessionStorage, the admin room. */
(function () {
  var P = window.PAGE, sid = P.sessionId;
  var token = sessionStorage.getItem('ht.token'), session = null, entries = {}, order = [], tally = null, seq = -1, socket = null;
  function auth() { return { Authorization: 'Bearer ' + token }; }
  function say(kind, text) { var m = HT.el('msg'); m.className = 'msg ' + kind; m.textContent = text; }
  function call(method, path, body) {
    return HT.api(method, path, body, auth()).then(function (r) {
      if (r.status === 401) { logout(); say('err', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'); }
      else if (!r.ok) say('err', (r.data && r.data.message) || 'Thao tác không thành công.');
      return r;
    });
  }
  function name(id) { var e = entries[id]; return e && e.title ? e.title : id.slice(0, 8); }
  function render() {
    if (!session) return;
    HT.el('stitle').textContent = session.title;
    var ended = session.state === 'closed';
    HT.el('state').textContent = ended ? 'Đã kết thúc (không thể mở lại)' : { open: 'Đang mở', paused: 'Tạm dừng', scheduled: 'Chưa mở' }[session.state] + (session.open ? '' : ' (không nhận phiếu)');
    /* A closed session stays closed: the server refuses to open or pause it again. */
    HT.el('open').disabled = ended; HT.el('pause').disabled = ended; HT.el('close').disabled = ended;
    HT.el('hide').textContent = session.hideTallies ? 'Hiện số phiếu cho khán giả' : 'Ẩn số phiếu với khán giả';
    var rows = '';
    order.forEach(function (id) {
      var on = id === session.onStageEntryId;
      rows += '<div class="row"><div class="grow">' + (on ? '🎤 <b>' : '') + HT.esc(name(id)) + (on ? '</b>' : '') + '</div><span class="n" data-n="' + id + '">' +
        (tally ? HT.fmt(tally.tallies[id]) : '') + '</span><button class="' + (on ? 'ghost' : 'small') + '" data-stage="' + id + '"' + (on || ended ? ' disabled' : '') + '>Lên sân khấu</button></div>';
    });
    HT.el('entries').innerHTML = rows;
  }
  function queue() {
    call('GET', '/voting/sessions/' + sid + '/quarantine?limit=100').then(function (r) {
      if (!r.ok) return;
      var d = r.data;
      HT.el('qcount').textContent = d.counts.quarantined + ' phiếu bị giữ · ' + d.counts.released + ' đã cho tính · ' + d.counts.voided + ' đã loại';
      HT.el('queue').innerHTML = d.items.map(function (f) {
        return '<div class="row"><input type="checkbox" style="width:auto" data-v="' + f.voteId + '"><div class="grow"><b>' + HT.esc(name(f.entryId)) + '</b><div class="unit">' + HT.esc(f.reasons.join(', ')) + ' · ' + HT.esc(f.voter) + '</div></div></div>';
      }).join('') || '<div class="unit">Không có phiếu nào bị giữ.</div>';
    });
  }
  function decide(action, all) {
    var ids = Array.prototype.map.call(document.querySelectorAll('#queue input:checked'), function (c) { return c.getAttribute('data-v'); });
    if (!all && !ids.length) return say('err', 'Hãy chọn ít nhất một phiếu.');
    call('POST', '/voting/sessions/' + sid + '/quarantine/decisions', all ? { action: action, all: true } : { action: action, voteIds: ids }).then(function (r) {
      if (r.ok) { say('ok', (action === 'release' ? 'Đã cho tính ' : 'Đã loại ') + r.data.decided + ' phiếu.'); queue(); }
    });
  }
  function applyTally(t) { if (!t || t.seq < seq) return; seq = t.seq; tally = t; render(); }
  function start() {
    HT.el('login').classList.add('hidden'); HT.el('panel').classList.remove('hidden');
    Promise.all([call('GET', '/voting/sessions/' + sid), HT.api('GET', '/public/voting-sessions/' + sid + '/entries')]).then(function (rs) {
      if (rs[0].ok) session = rs[0].data;
      if (rs[1].ok) { order = []; rs[1].data.forEach(function (e) { entries[e.id] = e; order.push(e.id); }); } else if (session) order = session.entryIds.slice();
      render(); queue();
    });
    if (socket) socket.close();
    socket = HT.live('session-admin:' + sid, { token: token }, {
      status: function (on) { HT.el('dot').className = 'dot ' + (on ? 'on' : 'off'); },
      snapshot: function (s) { if (!s) return; session = s.session; seq = -1; applyTally(s.tally); render(); },
      tally: applyTally,
      session: function (s) { session = s; render(); },
      error: function (e) { say('err', (e && e.message) || 'Không vào được phòng điều khiển.'); }
    });
  }
  function logout() { token = null; sessionStorage.removeItem('ht.token'); HT.el('login').classList.remove('hidden'); HT.el('panel').classList.add('hidden'); if (socket) socket.close(); }
  HT.el('lform').onsubmit = function (ev) {
    ev.preventDefault();
    HT.api('POST', '/auth/login', { identifier: HT.el('lid').value, password: HT.el('lpw').value }).then(function (r) {
      if (!r.ok) return say('err', (r.data && r.data.message) || 'Đăng nhập không thành công.');
      token = r.data.accessToken; sessionStorage.setItem('ht.token', token); say('ok', 'Đã đăng nhập.'); start();
    });
  };
  function act(a) { call('POST', '/voting/sessions/' + sid + '/state', { action: a }).then(function (r) { if (r.ok) { session = r.data; render(); } }); }
  HT.el('open').onclick = function () { act('open'); };
  HT.el('pause').onclick = function () { act('pause'); };
  HT.el('close').onclick = function () { if (confirm('Kết thúc phiên bình chọn? Sau khi đóng, phiên không nhận thêm phiếu và không thể mở lại.')) act('close'); };
  HT.el('hide').onclick = function () { call('POST', '/voting/sessions/' + sid + '/visibility', { hideTallies: !session.hideTallies }).then(function (r) { if (r.ok) { session = r.data; render(); } }); };
  HT.el('entries').onclick = function (ev) {
    var id = ev.target.getAttribute && ev.target.getAttribute('data-stage');
    if (id) call('POST', '/voting/sessions/' + sid + '/stage', { entryId: id }).then(function (r) { if (r.ok) { session = r.data; render(); } });
  };
  HT.el('release').onclick = function () { decide('release', false); };
  HT.el('void').onclick = function () { decide('void', false); };
  HT.el('releaseAll').onclick = function () { if (confirm('Cho tính tất cả phiếu đang bị giữ?')) decide('release', true); };
  HT.el('voidAll').onclick = function () { if (confirm('Loại tất cả phiếu đang bị giữ?')) decide('void', true); };
  HT.el('refresh').onclick = queue;
  HT.el('logout').onclick = logout;
  function boot() { if (!window.io) return setTimeout(boot, 100); if (token) start(); }
  boot();
})();
