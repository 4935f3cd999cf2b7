/*
 * mcpload HTML report: draws the page from the run's data (the JSON report's own numbers, embedded above as
 * JSON), with uPlot for the charts. Every text from the data is put in with textContent, never as HTML, so a
 * server's error message cannot become markup. At the end a small self-check writes into
 * <meta name="mcpload-check"> how many charts exist, how many show their data, and any script error: mcpload's
 * browser test reads it, and a person can too.
 */
(function () {
  'use strict';

  // ---- What went wrong while drawing, for the self-check (and the console, as usual) ----
  var problems = [];
  window.addEventListener('error', function (e) { problems.push('error: ' + (e.message || e.type)); });
  window.addEventListener('unhandledrejection', function (e) { problems.push('rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    problems.push('blocked by the page policy: ' + e.violatedDirective + ' ' + e.blockedURI);
  });

  var data = JSON.parse(document.getElementById('mcpload-data').textContent);
  var R = data.report;
  var M = R.metrics;
  // 2026-07-28 servers hold no session: their ceiling is one of concurrent clients (report 1.9 names the era;
  // before it, the version says it)
  var MODERN = (R.server && (R.server.era === 'modern' || /^2026-/.test(R.server.protocol_version || ''))) || false;
  var UNITS = MODERN ? 'clients' : 'sessions';
  var points = R.timeseries || [];
  var rawPoints = data.timeseries_raw || [];
  var charts = []; // {plot, box, build}: rebuilt on colour-scheme change, resized with the page

  // ---- Formatting: the same rules as the terminal summary ----
  function ms(v) {
    if (v == null || isNaN(v)) return '–';
    if (v >= 10000) return (v / 1000).toFixed(1) + 's';
    if (v >= 1000) return (v / 1000).toFixed(2) + 's';
    if (v >= 100) return v.toFixed(0) + 'ms';
    if (v >= 10) return v.toFixed(1) + 'ms';
    if (v >= 1) return v.toFixed(2) + 'ms';
    return v.toFixed(3) + 'ms';
  }
  function pct(rate) {
    var p = rate * 100;
    var small = (p > 0 && p < 0.1) || (p > 99.9 && p < 100);
    return p.toFixed(small ? 3 : 1) + '%';
  }
  function int(n) { return n == null ? '–' : Number(n).toLocaleString('en-US'); }
  function num1(n) { return Number(n).toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1}); }
  function secs(s) {
    if (s < 120) return (Math.round(s * 10) / 10) + 's';
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + 'm' + (r < 10 ? '0' : '') + r + 's';
  }
  function clock(s) {
    if (s == null) return '';
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + ':' + (r < 10 ? '0' : '') + r;
  }
  function rowName(row) {
    var base = row.operation === 'tools/call' ? row.name : row.operation + (row.name ? ' ' + row.name : '');
    return row.workload ? base + ' [' + row.workload + ']' : base;
  }

  // ---- DOM helpers: text only ----
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

  // ---- Colours: from the stylesheet's variables, so charts follow light, dark and print ----
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)');
  function theme() {
    var css = getComputedStyle(document.documentElement);
    var v = function (name) { return css.getPropertyValue(name).trim(); };
    var isDark = dark && dark.matches && !printing;
    return {
      fg: v('--fg'), card: v('--card'), muted: v('--muted'), grid: v('--grid'), bad: v('--bad'), warn: v('--warn'), good: v('--good'),
      series: isDark
        ? ['#60a5fa', '#fbbf24', '#f87171', '#4ade80', '#a78bfa', '#2dd4bf', '#f472b6', '#94a3b8']
        : ['#2563eb', '#d97706', '#dc2626', '#16a34a', '#7c3aed', '#0d9488', '#db2777', '#64748b']
    };
  }
  var printing = false;

  // ---- Header, overview ----
  function header() {
    var srv = R.server || {};
    $('title').textContent = 'Load test of ' + R.target;
    document.title = 'mcpload report — ' + R.target + ' — ' + R.started_at;
    var parts = [];
    if (srv.name) parts.push("server '" + srv.name + "' " + (srv.version || ''));
    if (srv.protocol_version) parts.push('protocol ' + srv.protocol_version + (srv.era ? ' (' + srv.era + ' era)' : ''));
    if (R.transport) parts.push(R.transport);
    parts.push('started ' + R.started_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC'));
    parts.push(secs(M.elapsed_secs));
    $('subtitle').textContent = parts.join(' · ');

    var chips = $('verdict');
    chips.appendChild(el('li', {class: M.error_count > 0 ? 'bad' : 'good',
      text: (M.error_count > 0 ? '✗ ' : '✓ ') + pct(M.error_rate) + ' errors'}));
    var bp = R.breaking_point;
    if (bp.detected) chips.appendChild(el('li', {class: 'warn', text: 'breaking point at ' + bp.vus + (bp.vus === 1 ? ' VU' : ' VUs')}));
    if (R.ceiling) chips.appendChild(el('li', {class: R.ceiling.sessions > 0 ? 'good' : 'bad',
      text: 'ceiling: ' + (R.ceiling.sessions > 0 ? R.ceiling.sessions + ' ' + UNITS : 'none')}));
    var th = R.thresholds || [], thFailed = failedThresholds(th);
    if (th.length) chips.appendChild(el('li', {class: thFailed ? 'bad' : 'good',
      text: thFailed ? '✗ thresholds: ' + thFailed + ' of ' + th.length + ' failed' : '✓ thresholds: ' + (th.length === 1 ? 'passed' : 'all ' + th.length + ' passed')}));
    if (R.stop_reason === 'aborted') chips.appendChild(el('li', {class: 'bad', text: '✗ stopped early by a threshold'}));
    else if (R.stop_reason && R.stop_reason !== 'completed') chips.appendChild(el('li', {class: R.stop_reason === 'interrupted' ? 'warn' : '', text: R.stop_reason}));
    chips.appendChild(el('li', {text: R.generator}));
  }

  function kpi(label, value, sub, cls) {
    return el('div', {class: 'kpi' + (cls ? ' ' + cls : '')}, [
      el('div', {class: 'label', text: label}), el('div', {class: 'value', text: value}),
      sub ? el('div', {class: 'sub', text: sub}) : null]);
  }

  function overview() {
    var lat = M.latency, raw = M.latency_raw, none = lat.count === 0;
    var box = $('kpis');
    box.appendChild(kpi('Requests', int(M.total_requests), int(M.success_count) + ' succeeded'));
    box.appendChild(kpi('Throughput', num1(M.throughput_rps) + '/s', 'requests per second'));
    box.appendChild(kpi('Error rate', pct(M.error_rate), int(M.error_count) + ' failed', M.error_count > 0 ? 'bad' : ''));
    box.appendChild(kpi('p50', none ? '–' : ms(lat.p50_ms), 'raw ' + (none ? '–' : ms(raw.p50_ms))));
    box.appendChild(kpi('p95', none ? '–' : ms(lat.p95_ms), 'raw ' + (none ? '–' : ms(raw.p95_ms))));
    box.appendChild(kpi('p99', none ? '–' : ms(lat.p99_ms), 'raw ' + (none ? '–' : ms(raw.p99_ms))));
    box.appendChild(kpi('Virtual users', int(M.max_vus), 'peak sessions held ' + int(M.sessions.peak_held)));
    box.appendChild(kpi('Duration', secs(M.elapsed_secs), R.stop_reason === 'aborted' ? 'stopped by a threshold' : R.stop_reason));

    // a run that ended early says so first: its figures cover only the time that ran
    var stopped = $('stopped'), by = (R.thresholds || []).filter(function (t) { return t.aborted_run; })[0];
    if (R.stop_reason === 'aborted') {
      stopped.hidden = false;
      stopped.className = 'callout bad';
      stopped.textContent = 'Stopped early by a threshold: ' + (by ? thresholdTarget(by) + " '" + by.expression + "' failed"
        + ' (abort_on_fail), so the run ended after ' : 'one with abort_on_fail failed, so the run ended after ')
        + secs(M.elapsed_secs) + '. The figures cover the time that ran.';
    } else if (R.stop_reason === 'interrupted') {
      stopped.hidden = false;
      stopped.className = 'callout warn';
      stopped.textContent = 'Interrupted: the figures cover the ' + secs(M.elapsed_secs) + ' that ran.';
    }

    var bp = R.breaking_point, p = $('breaking');
    if (bp.detected) {
      p.className = 'callout warn';
      p.textContent = 'Breaking point detected at ' + bp.vus + (bp.vus === 1 ? ' VU' : ' VUs') + ', ' + secs(bp.elapsed_secs)
        + ' into the run (' + bp.reason + ': ' + bp.detail + ').';
    } else if (!bp.judged) {
      p.textContent = 'Breaking point: too short to judge (the detector compares the two halves of a window longer'
        + ' than this run\'s ' + secs(M.elapsed_secs) + ').';
    } else {
      p.className = 'callout good';
      p.textContent = 'No breaking point detected.';
    }
  }

  // ---- Thresholds: each criterion with ✓ or ✗, what it asked and what was observed, as the summary prints them ----
  /** The metric with its filter, as k6 writes it: mcp_req_duration{tool:search}. */
  function thresholdTarget(t) {
    var tags = t.tags || {}, keys = Object.keys(tags);
    if (!keys.length) return t.metric;
    return t.metric + '{' + keys.map(function (k) { return k + ':' + tags[k]; }).join(',') + '}';
  }
  function failedThresholds(list) { return list.filter(function (t) { return !t.passed; }).length; }

  /** "All 3 thresholds passed", "2 of 3 thresholds failed". */
  function thresholdVerdict(list) {
    var n = list.length, failed = failedThresholds(list);
    if (n === 1) return failed ? 'The threshold failed' : 'The threshold passed';
    return failed ? failed + ' of ' + n + ' thresholds failed' : 'All ' + n + ' thresholds passed';
  }

  function thresholds() {
    var list = R.thresholds || [];
    if (!list.length) return;
    $('thresholds').hidden = false;
    var failed = failedThresholds(list), by = list.filter(function (t) { return t.aborted_run; })[0];
    var verdict = $('thresholds-verdict');
    verdict.className = 'callout ' + (failed ? 'bad' : 'good');
    verdict.appendChild(el('span', {class: 'mark ' + (failed ? 'bad' : 'good'), text: failed ? '✗ ' : '✓ '}));
    verdict.appendChild(document.createTextNode(thresholdVerdict(list)
      + (by ? '; ' + thresholdTarget(by) + ' stopped the run early.' : '.')));
    var table = $('thresholds-table');
    table.appendChild(el('thead', null, [el('tr', null, ['result', 'metric', 'threshold', 'observed']
      .map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    list.forEach(function (t) {
      var note = null;
      if (t.aborted_run) {
        note = el('span', {class: 'tag bad', text: 'stopped the run',
          title: 'abort_on_fail: this threshold failed while the load ran and ended the run early'});
      } else if (t.abort_on_fail) {
        note = el('span', {class: 'tag', text: 'abort_on_fail' + (t.delay_abort_eval_ms > 0 ? ' after ' + secs(t.delay_abort_eval_ms / 1000) : ''),
          title: 'a failure while the load runs ends the run early' + (t.delay_abort_eval_ms > 0
            ? ', from ' + secs(t.delay_abort_eval_ms / 1000) + ' into it' : '')});
      }
      body.appendChild(el('tr', {class: t.passed ? 'passed' : 'failed'}, [
        el('td', {class: 'result ' + (t.passed ? 'good' : 'bad')}, [el('span', {class: 'mark', 'aria-hidden': 'true', text: t.passed ? '✓' : '✗'}),
          el('span', {class: 'word', text: t.passed ? 'passed' : 'failed'})]),
        el('td', {class: 'name metric', title: 'from ' + t.source}, [el('code', {text: thresholdTarget(t)})]),
        el('td', {class: 'expression'}, [el('code', {text: t.expression}), note]),
        el('td', t.observed == null ? {class: 'observed bad', title: 'nothing to observe (no latency recorded, no request sent), which fails'}
          : {class: 'observed' + (t.passed ? '' : ' bad')}, [el('code', {text: t.observed_text})])]));
    });
    table.appendChild(body);
  }

  // ---- Charts ----
  /** Stage starts (s since the start): from the config's stages when it has them, else where the stage changes. */
  function stageStarts() {
    var stages = (R.config && R.config.stages) || [], out = [], t = 0;
    if (stages.length > 1) {
      for (var i = 0; i < stages.length - 1; i++) { t += stages[i].duration_secs; out.push({t: t, label: 'stage ' + (i + 2)}); }
      return out;
    }
    for (var j = 1; j < points.length; j++) {
      if (points[j].stage !== points[j - 1].stage && points[j].stage > 0) {
        out.push({t: points[j].t_secs - points[j].interval_secs, label: 'stage ' + points[j].stage});
      }
    }
    return out;
  }

  /**
   * Vertical markers (stage boundaries, the breaking point, the ceiling) over a chart's plot area, each named in
   * the strip above it (the plot's top padding), so a name never hides a line. Markers on the same row that would
   * overlap move up a row.
   */
  function markers(list) {
    if (!list.length) return {hooks: {}};
    var rows = markerRows(list);
    return {opts: function (u, opts) { opts.padding = [18 + 14 * rows, null, null, null]; return opts; },
      hooks: {draw: [function (u) {
        var ctx = u.ctx, b = u.bbox, dpr = window.devicePixelRatio || 1;
        ctx.save();
        ctx.font = Math.round(11 * dpr) + 'px system-ui, sans-serif';
        ctx.textBaseline = 'bottom';
        list.forEach(function (m) {
          var x = Math.round(u.valToPos(m.t, 'x', true));
          if (x < b.left - 1 || x > b.left + b.width + 1) return;
          ctx.strokeStyle = m.color;
          ctx.lineWidth = (m.width || 1) * dpr;
          ctx.setLineDash(m.dash ? m.dash.map(function (d) { return d * dpr; }) : []);
          ctx.beginPath(); ctx.moveTo(x, b.top - 2 * dpr); ctx.lineTo(x, b.top + b.height); ctx.stroke();
          var w = ctx.measureText(m.label).width, right = x + 4 * dpr + w > b.left + b.width;
          ctx.textAlign = right ? 'right' : 'left';
          ctx.fillStyle = m.color;
          ctx.fillText(m.label, right ? x - 3 * dpr : x + 3 * dpr, b.top - 3 * dpr - m.row * 14 * dpr);
        });
        ctx.restore();
      }]}};
  }

  /** Gives each marker a row: the first, unless a marker a few seconds before it already has that row. */
  function markerRows(list) {
    var span = Math.max(1, list.reduce(function (mx, m) { return Math.max(mx, m.t); }, 0));
    var max = 0;
    list.slice().sort(function (a, b) { return a.t - b.t; }).forEach(function (m, i, sorted) {
      var taken = function (row) {
        return sorted.slice(0, i).some(function (o) { return o.row === row && m.t - o.t < span * 0.12; });
      };
      m.row = 0;
      while (taken(m.row)) m.row++;
      max = Math.max(max, m.row);
    });
    return max;
  }

  function timeMarkers(t) {
    var list = stageStarts().map(function (s) { return {t: s.t, label: s.label, color: t.muted, dash: [2, 3]}; });
    var bp = R.breaking_point;
    if (bp.detected) list.push({t: bp.elapsed_secs, label: 'breaking point', color: t.bad, width: 2});
    return list;
  }

  function axes(t, yLabel, yFmt, right) {
    var font = '12px system-ui, sans-serif';
    var a = [
      {stroke: t.muted, grid: {stroke: t.grid, width: 1}, ticks: {stroke: t.grid}, font: font, labelFont: font,
        label: 'time since start (m:ss)', values: function (u, v) { return v.map(clock); },
        incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]}, // whole seconds: no 0:02 0:02
      {stroke: t.muted, grid: {stroke: t.grid, width: 1}, ticks: {stroke: t.grid}, font: font, labelFont: font,
        label: yLabel, size: 62, values: function (u, v) { return v.map(function (x) { return x === 0 ? '0' : yFmt(x); }); }}
    ];
    if (right) a.push({scale: right.scale, side: 1, stroke: t.muted, grid: {show: false}, ticks: {stroke: t.grid},
      font: font, labelFont: font, label: right.label, size: 56, values: function (u, v) { return v.map(right.fmt); }});
    return a;
  }

  /** The time axis of every time chart: from the run's start to its last interval, the same on all three. */
  function timeScale() {
    var end = points.length ? points[points.length - 1].t_secs : 1;
    return {time: false, range: function () { return [0, end]; }};
  }

  function chartHeight() { return window.innerWidth < 600 ? 220 : 280; }

  /** A uPlot chart in box, rebuilt by build(theme) when the colours change. */
  function chart(boxId, build) {
    var box = $(boxId), entry = {box: box, build: build, plot: null};
    entry.make = function () {
      if (entry.plot) entry.plot.destroy();
      var spec = build(theme());
      spec.opts.width = Math.max(box.clientWidth, 200);
      spec.opts.height = chartHeight();
      entry.plot = new uPlot(spec.opts, spec.data, box);
      entry.mark = spec.mark; // the colour of the series the self-check looks for
    };
    entry.make();
    charts.push(entry);
  }

  function latencyChart() {
    chart('chart-latency', function (t) {
      var x = points.map(function (p) { return p.t_secs; });
      var idle = function (i) { return points[i].success_count === 0; };
      var col = function (arr, key) { return arr.map(function (p, i) { return idle(i) || !p ? null : p[key]; }); };
      var s = t.series, fmt = function (u, v) { return ms(v); };
      return {mark: s[2], data: [x, col(points, 'p50_ms'), col(points, 'p95_ms'), col(points, 'p99_ms'),
          col(rawPoints, 'p50_ms'), col(rawPoints, 'p95_ms'), col(rawPoints, 'p99_ms')],
        opts: {cursor: {sync: {key: 'time'}}, scales: {x: timeScale(), y: {range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.08 : 1]; }}},
          axes: axes(t, 'latency', function (v) { return ms(v); }),
          series: [{label: 'time', value: function (u, v) { return clock(v); }},
            {label: 'p50', stroke: s[0], width: 2, value: fmt},
            {label: 'p95', stroke: s[1], width: 2, value: fmt},
            {label: 'p99', stroke: s[2], width: 2, value: fmt},
            {label: 'p50 raw', stroke: s[0], width: 1.25, dash: [5, 4], value: fmt},
            {label: 'p95 raw', stroke: s[1], width: 1.25, dash: [5, 4], value: fmt},
            {label: 'p99 raw', stroke: s[2], width: 1.25, dash: [5, 4], value: fmt}],
          plugins: [markers(timeMarkers(t))]}};
    });
  }

  function errorClasses() {
    var seen = {};
    points.forEach(function (p) { Object.keys(p.errors || {}).forEach(function (c) { seen[c] = true; }); });
    return Object.keys(seen);
  }

  function throughputChart() {
    chart('chart-throughput', function (t) {
      var x = points.map(function (p) { return p.t_secs; });
      var classes = errorClasses();
      var perSec = function (p, n) { return p.interval_secs > 0 ? n / p.interval_secs : 0; };
      var data = [x, points.map(function (p) { return p.throughput_rps; })];
      var series = [{label: 'time', value: function (u, v) { return clock(v); }},
        {label: 'requests/s', stroke: t.series[0], width: 2, fill: t.series[0] + '22', value: function (u, v) { return v == null ? '–' : num1(v); }}];
      var errColours = [t.bad, t.series[1], t.series[4], t.series[6], t.series[5], t.series[7], t.series[3]];
      if (classes.length === 0) {
        data.push(points.map(function () { return 0; }));
        series.push({label: 'errors/s', stroke: t.bad, width: 1.5, scale: 'err', value: function (u, v) { return v == null ? '–' : num1(v); }});
      }
      classes.forEach(function (c, i) {
        data.push(points.map(function (p) { return perSec(p, (p.errors || {})[c] || 0); }));
        series.push({label: c + ' errors/s', stroke: errColours[i % errColours.length], width: 1.5, scale: 'err',
          value: function (u, v) { return v == null ? '–' : num1(v); }});
      });
      return {mark: t.series[0], data: data,
        opts: {cursor: {sync: {key: 'time'}}, series: series,
          scales: {x: timeScale(), y: {range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.08 : 1]; }},
            err: {range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.15 : 1]; }}},
          axes: axes(t, 'requests/s', function (v) { return v >= 10000 ? Math.round(v / 1000) + 'k' : String(v); },
            {scale: 'err', label: 'errors/s', fmt: function (v) { return String(v); }}),
          plugins: [markers(timeMarkers(t))]}};
    });
  }

  function loadChart() {
    chart('chart-load', function (t) {
      var x = points.map(function (p) { return p.t_secs; });
      var fmt = function (u, v) { return v == null ? '–' : String(v); };
      return {mark: t.series[3], data: [x, points.map(function (p) { return p.vus; }), points.map(function (p) { return p.target_vus; })],
        opts: {cursor: {sync: {key: 'time'}}, scales: {x: timeScale(), y: {range: function (u, lo, hi) { return [0, Math.max(1, Math.ceil(hi * 1.1))]; }}},
          axes: axes(t, 'virtual users', function (v) { return Number.isInteger(v) ? String(v) : ''; }),
          series: [{label: 'time', value: function (u, v) { return clock(v); }},
            {label: 'VUs holding a session', stroke: t.series[3], width: 2, fill: t.series[3] + '1f', value: fmt},
            {label: 'target VUs', stroke: t.muted, width: 1.5, dash: [6, 4], paths: uPlot.paths.stepped({align: 1}), value: fmt}],
          plugins: [markers(timeMarkers(t))]}};
    });
  }

  // ---- Ceiling: P99 against sessions, and the capacity table ----
  function ceiling() {
    var c = R.ceiling;
    if (!c) return;
    $('ceiling').hidden = false;
    if (MODERN) $('ceiling-h').textContent = 'Concurrency ceiling';
    $('ceiling-summary').textContent = (MODERN ? 'Concurrency ceiling: ' : 'Session ceiling: ')
      + (c.sessions > 0 ? c.sessions + ' ' + UNITS
      : 'none — even the first step broke the SLO') + ' (' + c.stop_reason + ').';
    $('ceiling-summary').className = 'callout ' + (c.sessions > 0 ? 'good' : 'bad');
    $('ceiling-slo').textContent = 'SLO: ' + c.slo + '; each step judged on its own measured window.';
    // the chart shows the last measure at each session count: a repeat is what decided the step
    var last = {};
    c.steps.forEach(function (s) { last[s.sessions] = s; });
    var xs = Object.keys(last).map(Number).sort(function (a, b) { return a - b; });
    chart('chart-ceiling', function (t) {
      var fmt = function (u, v) { return ms(v); };
      var pick = function (k) { return xs.map(function (n) { return last[n][k]; }); };
      var marks = [];
      if (c.sessions > 0) marks.push({t: c.sessions, label: 'ceiling ' + c.sessions, color: t.good, width: 2});
      if (c.knee != null) marks.push({t: c.knee, label: 'knee ' + c.knee, color: t.warn, dash: [4, 3]});
      if (c.cliff != null) marks.push({t: c.cliff, label: 'cliff ' + c.cliff, color: t.bad, dash: [4, 3]});
      var font = '12px system-ui, sans-serif';
      return {mark: t.series[2], data: [xs, pick('p50_ms'), pick('p95_ms'), pick('p99_ms')],
        opts: {scales: {x: {time: false}, y: {range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.1 : 1]; }}},
          axes: [{stroke: t.muted, grid: {stroke: t.grid}, ticks: {stroke: t.grid}, font: font, labelFont: font, label: 'concurrent ' + UNITS},
            {stroke: t.muted, grid: {stroke: t.grid}, ticks: {stroke: t.grid}, font: font, labelFont: font, label: 'latency', size: 62,
              values: function (u, v) { return v.map(function (x) { return x === 0 ? '0' : ms(x); }); }}],
          series: [{label: UNITS},
            {label: 'p50', stroke: t.series[0], width: 1.5, value: fmt, points: {show: true, size: 6}},
            {label: 'p95', stroke: t.series[1], width: 1.5, value: fmt, points: {show: true, size: 6}},
            {label: 'p99', stroke: t.series[2], width: 2.5, value: fmt, points: {show: true, size: 8}}],
          plugins: [markers(marks)]}};
    });
    var table = $('ceiling-table');
    table.appendChild(el('thead', null, [el('tr', null, [UNITS, 'req/s', 'p50', 'p95', 'p99',
      MODERN ? 'discover p99' : 'init p99', 'errors', UNITS + '/s', 'verdict'].map(function (h) { return el('th', {text: h}); }))]));
    var body = el('tbody');
    c.steps.forEach(function (s) {
      body.appendChild(el('tr', null, [el('td', {text: s.sessions + (s.attempt > 1 ? ' (repeat)' : '')}),
        el('td', {text: num1(s.requests_per_sec)}), el('td', {text: ms(s.p50_ms)}), el('td', {text: ms(s.p95_ms)}),
        el('td', {text: ms(s.p99_ms)}), el('td', {text: s.init_p99_ms > 0 ? ms(s.init_p99_ms) : '–'}),
        el('td', {text: pct(s.error_rate)}), el('td', {text: s.sessions_per_sec.toFixed(2)}),
        el('td', {class: s.passed ? 'good' : 'bad', text: s.passed ? 'within' : s.verdict})]));
    });
    table.appendChild(body);
    var notes = $('ceiling-notes');
    notes.appendChild(el('li', {text: 'Knee: ' + (c.knee != null ? c.knee + ' ' + UNITS + ' (p99 grows faster than linearly after it)' : 'none seen (p99 grew about linearly)')}));
    notes.appendChild(el('li', {text: 'Cliff: ' + (c.cliff != null ? c.cliff + ' ' + UNITS + ' (errors past the limit or throughput falling)' : 'none seen')}));
    if (c.recommendation && c.recommendation.trigger_sessions > 0) {
      notes.appendChild(el('li', {text: 'Scale out at ' + c.recommendation.trigger_sessions + ' ' + UNITS + ' per instance (' + c.recommendation.why + ').'}));
    }
    (c.diagnosis || []).forEach(function (d) { notes.appendChild(el('li', {text: 'Diagnosis: ' + d})); });
  }

  // ---- Tables ----
  /** A sortable table: columns {label, get(row) → sort value, show(row) → text, cls(row)}; foot rows stay last. */
  function sortable(table, columns, rows, foot) {
    var head = el('tr'), body = el('tbody'), state = {col: -1, dir: 1};
    columns.forEach(function (c, i) {
      var b = el('button', {type: 'button', text: c.label});
      var th = el('th', {scope: 'col', 'aria-sort': 'none'}, [b]);
      b.addEventListener('click', function () { sortBy(i); });
      head.appendChild(th);
    });
    function cells(r) {
      return el('tr', null, columns.map(function (c) {
        var cls = (c.name ? 'name' : '') + (c.cls ? ' ' + (c.cls(r) || '') : '');
        return el('td', {class: cls.trim(), text: c.show(r)});
      }));
    }
    function render() {
      body.textContent = '';
      rows.forEach(function (r) { body.appendChild(cells(r)); });
    }
    function sortBy(i) {
      // a new column sorts numbers largest first (what one looks for) and names A to Z; a second click reverses
      state.dir = state.col === i ? -state.dir : (columns[i].text ? 1 : -1);
      state.col = i;
      var get = columns[i].get;
      rows.sort(function (a, b) {
        var x = get(a), y = get(b);
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
    table.appendChild(el('thead', null, [head]));
    table.appendChild(body);
    if (foot && foot.length) table.appendChild(el('tfoot', null, foot.map(cells)));
    render();
  }

  function latCell(key) {
    return {label: key.replace('_ms', ''), get: function (r) { return r.latency.count ? r.latency[key] : null; },
      show: function (r) { return r.latency.count ? ms(r.latency[key]) : '–'; }};
  }

  function toolsTable() {
    var rows = (R.per_tool || []).slice();
    var init = M.initialize, foot = [];
    if (init.count > 0) {
      foot.push({operation: 'initialize', name: '', requests: init.count, error_count: init.error_count,
        error_rate: init.count ? init.error_count / init.count : 0,
        throughput_rps: M.elapsed_secs > 0 ? init.count / M.elapsed_secs : 0, latency: init.latency, latency_raw: init.latency,
        setup: true});
    }
    var columns = [
      {label: 'tool', text: true, name: true, get: function (r) { return rowName(r).toLowerCase(); },
        show: function (r) { return r.setup ? (MODERN ? 'server/discover, first contact' : 'initialize (session setup)') : rowName(r); }},
      {label: 'reqs', get: function (r) { return r.requests; }, show: function (r) { return int(r.requests); }},
      {label: 'rate', get: function (r) { return r.throughput_rps; }, show: function (r) { return num1(r.throughput_rps) + '/s'; }},
      {label: 'errors', get: function (r) { return r.error_count; }, show: function (r) { return int(r.error_count); },
        cls: function (r) { return r.error_count > 0 ? 'bad' : ''; }},
      {label: 'err%', get: function (r) { return r.error_rate; }, show: function (r) { return pct(r.error_rate); },
        cls: function (r) { return r.error_count > 0 ? 'bad' : ''; }},
      latCell('p50_ms'), latCell('p95_ms'), latCell('p99_ms'),
      {label: 'p99 raw', get: function (r) { return r.latency.count ? r.latency_raw.p99_ms : null; },
        show: function (r) { return r.latency.count ? ms(r.latency_raw.p99_ms) : '–'; }},
      latCell('max_ms')
    ];
    if (!rows.length && !foot.length) { $('tools-table').replaceWith(el('p', {class: 'empty', text: 'No requests were sent.'})); return; }
    sortable($('tools-table'), columns, rows, foot);
  }

  function errorsSection() {
    var box = $('errors-body'), byClass = M.errors || {}, setup = (M.initialize && M.initialize.errors) || {};
    var classes = Object.keys(byClass).sort(function (a, b) { return byClass[b] - byClass[a]; });
    if (!classes.length) {
      box.appendChild(el('p', {class: 'callout good', text: 'No errors: all ' + int(M.total_requests) + ' requests succeeded.'}));
      return;
    }
    var t = el('table', {class: 'data compact'});
    t.appendChild(el('thead', null, [el('tr', null, ['class', 'errors', 'in session setup', 'of all requests']
      .map(function (h) { return el('th', {text: h}); }))]));
    var body = el('tbody');
    classes.forEach(function (c) {
      body.appendChild(el('tr', null, [el('td', {text: c}), el('td', {class: 'bad', text: int(byClass[c])}),
        el('td', {text: setup[c] ? int(setup[c]) : '–'}), el('td', {text: pct(M.total_requests ? byClass[c] / M.total_requests : 0)})]));
    });
    t.appendChild(body);
    box.appendChild(el('div', {class: 'table-scroll'}, [t]));
    if (byClass.generator) {
      box.appendChild(el('p', {class: 'callout warn', text: 'generator: mcpload itself could not complete ' +
        int(byClass.generator) + ' requests (out of memory, out of file descriptors) — not the server\'s fault. They' +
        ' count in the error rate; the breaking-point detector and the ceiling search do not hold them against the server.'}));
    }
    var ex = R.error_examples || [];
    if (ex.length) {
      box.appendChild(el('h3', {text: 'First errors seen'}));
      var list = el('ul', {class: 'examples'});
      ex.forEach(function (e) {
        list.appendChild(el('li', null, [el('div', {class: 'where'}, [el('code', {text: e['class']}), ' · ' + e.operation]),
          el('div', {class: 'msg', text: e.message})]));
      });
      box.appendChild(list);
    }
  }

  function sessionsSection() {
    var init = M.initialize, l = init.latency, t = $('init-table'), has = l.count > 0;
    t.appendChild(el('thead', null, [el('tr', null, ['initialize', 'count', 'errors', 'p50', 'p90', 'p95', 'p99', 'max']
      .map(function (h) { return el('th', {text: h}); }))]));
    t.appendChild(el('tbody', null, [el('tr', null, [el('td', {text: 'session setup'}), el('td', {text: int(init.count)}),
      el('td', {class: init.error_count > 0 ? 'bad' : '', text: int(init.error_count)}),
      el('td', {text: has ? ms(l.p50_ms) : '–'}), el('td', {text: has ? ms(l.p90_ms) : '–'}), el('td', {text: has ? ms(l.p95_ms) : '–'}),
      el('td', {text: has ? ms(l.p99_ms) : '–'}), el('td', {text: has ? ms(l.max_ms) : '–'})])]));
    var s = M.sessions, facts = $('session-facts');
    var add = function (k, v) { facts.appendChild(el('dt', {text: k})); facts.appendChild(el('dd', {text: v})); };
    add('sessions', int(s.opened) + ' opened, ' + int(s.closed) + ' closed, ' + int(s.reinitialized) + ' re-initialized');
    add('peak held at once', int(s.peak_held));
    if (s.ended > 0) add('session length', 'p50 ' + ms(s.duration_p50_ms) + ', p95 ' + ms(s.duration_p95_ms) + ', max '
      + ms(s.duration_max_ms) + '; ' + s.calls_mean + ' calls per session (max ' + s.calls_max + ')');
    if (M.notifications > 0) add('notifications', int(M.notifications));
    if (M.late_responses > 0) add('late responses', int(M.late_responses));
    if (M.dropped_iterations > 0) add('dropped iterations', int(M.dropped_iterations) + ' found no free VU and were not sent');
  }

  function configSection() {
    $('config-json').textContent = JSON.stringify(R.config, null, 2);
  }

  function toc() {
    var nav = $('toc');
    Array.prototype.forEach.call(document.querySelectorAll('main section'), function (s) {
      if (!s.hidden) nav.appendChild(el('a', {href: '#' + s.id, text: s.querySelector('h2').textContent}));
    });
  }

  // ---- Size, colour scheme and print: charts are canvases, so they are resized or redrawn by hand ----
  function resizeAll(width) {
    charts.forEach(function (c) {
      c.plot.setSize({width: width || Math.max(c.box.clientWidth, 200), height: chartHeight()});
    });
  }
  function watch() {
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { resizeAll(); });
    });
    if (dark && dark.addEventListener) dark.addEventListener('change', function () { charts.forEach(function (c) { c.make(); }); });
    window.addEventListener('beforeprint', function () {
      printing = true;
      $('config-details').open = true;
      charts.forEach(function (c) { c.make(); });
      resizeAll(680); // about an A4 or Letter page's printable width
    });
    window.addEventListener('afterprint', function () { printing = false; charts.forEach(function (c) { c.make(); }); });
  }

  // ---- Self-check: does each chart show its data? ----
  /** Pixels of the canvas within a small distance of colour hex (#rrggbb): the series' own line. */
  function inkOf(canvas, hex) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, n = 0;
    for (var i = 0; i < px.length; i += 4) {
      if (px[i + 3] > 200 && Math.abs(px[i] - r) < 24 && Math.abs(px[i + 1] - g) < 24 && Math.abs(px[i + 2] - b) < 24) n++;
    }
    return n;
  }
  function selfCheck() {
    var drawn = 0;
    charts.forEach(function (c) {
      try { if (inkOf(c.plot.ctx.canvas, c.mark) >= 10) drawn++; } catch (e) { problems.push('check: ' + e.message); }
    });
    var text = 'charts=' + charts.length + ' drawn=' + drawn + ' errors=' + problems.length
      + (problems.length ? ' first=' + JSON.stringify(problems[0]) : '');
    document.querySelector('meta[name="mcpload-check"]').setAttribute('content', text);
  }

  // ---- Build the page; one failing part does not hide the others ----
  var parts = [header, overview, thresholds, ceiling, toolsTable, errorsSection, sessionsSection, configSection];
  if (points.length) parts.splice(3, 0, latencyChart, throughputChart, loadChart);
  else Array.prototype.forEach.call(document.querySelectorAll('[data-needs="timeseries"]'), function (s) { s.hidden = true; });
  parts.push(toc, watch);
  parts.forEach(function (part) {
    try { part(); } catch (e) { problems.push(part.name + ': ' + e.message); if (window.console) console.error(e); }
  });
  // after uPlot's first draw (it commits in a microtask), so the canvases hold the lines
  setTimeout(selfCheck, 0);
})();
