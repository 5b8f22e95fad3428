/* The voting page: the entry on stage, a big button, the live count, the phone-code step. */
(function () {
  var P = window.PAGE, sid = P.sessionId, t0 = Date.now();
  var session = null, entries = {}, order = [], tally = null, seq = -1, busy = false, pictured = null, listed = '';
  var deviceToken = HT.store('ht.device'), phoneToken = null, fp = HT.fingerprint();
  var REFUSALS = {
    'voting.window_closed': 'Phiên bình chọn đang tạm dừng hoặc đã kết thúc, chưa thể bình chọn lúc này.',
    'voting.entry_not_votable': 'Bài dự thi này hiện không nhận bình chọn (ban tổ chức đã chuyển sang bài khác).',
    'voting.limit_reached': 'Bạn đã dùng hết lượt bình chọn cho phần này. Cảm ơn bạn đã tham gia!',
    'voting.identity_required': 'Cần xác minh trước khi bình chọn.',
    'voting.session_not_found': 'Không tìm thấy phiên bình chọn này. Vui lòng kiểm tra lại đường dẫn.',
    'voting.idempotency_mismatch': 'Lượt bình chọn bị trùng mã, vui lòng bấm lại.',
    'voting.idempotency_key_required': 'Lượt bình chọn thiếu mã, vui lòng tải lại trang.',
    'voting.bad_vote': 'Lượt bình chọn không hợp lệ, vui lòng tải lại trang.',
    'voting.device_token_invalid': 'Mã thiết bị đã hết hạn, trang sẽ lấy mã mới — vui lòng bấm lại.',
    'voting.unavailable': 'Mạng hoặc hệ thống đang chập chờn, đang gửi lại…',
    'voting.busy': 'Hệ thống đang đông, đang gửi lại…',
    'common.too_many_requests': 'Bạn thao tác quá nhanh, vui lòng đợi giây lát rồi bấm lại.',
    'phone_verification.invalid_phone': 'Số điện thoại chưa đúng, ví dụ: 0912 345 678.',
    'phone_verification.send_limited': 'Bạn đã yêu cầu quá nhiều mã, vui lòng thử lại sau ít phút.',
    'phone_verification.send_failed': 'Chưa gửi được mã, vui lòng thử lại sau giây lát.',
    'phone_verification.no_code': 'Bạn chưa yêu cầu mã cho số này, hãy bấm "Gửi mã".',
    'phone_verification.code_expired': 'Mã đã hết hạn, hãy bấm "Gửi lại mã" để nhận mã mới.',
    'phone_verification.wrong_code': 'Mã chưa đúng, vui lòng kiểm tra tin nhắn và nhập lại.',
    'phone_verification.too_many_attempts': 'Bạn đã nhập sai quá nhiều lần, hãy bấm "Gửi lại mã" để nhận mã mới.',
    'common.validation_failed': 'Thông tin chưa hợp lệ, vui lòng kiểm tra lại.'
  };
  function sentence(err) {
    if (!err) return 'Có lỗi xảy ra, vui lòng thử lại.';
    var s = REFUSALS[err.code] || err.message || 'Có lỗi xảy ra, vui lòng thử lại.';
    if (err.code === 'phone_verification.wrong_code' && err.message) s = err.message;
    return s;
  }
  function show(kind, text) {
    var m = HT.el('msg');
    m.className = 'msg ' + kind; m.textContent = text; m.classList.remove('hidden');
  }
  (function () {
    var t = HT.store('ht.phone');
    if (t) { var p = t.split('|'); if (Number(p[1]) > Date.now() + 60000) phoneToken = p[0]; }
  })();
  function needsPhone() {
    var ids = session ? session.policy.identities : [];
    return ids.indexOf('phone') >= 0 && ids.indexOf('device') < 0 && !phoneToken;
  }
  function staged() {
    if (!session) return null;
    if (session.onStageEntryId) return session.onStageEntryId;
    return session.mode === 'all' && order.length === 1 ? order[0] : null;
  }
  function title(id) { var e = entries[id]; return e && e.title ? e.title : 'Bài dự thi'; }
  /* An entry's small picture, its size written out (nothing moves while it loads). */
  function img(e, cls, lazy) {
    var i = e.image;
    return '<img class="' + cls + '" alt="" src="' + HT.esc(i.url) + '" width="' + i.width + '" height="' + i.height + '" decoding="async"' + (lazy ? ' loading="lazy"' : '') + '>';
  }
  /* The staged entry's clip (nothing loads until it is played; its picture as the poster), else its picture, else its number. */
  function picture(e) {
    if (e.clip) return '<video controls playsinline preload="none"' + (e.image ? ' poster="' + HT.esc(e.image.url) + '"' : '') +
      (e.clip.width ? ' width="' + e.clip.width + '" height="' + e.clip.height + '"' : '') + '><source src="' + HT.esc(e.clip.url) + '" type="' + HT.esc(e.clip.type) + '"></video>';
    if (e.image) return img(e, 'still', false);
    return HT.esc((e.position || 0) + 1);
  }
  function render() {
    if (!session) return;
    HT.el('stitle').textContent = session.title;
    var on = staged(), card = HT.el('stage');
    if (on) {
      var e = entries[on] || {}, pic = HT.el('pic');
      card.classList.remove('hidden');
      /* only when the entry on stage changes: a playing clip goes on through the counts */
      if (pictured !== on) { pic.innerHTML = picture(e); pictured = on; }
      HT.el('etitle').textContent = title(on);
      HT.el('eunit').textContent = e.unitName || '';
      HT.el('count').innerHTML = tally ? HT.fmt(tally.tallies[on]) + ' <small>lượt bình chọn</small>' : '<small>Số lượt bình chọn đang được ẩn</small>';
    } else card.classList.add('hidden');
    HT.el('none').classList.toggle('hidden', !!on || session.mode === 'all');
    var list = HT.el('list'), shown = session.mode === 'all' && order.length > 1 ? order.join() : '';
    /* the rows are written when the entries change; counts and buttons are updated in place */
    if (shown !== listed) {
      var rows = '';
      if (shown) order.forEach(function (id) {
        var e = entries[id] || {};
        rows += '<div class="row">' + (e.image ? img(e, 'thumb', true) : '') + '<div class="grow"><b>' + HT.esc(title(id)) + '</b><div class="unit">' + HT.esc(e.unitName || '') +
          '</div></div><div class="act"><span class="n" data-n="' + id + '"></span><button class="small" data-e="' + id + '">Bình chọn</button></div></div>';
      });
      list.innerHTML = rows; listed = shown;
    }
    Array.prototype.forEach.call(list.querySelectorAll('[data-n]'), function (n) { n.textContent = tally ? HT.fmt(tally.tallies[n.getAttribute('data-n')]) : ''; });
    list.classList.toggle('hidden', !shown);
    var open = session.open;
    HT.el('vote').disabled = !open || !on || busy;
    HT.el('state').textContent = open ? 'Đang mở bình chọn' : session.state === 'closed' ? 'Đã kết thúc bình chọn' : session.state === 'paused' ? 'Tạm dừng bình chọn' : 'Chưa mở bình chọn';
    Array.prototype.forEach.call(list.querySelectorAll('button'), function (b) { b.disabled = !open || busy; });
    HT.el('phone').classList.toggle('hidden', !needsPhone());
  }
  function applyTally(t) {
    if (!t) { tally = null; seq = -1; render(); return; }
    if (t.seq < seq) return;
    seq = t.seq; tally = t; render();
  }
  function ensureDevice() {
    if (deviceToken) return Promise.resolve(deviceToken);
    return HT.api('POST', '/voting/device-token').then(function (r) {
      if (r.ok) { deviceToken = r.data.token; HT.store('ht.device', deviceToken); }
      return deviceToken;
    });
  }
  function cast(entryId) {
    if (busy) return;
    if (needsPhone()) { render(); show('info', 'Phiên này cần xác minh số điện thoại: nhập số để nhận mã.'); return; }
    busy = true; render();
    show('info', 'Đang gửi bình chọn…');
    var voteId = HT.uuid(), tries = 0;
    function attempt() {
      tries++;
      var body = { entryId: entryId };
      if (deviceToken) body.voterToken = deviceToken;
      if (phoneToken) body.phoneToken = phoneToken;
      HT.api('POST', '/voting/sessions/' + sid + '/votes', body, {
        'Idempotency-Key': voteId, 'X-Client-Fingerprint': fp, 'X-Page-Elapsed': String(Date.now() - t0)
      }).then(function (r) {
        if (r.ok) {
          busy = false;
          var d = r.data || {};
          show(d.held ? 'info' : 'ok', (d.status === 'already_counted' ? 'Bình chọn của bạn đã được ghi nhận trước đó.' : 'Cảm ơn bạn! Bình chọn cho “' + title(entryId) + '” đã được ghi nhận.') +
            (d.held ? ' Phiếu đang chờ ban tổ chức kiểm tra trước khi được tính.' : '') +
            (d.receipt ? ' Mã biên nhận: ' + d.receipt : ''));
          if (d.receipt) {
            HT.el('receipt').classList.remove('hidden');
            HT.el('rcode').textContent = d.receipt;
            HT.el('rlink').href = '/voting/receipts/' + voteId + '/' + d.receipt;
          }
          render(); return;
        }
        var err = r.data || {};
        if ((r.status === 503 || r.status === 0) && tries < 6) { show('info', sentence(err)); return setTimeout(attempt, 800 * tries); }
        busy = false;
        if (err.code === 'voting.identity_required' || err.code === 'voting.device_token_invalid') {
          if (session && session.policy.identities.indexOf('phone') >= 0 && session.policy.identities.indexOf('device') < 0) {
            phoneToken = null; HT.store('ht.phone', null);
          } else { deviceToken = null; HT.store('ht.device', null); ensureDevice(); }
        }
        show('err', sentence(err)); render();
      }, function () {
        if (tries < 6) { show('info', 'Mạng chập chờn, đang gửi lại…'); return setTimeout(attempt, 800 * tries); }
        busy = false; show('err', 'Không gửi được bình chọn do mất mạng. Vui lòng bấm lại khi có mạng.'); render();
      });
    }
    attempt();
  }
  HT.el('vote').onclick = function () { var on = staged(); if (on) cast(on); };
  HT.el('list').onclick = function (ev) { var e = ev.target.getAttribute && ev.target.getAttribute('data-e'); if (e) cast(e); };
  HT.el('send').onclick = function () {
    var phone = HT.el('pnum').value;
    HT.el('send').disabled = true;
    ensureDevice().then(function () {
      return HT.api('POST', '/phone-verification/send', { phone: phone }, deviceToken ? { 'X-Voter-Token': deviceToken } : {});
    }).then(function (r) {
      HT.el('send').disabled = false;
      if (r.ok) { HT.el('codebox').classList.remove('hidden'); HT.el('send').textContent = 'Gửi lại mã'; show('info', 'Đã gửi mã gồm 6 chữ số tới ' + phone + '. Mã có hiệu lực trong ít phút.'); }
      else show('err', sentence(r.data));
    }, function () { HT.el('send').disabled = false; show('err', 'Mất mạng, vui lòng thử lại.'); });
  };
  HT.el('check').onclick = function () {
    HT.api('POST', '/phone-verification/verify', { phone: HT.el('pnum').value, code: HT.el('pcode').value.trim() }).then(function (r) {
      if (r.ok) {
        phoneToken = r.data.token; HT.store('ht.phone', phoneToken + '|' + new Date(r.data.expiresAt).getTime());
        HT.el('pcode').value = ''; show('ok', 'Đã xác minh số điện thoại. Bạn có thể bình chọn.'); render();
      } else show('err', sentence(r.data));
    }, function () { show('err', 'Mất mạng, vui lòng thử lại.'); });
  };
  function load() {
    return Promise.all([
      HT.api('GET', '/voting/sessions/' + sid),
      HT.api('GET', '/public/voting-sessions/' + sid + '/entries'),
      ensureDevice()
    ]).then(function (rs) {
      if (!rs[0].ok) { show('err', sentence(rs[0].data)); return; }
      session = rs[0].data;
      if (rs[1].ok) { order = []; rs[1].data.forEach(function (e) { entries[e.id] = e; order.push(e.id); }); pictured = null; listed = ''; }
      else order = session.entryIds.slice();
      render();
    });
  }
  load().catch(function () { show('err', 'Chưa tải được trang do mạng yếu, đang thử lại…'); setTimeout(load, 2000); });
  function status(on) {
    HT.el('dot').className = 'dot ' + (on ? 'on' : 'off');
    HT.el('conn').textContent = on ? 'Trực tiếp' : 'Đang kết nối lại…';
  }
  function boot() {
    if (!window.io) return setTimeout(boot, 100);
    HT.live('session:' + sid, {}, {
      status: status,
      snapshot: function (snap) { if (!snap) return; session = snap.session; seq = -1; applyTally(snap.tally); },
      tally: applyTally,
      session: function (s) { session = s; if (s.hideTallies) tally = null; render(); }
    });
  }
  boot();
})();
