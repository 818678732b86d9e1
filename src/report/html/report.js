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
  var PAGE_SIZE = 100;
  var STORE_KEY = 'baohoa.decisions.v1';
  var LANG_KEY = 'baohoa.lang';

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
  function localDecisions() {
    var raw = load(STORE_KEY);
    if (!raw) return {};
    try { var o = JSON.parse(raw); return (o && typeof o === 'object') ? o : {}; } catch (e) { return {}; }
  }
  var LOCAL = localDecisions();
  function saveLocal() { store(STORE_KEY, JSON.stringify(LOCAL)); }
  function currentDecision(s) {
    // The newer of this browser's decision and the one carried over by the run wins.
    var l = Object.prototype.hasOwnProperty.call(LOCAL, s.s) ? LOCAL[s.s] : null;
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
    return JSON.stringify({ schema: 1, decisions: out }, null, 1);
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
  var state = { tab: 'sites', q: '', fam: 0, cls: '', crit: -1, min: '', flagged: false, dec: '', sort: 'rank', asc: true, page: 0, sel: -1 };
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
    var lg = el('button', null, t('lang')); lg.id = 'lang';
    lg.addEventListener('click', function () { lang = lang === 'vi' ? 'en' : 'vi'; store(LANG_KEY, lang); render(); });
    add(h, ex, lg);
    var m = el('main');
    var box = el('div', 'hidden'); box.id = 'export-box';
    add(app, h, add(m, box));
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
    if (state.sel >= 0) renderPanel(state.sel);
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
    add(tr, el('td', 'num', s.ng ? pct(s.ng[0]) : '–'));
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
    state.sel = i; markSelected(); renderPanel(i);
    var h = '#' + (lang === 'en' ? 'lang=en&' : '') + 'site=' + encodeURIComponent(SITES[i].s);
    try { history.replaceState(null, '', h); } catch (e) { try { location.hash = h; } catch (e2) { /* no address to update */ } }
  }

  function markSelected() {
    var rows = refs.tbody ? refs.tbody.children : [];
    for (var k = 0; k < rows.length; k++) rows[k].className = rows[k].dataset.i === String(state.sel) ? 'sel' : '';
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
    clear(p);
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
    res.errors = ERRORS.slice();
    check('no_errors', ERRORS.length === 0, ERRORS);
    var out = el('pre', null, JSON.stringify(res));
    out.id = 'selftest';
    document.body.appendChild(out);
  }
  if (hash === 'selftest') {
    try { selftest(); } catch (e) {
      var o = el('pre', null, JSON.stringify({ ok: false, exception: String(e && e.stack || e), errors: ERRORS }));
      o.id = 'selftest'; document.body.appendChild(o);
    }
  }
})();
