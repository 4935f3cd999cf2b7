/*
 * mcpload comparison page: draws mcpload compare's result (embedded above as JSON) with uPlot. The figures,
 * texts and marks come as mcpload compare judged them; the page only lays them out. Every text from the data is
 * put in with textContent, never as HTML. At the end a self-check writes into <meta name="mcpload-check"> how
 * many charts exist, how many show both runs, and any script error: mcpload's browser test reads it.
 */
(function () {
  'use strict';

  var problems = [];
  window.addEventListener('error', function (e) { problems.push('error: ' + (e.message || e.type)); });
  window.addEventListener('unhandledrejection', function (e) { problems.push('rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.push('blocked by the page policy: ' + e.violatedDirective + ' ' + e.blockedURI);
  });

  var D = JSON.parse(document.getElementById('mcpload-data').textContent);
  var A = D.baseline, B = D.current;
  var charts = [];
  var MARKS = {worse: '✗ worse', better: '✓ better', noise: '≈ noise', none: ''};

  // ---- Formatting ----
  function ms(v) {
    if (v == null || isNaN(v)) return '–';
    if (v >= 10000) return (v / 1000).toFixed(1) + 's';
    if (v >= 1000) return (v / 1000).toFixed(2) + 's';
    if (v >= 100) return v.toFixed(0) + 'ms';
    if (v >= 10) return v.toFixed(1) + 'ms';
    if (v >= 1) return v.toFixed(2) + 'ms';
    return v.toFixed(3) + 'ms';
  }
  function num1(n) { return n == null ? '–' : Number(n).toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1}); }
  function pct(rate) { return rate == null ? '–' : (rate * 100).toFixed(2) + '%'; }
  function clock(s) {
    if (s == null) return '';
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + ':' + (r < 10 ? '0' : '') + r;
  }
  function secs(s) { return s < 120 ? (Math.round(s * 10) / 10) + 's' : clock(s); }
  function when(iso) { return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC'); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function $(id) { return document.getElementById(id); }

  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)');
  var printing = false;
  function theme() {
    var css = getComputedStyle(document.documentElement);
    var v = function (name) { return css.getPropertyValue(name).trim(); };
    var isDark = dark && dark.matches && !printing;
    // the baseline is grey, the current run coloured: the eye goes to the run being judged
    return {muted: v('--muted'), grid: v('--grid'), bad: v('--bad'),
      base: isDark ? '#94a3b8' : '#64748b', cur: isDark ? '#60a5fa' : '#2563eb', cur2: isDark ? '#fbbf24' : '#d97706'};
  }

  // ---- Header ----
  function header() {
    $('title').textContent = 'Comparison of ' + B.target;
    document.title = 'mcpload comparison — ' + A.file + ' vs ' + B.file;
    var runs = $('runs');
    [['baseline', A], ['current', B]].forEach(function (pair) {
      var r = pair[1];
      runs.appendChild(el('dt', {text: pair[0]}));
      runs.appendChild(el('dd', null, [el('span', {class: 'file', text: r.file}), ' · ' + when(r.started_at) + ' · '
        + secs(r.elapsed_secs) + ' · ' + r.max_vus + ' VUs · ' + (r.protocol_version || 'protocol unknown')
        + ' · report ' + r.schema_version + (r.stop_reason && r.stop_reason !== 'completed' ? ' · ' + r.stop_reason : '')]));
    });
    var chips = $('verdict');
    var failed = D.outcomes.filter(function (o) { return o.failed; }).length;
    if (D.outcomes.length) chips.appendChild(el('li', {class: failed ? 'bad' : 'good',
      text: failed ? '✗ ' + failed + ' of ' + D.outcomes.length + ' fail-on rules failed' : '✓ every fail-on rule held'}));
    var all = D.headline.concat([].concat.apply([], D.keys.map(function (k) { return k.figures; })));
    var worse = all.filter(function (d) { return d.mark === 'worse'; }).length;
    var better = all.filter(function (d) { return d.mark === 'better'; }).length;
    chips.appendChild(el('li', {class: worse ? 'bad' : '', text: worse + ' worse'}));
    chips.appendChild(el('li', {class: better ? 'good' : '', text: better + ' better'}));
    if (D.setup.length) chips.appendChild(el('li', {class: 'warn', text: 'set up differently'}));
  }

  function setup() {
    if (!D.setup.length) return;
    $('setup').hidden = false;
    D.setup.forEach(function (s) { $('setup-list').appendChild(el('li', {text: s})); });
  }

  function rules() {
    if (!D.outcomes.length) return;
    $('rules').hidden = false;
    var failed = D.outcomes.filter(function (o) { return o.failed; }).length, v = $('rules-verdict');
    v.className = 'callout ' + (failed ? 'bad' : 'good');
    v.textContent = failed ? failed + ' of ' + D.outcomes.length + ' rules failed: mcpload compare exits 99.'
      : 'Every rule held: mcpload compare exits 0.';
    var t = $('rules-table');
    t.appendChild(el('thead', null, [el('tr', null, ['', 'rule', 'change observed', '']
      .map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    D.outcomes.forEach(function (o) {
      body.appendChild(el('tr', null, [
        el('td', {class: 'result ' + (o.failed ? 'bad' : 'good')}, [el('span', {class: 'mark', text: o.failed ? '✗' : '✓'}),
          el('span', {class: 'word', text: o.failed ? 'failed' : 'held'})]),
        el('td', {class: 'expression'}, [el('code', {text: o.rule})]),
        el('td', {class: 'observed' + (o.failed ? ' bad' : ''), text: o.observed}),
        el('td', {class: 'muted', text: o.inside_noise ? 'inside noise' : ''})]));
    });
    t.appendChild(body);
  }

  // ---- Headline table ----
  function headline() {
    var t = $('headline-table');
    t.appendChild(el('thead', null, [el('tr', null, ['figure', 'baseline', 'current', 'change', '', '']
      .map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    D.headline.forEach(function (d) {
      if (d.baseline == null && d.current == null) return;
      body.appendChild(el('tr', {class: d.mark}, [el('td', {text: d.label}), el('td', {text: d.baseline_text}),
        el('td', {text: d.current_text}), el('td', {class: 'change', text: d.change_text}),
        el('td', {class: 'change', text: d.relative_text}),
        el('td', {class: 'mark ' + d.mark, title: noiseTitle(d), text: MARKS[d.mark]})]));
    });
    var f = D.facts;
    body.appendChild(el('tr', null, [el('td', {text: 'breaking point'}), el('td', {text: f.baseline_breaking_point}),
      el('td', {text: f.current_breaking_point}), el('td'), el('td'), el('td')]));
    t.appendChild(body);
    var p99 = D.headline.filter(function (d) { return d.label === 'mcp_req_duration p(99)'; })[0], n = $('noise');
    if (!p99 || p99.noise.state === 'not_judged') {
      n.className = 'callout warn';
      n.textContent = 'Noise not judged: ' + (p99 ? p99.noise.why : 'no p99 in either run') + '.';
    } else {
      n.className = 'callout' + (p99.noise.state === 'beyond' && p99.mark === 'worse' ? ' bad' : '');
      n.textContent = 'Per-interval p99: baseline ' + p99.noise.baseline + '; current ' + p99.noise.current
        + '. Mann-Whitney U p = ' + p99.noise.p.toFixed(3) + ': ' + (p99.noise.state === 'inside'
        ? 'inside noise — the two runs\' intervals mix as one run\'s would.'
        : 'beyond noise — the current run\'s intervals sit ' + (p99.current > p99.baseline ? 'above' : 'below') + ' the baseline\'s.');
    }
  }
  function noiseTitle(d) {
    if (d.noise.state === 'not_judged') return 'noise not judged: ' + d.noise.why;
    return 'Mann-Whitney U p = ' + d.noise.p + '; baseline ' + d.noise.baseline + '; current ' + d.noise.current;
  }

  // ---- Per-tool table ----
  function tools() {
    var rows = D.keys.slice(), head = el('tr'), body = el('tbody'), state = {col: -1, dir: 1};
    var cell = function (i) {
      return {get: function (k) { var d = k.figures[i]; return d.current == null ? null : d.current; },
        make: function (k) {
          var d = k.figures[i];
          return el('td', {class: d.mark, title: noiseTitle(d)}, [d.baseline_text, el('span', {class: 'sep', text: '→'}), d.current_text,
            d.relative_text && i !== 3 ? el('span', {class: 'p', text: d.relative_text}) : null,
            d.mark !== 'none' ? el('span', {class: 'p mark ' + d.mark, text: MARKS[d.mark].charAt(0)}) : null]);
        }};
    };
    var cols = [
      {label: 'tool', text: true, get: function (k) { return k.label.toLowerCase(); }, make: function (k) {
        return el('td', {class: 'name'}, [k.label, !k.in_baseline ? el('span', {class: 'tag', text: 'new'}) : null,
          !k.in_current ? el('span', {class: 'tag bad', text: 'gone'}) : null]);
      }},
      Object.assign({label: 'p99'}, cell(2)), Object.assign({label: 'p95'}, cell(1)),
      Object.assign({label: 'error rate'}, cell(3)), Object.assign({label: 'throughput'}, cell(4))];
    cols.forEach(function (c, i) {
      var b = el('button', {type: 'button', text: c.label});
      b.addEventListener('click', function () { sortBy(i); });
      head.appendChild(el('th', {scope: 'col', 'aria-sort': 'none'}, [b]));
    });
    function worst(k) {
      return k.figures.some(function (d) { return d.mark === 'worse'; }) ? 'worse'
        : k.figures.some(function (d) { return d.mark === 'better'; }) ? 'better' : '';
    }
    function render() {
      body.textContent = '';
      rows.forEach(function (k) { body.appendChild(el('tr', {class: worst(k)}, cols.map(function (c) { return c.make(k); }))); });
    }
    function sortBy(i) {
      state.dir = state.col === i ? -state.dir : (cols[i].text ? 1 : -1);
      state.col = i;
      rows.sort(function (a, b) {
        var x = cols[i].get(a), y = cols[i].get(b);
        if (x === y) return 0;
        if (x == null) return 1;
        if (y == null) return -1;
        return (x < y ? -1 : 1) * state.dir;
      });
      Array.prototype.forEach.call(head.children, function (th, j) {
        th.setAttribute('aria-sort', j === i ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      });
      render();
    }
    var t = $('tools-table');
    t.appendChild(el('thead', null, [head]));
    t.appendChild(body);
    render();
  }

  // ---- Charts: both runs joined on one x axis (seconds since each run's start) ----
  function series(run, key) {
    var pts = run.timeseries;
    return [pts.map(function (p) { return p.t_secs; }),
      pts.map(function (p) { return key.indexOf('_ms') > 0 && p.success_count === 0 ? null : p[key]; })];
  }
  /** uPlot.join aligns the two runs' x values; each run's line spans the other's x values. */
  function joined(keys) {
    var tables = [];
    keys.forEach(function (k) { tables.push(series(k[0], k[1])); });
    return uPlot.join(tables);
  }
  function axes(t, yLabel, yFmt, right) {
    var font = '12px system-ui, sans-serif';
    var a = [
      {stroke: t.muted, grid: {stroke: t.grid, width: 1}, ticks: {stroke: t.grid}, font: font, labelFont: font,
        label: 'time since each run\'s start (m:ss)', values: function (u, v) { return v.map(clock); },
        incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]}, // whole seconds: no 0:02 0:02
      {stroke: t.muted, grid: {stroke: t.grid, width: 1}, ticks: {stroke: t.grid}, font: font, labelFont: font,
        label: yLabel, size: 62, values: function (u, v) { return v.map(function (x) { return x === 0 ? '0' : yFmt(x); }); }}];
    if (right) a.push({scale: right.scale, side: 1, stroke: t.muted, grid: {show: false}, ticks: {stroke: t.grid},
      font: font, labelFont: font, label: right.label, size: 56, values: function (u, v) { return v.map(right.fmt); }});
    return a;
  }
  function chartHeight() { return window.innerWidth < 600 ? 220 : 280; }
  function chart(boxId, build) {
    var box = $(boxId), entry = {box: box, build: build, plot: null};
    entry.make = function () {
      if (entry.plot) entry.plot.destroy();
      var spec = build(theme());
      spec.opts.width = Math.max(box.clientWidth, 200);
      spec.opts.height = chartHeight();
      entry.plot = new uPlot(spec.opts, spec.data, box);
      entry.marks = spec.marks; // the colours of both runs' lines, for the self-check
    };
    entry.make();
    charts.push(entry);
  }
  var zero = function (u, lo, hi) { return [0, hi > 0 ? hi * 1.08 : 1]; };
  function line(label, color, width, dash, fmt, scale) {
    var s = {label: label, stroke: color, width: width, spanGaps: true, value: function (u, v) { return v == null ? '–' : fmt(v); }};
    if (dash) s.dash = dash;
    if (scale) s.scale = scale;
    return s;
  }

  function latencyChart() {
    chart('chart-latency', function (t) {
      return {marks: [t.base, t.cur], data: joined([[A, 'p99_ms'], [B, 'p99_ms'], [A, 'p50_ms'], [B, 'p50_ms']]),
        opts: {cursor: {sync: {key: 'time'}}, scales: {x: {time: false}, y: {range: zero}}, axes: axes(t, 'latency', ms),
          series: [{label: 'time', value: function (u, v) { return clock(v); }},
            line('p99 baseline', t.base, 2, [6, 4], ms), line('p99 current', t.cur, 2, null, ms),
            line('p50 baseline', t.base, 1.25, [2, 3], ms), line('p50 current', t.cur2, 1.25, null, ms)]}};
    });
  }
  function throughputChart() {
    chart('chart-throughput', function (t) {
      var rps = function (v) { return num1(v) + '/s'; };
      return {marks: [t.base, t.cur], data: joined([[A, 'throughput_rps'], [B, 'throughput_rps'], [A, 'error_rate'], [B, 'error_rate']]),
        opts: {cursor: {sync: {key: 'time'}}, scales: {x: {time: false}, y: {range: zero},
            err: {range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.15 : 0.01]; }}},
          axes: axes(t, 'requests/s', function (v) { return v >= 10000 ? Math.round(v / 1000) + 'k' : String(v); },
            {scale: 'err', label: 'error rate', fmt: function (v) { return (v * 100).toFixed(v < 0.01 ? 2 : 0) + '%'; }}),
          series: [{label: 'time', value: function (u, v) { return clock(v); }},
            line('req/s baseline', t.base, 2, [6, 4], rps), line('req/s current', t.cur, 2, null, rps),
            line('errors baseline', t.bad, 1.25, [2, 3], pct, 'err'), line('errors current', t.bad, 1.5, null, pct, 'err')]}};
    });
  }
  function loadChart() {
    chart('chart-load', function (t) {
      var n = function (v) { return String(v); };
      return {marks: [t.base, t.cur], data: joined([[A, 'vus'], [B, 'vus']]),
        opts: {cursor: {sync: {key: 'time'}}, scales: {x: {time: false}, y: {range: function (u, lo, hi) { return [0, Math.max(1, Math.ceil(hi * 1.1))]; }}},
          axes: axes(t, 'virtual users', function (v) { return Number.isInteger(v) ? String(v) : ''; }),
          series: [{label: 'time', value: function (u, v) { return clock(v); }},
            line('VUs baseline', t.base, 2, [6, 4], n), line('VUs current', t.cur, 2, null, n)]}};
    });
  }

  function toc() {
    var nav = $('toc');
    Array.prototype.forEach.call(document.querySelectorAll('main section'), function (s) {
      if (!s.hidden) nav.appendChild(el('a', {href: '#' + s.id, text: s.querySelector('h2').textContent}));
    });
  }
  function resizeAll(width) {
    charts.forEach(function (c) { c.plot.setSize({width: width || Math.max(c.box.clientWidth, 200), height: chartHeight()}); });
  }
  function watch() {
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { resizeAll(); });
    });
    if (dark && dark.addEventListener) dark.addEventListener('change', function () { charts.forEach(function (c) { c.make(); }); });
    window.addEventListener('beforeprint', function () { printing = true; charts.forEach(function (c) { c.make(); }); resizeAll(680); });
    window.addEventListener('afterprint', function () { printing = false; charts.forEach(function (c) { c.make(); }); });
  }

  // ---- Self-check: does each chart show both runs' lines? ----
  /** Pixels within a small distance of colour hex (#rrggbb) in px (a canvas's pixels, read once per canvas). */
  function inkOf(px, hex) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16), n = 0;
    for (var i = 0; i < px.length; i += 4) {
      if (px[i + 3] > 200 && Math.abs(px[i] - r) < 24 && Math.abs(px[i + 1] - g) < 24 && Math.abs(px[i + 2] - b) < 24) n++;
    }
    return n;
  }
  function selfCheck() {
    var drawn = 0;
    charts.forEach(function (c) {
      try {
        var canvas = c.plot.ctx.canvas, px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        if (c.marks.every(function (m) { return inkOf(px, m) >= 10; })) drawn++;
      } catch (e) { problems.push('check: ' + e.message); }
    });
    var text = 'charts=' + charts.length + ' drawn=' + drawn + ' errors=' + problems.length
      + (problems.length ? ' first=' + JSON.stringify(problems[0]) : '');
    document.querySelector('meta[name="mcpload-check"]').setAttribute('content', text);
  }

  var parts = [header, setup, rules, headline, tools];
  if (A.timeseries.length && B.timeseries.length) parts.push(latencyChart, throughputChart, loadChart);
  else Array.prototype.forEach.call(document.querySelectorAll('[data-needs="timeseries"]'), function (s) { s.hidden = true; });
  parts.push(toc, watch);
  parts.forEach(function (part) {
    try { part(); } catch (e) { problems.push(part.name + ': ' + e.message); if (window.console) console.error(e); }
  });
  setTimeout(selfCheck, 0);
})();
