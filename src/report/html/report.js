// baohoa report. All crawled strings are rendered with textContent; nothing is parsed as HTML.
(function () {
  'use strict';
  var ERRORS = [];
  window.addEventListener('error', function (e) { ERRORS.push('error: ' + (e.message || 'unknown')); });
  document.addEventListener('securitypolicyviolation', function (e) {
    ERRORS.push('csp: ' + e.violatedDirective + ' ' + (e.blockedURI || ''));
  });
  var T0 = performance.now();

  var DATA = JSON.parse(document.getElementById('data').textContent);
  var STRS = DATA.strs || [];
  var SITES = DATA.sites || [];
  var NAMES = DATA.names || {};
  var GROUPS = Array.isArray(DATA.groups) ? DATA.groups : [];
  var PAGE_SIZE = 100;
  // Decisions are kept per report: the key names this run (run_id in the data), so reports opened
  // from file:// (one origin to the browser) do not share them. Before, every report used LEGACY_KEY.
  var RUN_ID = typeof DATA.run_id === 'string' && DATA.run_id ? DATA.run_id : 'path:' + location.pathname;
  var STORE_KEY = 'baohoa.decisions.v2:' + RUN_ID;
  var LEGACY_KEY = 'baohoa.decisions.v1';
  var MIGRATED_KEY = 'baohoa.decisions.v1.migrated';
  var LANG_KEY = 'baohoa.lang';
  var MAX_IMPORT_BYTES = 20 * 1024 * 1024;

  var I18N = {
    vi: {
      title: 'Báo cáo kiểm tra báo hóa', summary: 'Tổng quan', sites: 'Danh sách trang', changes: 'Thay đổi từ lần chạy trước',
      export: 'Xuất quyết định', lang: 'English', scanned: 'trang web đã quét', flagged: 'bị gắn cờ',
      fam_bao_hoa: 'Dấu hiệu báo hóa', fam_negative_ratio: 'Vượt ngưỡng tin tiêu cực', pages: 'trang HTML đã đọc',
      inputs: 'tệp đầu vào', damaged: 'bản ghi hỏng', seconds: 'giây', pps: 'trang/giây', run: 'Lần chạy',
      complete: 'đầy đủ', incomplete: 'KHÔNG đầy đủ (xem run.json)', search: 'Tìm tên miền…', all_fam: 'Mọi nhóm cờ',
      all_class: 'Mọi loại trang', all_crit: 'Mọi tiêu chí', min_score: 'Điểm ≥', only_flagged: 'Chỉ trang bị gắn cờ',
      all_dec: 'Mọi quyết định', no_dec: 'Chưa quyết định', rank: '#', site: 'Tên miền', class: 'Loại', score: 'Điểm',
      families: 'Cờ', criteria: 'Tiêu chí', neg: 'Tỷ lệ tiêu cực', change: 'Thay đổi', decision: 'Quyết định',
      prev: '‹ Trước', next: 'Sau ›', page: 'Trang', of: '/', rows: 'dòng', fired: 'Tiêu chí đã kích hoạt',
      not_fired: 'Đã đo, không kích hoạt', none_fired: 'Không tiêu chí nào kích hoạt.', clears: 'Gỡ cờ khi',
      basis: 'Căn cứ', weight: 'trọng số', items: 'mục', evidence: 'Bằng chứng', imitates: 'Giả dạng cơ quan báo chí',
      neg_title: 'Tỷ lệ tin tiêu cực (khoảng tin cậy 95%)', history: 'Diễn biến tỷ lệ tiêu cực',
      confirmed: 'Xác nhận', dismissed: 'Bác bỏ', watch: 'Theo dõi', clear: 'Xóa quyết định', note: 'Ghi chú…',
      save: 'Lưu quyết định', saved: 'Đã lưu (trong trình duyệt). Nhấn “Xuất quyết định” để lưu tệp.',
      dec_run: 'Quyết định mang sang từ lần trước', dec_local: 'Quyết định trong trình duyệt này', lapsed: 'hết hiệu lực: tiêu chí mới kích hoạt',
      in_force: 'còn hiệu lực', unflagged: 'đã bỏ cờ do bác bỏ', date: 'ngày', not_link: 'liên kết không an toàn, không mở',
      no_diff: 'Không có lần chạy trước (dùng scan --previous THƯ_MỤC_CŨ).', new_flags: 'cờ mới', cleared: 'đã gỡ cờ',
      changed: 'trang thay đổi', old: 'trước', now: 'nay', k_new_flag: 'Cờ mới', k_cleared: 'Gỡ cờ', k_not_seen: 'Không thấy lần này',
      k_criteria: 'Tiêu chí đổi', k_score: 'Điểm đổi', k_negative_share: 'Tỷ lệ tiêu cực đổi', export_help: 'Nội dung decisions.json (cũng được tải xuống):',
      c_licensed_press: 'Cơ quan báo chí', c_licensed_aggregate: 'Trang TTĐT tổng hợp có phép', c_licensed_social_network: 'MXH có phép',
      ch_crit: 'Số trang web theo tiêu chí đã kích hoạt', ch_scores: 'Phân bố điểm báo hóa', ch_neg: 'Tỷ lệ tin tiêu cực của các trang được đánh giá (khoảng tin cậy 95%) so với ngưỡng',
      ch_class: 'Trang bị gắn cờ theo loại trang', ch_over: 'vượt ngưỡng', ch_sites: 'trang web', ch_shown: 'hiển thị', ch_none: 'Không có dữ liệu.',
      c_claims_unregistered_licence: 'Ghi giấy phép không có trong danh bạ', c_unlicensed_news_like: 'Giống báo, không giấy phép', c_other: 'Khác',
      import: 'Nhập quyết định', imp_done: 'Đã nhập {0} quyết định từ {1}.', imp_older: '{0} quyết định cũ hơn quyết định đã có nên không thay thế.',
      imp_other: '{0} quyết định cho trang web không có trong báo cáo này (vẫn giữ, sẽ có trong tệp xuất).',
      imp_failed: 'Không nhập được {0}: không quyết định nào được nhập.', imp_not_json: 'tệp không phải JSON hợp lệ ({0})',
      imp_shape: 'không phải tệp decisions.json: cần {"schema":1,"decisions":[…]}', imp_schema: 'phiên bản schema {0} không được hỗ trợ (báo cáo này đọc schema 1); hãy xuất lại từ báo cáo mới',
      imp_too_big: 'tệp quá lớn ({0} MB; tối đa 20 MB)', imp_read: 'không đọc được tệp', imp_entry: 'quyết định thứ {0}: {1}',
      imp_more: '… và {0} lỗi khác', e_obj: 'không phải một đối tượng JSON', e_site: '"site" trống hoặc không phải chuỗi',
      e_kind: '"decision" phải là confirmed, dismissed hoặc watch', e_date: '"date" không phải ngày ISO 8601 (ví dụ 2026-11-21T09:14:03Z)',
      e_note: '"note" phải là chuỗi', e_fired: '"fired_at_decision" phải là danh sách mã tiêu chí (chuỗi)',
      neg_row: 'Tỷ lệ tiêu cực {0} [{1} – {2}], n = {3}; ngưỡng {4}',
      group: 'Nhóm đăng bài đồng loạt', groups_h: 'Nhóm trang web đăng cùng tin', group_open: 'Xem nhóm', group_sites: 'trang web',
      group_shared: 'tin đăng chung', group_neg: 'tiêu cực', group_targets: 'Đối tượng bị nhắc nhiều nhất', group_timeline: 'Dòng thời gian: trang nào đăng tin nào, khi nào (◆ = bản gốc, ngôi sao khi ngoài nhóm)',
      group_graph: 'Các trang trong nhóm (nét đậm = đăng chung nhiều tin)', group_member: 'Thành viên nhóm', group_origin: 'bản gốc',
      group_outside: 'nguồn gốc ngoài nhóm', group_lag: 'sau bản gốc', group_min: 'phút', group_cites: 'có trích nguồn', group_nocite: 'không trích nguồn',
      group_ops: 'Cùng đơn vị vận hành (mã theo dõi, xác minh, chủ sở hữu trùng nhau)', group_crawl: 'chỉ biết thời điểm thu thập', group_back: '‹ Về trang web', group_none: 'Không có nhóm nào trong lần chạy này.', group_stories_cut: 'hiển thị {0} / {1} tin',
      yes: 'có', open: 'Mở chi tiết', flags_h: 'Cờ', classes_h: 'Loại trang web', run_h: 'Lần chạy', trimmed: 'Trang không bị gắn cờ: các tiêu chí đã đo không kèm trong báo cáo; xem:'
    },
    en: {
      title: 'Báo hóa inspection report', summary: 'Summary', sites: 'Sites', changes: 'Since last run',
      export: 'Export decisions', lang: 'Tiếng Việt', scanned: 'sites scanned', flagged: 'flagged',
      fam_bao_hoa: 'Signs of báo hóa', fam_negative_ratio: 'Negative-content guidance exceeded', pages: 'HTML pages read',
      inputs: 'input files', damaged: 'damaged records', seconds: 'seconds', pps: 'pages/s', run: 'Run',
      complete: 'complete', incomplete: 'INCOMPLETE (see run.json)', search: 'Search domain…', all_fam: 'All flag families',
      all_class: 'All classes', all_crit: 'All criteria', min_score: 'Score ≥', only_flagged: 'Flagged only',
      all_dec: 'All decisions', no_dec: 'Undecided', rank: '#', site: 'Domain', class: 'Class', score: 'Score',
      families: 'Flags', criteria: 'Criteria', neg: 'Negative share', change: 'Change', decision: 'Decision',
      prev: '‹ Prev', next: 'Next ›', page: 'Page', of: '/', rows: 'rows', fired: 'Criteria that fired',
      not_fired: 'Measured, not fired', none_fired: 'No criterion fired.', clears: 'Would clear',
      basis: 'Basis', weight: 'weight', items: 'items', evidence: 'Evidence', imitates: 'Imitates press outlet',
      neg_title: 'Negative share (95% confidence interval)', history: 'Negative share over runs',
      confirmed: 'Confirmed', dismissed: 'Dismissed', watch: 'Watch', clear: 'Clear decision', note: 'Note…',
      save: 'Save decision', saved: 'Saved (in this browser). Press “Export decisions” to save a file.',
      dec_run: 'Decision carried over', dec_local: 'Decision in this browser', lapsed: 'lapsed: a new criterion fired',
      in_force: 'in force', unflagged: 'flag removed by dismissal', date: 'date', not_link: 'unsafe link, not opened',
      no_diff: 'No previous run (use scan --previous OLD_OUT).', new_flags: 'new flags', cleared: 'cleared',
      changed: 'sites changed', old: 'before', now: 'now', k_new_flag: 'New flag', k_cleared: 'Cleared', k_not_seen: 'Not seen now',
      k_criteria: 'Criteria changed', k_score: 'Score changed', k_negative_share: 'Negative share changed', export_help: 'decisions.json (also downloaded):',
      c_licensed_press: 'Licensed press', c_licensed_aggregate: 'Licensed aggregate site', c_licensed_social_network: 'Licensed social network',
      ch_crit: 'Sites per fired criterion', ch_scores: 'Báo hóa score distribution', ch_neg: 'Negative share of judged sites (95% interval) against the threshold',
      ch_class: 'Flagged sites per class', ch_over: 'above the threshold', ch_sites: 'sites', ch_shown: 'shown', ch_none: 'No data.',
      c_claims_unregistered_licence: 'Claims an unregistered licence', c_unlicensed_news_like: 'News-like, unlicensed', c_other: 'Other',
      import: 'Import decisions', imp_done: 'Imported {0} decisions from {1}.', imp_older: '{0} decisions older than the one already held were not applied.',
      imp_other: '{0} decisions for sites not in this report (kept; they stay in the export).',
      imp_failed: 'Could not import {0}: no decision was imported.', imp_not_json: 'the file is not valid JSON ({0})',
      imp_shape: 'not a decisions.json file: expected {"schema":1,"decisions":[…]}', imp_schema: 'schema version {0} is not supported (this report reads schema 1); export it again from a current report',
      imp_too_big: 'the file is too large ({0} MB; at most 20 MB)', imp_read: 'the file could not be read', imp_entry: 'decision {0}: {1}',
      imp_more: '… and {0} more errors', e_obj: 'not a JSON object', e_site: '"site" is empty or not a string',
      e_kind: '"decision" must be confirmed, dismissed or watch', e_date: '"date" is not an ISO 8601 date (e.g. 2026-11-21T09:14:03Z)',
      e_note: '"note" must be a string', e_fired: '"fired_at_decision" must be a list of criterion codes (strings)',
      neg_row: 'Negative share {0} [{1} – {2}], n = {3}; threshold {4}',
      group: 'Coordinated publishing group', groups_h: 'Groups of sites publishing the same stories', group_open: 'Open group', group_sites: 'sites',
      group_shared: 'shared stories', group_neg: 'negative', group_targets: 'Named most often', group_timeline: 'Timeline: which site posted which story when (◆ = origin, a star when outside the group)',
      group_graph: 'Member sites (thicker = more stories together)', group_member: 'Member of a group', group_origin: 'origin',
      group_outside: 'origin outside the group', group_lag: 'after the origin', group_min: 'min', group_cites: 'cites the origin', group_nocite: 'does not cite the origin',
      group_ops: 'Same operator (shared analytics, verification or owner details)', group_crawl: 'crawl time only', group_back: '‹ Back to the site', group_none: 'No group in this run.', group_stories_cut: '{0} of {1} stories shown',
      yes: 'yes', open: 'Open details', flags_h: 'Flags', classes_h: 'Site classes', run_h: 'Run', trimmed: 'Not flagged: the measured criteria are left out of the report; see:'
    }
  };
  var CLASSES = ['licensed_press', 'licensed_aggregate', 'licensed_social_network', 'claims_unregistered_licence', 'unlicensed_news_like', 'other'];
  var FAMS = [['bao_hoa', 1], ['negative_ratio', 2]];
  var KINDS = ['confirmed', 'dismissed', 'watch'];

  function store(key, val) { try { if (val === null) localStorage.removeItem(key); else localStorage.setItem(key, val); return true; } catch (e) { return false; } }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  var lang = load(LANG_KEY) === 'en' ? 'en' : 'vi';
  function t(k) { var d = I18N[lang]; return Object.prototype.hasOwnProperty.call(d, k) ? d[k] : k; }
  // A message with {0}, {1}… filled in (as text).
  function tf(k) { var args = arguments; return t(k).replace(/\{(\d)\}/g, function (m, n) { var v = args[1 + parseInt(n, 10)]; return v === undefined ? m : String(v); }); }

  // --- DOM helpers: text only, never HTML ---------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) { for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]); return parent; }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function str(i) { return typeof i === 'number' && i >= 0 && i < STRS.length ? STRS[i] : ''; }
  function pct(x) { return typeof x === 'number' ? (x * 100).toFixed(1) + '%' : '–'; }
  function num(x, d) { return typeof x === 'number' ? x.toFixed(d) : '–'; }
  // Dates in Vietnam's time (Asia/Ho_Chi_Minh: UTC+7, no daylight saving), with the offset shown.
  function vnTime(iso) {
    var ms = Date.parse(String(iso));
    if (!isFinite(ms)) return String(iso || '');
    return new Date(ms + 7 * 3600e3).toISOString().slice(0, 19) + '+07:00';
  }
  // A criterion in words (its code when the data has no name for it).
  function cname(code) {
    var n = Object.prototype.hasOwnProperty.call(NAMES, code) ? NAMES[code] : null;
    return n && n[lang === 'en' ? 1 : 0] ? n[lang === 'en' ? 1 : 0] : code;
  }
  // A finding's text in the reader's language (Vietnamese first).
  function inLang(f, k, interned) {
    var v = lang === 'en' && f[k + '_en'] !== undefined && f[k + '_en'] !== '' ? f[k + '_en'] : f[k];
    return interned ? str(v) : String(v === undefined ? '' : v);
  }
  function safeUrl(u) {
    if (typeof u !== 'string' || !/^https?:\/\//i.test(u)) return null;
    try { var p = new URL(u); return (p.protocol === 'http:' || p.protocol === 'https:') ? p.href : null; } catch (e) { return null; }
  }
  function link(u) {
    var href = safeUrl(u);
    if (!href) { var s = el('span', 'nolink', u); s.title = t('not_link'); return s; }
    var a = el('a', null, u);
    a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer nofollow';
    return a;
  }
  // Highlights «phrase» in an evidence sentence (the judge marks matched phrases with guillemets).
  function quote(text) {
    var q = el('q');
    var parts = String(text).split(/«|»/);
    var open = String(text).indexOf('«') >= 0;
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (open && i % 2 === 1) add(q, el('mark', null, parts[i])); else q.appendChild(document.createTextNode(parts[i]));
    }
    return q;
  }

  // --- decisions --------------------------------------------------------------------------
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  var SITE_INDEX = Object.create(null);
  for (var si = 0; si < SITES.length; si++) SITE_INDEX[SITES[si].s] = si;
  // Groups of each member site (indices into GROUPS).
  var SITE_GROUPS = Object.create(null);
  GROUPS.forEach(function (g, gi) { (g.s || []).forEach(function (m) { (SITE_GROUPS[m] = SITE_GROUPS[m] || []).push(gi); }); });
  // Checks one decision as `decisions.json` holds it; returns the message key of its fault or null.
  function decisionFault(d) {
    if (!d || typeof d !== 'object' || Array.isArray(d)) return 'e_obj';
    if (typeof d.site !== 'string' || !d.site.trim()) return 'e_site';
    if (KINDS.indexOf(d.decision) < 0) return 'e_kind';
    if (typeof d.date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(d.date) || !isFinite(Date.parse(d.date))) return 'e_date';
    if (d.note !== undefined && d.note !== null && typeof d.note !== 'string') return 'e_note';
    if (d.fired_at_decision !== undefined && d.fired_at_decision !== null &&
      (!Array.isArray(d.fired_at_decision) || d.fired_at_decision.some(function (c) { return typeof c !== 'string'; }))) return 'e_fired';
    return null;
  }
  function normalDecision(d) {
    return { site: d.site.trim(), decision: d.decision, note: typeof d.note === 'string' ? d.note : '', date: d.date,
      fired_at_decision: Array.isArray(d.fired_at_decision) ? d.fired_at_decision.slice() : [] };
  }
  // Stored decisions by site (a map without prototype: a site named "__proto__" stays a site).
  function parseStored(raw) {
    if (!raw) return null;
    var o;
    try { o = JSON.parse(raw); } catch (e) { return null; }
    if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
    var out = Object.create(null);
    Object.keys(o).forEach(function (k) { if (!decisionFault(o[k])) out[k] = normalDecision(o[k]); });
    return out;
  }
  function localDecisions() {
    var mine = parseStored(load(STORE_KEY));
    if (mine) return mine;
    var out = Object.create(null);
    // Migration, once: the first report opened takes the decisions all reports shared under the
    // old key for its own sites (report files written before keep using that key themselves).
    var legacy = load(MIGRATED_KEY) ? null : parseStored(load(LEGACY_KEY));
    if (legacy) {
      Object.keys(legacy).forEach(function (k) { if (SITE_INDEX[k] !== undefined) out[k] = legacy[k]; });
      store(MIGRATED_KEY, RUN_ID);
      store(STORE_KEY, JSON.stringify(out));
    }
    return out;
  }
  var LOCAL = localDecisions();
  function saveLocal() { store(STORE_KEY, JSON.stringify(LOCAL)); }
  function currentDecision(s) {
    // The newer of this browser's decision and the one carried over by the run wins.
    var l = own(LOCAL, s.s) ? LOCAL[s.s] : null;
    if (l && s.d) return String(l.date) >= String(s.d.date) ? l : s.d;
    return l || s.d || null;
  }
  function firedCodes(s) { return (s.cr || []).map(str); }
  function decide(s, kind, note) {
    if (kind === null) { delete LOCAL[s.s]; saveLocal(); return; }
    LOCAL[s.s] = { site: s.s, decision: kind, note: note || '', date: new Date().toISOString(), fired_at_decision: firedCodes(s) };
    saveLocal();
  }
  function exportJson() {
    var out = [];
    for (var i = 0; i < SITES.length; i++) {
      var s = SITES[i];
      var d = currentDecision(s);
      if (!d) continue;
      out.push({ site: s.s, decision: d.decision, note: d.note || '', date: d.date || '', fired_at_decision: d.fired_at_decision || [] });
    }
    // Imported decisions for sites this run did not see are kept, so a round trip loses none.
    Object.keys(LOCAL).sort().forEach(function (k) {
      if (SITE_INDEX[k] === undefined) { var d = LOCAL[k]; out.push({ site: k, decision: d.decision, note: d.note || '', date: d.date, fired_at_decision: d.fired_at_decision || [] }); }
    });
    return JSON.stringify({ schema: 1, decisions: out }, null, 1);
  }
  // Reads a decisions.json (as export writes it). All or nothing: any fault is listed and nothing
  // is imported. A decision older than the one held for its site does not replace it.
  function importText(text, name) {
    var res = { ok: false, lines: [] };
    var o;
    try { o = JSON.parse(text); } catch (e) { res.lines.push(['imp_failed', name], ['imp_not_json', String(e && e.message || e)]); return res; }
    if (!o || typeof o !== 'object' || Array.isArray(o) || !own(o, 'schema') || !Array.isArray(o.decisions)) {
      res.lines.push(['imp_failed', name], ['imp_shape']); return res;
    }
    if (o.schema !== 1) { res.lines.push(['imp_failed', name], ['imp_schema', String(o.schema)]); return res; }
    var faults = [];
    o.decisions.forEach(function (d, i) { var f = decisionFault(d); if (f) faults.push(['imp_entry', i + 1, { k: f }]); });
    if (faults.length) {
      res.lines.push(['imp_failed', name]);
      res.lines = res.lines.concat(faults.slice(0, 10));
      if (faults.length > 10) res.lines.push(['imp_more', faults.length - 10]);
      return res;
    }
    var applied = 0, older = 0, other = 0, last = Object.create(null);
    // Later entries for one site replace earlier ones (as `scan --decisions` reads the file).
    o.decisions.forEach(function (d) { var n = normalDecision(d); last[n.site] = n; });
    Object.keys(last).forEach(function (k) {
      var d = last[k];
      var held = SITE_INDEX[k] !== undefined ? currentDecision(SITES[SITE_INDEX[k]]) : (own(LOCAL, k) ? LOCAL[k] : null);
      if (held && String(held.date) > String(d.date)) { older++; return; }
      LOCAL[k] = d; applied++;
      if (SITE_INDEX[k] === undefined) other++;
    });
    saveLocal();
    res.ok = true;
    res.applied = applied; res.older = older; res.other = other;
    res.lines.push(['imp_done', applied, name]);
    if (older) res.lines.push(['imp_older', older]);
    if (other) res.lines.push(['imp_other', other]);
    return res;
  }
  // A message of the import, in the reader's language: [key, args…], an arg {k} is itself a key.
  function msgText(m) { return tf.apply(null, m.map(function (a, i) { return i > 0 && a && typeof a === 'object' ? t(a.k) : a; })); }
  function showImport(res) { state.imp = res; render(); }
  function importFile(file) {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      showImport({ ok: false, lines: [['imp_failed', file.name], ['imp_too_big', (file.size / 1048576).toFixed(1)]] }); return;
    }
    var r = new FileReader();
    r.onload = function () { showImport(importText(String(r.result), file.name)); };
    r.onerror = function () { showImport({ ok: false, lines: [['imp_failed', file.name], ['imp_read']] }); };
    r.readAsText(file);
  }
  function exportDecisions() {
    var text = exportJson();
    var box = document.getElementById('export-box');
    clear(box);
    box.classList.remove('hidden');
    var ta = el('textarea'); ta.id = 'export-out'; ta.readOnly = true; ta.value = text;
    add(box, el('div', null, t('export_help')), ta);
    try {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      a.download = 'decisions.json';
      document.body.appendChild(a); a.click(); document.body.removeChild(a);
    } catch (e) { /* the text box remains */ }
    return text;
  }

  // --- state --------------------------------------------------------------------------------
  var state = { tab: 'sites', q: '', fam: 0, cls: '', crit: -1, min: '', flagged: false, dec: '', sort: 'rank', asc: true, page: 0, sel: -1, grp: -1, imp: null };
  var view = [];
  for (var i0 = 0; i0 < SITES.length; i0++) SITES[i0].r = i0 + 1;

  function applyFilter() {
    var q = state.q.trim().toLowerCase();
    var min = state.min === '' ? null : parseFloat(state.min);
    var out = [];
    for (var i = 0; i < SITES.length; i++) {
      var s = SITES[i];
      if (state.flagged && !s.f) continue;
      if (state.fam && !(s.fa & state.fam)) continue;
      if (state.cls && s.c !== state.cls) continue;
      if (state.crit >= 0 && (s.cr || []).indexOf(state.crit) < 0) continue;
      if (min !== null && !isNaN(min) && !(s.sc >= min)) continue;
      if (q && s.s.toLowerCase().indexOf(q) < 0) continue;
      if (state.dec) { var d = currentDecision(s); if (state.dec === 'none' ? d : (!d || d.decision !== state.dec)) continue; }
      out.push(i);
    }
    var key = state.sort, dir = state.asc ? 1 : -1;
    var getter = {
      rank: function (s) { return s.r; }, site: function (s) { return s.s; }, score: function (s) { return s.sc; },
      neg: function (s) { return s.ng ? s.ng[0] : -1; }, class: function (s) { return s.c; },
      criteria: function (s) { return (s.cr || []).length; }
    }[key] || function (s) { return s.r; };
    out.sort(function (a, b) {
      var x = getter(SITES[a]), y = getter(SITES[b]);
      if (x < y) return -dir; if (x > y) return dir; return SITES[a].r - SITES[b].r;
    });
    view = out;
    var pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
  }

  // --- rendering ----------------------------------------------------------------------------
  var app = document.getElementById('app');
  var refs = {};

  function badge(text, cls) { return el('span', 'badge ' + (cls || ''), text); }
  function decisionBadge(d) { return d ? badge(t(d.decision) + (d.date ? ' · ' + vnTime(d.date).slice(0, 10) : ''), 'b-dec-' + d.decision) : null; }

  function buildShell() {
    clear(app);
    document.documentElement.lang = lang;
    document.title = 'baohoa — ' + t('title');
    var h = el('header');
    add(h, el('h1', null, t('title')));
    ['summary', 'sites', 'changes'].forEach(function (k) {
      var b = el('button', state.tab === k ? 'on' : '', t(k));
      b.id = 'tab-' + k;
      b.addEventListener('click', function () { state.tab = k; render(); });
      h.appendChild(b);
    });
    add(h, el('span', 'sp'));
    var ex = el('button', null, t('export')); ex.id = 'export'; ex.addEventListener('click', exportDecisions);
    var file = el('input', 'hidden'); file.type = 'file'; file.id = 'import-file'; file.accept = '.json,application/json';
    file.addEventListener('change', function () { importFile(file.files && file.files[0]); file.value = ''; });
    var im = el('button', null, t('import')); im.id = 'import';
    im.addEventListener('click', function () { file.click(); });
    var lg = el('button', null, t('lang')); lg.id = 'lang';
    lg.addEventListener('click', function () { lang = lang === 'vi' ? 'en' : 'vi'; store(LANG_KEY, lang); render(); });
    add(h, ex, im, file, lg);
    var m = el('main');
    var box = el('div', 'hidden'); box.id = 'export-box';
    add(app, h, add(m, box));
    if (state.imp) {
      var msg = el('div', state.imp.ok ? 'imp ok' : 'imp err'); msg.id = 'import-msg';
      msg.setAttribute('role', state.imp.ok ? 'status' : 'alert');
      state.imp.lines.forEach(function (l) { msg.appendChild(el('div', null, msgText(l))); });
      var x = el('button', null, '×'); x.id = 'import-close';
      x.addEventListener('click', function () { state.imp = null; render(); });
      add(m, add(msg, x));
    }
    refs.main = m;
  }

  function card(n, label) { return add(el('div', 'card'), el('b', null, n), el('span', null, label)); }

  // --- charts: inline SVG drawn here, text only through textContent ---------------------------
  var SVGNS = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function svgBox(id, w, h) {
    var svg = svgEl('svg', { id: id, 'class': 'chart', width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img' });
    return svg;
  }
  // Horizontal bars: rows [{label, value, color}], longest first.
  function barChart(id, title, rows) {
    var wrap = el('figure', 'chart-box');
    add(wrap, el('figcaption', null, title));
    if (!rows.length) { add(wrap, el('p', 'quiet', t('ch_none'))); return wrap; }
    var W = 560, LW = 250, RH = 20, H = rows.length * RH + 8, max = 0;
    rows.forEach(function (r) { if (r.value > max) max = r.value; });
    var svg = svgBox(id, W, H);
    rows.forEach(function (r, i) {
      var y = 4 + i * RH, w = max > 0 ? (W - LW - 60) * r.value / max : 0;
      svg.appendChild(svgEl('text', { x: LW - 6, y: y + 14, 'text-anchor': 'end', 'class': 'lab' }, r.label));
      var bar = svgEl('rect', { x: LW, y: y + 3, width: Math.max(1, w), height: RH - 6, fill: r.color || '#0b5cad', 'data-v': r.value });
      bar.appendChild(svgEl('title', {}, r.label + ': ' + r.value));
      svg.appendChild(bar);
      svg.appendChild(svgEl('text', { x: LW + w + 4, y: y + 14, 'class': 'val' }, r.value));
    });
    wrap.appendChild(svg);
    return wrap;
  }
  var FAM_COLOR = { 1: '#b3261e', 2: '#9a6700' };
  function criteriaChart() {
    var count = {}, fam = {};
    SITES.forEach(function (s) {
      (s.cr || []).forEach(function (k) { count[k] = (count[k] || 0) + 1; });
      (s.fd || []).forEach(function (f) { if (!Array.isArray(f) && f.fa) fam[f.k] = f.fa; });
    });
    var rows = Object.keys(count).map(Number).map(function (k) {
      var code = str(k), fa = fam[k] || (code === 'tone.negative_ratio' ? 2 : 1);
      return { label: cname(code), value: count[k], color: FAM_COLOR[fa], fa: fa };
    });
    rows.sort(function (a, b) { return a.fa - b.fa || b.value - a.value || (a.label < b.label ? -1 : 1); });
    var box = barChart('chart-criteria', t('ch_crit'), rows);
    var legend = el('div', 'legend');
    FAMS.forEach(function (p) { var sw = el('span', 'sw'); sw.style.background = FAM_COLOR[p[1]]; add(legend, sw, el('span', null, t('fam_' + p[0]) + ' ')); });
    box.appendChild(legend);
    return box;
  }
  function classChart() {
    var count = {};
    SITES.forEach(function (s) { if (s.f) count[s.c] = (count[s.c] || 0) + 1; });
    var rows = CLASSES.filter(function (k) { return count[k]; }).map(function (k) { return { label: t('c_' + k), value: count[k], color: '#12263f' }; });
    return barChart('chart-classes', t('ch_class'), rows);
  }
  function scoreChart() {
    var wrap = el('figure', 'chart-box');
    add(wrap, el('figcaption', null, t('ch_scores')));
    var bins = [], step = 0.5, max = 0, top = 0;
    SITES.forEach(function (s) { if (s.sc > top) top = s.sc; });
    var nb = Math.max(4, Math.min(20, Math.ceil((top + 0.001) / step)));
    for (var b = 0; b < nb; b++) bins.push(0);
    SITES.forEach(function (s) { if (s.sc > 0) { var b = Math.min(nb - 1, Math.floor(s.sc / step)); bins[b]++; } });
    bins.forEach(function (v) { if (v > max) max = v; });
    var W = 560, H = 150, P = 24, bw = (W - 2 * P) / nb;
    var svg = svgBox('chart-scores', W, H);
    bins.forEach(function (v, b) {
      var h = max ? (H - 2 * P) * v / max : 0;
      var r = svgEl('rect', { x: P + b * bw + 1, y: H - P - h, width: bw - 2, height: Math.max(0, h), fill: b * step >= 1 ? '#b3261e' : '#9ca3af', 'data-v': v });
      r.appendChild(svgEl('title', {}, (b * step).toFixed(1) + '–' + ((b + 1) * step).toFixed(1) + ': ' + v + ' ' + t('ch_sites')));
      svg.appendChild(r);
      if (b % 2 === 0) svg.appendChild(svgEl('text', { x: P + b * bw, y: H - 8, 'class': 'lab' }, (b * step).toFixed(1)));
    });
    var x1 = P + (1 / step) * bw;
    svg.appendChild(svgEl('line', { x1: x1, x2: x1, y1: P / 2, y2: H - P, stroke: '#b3261e', 'stroke-dasharray': '4 3', 'class': 'thr' }));
    svg.appendChild(svgEl('text', { x: x1 + 3, y: P / 2 + 8, 'class': 'lab' }, '1.0'));
    wrap.appendChild(svg);
    return wrap;
  }
  var JUDGED = { licensed_aggregate: 1, licensed_social_network: 1, claims_unregistered_licence: 1, unlicensed_news_like: 1 };
  function negativeChart() {
    var wrap = el('figure', 'chart-box');
    add(wrap, el('figcaption', null, t('ch_neg')));
    var pts = SITES.filter(function (s) { return JUDGED[s.c] && s.ng && s.ng[3] > 0; });
    if (!pts.length) { add(wrap, el('p', 'quiet', t('ch_none'))); return wrap; }
    var thr = typeof pts[0].ng[4] === 'number' && pts[0].ng[4] > 0 ? pts[0].ng[4] : 0.15;
    var over = pts.filter(function (s) { return s.ng[0] > thr; }).length;
    pts.sort(function (a, b) { return b.ng[0] - a.ng[0] || (a.s < b.s ? -1 : 1); });
    var shown = pts.slice(0, 300);
    var W = 560, H = 170, P = 26, n = shown.length;
    var svg = svgBox('chart-negative', W, H);
    function x(i) { return P + (n > 1 ? i * (W - 2 * P) / (n - 1) : (W - 2 * P) / 2); }
    function y(v) { return H - P - v * (H - 2 * P); }
    [0, 0.5, 1].forEach(function (v) { svg.appendChild(svgEl('text', { x: 2, y: y(v) + 4, 'class': 'lab' }, (v * 100) + '%')); });
    shown.forEach(function (s, i) {
      svg.appendChild(svgEl('line', { x1: x(i), x2: x(i), y1: y(s.ng[1]), y2: y(s.ng[2]), stroke: '#cbd5e1' }));
    });
    shown.forEach(function (s, i) {
      var c = svgEl('circle', { cx: x(i), cy: y(s.ng[0]), r: 2.5, fill: s.ng[0] > thr ? '#b3261e' : '#0b5cad', 'data-site': s.s });
      c.appendChild(svgEl('title', {}, s.s + ': ' + pct(s.ng[0]) + ' [' + pct(s.ng[1]) + ' – ' + pct(s.ng[2]) + '], n = ' + s.ng[3]));
      svg.appendChild(c);
    });
    svg.appendChild(svgEl('line', { x1: P, x2: W - P, y1: y(thr), y2: y(thr), stroke: '#b3261e', 'stroke-dasharray': '4 3', 'class': 'thr', 'data-thr': thr }));
    svg.appendChild(svgEl('text', { x: W - P - 30, y: y(thr) - 4, 'class': 'lab' }, pct(thr)));
    wrap.appendChild(svg);
    add(wrap, el('p', 'quiet', over + ' / ' + pts.length + ' ' + t('ch_sites') + ' ' + t('ch_over') + (pts.length > shown.length ? ' · ' + shown.length + ' ' + t('ch_shown') : '')));
    return wrap;
  }

  function renderSummary(m) {
    var run = DATA.run || {};
    var flagged = 0, perFam = { 1: 0, 2: 0 }, perClass = {};
    for (var i = 0; i < SITES.length; i++) {
      var s = SITES[i];
      if (s.f) { flagged++; if (s.fa & 1) perFam[1]++; if (s.fa & 2) perFam[2]++; }
      perClass[s.c] = (perClass[s.c] || 0) + 1;
    }
    add(m, el('h2', null, t('flags_h')));
    var c = el('div', 'cards'); c.id = 'summary-cards';
    add(c, card(SITES.length, t('scanned')), card(flagged, t('flagged')), card(perFam[1], t('fam_bao_hoa')), card(perFam[2], t('fam_negative_ratio')));
    if (DATA.diff) add(c, card(DATA.diff.new_flags, t('new_flags')), card(DATA.diff.cleared, t('cleared')));
    m.appendChild(c);
    add(m, el('h2', null, t('classes_h')));
    var c2 = el('div', 'cards');
    CLASSES.forEach(function (k) { if (perClass[k]) c2.appendChild(card(perClass[k], t('c_' + k))); });
    m.appendChild(c2);
    var charts = el('div', 'charts'); charts.id = 'charts';
    add(charts, criteriaChart(), negativeChart(), scoreChart(), classChart());
    m.appendChild(charts);
    add(m, el('h2', null, t('groups_h')));
    if (!GROUPS.length) add(m, el('p', 'quiet', t('group_none')));
    else {
      var gl = el('div', 'cards'); gl.id = 'group-list';
      GROUPS.forEach(function (g, gi) {
        var c3 = el('div', 'card grp');
        add(c3, el('b', null, g.id), el('span', null, g.ns + ' ' + t('group_sites') + ' · ' + g.nst + ' ' + t('group_shared') + ' · ' + pct(g.ng) + ' ' + t('group_neg')));
        var names = el('div', 'quiet');
        g.s.forEach(function (x, k) { if (k) names.appendChild(document.createTextNode(', ')); names.appendChild(el('bdi', null, x)); });
        var b = el('button', null, t('group_open')); b.className = 'grp-open'; b.dataset.group = g.id;
        b.addEventListener('click', function () { state.sel = -1; openGroup(gi); });
        add(c3, names, b);
        gl.appendChild(c3);
      });
      m.appendChild(gl);
    }
    add(m, el('h2', null, t('run_h')));
    var r = el('div', 'cards');
    add(r, card(run.html_records || 0, t('pages')), card(run.inputs || 0, t('inputs')), card(run.damaged || 0, t('damaged')),
      card(num(run.wall_seconds, 1), t('seconds')), card(num(run.pages_per_s, 0), t('pps')));
    m.appendChild(r);
    add(m, el('p', 'quiet', t('run') + ': ' + vnTime(run.started_at || '') + ' · baohoa ' + (run.version || '') + ' · models ' +
      String(run.models_hash || '').slice(0, 12) + ' · ' + (run.complete ? t('complete') : t('incomplete'))));
  }

  function option(value, label, selected) { var o = el('option', null, label); o.value = String(value); if (selected) o.selected = true; return o; }

  function renderFilters(m) {
    var f = el('div', 'filters');
    var q = el('input'); q.id = 'q'; q.type = 'search'; q.placeholder = t('search'); q.value = state.q;
    q.addEventListener('input', function () { state.q = q.value; state.page = 0; renderTable(); });
    var fam = el('select'); fam.id = 'f-fam';
    add(fam, option(0, t('all_fam'), state.fam === 0));
    FAMS.forEach(function (p) { fam.appendChild(option(p[1], t('fam_' + p[0]), state.fam === p[1])); });
    fam.addEventListener('change', function () { state.fam = parseInt(fam.value, 10) || 0; state.page = 0; renderTable(); });
    var cls = el('select'); cls.id = 'f-class';
    add(cls, option('', t('all_class'), state.cls === ''));
    CLASSES.forEach(function (k) { cls.appendChild(option(k, t('c_' + k), state.cls === k)); });
    cls.addEventListener('change', function () { state.cls = cls.value; state.page = 0; renderTable(); });
    var crit = el('select'); crit.id = 'f-crit';
    add(crit, option(-1, t('all_crit'), state.crit < 0));
    var used = {};
    for (var i = 0; i < SITES.length; i++) (SITES[i].cr || []).forEach(function (k) { used[k] = 1; });
    Object.keys(used).map(Number).sort(function (a, b) { return cname(str(a)) < cname(str(b)) ? -1 : 1; })
      .forEach(function (k) { crit.appendChild(option(k, cname(str(k)), state.crit === k)); });
    crit.addEventListener('change', function () { state.crit = parseInt(crit.value, 10); state.page = 0; renderTable(); });
    var min = el('input'); min.id = 'f-min'; min.type = 'number'; min.step = '0.1'; min.placeholder = t('min_score'); min.value = state.min; min.style.width = '90px';
    min.addEventListener('input', function () { state.min = min.value; state.page = 0; renderTable(); });
    var dec = el('select'); dec.id = 'f-dec';
    add(dec, option('', t('all_dec'), state.dec === ''), option('none', t('no_dec'), state.dec === 'none'));
    KINDS.forEach(function (k) { dec.appendChild(option(k, t(k), state.dec === k)); });
    dec.addEventListener('change', function () { state.dec = dec.value; state.page = 0; renderTable(); });
    var lab = el('label');
    var cb = el('input'); cb.id = 'f-flagged'; cb.type = 'checkbox'; cb.checked = state.flagged;
    cb.addEventListener('change', function () { state.flagged = cb.checked; state.page = 0; renderTable(); });
    add(lab, cb, document.createTextNode(' ' + t('only_flagged')));
    add(f, q, fam, cls, crit, el('span', null, t('min_score')), min, dec, lab);
    m.appendChild(f);
  }

  var COLS = [['rank', 'rank'], ['site', 'site'], ['class', 'class'], ['score', 'score'], [null, 'families'], ['criteria', 'criteria'], ['neg', 'neg'], [null, 'change'], [null, 'decision']];

  function renderSites(m) {
    renderFilters(m);
    var lay = el('div', 'layout');
    var list = el('div', 'list');
    var pager = el('div', 'pager'); pager.id = 'pager';
    var tbl = el('table'); tbl.id = 'sites';
    var thead = el('thead'), tr = el('tr');
    COLS.forEach(function (c) {
      var th = el('th', c[0] === 'rank' || c[0] === 'score' || c[0] === 'neg' ? 'num' : null, t(c[1]));
      if (c[0]) {
        th.dataset.sort = c[0];
        if (state.sort === c[0]) th.className += ' sorted' + (state.asc ? ' asc' : '');
        th.addEventListener('click', function () {
          if (state.sort === c[0]) state.asc = !state.asc; else { state.sort = c[0]; state.asc = c[0] === 'rank' || c[0] === 'site' || c[0] === 'class'; }
          state.page = 0; render();
        });
      }
      tr.appendChild(th);
    });
    add(tbl, add(thead, tr));
    var tb = el('tbody'); tb.id = 'rows';
    tbl.appendChild(tb);
    add(list, pager, tbl);
    var panel = el('aside'); panel.id = 'panel';
    add(lay, list, panel);
    m.appendChild(lay);
    refs.tbody = tb; refs.pager = pager; refs.panel = panel;
    renderTable();
    if (state.sel >= 0 || state.grp >= 0) renderPanel(state.sel);
  }

  function renderTable() {
    applyFilter();
    var tb = refs.tbody;
    if (!tb) return;
    clear(tb);
    var start = state.page * PAGE_SIZE, end = Math.min(view.length, start + PAGE_SIZE);
    var frag = document.createDocumentFragment();
    for (var j = start; j < end; j++) frag.appendChild(row(view[j]));
    tb.appendChild(frag);
    var p = clear(refs.pager);
    var pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
    var prev = el('button', null, t('prev')); prev.id = 'prev'; prev.disabled = state.page === 0;
    prev.addEventListener('click', function () { state.page--; renderTable(); });
    var next = el('button', null, t('next')); next.id = 'next'; next.disabled = state.page >= pages - 1;
    next.addEventListener('click', function () { state.page++; renderTable(); });
    var info = el('span', null, t('page') + ' ' + (state.page + 1) + t('of') + pages + ' · ' + view.length + ' ' + t('rows'));
    info.id = 'count';
    add(p, prev, info, next);
  }

  function row(i) {
    var s = SITES[i];
    var tr = el('tr', state.sel === i ? 'sel' : '');
    tr.dataset.i = String(i);
    add(tr, el('td', 'num', s.r));
    var td = el('td'); add(td, el('bdi', 'site', s.s)); tr.appendChild(td);
    add(tr, add(el('td'), badge(t('c_' + s.c), 'b-' + s.c)));
    add(tr, el('td', 'num', num(s.sc, 2)));
    var fam = el('td');
    if (s.f) FAMS.forEach(function (p) { if (s.fa & p[1]) fam.appendChild(badge(t('fam_' + p[0]), 'b-flag')); });
    tr.appendChild(fam);
    add(tr, el('td', 'quiet', (s.cr || []).map(function (k) { return cname(str(k)); }).join(', ')));
    var nt = el('td', 'num neg');
    if (s.ng && s.ng[3] > 0) add(nt, shareBar(s), el('span', 'pv', pct(s.ng[0]))); else nt.textContent = '–';
    tr.appendChild(nt);
    var ch = el('td');
    if (s.ch) s.ch.k.forEach(function (k) { ch.appendChild(badge(t('k_' + k), 'b-' + k)); });
    tr.appendChild(ch);
    add(tr, add(el('td'), decisionBadge(currentDecision(s))));
    tr.tabIndex = 0;
    tr.addEventListener('click', function () { select(i); });
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') select(i); });
    return tr;
  }

  // Opens a site's panel and puts it in the address (#site=DOMAIN), so the panel can be linked.
  function select(i) {
    state.sel = i; state.grp = -1; markSelected(); renderPanel(i);
    setHash('#' + (lang === 'en' ? 'lang=en&' : '') + 'site=' + encodeURIComponent(SITES[i].s));
  }

  function markSelected() {
    var rows = refs.tbody ? refs.tbody.children : [];
    for (var k = 0; k < rows.length; k++) rows[k].className = rows[k].dataset.i === String(state.sel) ? 'sel' : '';
  }

  // A site's negative share in the table: the share as a bar on a 0–100% scale, its 95% interval
  // as a line across it and the threshold (15%) as a dashed mark; red when the share is over it.
  function shareBar(s) {
    var ng = s.ng, W = 100, H = 14, thr = typeof ng[4] === 'number' && ng[4] > 0 ? ng[4] : 0.15;
    function x(v) { return Math.max(0, Math.min(1, v)) * W; }
    var over = ng[0] > thr, judged = !!JUDGED[s.c];
    var svg = svgEl('svg', { 'class': 'sharebar', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'data-share': ng[0], 'data-lo': ng[1], 'data-hi': ng[2], 'data-thr': thr });
    svg.appendChild(svgEl('rect', { x: 0, y: 2, width: W, height: H - 4, 'class': 'sb-bg' }));
    svg.appendChild(svgEl('rect', { x: 0, y: 2, width: Math.max(0.5, x(ng[0])), height: H - 4,
      'class': 'sb-fill' + (judged ? (over ? ' over' : '') : ' nj') }));
    svg.appendChild(svgEl('line', { x1: x(ng[1]), x2: x(ng[2]), y1: H / 2, y2: H / 2, 'class': 'sb-ci' }));
    [ng[1], ng[2]].forEach(function (v) { svg.appendChild(svgEl('line', { x1: x(v), x2: x(v), y1: H / 2 - 3, y2: H / 2 + 3, 'class': 'sb-ci' })); });
    svg.appendChild(svgEl('line', { x1: x(thr), x2: x(thr), y1: 0, y2: H, 'class': 'sb-thr' }));
    svg.appendChild(svgEl('title', {}, tf('neg_row', pct(ng[0]), pct(ng[1]), pct(ng[2]), ng[3], pct(thr))));
    return svg;
  }

  function negBar(ng) {
    var share = ng[0], lo = ng[1], hi = ng[2], n = ng[3], thr = typeof ng[4] === 'number' && ng[4] > 0 ? ng[4] : 0.15;
    var scale = Math.min(1, Math.max(0.3, Math.ceil((Math.max(hi, thr) + 0.05) * 10) / 10));
    var wrap = el('div');
    add(wrap, el('div', null, t('neg_title') + ': ' + pct(share) + ' [' + pct(lo) + ' – ' + pct(hi) + '], n = ' + n));
    var bar = el('div', 'bar'); bar.id = 'negbar';
    var fill = el('div', 'fill' + (share > thr ? ' over' : '')); fill.style.width = (100 * share / scale) + '%';
    var ci = el('div', 'ci'); ci.style.left = (100 * lo / scale) + '%'; ci.style.width = Math.max(0.5, 100 * (hi - lo) / scale) + '%';
    var th = el('div', 'thr'); th.style.left = (100 * thr / scale) + '%';
    var thl = el('div', 'thrl', pct(thr)); thl.style.left = (100 * thr / scale) + '%';
    var l0 = el('div', 'lab', '0%'); l0.style.left = '0';
    var l1 = el('div', 'lab', pct(scale)); l1.style.right = '0';
    add(bar, fill, ci, th, thl, l0, l1);
    wrap.appendChild(bar);
    return wrap;
  }

  function runName(i) { var r = DATA.history_runs || []; return typeof r[i] === 'string' ? vnTime(r[i]) : '?'; }

  function historyChart(h) {
    var NS = 'http://www.w3.org/2000/svg', W = 320, H = 90, P = 6;
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('class', 'hist'); svg.setAttribute('width', String(W)); svg.setAttribute('height', String(H));
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    var max = 0.3;
    h.forEach(function (p) { if (p[3] > max) max = p[3]; });
    function x(k) { return P + (h.length > 1 ? k * (W - 2 * P) / (h.length - 1) : 0); }
    function y(v) { return H - P - v / max * (H - 2 * P); }
    var thr = document.createElementNS(NS, 'line');
    thr.setAttribute('x1', String(P)); thr.setAttribute('x2', String(W - P));
    thr.setAttribute('y1', String(y(0.15))); thr.setAttribute('y2', String(y(0.15)));
    thr.setAttribute('stroke', '#b3261e'); thr.setAttribute('stroke-dasharray', '4 3');
    svg.appendChild(thr);
    h.forEach(function (p, k) {
      var ci = document.createElementNS(NS, 'line');
      ci.setAttribute('x1', String(x(k))); ci.setAttribute('x2', String(x(k)));
      ci.setAttribute('y1', String(y(p[2]))); ci.setAttribute('y2', String(y(p[3]))); ci.setAttribute('stroke', '#9ca3af');
      svg.appendChild(ci);
    });
    var pl = document.createElementNS(NS, 'polyline');
    pl.setAttribute('points', h.map(function (p, k) { return x(k) + ',' + y(p[1]); }).join(' '));
    pl.setAttribute('fill', 'none'); pl.setAttribute('stroke', '#0b5cad'); pl.setAttribute('stroke-width', '2');
    svg.appendChild(pl);
    h.forEach(function (p, k) {
      var c = document.createElementNS(NS, 'circle');
      c.setAttribute('cx', String(x(k))); c.setAttribute('cy', String(y(p[1]))); c.setAttribute('r', '3'); c.setAttribute('fill', '#0b5cad');
      var tt = document.createElementNS(NS, 'title'); tt.textContent = runName(p[0]) + ': ' + pct(p[1]) + ' (n=' + p[4] + ')';
      c.appendChild(tt); svg.appendChild(c);
    });
    var wrap = el('div');
    add(wrap, el('div', null, t('history') + ' (' + runName(h[0][0]).slice(0, 10) + ' → ' + runName(h[h.length - 1][0]).slice(0, 10) + ')'), svg);
    wrap.id = 'history';
    return wrap;
  }

  function renderFinding(f) {
    var d = el('div', 'finding');
    var code = str(f.k);
    add(d, el('div', 'name', cname(code)));
    add(d, el('div', 'code', code + ' · ' + str(f.g) + ' · ' + t('weight') + ' ' + num(f.w, 2)));
    add(d, el('div', 'st', inLang(f, 'st', false)));
    if (code === 'domain.lookalike') {
      var who = (f.ev && f.ev.length && f.ev[0][1]) ? f.ev[0][1] : inLang(f, 'st', false);
      add(d, add(el('div', 'imit'), el('b', null, t('imitates') + ': '), el('bdi', null, who)));
    }
    add(d, el('div', 'meta', num(f.v, 3) + ' / ' + num(f.t, 3) + (f.ci ? ' [' + pct(f.ci[0]) + ' – ' + pct(f.ci[1]) + ']' : '') + ' · ' + f.n + ' ' + t('items')));
    if (f.ev && f.ev.length) {
      var ul = el('ul', 'ev');
      f.ev.forEach(function (e) {
        var li = el('li');
        if (e[0]) li.appendChild(link(e[0]));
        if (e[1]) li.appendChild(quote(e[1]));
        ul.appendChild(li);
      });
      add(d, el('div', 'meta', t('evidence') + ':'), ul);
    }
    add(d, el('div', 'meta', t('clears') + ': ' + inLang(f, 'cl', true)));
    add(d, el('div', 'meta', t('basis') + ': ' + inLang(f, 'b', true)));
    return d;
  }

  function renderPanel(i) {
    var p = refs.panel;
    if (!p) return;
    if (state.grp >= 0 && GROUPS[state.grp]) { renderGroupPanel(state.grp); return; }
    clear(p);
    p.className = '';
    var s = SITES[i];
    if (!s) return;
    add(p, add(el('h2'), el('bdi', 'site', s.s)));
    var head = el('div');
    add(head, badge(t('c_' + s.c), 'b-' + s.c));
    if (s.f) FAMS.forEach(function (q) { if (s.fa & q[1]) head.appendChild(badge(t('fam_' + q[0]), 'b-flag')); });
    if (s.ch) s.ch.k.forEach(function (k) { head.appendChild(badge(t('k_' + k), 'b-' + k)); });
    add(head, decisionBadge(currentDecision(s)));
    add(head, el('span', 'quiet', ' ' + t('score') + ' ' + num(s.sc, 2) + ' · ' + s.p + ' ' + t('pages') + (typeof s.i === 'number' ? ' · ' + s.i + ' ' + t('items') : '')));
    p.appendChild(head);
    if (s.ng) p.appendChild(negBar(s.ng));
    if (s.h && s.h.length > 1) p.appendChild(historyChart(s.h));
    (SITE_GROUPS[s.s] || []).forEach(function (gi) { p.appendChild(groupBox(gi)); });
    if (s.ch) {
      var c = s.ch, parts = [];
      if (c.os !== null || c.ns !== null) parts.push(t('score') + ' ' + num(c.os, 2) + ' → ' + num(c.ns, 2));
      if (c.on !== null || c.nn !== null) parts.push(t('neg') + ' ' + pct(c.on) + ' → ' + pct(c.nn));
      if (c.add.length) parts.push('+ ' + c.add.map(cname).join(', '));
      if (c.rm.length) parts.push('− ' + c.rm.map(cname).join(', '));
      add(p, el('p', 'quiet', t('changes') + ': ' + parts.join(' · ')));
    }
    var fired = (s.fd || []).filter(function (f) { return !Array.isArray(f); });
    var quiet = (s.fd || []).filter(function (f) { return Array.isArray(f); });
    add(p, el('h3', null, t('fired')));
    if (!fired.length) add(p, el('p', 'quiet', t('none_fired')));
    fired.forEach(function (f) { p.appendChild(renderFinding(f)); });
    if (s.tr) add(p, el('p', 'quiet', t('trimmed') + ' baohoa explain ' + s.s));
    if (quiet.length) {
      add(p, el('h3', null, t('not_fired')));
      var ul = el('ul', 'quiet');
      quiet.forEach(function (q) { ul.appendChild(el('li', null, cname(str(q[0])) + ': ' + num(q[1], 3) + ' / ' + num(q[2], 3) + ' · ' + q[3] + ' ' + t('items'))); });
      p.appendChild(ul);
    }
    p.appendChild(renderDecide(s));
  }

  // --- groups: who posted which story when, and the member sites as a graph ------------------
  function groupLabel(g) { return t('group') + ' ' + g.id; }
  function groupBox(gi) {
    var g = GROUPS[gi];
    var box = el('div', 'grpbox');
    add(box, el('b', null, t('group_member') + ': ' + g.id), el('div', 'quiet', g.ns + ' ' + t('group_sites') + ' · ' + g.nst + ' ' +
      t('group_shared') + ' · ' + pct(g.ng) + ' ' + t('group_neg')));
    var b = el('button', null, t('group_open')); b.className = 'grp-open'; b.dataset.group = g.id;
    b.addEventListener('click', function () { openGroup(gi); });
    box.appendChild(b);
    return box;
  }
  function setHash(h) { try { history.replaceState(null, '', h); } catch (e) { try { location.hash = h; } catch (e2) { /* no address to update */ } } }
  function openGroup(gi) {
    state.grp = gi;
    if (state.tab !== 'sites') { state.tab = 'sites'; render(); } else renderPanel(state.sel);
    setHash('#' + (lang === 'en' ? 'lang=en&' : '') + 'group=' + encodeURIComponent(GROUPS[gi].id));
  }
  function copySite(g, c) { return typeof c[0] === 'number' ? g.s[c[0]] : String(c[0]); }
  function copyTitle(g, c, isOrigin) {
    var parts = [copySite(g, c), c[2] ? vnTime(c[2]) : '?'];
    if (isOrigin) parts.push(t('group_origin'));
    else if (typeof c[4] === 'number') parts.push('+' + c[4] + ' ' + t('group_min') + ' ' + t('group_lag'));
    if (!isOrigin) parts.push(c[5] ? t('group_cites') : t('group_nocite'));
    if (c[3] === 'crawl') parts.push(t('group_crawl'));
    parts.push(c[1]);
    return parts.join(' · ');
  }
  var STORY_COLORS = ['#0b5cad', '#b3261e', '#1a7f37', '#9a6700', '#6d28d9', '#0e7490', '#be185d', '#4b5563'];
  function timeline(g) {
    var lanes = g.s.slice(), outside = false;
    var pts = [];
    g.st.forEach(function (st, k) {
      var originIn = false;
      st.c.forEach(function (c) {
        var ms = Date.parse(c[2]);
        var org = !!st.o && typeof st.o[0] === 'number' && st.o[0] === c[0] && st.o[1] === c[1];
        if (org) originIn = true;
        if (isFinite(ms)) pts.push({ k: k, lane: c[0], ms: ms, c: c, org: org });
      });
      if (st.o && !originIn) {
        var ms = Date.parse(st.o[2]);
        var lane = typeof st.o[0] === 'number' ? st.o[0] : lanes.length;
        if (typeof st.o[0] !== 'number') outside = true;
        if (isFinite(ms)) pts.push({ k: k, lane: lane, ms: ms, c: st.o, org: true, out: typeof st.o[0] !== 'number' });
      }
    });
    if (outside) lanes.push(t('group_outside'));
    // As wide as the panel (an inspector reads it beside the table), at least 420 px.
    var avail = refs.panel && refs.panel.clientWidth ? refs.panel.clientWidth - 48 : 0;
    var LW = 150, W = Math.max(420, Math.min(1100, avail)), RH = 26, top = 8, H = top + lanes.length * RH + 34;
    var svg = svgBox('group-timeline', W, H);
    svg.setAttribute('data-group', g.id);
    if (!pts.length) { var w0 = el('div'); add(w0, el('p', 'quiet', t('ch_none'))); return w0; }
    var t0 = pts[0].ms, t1 = pts[0].ms;
    pts.forEach(function (q) { if (q.ms < t0) t0 = q.ms; if (q.ms > t1) t1 = q.ms; });
    if (t1 - t0 < 3600e3) { t0 -= 1800e3; t1 += 1800e3; }
    function x(ms) { return LW + 12 + (ms - t0) / (t1 - t0) * (W - LW - 28); }
    function y(l) { return top + l * RH + RH / 2; }
    lanes.forEach(function (name, l) {
      svg.appendChild(svgEl('line', { x1: LW, x2: W - 10, y1: y(l), y2: y(l), 'class': 'lane' }));
      var lab = svgEl('text', { x: LW - 6, y: y(l) + 4, 'text-anchor': 'end', 'class': 'lab' + (l >= g.s.length ? ' out' : '') }, name.length > 22 ? name.slice(0, 21) + '…' : name);
      lab.appendChild(svgEl('title', {}, name));
      svg.appendChild(lab);
    });
    // Time ticks, as many as fit (a label is about 80 px).
    var nt = Math.max(1, Math.min(6, Math.floor((W - LW - 28) / 95)));
    for (var tk = 0; tk <= nt; tk++) {
      var ms = t0 + (t1 - t0) * tk / nt, xx = x(ms), lab = vnTime(new Date(ms).toISOString());
      svg.appendChild(svgEl('line', { x1: xx, x2: xx, y1: top, y2: H - 28, 'class': 'tick' }));
      svg.appendChild(svgEl('text', { x: xx, y: H - 16, 'text-anchor': tk === 0 ? 'start' : tk === nt ? 'end' : 'middle', 'class': 'lab' }, lab.slice(5, 10) + ' ' + lab.slice(11, 16)));
    }
    svg.appendChild(svgEl('text', { x: LW - 6, y: H - 16, 'text-anchor': 'end', 'class': 'lab' }, '(+07:00)'));
    // One story: its copies joined in time order, the origin as a diamond (a star outside the group).
    g.st.forEach(function (st, k) {
      var mine = pts.filter(function (q) { return q.k === k; }).sort(function (a, b) { return a.ms - b.ms; });
      var col = STORY_COLORS[k % STORY_COLORS.length];
      if (mine.length > 1) svg.appendChild(svgEl('polyline', { points: mine.map(function (q) { return x(q.ms) + ',' + y(q.lane); }).join(' '),
        fill: 'none', stroke: col, 'stroke-width': 1.2, 'stroke-opacity': 0.6, 'data-story': st.k }));
      mine.forEach(function (q) {
        var cx = x(q.ms), cy = y(q.lane), m;
        if (q.org) {
          m = q.out ? svgEl('polygon', { points: star(cx, cy, 7, 3) }) : svgEl('polygon', { points: (cx) + ',' + (cy - 7) + ' ' + (cx + 7) + ',' + cy + ' ' + cx + ',' + (cy + 7) + ' ' + (cx - 7) + ',' + cy });
          m.setAttribute('class', 'origin');
        } else {
          m = svgEl('circle', { cx: cx, cy: cy, r: 4, 'class': 'copy' + (q.c[5] ? '' : ' nocite') });
        }
        m.setAttribute('fill', col);
        m.setAttribute('data-story', st.k);
        if (st.n) m.setAttribute('data-neg', '1');
        m.appendChild(svgEl('title', {}, st.k + (st.n ? ' (' + t('group_neg') + ')' : '') + ': ' + copyTitle(g, q.c, q.org)));
        svg.appendChild(m);
      });
    });
    var wrap = el('figure', 'chart-box');
    add(wrap, el('figcaption', null, t('group_timeline')), svg);
    if (g.nst > g.st.length) add(wrap, el('p', 'quiet', tf('group_stories_cut', g.st.length, g.nst)));
    return wrap;
  }
  function star(cx, cy, R, r) {
    var p = [];
    for (var i = 0; i < 10; i++) { var a = Math.PI / 5 * i - Math.PI / 2, rr = i % 2 ? r : R; p.push((cx + rr * Math.cos(a)).toFixed(1) + ',' + (cy + rr * Math.sin(a)).toFixed(1)); }
    return p.join(' ');
  }
  function groupGraph(g) {
    var W = 360, H = 300, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 50, n = g.s.length, maxw = 1;
    var svg = svgBox('group-graph', W, H);
    function pos(i) { var a = 2 * Math.PI * i / n - Math.PI / 2; return [cx + R * Math.cos(a), cy + R * Math.sin(a)]; }
    g.l.forEach(function (l) { if (l[2] > maxw) maxw = l[2]; });
    g.l.forEach(function (l) {
      var a = pos(l[0]), b = pos(l[1]);
      var e = svgEl('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'class': 'edge', 'stroke-width': 1 + 5 * l[2] / maxw, 'data-n': l[2] });
      e.appendChild(svgEl('title', {}, g.s[l[0]] + ' — ' + g.s[l[1]] + ': ' + l[2] + ' ' + t('group_shared')));
      svg.appendChild(e);
    });
    var here = state.sel >= 0 && SITES[state.sel] ? SITES[state.sel].s : null;
    g.s.forEach(function (name, i) {
      var q = pos(i), node = svgEl('g', { 'class': 'node' + (name === here ? ' here' : ''), 'data-site': name, tabindex: 0 });
      node.appendChild(svgEl('circle', { cx: q[0], cy: q[1], r: 9 }));
      node.appendChild(svgEl('text', { x: q[0], y: q[1] + (q[1] < cy ? -14 : 22), 'text-anchor': 'middle', 'class': 'lab' }, name.length > 28 ? name.slice(0, 27) + '…' : name));
      node.appendChild(svgEl('title', {}, name));
      var k = SITE_INDEX[name];
      if (k !== undefined) {
        var go = function () { state.q = ''; state.page = 0; select(k); };
        node.addEventListener('click', go);
        node.addEventListener('keydown', function (e) { if (e.key === 'Enter') go(); });
      }
      svg.appendChild(node);
    });
    var wrap = el('figure', 'chart-box');
    add(wrap, el('figcaption', null, t('group_graph')), svg);
    return wrap;
  }
  function storyList(g) {
    var tbl = el('table', 'stories'); tbl.id = 'group-stories';
    var hr = el('tr');
    ['#', t('group_origin'), t('group_shared')].forEach(function (h) { hr.appendChild(el('th', null, h)); });
    add(tbl, add(el('thead'), hr));
    var tb = el('tbody');
    g.st.forEach(function (st) {
      var tr = el('tr');
      add(tr, el('td', null, st.k + (st.n ? ' · ' + t('group_neg') : '')));
      var o = el('td');
      if (st.o) add(o, el('bdi', 'site', copySite(g, st.o)), el('div', 'quiet', st.o[2] ? vnTime(st.o[2]) : '?'), link(st.o[1]));
      tr.appendChild(o);
      var cs = el('td'), ul = el('ul', 'ev');
      st.c.forEach(function (c) {
        var org = !!st.o && st.o[0] === c[0] && st.o[1] === c[1];
        var li = el('li');
        add(li, el('bdi', 'site', copySite(g, c)), document.createTextNode(' ' + (org ? t('group_origin') :
          (typeof c[4] === 'number' ? '+' + c[4] + ' ' + t('group_min') : '?') + ' · ' + (c[5] ? t('group_cites') : t('group_nocite'))) +
          (c[3] === 'crawl' ? ' · ' + t('group_crawl') : '') + ' '), link(c[1]));
        ul.appendChild(li);
      });
      cs.appendChild(ul);
      tr.appendChild(cs);
      tb.appendChild(tr);
    });
    tbl.appendChild(tb);
    return tbl;
  }
  function renderGroupPanel(gi) {
    var p = refs.panel;
    var g = GROUPS[gi];
    if (!p || !g) return;
    clear(p);
    p.className = 'group';
    p.dataset.group = g.id;
    if (state.sel >= 0 && SITES[state.sel]) {
      var back = el('button', 'back', t('group_back')); back.id = 'group-back';
      back.addEventListener('click', function () { select(state.sel); });
      p.appendChild(back);
    }
    add(p, el('h2', null, groupLabel(g)));
    add(p, el('p', 'quiet', g.ns + ' ' + t('group_sites') + ' · ' + g.nst + ' ' + t('group_shared') + ' · ' + pct(g.ng) + ' ' + t('group_neg')));
    if (g.tg.length) add(p, el('p', null, t('group_targets') + ': ' + g.tg.map(function (x) { return x[0] + ' (' + x[1] + ')'; }).join(', ')));
    if (g.op && g.op.length) {
      var ops = el('div', 'ops'); ops.id = 'group-operators';
      add(ops, el('div', null, t('group_ops') + ':'));
      var ul = el('ul', 'quiet');
      g.op.forEach(function (o) { ul.appendChild(add(el('li'), el('code', null, o[0]), document.createTextNode(' — ' + o[1].join(', ')))); });
      add(p, add(ops, ul));
    }
    add(p, groupGraph(g), timeline(g), storyList(g));
  }

  function renderDecide(s) {
    var box = el('div', 'decide'); box.id = 'decide';
    if (s.d) {
      var d = s.d;
      add(box, el('div', null, t('dec_run') + ': ' + t(d.decision) + ' · ' + t('date') + ' ' + vnTime(d.date) + ' · ' +
        (d.in_force ? t('in_force') : t('lapsed') + ' (' + d.new_criteria.map(cname).join(', ') + ')') + (d.unflagged ? ' · ' + t('unflagged') : '')));
      if (d.note) add(box, el('div', 'quiet', d.note));
    }
    var local = Object.prototype.hasOwnProperty.call(LOCAL, s.s) ? LOCAL[s.s] : null;
    if (local) add(box, el('div', null, t('dec_local') + ': ' + t(local.decision) + ' · ' + t('date') + ' ' + vnTime(local.date)));
    var cur = currentDecision(s);
    var chosen = cur ? cur.decision : null;
    var btns = el('div');
    var buttons = {};
    KINDS.forEach(function (k) {
      var b = el('button', chosen === k ? 'on' : '', t(k)); b.id = 'dec-' + k;
      b.addEventListener('click', function () { chosen = k; KINDS.forEach(function (o) { buttons[o].className = o === k ? 'on' : ''; }); });
      buttons[k] = b; btns.appendChild(b);
    });
    var note = el('textarea'); note.id = 'dec-note'; note.placeholder = t('note'); note.value = cur && cur.note ? cur.note : '';
    var save = el('button', null, t('save')); save.id = 'dec-save';
    var msg = el('div', 'quiet'); msg.id = 'dec-msg';
    save.addEventListener('click', function () {
      if (!chosen) return;
      decide(s, chosen, note.value);
      renderTable();
      renderPanel(SITES.indexOf(s));
      var m2 = document.getElementById('dec-msg');
      if (m2) m2.textContent = t('saved');
    });
    var clr = el('button', null, t('clear')); clr.id = 'dec-clear';
    clr.addEventListener('click', function () { decide(s, null); chosen = null; renderTable(); renderPanel(SITES.indexOf(s)); });
    add(box, el('h3', null, t('decision')), btns, note, add(el('div'), save, clr), msg);
    return box;
  }

  function renderChanges(m) {
    var d = DATA.diff;
    if (!d) { add(m, el('p', null, t('no_diff'))); return; }
    var c = el('div', 'cards');
    add(c, card(d.new_flags, t('new_flags')), card(d.cleared, t('cleared')), card(d.changed, t('changed')),
      card(d.flagged_old + ' → ' + d.flagged_new, t('flagged')));
    add(m, el('p', 'quiet', d.old_run + ' → ' + d.new_run), c);
    var tbl = el('table'); tbl.id = 'changes-table';
    var hr = el('tr');
    ['site', 'change', 'score', 'neg', 'criteria'].forEach(function (k) { hr.appendChild(el('th', null, t(k))); });
    add(tbl, add(el('thead'), hr));
    var tb = el('tbody');
    var rows = [];
    for (var i = 0; i < SITES.length; i++) if (SITES[i].ch) rows.push({ s: SITES[i], i: i });
    (d.gone || []).forEach(function (g) { rows.push({ s: g, i: -1 }); });
    rows.slice(0, 2000).forEach(function (r) {
      var s = r.s, ch = s.ch, tr = el('tr');
      var td = el('td'); td.appendChild(el('bdi', 'site', s.s)); tr.appendChild(td);
      var k = el('td'); ch.k.forEach(function (x) { k.appendChild(badge(t('k_' + x), 'b-' + x)); }); tr.appendChild(k);
      add(tr, el('td', 'num', num(ch.os, 2) + ' → ' + num(ch.ns, 2)), el('td', 'num', pct(ch.on) + ' → ' + pct(ch.nn)));
      add(tr, el('td', 'quiet', (ch.add.length ? '+ ' + ch.add.map(cname).join(', ') + ' ' : '') + (ch.rm.length ? '− ' + ch.rm.map(cname).join(', ') : '')));
      if (r.i >= 0) tr.addEventListener('click', function () { state.tab = 'sites'; state.sel = r.i; state.q = s.s; state.page = 0; render(); });
      tb.appendChild(tr);
    });
    tbl.appendChild(tb);
    m.appendChild(tbl);
  }

  function render() {
    buildShell();
    refs.tbody = null; refs.panel = null;
    if (state.tab === 'summary') renderSummary(refs.main);
    else if (state.tab === 'changes') renderChanges(refs.main);
    else renderSites(refs.main);
  }

  // --- start, hash modes (#site=…, #tab=…) and the self-test (#selftest) ---------------------
  var hash = location.hash.replace(/^#/, '');
  try { hash = decodeURIComponent(hash); } catch (e) { hash = ''; }
  var lm = /^lang=(vi|en)(&|$)/.exec(hash);
  if (lm) { lang = lm[1]; hash = hash.slice(lm[0].length); }
  if (hash.indexOf('tab=') === 0) state.tab = hash.slice(4);
  if (hash.indexOf('group=') === 0) {
    var wantG = hash.slice(6);
    for (var gk = 0; gk < GROUPS.length; gk++) if (GROUPS[gk].id === wantG) state.grp = gk;
  }
  if (hash.indexOf('site=') === 0) {
    var want = hash.slice(5);
    for (var k = 0; k < SITES.length; k++) if (SITES[k].s === want) { state.sel = k; state.q = want; }
  }
  render();
  var OPEN_MS = performance.now();

  function selftest() {
    var res = { ok: true, checks: [], open_ms: OPEN_MS, init_ms: OPEN_MS - T0, sites: SITES.length };
    function check(name, cond, info) { res.checks.push({ name: name, ok: !!cond, info: info === undefined ? null : info }); if (!cond) res.ok = false; }
    function rowsText() { var out = []; var r = refs.tbody.children; for (var i = 0; i < r.length; i++) out.push(SITES[parseInt(r[i].dataset.i, 10)]); return out; }
    state.tab = 'summary'; render();
    var bars = document.querySelectorAll('#chart-criteria rect').length;
    check('charts', bars > 0 && document.querySelector('#chart-negative line.thr, #charts p') !== null &&
      document.querySelectorAll('#chart-scores rect').length > 0, bars);
    state.tab = 'sites'; render();
    // Sorting by score, both directions.
    var th = document.querySelector('th[data-sort="score"]');
    th.click();
    var r1 = rowsText();
    var desc = r1.every(function (s, i) { return i === 0 || r1[i - 1].sc >= s.sc; });
    document.querySelector('th[data-sort="score"]').click();
    var r2 = rowsText();
    var asc = r2.every(function (s, i) { return i === 0 || r2[i - 1].sc <= s.sc; });
    check('sort_score_desc', desc && r1.length > 0);
    check('sort_score_asc', asc && r2.length > 0);
    document.querySelector('th[data-sort="site"]').click();
    var r3 = rowsText();
    check('sort_site', r3.every(function (s, i) { return i === 0 || r3[i - 1].s <= s.s; }));
    // Filters: domain search (timed), family, flagged only.
    var q = document.getElementById('q');
    var needle = SITES.length ? SITES[Math.floor(SITES.length / 2)].s.slice(0, 6) : 'x';
    var tf = performance.now();
    q.value = needle; q.dispatchEvent(new Event('input'));
    res.filter_ms = performance.now() - tf;
    var r4 = rowsText();
    check('filter_search', r4.length > 0 && r4.every(function (s) { return s.s.toLowerCase().indexOf(needle.toLowerCase()) >= 0; }), needle);
    q.value = ''; q.dispatchEvent(new Event('input'));
    var fam = document.getElementById('f-fam'); fam.value = '2'; fam.dispatchEvent(new Event('change'));
    var r5 = rowsText();
    check('filter_family', r5.every(function (s) { return (s.fa & 2) !== 0; }), r5.length);
    fam.value = '0'; fam.dispatchEvent(new Event('change'));
    var fl = document.getElementById('f-flagged'); fl.checked = true; fl.dispatchEvent(new Event('change'));
    var r6 = rowsText();
    check('filter_flagged', r6.length > 0 && r6.every(function (s) { return s.f === 1; }), view.length);
    // Open the top flagged site, check its links, decide, export.
    var first = refs.tbody.firstChild;
    first.click();
    var site = SITES[parseInt(first.dataset.i, 10)];
    var links = refs.panel.querySelectorAll('a');
    var badLinks = 0;
    for (var i = 0; i < links.length; i++) if (!/^https?:/i.test(links[i].getAttribute('href') || '')) badLinks++;
    check('panel_opened', refs.panel.querySelector('h2') !== null && refs.panel.textContent.indexOf(site.s) >= 0, site.s);
    check('site_link', location.hash === '#site=' + encodeURIComponent(site.s), location.hash);
    check('links_http_only', badLinks === 0, links.length);
    document.getElementById('dec-dismissed').click();
    document.getElementById('dec-note').value = 'selftest: không phải báo';
    document.getElementById('dec-save').click();
    var stored = localDecisions()[site.s];
    check('decision_stored', stored && stored.decision === 'dismissed');
    var exported = JSON.parse(exportDecisions());
    var mine = exported.decisions.filter(function (d) { return d.site === site.s; })[0];
    check('decision_exported', exported.schema === 1 && mine && mine.decision === 'dismissed' &&
      mine.note === 'selftest: không phải báo' && Array.isArray(mine.fired_at_decision), mine ? mine.fired_at_decision : null);
    var dec = document.getElementById('f-dec'); dec.value = 'dismissed'; dec.dispatchEvent(new Event('change'));
    check('filter_decision', view.length >= 1 && view.every(function (k) { var d = currentDecision(SITES[k]); return d && d.decision === 'dismissed'; }), view.length);
    // Hostile content stayed text.
    check('no_injected_script', window.__pwned === undefined && document.querySelectorAll('script').length === 2 &&
      document.querySelectorAll('img,iframe,object,embed').length === 0);
    // Language toggle.
    document.getElementById('lang').click();
    check('lang_toggle', document.documentElement.lang === 'en' && document.getElementById('tab-sites').textContent === 'Sites');
    document.getElementById('lang').click();
    decide(site, null);
    selftestShareBars(check);
    selftestDecisionStore(check, site);
    selftestImport(check, site);
    selftestGroups(check, res);
    res.errors = ERRORS.slice();
    check('no_errors', ERRORS.length === 0, ERRORS);
    var out = el('pre', null, JSON.stringify(res));
    out.id = 'selftest';
    document.body.appendChild(out);
  }
  // Share bars: one per row with a measured share, drawn at the share, its interval and the line.
  function selftestShareBars(check) {
    state.tab = 'sites'; state.q = ''; state.flagged = false; state.fam = 0; state.dec = ''; state.sort = 'rank'; state.asc = true; state.page = 0; render();
    var rows = refs.tbody.children, bad = [], drawn = 0, over = 0;
    for (var i = 0; i < rows.length; i++) {
      var s = SITES[parseInt(rows[i].dataset.i, 10)], bar = rows[i].querySelector('svg.sharebar');
      if (!(s.ng && s.ng[3] > 0)) { if (bar) bad.push(s.s + ': bar without a share'); continue; }
      if (!bar) { bad.push(s.s + ': no bar'); continue; }
      drawn++;
      var fill = bar.querySelector('.sb-fill'), ci = bar.querySelectorAll('.sb-ci')[0], thr = bar.querySelector('.sb-thr');
      var want = Math.max(0.5, Math.min(1, s.ng[0]) * 100);
      if (Math.abs(parseFloat(fill.getAttribute('width')) - want) > 1e-6) bad.push(s.s + ': fill ' + fill.getAttribute('width') + ' ≠ ' + want);
      if (Math.abs(parseFloat(ci.getAttribute('x1')) - s.ng[1] * 100) > 1e-6 || Math.abs(parseFloat(ci.getAttribute('x2')) - Math.min(1, s.ng[2]) * 100) > 1e-6) bad.push(s.s + ': interval');
      if (Math.abs(parseFloat(thr.getAttribute('x1')) - (s.ng[4] || 0.15) * 100) > 1e-6) bad.push(s.s + ': threshold at ' + thr.getAttribute('x1'));
      var isOver = / over/.test(fill.getAttribute('class'));
      if (isOver !== (!!JUDGED[s.c] && s.ng[0] > (s.ng[4] || 0.15))) bad.push(s.s + ': over mark');
      if (isOver) over++;
    }
    check('share_bars', drawn > 0 && bad.length === 0, { drawn: drawn, over: over, bad: bad.slice(0, 5) });
  }
  // Decisions are stored under this run's key; the old shared key is read once, for this report's sites.
  function selftestDecisionStore(check, site) {
    var keep = load(STORE_KEY);
    decide(site, 'watch', 'selftest');
    var mineRaw = load(STORE_KEY) || '';
    check('decisions_keyed_by_run', typeof DATA.run_id === 'string' && DATA.run_id.length >= 8 && STORE_KEY === 'baohoa.decisions.v2:' + DATA.run_id &&
      mineRaw.indexOf('"watch"') >= 0 && load(LEGACY_KEY) === null, STORE_KEY);
    // Another report's key is not read.
    store('baohoa.decisions.v2:another-run', JSON.stringify({ x: { site: site.s, decision: 'confirmed', note: '', date: '2030-01-01', fired_at_decision: [] } }));
    var again = localDecisions();
    check('decisions_not_shared', again[site.s] && again[site.s].decision === 'watch');
    store('baohoa.decisions.v2:another-run', null);
    // Migration from the old key, once.
    var other = SITES.length > 1 ? SITES[SITES.length - 1] : site;
    var legacy = {};
    legacy[other.s] = { site: other.s, decision: 'confirmed', note: 'cũ', date: '2026-01-02T03:04:05Z', fired_at_decision: [] };
    legacy['not-in-this-report.example'] = { site: 'not-in-this-report.example', decision: 'watch', note: '', date: '2026-01-02', fired_at_decision: [] };
    store(LEGACY_KEY, JSON.stringify(legacy)); store(MIGRATED_KEY, null); store(STORE_KEY, null);
    var migrated = localDecisions();
    var marker = load(MIGRATED_KEY);
    store(STORE_KEY, null);
    var second = localDecisions();
    check('decisions_migrated_once', migrated[other.s] && migrated[other.s].decision === 'confirmed' && migrated[other.s].note === 'cũ' &&
      migrated['not-in-this-report.example'] === undefined && marker === RUN_ID && Object.keys(second).length === 0 &&
      load(LEGACY_KEY) !== null, Object.keys(migrated));
    store(LEGACY_KEY, null); store(MIGRATED_KEY, null);
    store(STORE_KEY, keep);
    LOCAL = localDecisions();
  }
  // The import reads what export writes; a faulty file is refused whole, its faults shown in vi and en.
  function selftestImport(check, site) {
    var keep = load(STORE_KEY);
    decide(site, null);
    var file = JSON.stringify({ schema: 1, decisions: [
      { site: site.s, decision: 'watch', note: 'nhập từ tệp', date: '2031-05-06T07:08:09Z', fired_at_decision: firedCodes(site) },
      { site: 'elsewhere.example', decision: 'confirmed', note: '', date: '2031-05-06', fired_at_decision: [] }] });
    var r = importText(file, 'decisions.json');
    var cur = currentDecision(site);
    var ex = JSON.parse(exportJson());
    var outside = ex.decisions.filter(function (d) { return d.site === 'elsewhere.example'; });
    check('import_applies', r.ok && r.applied === 2 && r.other === 1 && cur && cur.decision === 'watch' && cur.note === 'nhập từ tệp' &&
      outside.length === 1 && outside[0].decision === 'confirmed', r.lines);
    // Re-importing an older decision does not replace a newer one.
    var old = JSON.stringify({ schema: 1, decisions: [{ site: site.s, decision: 'dismissed', note: '', date: '2020-01-01', fired_at_decision: [] }] });
    var r2 = importText(old, 'old.json');
    check('import_keeps_newer', r2.ok && r2.older === 1 && currentDecision(site).decision === 'watch', r2.lines);
    var before = JSON.stringify(LOCAL);
    var badFile = JSON.stringify({ schema: 1, decisions: [{ site: site.s, decision: 'maybe', date: '2031-01-01' }, { decision: 'watch', date: '2031-01-01' },
      { site: 'a.vn', decision: 'watch', date: 'yesterday' }] });
    showImport(importText(badFile, 'hỏng.json'));
    var box = document.getElementById('import-msg');
    var vi = box ? box.textContent : '';
    check('import_refuses_vi', box && box.getAttribute('role') === 'alert' && JSON.stringify(LOCAL) === before &&
      vi.indexOf('Không nhập được hỏng.json') >= 0 && vi.indexOf('quyết định thứ 1: "decision" phải là confirmed, dismissed hoặc watch') >= 0 &&
      vi.indexOf('quyết định thứ 2: "site" trống') >= 0 && vi.indexOf('quyết định thứ 3: "date" không phải ngày ISO 8601') >= 0, vi);
    document.getElementById('lang').click();
    var en = document.getElementById('import-msg').textContent;
    check('import_refuses_en', en.indexOf('Could not import hỏng.json') >= 0 && en.indexOf('decision 1: "decision" must be confirmed, dismissed or watch') >= 0, en);
    document.getElementById('lang').click();
    var r3 = importText('{"schema":2,"decisions":[]}', 'v2.json'), r4 = importText('not json', 'x.json'), r5 = importText('[1,2]', 'y.json');
    check('import_refuses_schema_and_shape', !r3.ok && r3.lines[1][0] === 'imp_schema' && !r4.ok && r4.lines[1][0] === 'imp_not_json' && !r5.ok && r5.lines[1][0] === 'imp_shape');
    document.getElementById('import-close').click();
    check('import_message_closes', document.getElementById('import-msg') === null);
    check('import_button', document.getElementById('import') !== null && document.getElementById('import-file').type === 'file');
    store(STORE_KEY, keep);
    LOCAL = localDecisions();
  }
  // Each member's panel leads to its group: the graph has every member and link, the timeline
  // every timed copy and the origins (a diamond in the group, a star outside).
  function selftestGroups(check, res) {
    res.groups = GROUPS.length;
    if (!GROUPS.length) return;
    var g = GROUPS[0], k = SITE_INDEX[g.s[0]];
    state.tab = 'sites'; state.q = ''; state.page = 0; state.grp = -1; render();
    if (k === undefined) { check('group_member_listed', false, g.s[0]); return; }
    select(k);
    var btn = refs.panel.querySelector('button.grp-open');
    check('group_reachable_from_site', btn !== null && btn.dataset.group === g.id, g.id);
    if (!btn) return;
    btn.click();
    var tl = document.getElementById('group-timeline'), gr = document.getElementById('group-graph');
    var copies = 0, origins = 0, outside = 0;
    g.st.forEach(function (st) {
      st.c.forEach(function (c) { if (isFinite(Date.parse(c[2]))) copies++; });
      if (st.o && isFinite(Date.parse(st.o[2]))) {
        origins++;
        var inGroup = st.c.some(function (c) { return typeof st.o[0] === 'number' && c[0] === st.o[0] && c[1] === st.o[1]; });
        if (!inGroup) outside++;
      }
    });
    var marks = tl ? tl.querySelectorAll('circle.copy, polygon.origin').length : -1;
    check('group_timeline', tl && marks === copies + outside && tl.querySelectorAll('polygon.origin').length === origins,
      { marks: marks, copies: copies, origins: origins, outside: outside });
    check('group_graph', gr && gr.querySelectorAll('g.node').length === g.s.length && gr.querySelectorAll('line.edge').length === g.l.length &&
      gr.querySelector('g.node.here') !== null);
    check('group_link', location.hash === '#group=' + encodeURIComponent(g.id), location.hash);
    document.getElementById('group-back').click();
    check('group_back', refs.panel.querySelector('h2 bdi.site') !== null && refs.panel.textContent.indexOf(SITES[k].s) >= 0);
  }

  if (hash === 'selftest') {
    try { selftest(); } catch (e) {
      var o = el('pre', null, JSON.stringify({ ok: false, exception: String(e && e.stack || e), errors: ERRORS }));
      o.id = 'selftest'; document.body.appendChild(o);
    }
  }
})();
