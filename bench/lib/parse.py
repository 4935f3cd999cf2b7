"""Reading what the generators left behind: measure.py timelines, mcpload JSON reports, wrk output, the SDK
harness's lines, mcp-stress's per-second lines and JSON summary. Each reader returns one flat dict per run with the same keys, so stages can put mcpload,
wrk, the SDK client and mcp-stress side by side:

  requests, seconds, rps          completed requests in the measured window, its length, their ratio
  cpu_s, cpu_us_per_req           generator CPU (user+sys) in the window, and per request
  startup_cpu_s, startup_wall_s   CPU and time before the load started (JVM/Node start, preflight)
  total_cpu_s                     whole-life CPU of the process (rusage), start-up and shutdown included
  errors                          failed requests in the window
  p50_ms, p99_ms (+ raw_*)        latency as the generator reports it
  server_cpu_us_per_req, server_cores   CPU of the watched server process in the same window
"""
import glob
import json
import os
import re

SAMPLE_LINE = re.compile(r"^\s*(\d+\.\d)s .*vus (\d+)/(\d+)")


def load(path):
    with open(path) as f:
        return json.load(f)


def _foreign(tl, first, last, seconds):
    """Cores used by processes other than the generator and the watched server during the window."""
    if first.get("busy") is None or last.get("busy") is None or not seconds:
        return None
    ours = last["ticks"] - first["ticks"]
    for i in range(len(tl.get("watch_pids") or [])):
        if first["watch"][i] is not None and last["watch"][i] is not None:
            ours += last["watch"][i] - first["watch"][i]
    return round(max(0, last["busy"] - first["busy"] - ours) / tl["clk_tck"] / seconds, 3)


def _server(tl, first, last, requests, seconds):
    out = {"foreign_cores": _foreign(tl, first, last, seconds)}
    if tl.get("watch_pids") and first.get("watch") and last.get("watch") \
            and first["watch"][0] is not None and last["watch"][0] is not None:
        cpu = (last["watch"][0] - first["watch"][0]) / tl["clk_tck"]
        out["server_cpu_us_per_req"] = round(cpu * 1e6 / requests, 2) if requests else None
        out["server_cores"] = round(cpu / seconds, 3) if seconds else None
    return out


THREAD_GROUPS = [
    ("io", re.compile(r"^mcpload-io")),            # mcpload's event loops: the generator's real work
    ("main", re.compile(r"^(java|main|node|mcp-stress)$")),  # JVM main thread (comm "java": the engine's clock); Node's and mcp-stress's JS thread
    ("jit", re.compile(r"^C[12] Compiler")),
    ("gc", re.compile(r"^(GC Thread|G1 |VM Periodic|VM Thread)")),
    ("v8-workers", re.compile(r"^V8 ")),           # V8's GC and compiler helpers
]


def thread_breakdown(first, last, requests):
    """CPU per request by thread group between two timeline lines recorded with --threads (µs/request)."""
    if not requests or "threads" not in first or "threads" not in last:
        return None
    out = {}
    for name, t in last["threads"].items():
        d = t - first["threads"].get(name, 0)
        group = next((g for g, rx in THREAD_GROUPS if rx.search(name)), "other")
        out[group] = out.get(group, 0) + d
    clk = os.sysconf("SC_CLK_TCK")
    return {g: round(v / clk * 1e6 / requests, 2) for g, v in sorted(out.items()) if v}


def _sys_share(first, last):
    if first.get("sys") is None or last.get("sys") is None or last["ticks"] == first["ticks"]:
        return None
    return round((last["sys"] - first["sys"]) / (last["ticks"] - first["ticks"]), 3)


def _total_cpu(tl):
    return tl["rusage"]["utime"] + tl["rusage"]["stime"]


def mcpload(timeline_path, report_dir, warmup_s):
    """mcpload run --progress plain: one progress line per 2 s sample, the k-th line is timeseries[k]."""
    tl = load(timeline_path)
    reports = sorted(glob.glob(os.path.join(report_dir, "loadtest-*.json")))
    if not reports:
        raise SystemExit(f"no mcpload report in {report_dir} (exit {tl['exit']})")
    rep = load(reports[-1])
    lines = tl["lines"]
    running = next((l for l in lines if l["line"].startswith("Running ")), None)
    samples = [l for l in lines if SAMPLE_LINE.match(l["line"])]
    ts = rep["timeseries"]
    if len(samples) != len(ts):
        raise SystemExit(f"{timeline_path}: {len(samples)} progress lines but {len(ts)} samples in the report")
    regular = len(ts) - 1  # the last sample is taken after the VUs stopped (closing sessions)
    i0 = next((i for i in range(regular) if ts[i]["t_secs"] >= warmup_s - 0.05), None)
    i1 = regular - 1
    if i0 is None or i1 <= i0:
        raise SystemExit(f"{timeline_path}: run too short for a {warmup_s}s warm-up")
    clk = tl["clk_tck"]
    cpu = (samples[i1]["ticks"] - samples[i0]["ticks"]) / clk
    requests = sum(ts[i]["requests"] for i in range(i0 + 1, i1 + 1))
    errors = sum(ts[i]["error_count"] for i in range(i0 + 1, i1 + 1))
    seconds = ts[i1]["t_secs"] - ts[i0]["t_secs"]
    m = rep["metrics"]
    out = {
        "requests": requests, "seconds": round(seconds, 3), "rps": round(requests / seconds, 1),
        "cpu_s": round(cpu, 3), "cpu_us_per_req": round(cpu * 1e6 / requests, 2) if requests else None,
        "startup_cpu_s": round(running["ticks"] / clk, 3) if running else None,
        "startup_wall_s": round(running["t"], 3) if running else None,
        "total_cpu_s": round(_total_cpu(tl), 3),
        "total_requests": m["total_requests"],
        "whole_us_per_req": round(_total_cpu(tl) * 1e6 / m["total_requests"], 1) if m["total_requests"] else None,
        "errors": errors, "total_errors": m["error_count"],
        "p50_ms": m["latency"]["p50_ms"], "p99_ms": m["latency"]["p99_ms"],
        "raw_p50_ms": m["latency_raw"]["p50_ms"], "raw_p99_ms": m["latency_raw"]["p99_ms"],
        # The window's intervals: median of their own p50 and raw p99 (the report's totals include warm-up).
        "steady_p50_ms": median([ts[i]["p50_ms"] for i in range(i0 + 1, i1 + 1)]),
        "steady_raw_p99_ms": median([ts[i]["p99_raw_ms"] for i in range(i0 + 1, i1 + 1)]),
        "sessions_opened": m["sessions"]["opened"], "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1),
        "exit": tl["exit"], "report": reports[-1],
        "sys_share": _sys_share(samples[i0], samples[i1]),
        "threads_us_per_req": thread_breakdown(samples[i0], samples[i1], requests),
    }
    out.update(_server(tl, samples[i0], samples[i1], requests, seconds))
    return out


def sdk(timeline_path, warmup_s):
    """The SDK harness: 'ready', then 'sample <ms> <calls> <errors>' lines, then 'done ...'."""
    tl = load(timeline_path)
    lines = tl["lines"]
    ready = next((l for l in lines if l["line"].startswith("ready ")), None)
    samples = [l for l in lines if l["line"].startswith("sample ")]
    parsed = [(float(l["line"].split()[1]) / 1000, int(l["line"].split()[2]), int(l["line"].split()[3]), l)
              for l in samples]
    i0 = next((i for i, p in enumerate(parsed) if p[0] >= warmup_s - 0.05), None)
    if ready is None or i0 is None or len(parsed) - 1 <= i0:
        raise SystemExit(f"{timeline_path}: the SDK harness did not run long enough (exit {tl['exit']})")
    first, last = parsed[i0], parsed[-1]
    clk = tl["clk_tck"]
    cpu = (last[3]["ticks"] - first[3]["ticks"]) / clk
    requests = last[1] - first[1]
    seconds = last[0] - first[0]
    done = next((l["line"].split() for l in lines if l["line"].startswith("done ")), None)
    out = {
        "requests": requests, "seconds": round(seconds, 3), "rps": round(requests / seconds, 1),
        "cpu_s": round(cpu, 3), "cpu_us_per_req": round(cpu * 1e6 / requests, 2) if requests else None,
        "startup_cpu_s": round(ready["ticks"] / clk, 3), "startup_wall_s": round(ready["t"], 3),
        "connect_ms": float(ready["line"].split()[1]),
        "whole_us_per_req": round(_total_cpu(tl) * 1e6 / int(done[1]), 1) if done and int(done[1]) else None,
        "total_cpu_s": round(_total_cpu(tl), 3),
        "errors": last[2] - first[2],
        "p50_ms": float(done[3]) if done else None, "p99_ms": float(done[4]) if done else None,
        "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1), "exit": tl["exit"],
        "sys_share": _sys_share(first[3], last[3]),
        "threads_us_per_req": thread_breakdown(first[3], last[3], requests),
    }
    out.update(_server(tl, first[3], last[3], requests, seconds))
    return out


def _window(tl_lines, ts, warmup_s, path):
    """mcpload's window: (progress lines, i0, i1); the k-th progress line is timeseries[k], the last one is
    taken after the VUs stopped and is left out."""
    samples = [l for l in tl_lines if SAMPLE_LINE.match(l["line"])]
    if len(samples) != len(ts):
        raise SystemExit(f"{path}: {len(samples)} progress lines but {len(ts)} samples in the report")
    regular = len(ts) - 1
    i0 = next((i for i in range(regular) if ts[i]["t_secs"] >= warmup_s - 0.05), None)
    i1 = regular - 1
    if i0 is None or i1 <= i0:
        raise SystemExit(f"{path}: run too short for a {warmup_s}s warm-up")
    return samples, i0, i1


def mcpload_churn(timeline_path, report_dir, warmup_s):
    """mcpload run with a [session] profile (calls = N, then DELETE and a fresh session): sessions opened and
    tools/call completed in the window come from the report's intervals (intervals[k] is timeseries[k]); CPU
    per session = the process's CPU in the window / sessions opened in it. initialize and call percentiles are
    the report's, over the whole run (the SDK harness's are whole-run too)."""
    tl = load(timeline_path)
    reports = sorted(glob.glob(os.path.join(report_dir, "loadtest-*.json")))
    if not reports:
        raise SystemExit(f"no mcpload report in {report_dir} (exit {tl['exit']})")
    rep = load(reports[-1])
    ts, iv = rep["timeseries"], rep["intervals"]
    samples, i0, i1 = _window(tl["lines"], ts, warmup_s, timeline_path)
    if len(iv) != len(ts):
        raise SystemExit(f"{timeline_path}: {len(iv)} intervals but {len(ts)} timeseries samples")
    clk = tl["clk_tck"]
    win = range(i0 + 1, i1 + 1)
    cpu = (samples[i1]["ticks"] - samples[i0]["ticks"]) / clk
    seconds = ts[i1]["t_secs"] - ts[i0]["t_secs"]
    sessions = sum(iv[i]["sessions_opened"] for i in win)
    calls = sum(k["successes"] for i in win for k in iv[i]["keys"] if k["operation"] == "tools/call")
    errors = sum(ts[i]["error_count"] for i in win)
    m = rep["metrics"]
    tool = next((t for t in rep.get("per_tool", []) if t.get("operation") == "tools/call"), {})
    raw = tool.get("latency_raw") or m["latency_raw"]
    out = {
        "sessions": sessions, "calls": calls, "seconds": round(seconds, 3),
        "sessions_per_s": round(sessions / seconds, 1), "calls_per_s": round(calls / seconds, 1),
        "cpu_s": round(cpu, 3), "cpu_us_per_session": round(cpu * 1e6 / sessions, 1) if sessions else None,
        "cpu_us_per_call": round(cpu * 1e6 / calls, 1) if calls else None,
        "startup_cpu_s": round(next((l["ticks"] for l in tl["lines"] if l["line"].startswith("Running ")), 0) / clk, 3),
        "total_cpu_s": round(_total_cpu(tl), 3), "total_sessions": m["sessions"]["opened"],
        "whole_us_per_session": round(_total_cpu(tl) * 1e6 / m["sessions"]["opened"], 1) if m["sessions"]["opened"] else None,
        "errors": errors, "total_errors": m["error_count"] + m["initialize"]["error_count"],
        "init_errors": m["initialize"]["error_count"],
        "init_p50_ms": m["initialize"]["latency"]["p50_ms"], "init_p99_ms": m["initialize"]["latency"]["p99_ms"],
        "call_p50_ms": raw["p50_ms"], "call_p99_ms": raw["p99_ms"],
        "session_p50_ms": m["sessions"].get("duration_p50_ms"), "calls_per_session": m["sessions"].get("calls_mean"),
        "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1), "exit": tl["exit"],
        "sys_share": _sys_share(samples[i0], samples[i1]),
        "threads_us_per_session": thread_breakdown(samples[i0], samples[i1], sessions),
    }
    out.update(_server(tl, samples[i0], samples[i1], sessions, seconds))
    out["server_cpu_us_per_session"] = out.pop("server_cpu_us_per_req", None)
    return out


def sdk_churn(timeline_path, warmup_s):
    """The SDK harness with --churn: 'sample <ms> <calls> <errors> <opened> <closed>' lines, then
    'done <calls> <errors> <p50> <p99> <opened> <closed> <connect p50> <connect p99>'."""
    tl = load(timeline_path)
    lines = tl["lines"]
    ready = next((l for l in lines if l["line"].startswith("ready ")), None)
    parsed = []
    for l in lines:
        f = l["line"].split()
        if f and f[0] == "sample" and len(f) >= 6:
            parsed.append((float(f[1]) / 1000, int(f[2]), int(f[3]), int(f[4]), l))
    i0 = next((i for i, x in enumerate(parsed) if x[0] >= warmup_s - 0.05), None)
    if ready is None or i0 is None or len(parsed) - 1 <= i0:
        raise SystemExit(f"{timeline_path}: the SDK harness did not run long enough (exit {tl['exit']})")
    first, last = parsed[i0], parsed[-1]
    clk = tl["clk_tck"]
    cpu = (last[4]["ticks"] - first[4]["ticks"]) / clk
    seconds = last[0] - first[0]
    sessions, calls = last[3] - first[3], last[1] - first[1]
    done = next((l["line"].split() for l in lines if l["line"].startswith("done ")), None)
    total_sessions = int(done[5]) if done and len(done) >= 9 else None
    out = {
        "sessions": sessions, "calls": calls, "seconds": round(seconds, 3),
        "sessions_per_s": round(sessions / seconds, 1), "calls_per_s": round(calls / seconds, 1),
        "cpu_s": round(cpu, 3), "cpu_us_per_session": round(cpu * 1e6 / sessions, 1) if sessions else None,
        "cpu_us_per_call": round(cpu * 1e6 / calls, 1) if calls else None,
        "startup_cpu_s": round(ready["ticks"] / clk, 3),
        "total_cpu_s": round(_total_cpu(tl), 3), "total_sessions": total_sessions,
        "whole_us_per_session": round(_total_cpu(tl) * 1e6 / total_sessions, 1) if total_sessions else None,
        "errors": last[2] - first[2], "total_errors": int(done[2]) if done else None,
        "init_p50_ms": float(done[7]) if total_sessions is not None else None,
        "init_p99_ms": float(done[8]) if total_sessions is not None else None,
        "call_p50_ms": float(done[3]) if done else None, "call_p99_ms": float(done[4]) if done else None,
        "calls_per_session": round(int(done[1]) / total_sessions, 2) if total_sessions else None,
        "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1), "exit": tl["exit"],
        "sys_share": _sys_share(first[4], last[4]),
        "threads_us_per_session": thread_breakdown(first[4], last[4], sessions),
    }
    out.update(_server(tl, first[4], last[4], sessions, seconds))
    out["server_cpu_us_per_session"] = out.pop("server_cpu_us_per_req", None)
    return out


MCPSTRESS_START = re.compile(r"^\s*\[[\d:.]+\] .*: \d+s, peak=\d+")
MCPSTRESS_LIVE = re.compile(r"^\s*\[\s*(\d+)s\] (?:c=\d+ )?(\d+) req\s+(\d+) req/s.*err=(\d+)")  # err= is red when > 0


def mcpstress(timeline_path, warmup_s):
    """mcp-stress run --json, stderr merged (measure.py --merge-stderr): '[hh:mm:ss.mmm] Tool flood: Ns,
    peak=N, ...' when the load starts, then '[ Ns] c=N TOTAL req  N req/s  p50=..  p99=..  err=N' every second
    (TOTAL and err cumulative; printed by its writer worker, which gets the records in 50 ms batches), a last
    such line when the run completes, then the JSON summary on stdout. The window runs from the first line
    WARMUP s after the load started to the last regular line, its length from measure.py's clock. Without
    per-second lines, the whole process (rusage) over all its requests, said by cpu_basis."""
    tl = load(timeline_path)
    lines = tl["lines"]
    start = next((l for l in lines if MCPSTRESS_START.match(l["line"])), None)
    summary = None
    first_brace = next((i for i, l in enumerate(lines) if l["line"] == "{"), None)
    if first_brace is not None:
        try:
            summary = json.loads("\n".join(l["line"] for l in lines[first_brace:]))
        except ValueError:
            summary = None
    if start is None or summary is None:
        raise SystemExit(f"{timeline_path}: mcp-stress printed no start line or no JSON summary (exit {tl['exit']})")
    live = []
    for l in lines:
        m = MCPSTRESS_LIVE.match(l["line"])
        if m:
            live.append((int(m.group(2)), int(m.group(4)), l))
    regular = live[:-1]  # the last line is printed at completion, after the load stopped
    clk = tl["clk_tck"]
    total_req = summary["totalRequests"]
    out = {
        "startup_cpu_s": round(start["ticks"] / clk, 3), "startup_wall_s": round(start["t"], 3),
        "total_cpu_s": round(_total_cpu(tl), 3), "total_requests": total_req,
        "whole_us_per_req": round(_total_cpu(tl) * 1e6 / total_req, 1) if total_req else None,
        "total_errors": summary["totalErrors"],
        "p50_ms": summary["overall"]["p50"], "p99_ms": summary["overall"]["p99"],
        "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1), "exit": tl["exit"],
    }
    i0 = next((i for i, x in enumerate(regular) if x[2]["t"] - start["t"] >= warmup_s - 0.05), None)
    if i0 is None or len(regular) - 1 <= i0:
        # No usable per-second lines: the whole process over the whole run.
        secs = summary["durationMs"] / 1000
        cpu = _total_cpu(tl)
        out.update({"cpu_basis": "whole process", "requests": total_req, "seconds": round(secs, 3),
                    "rps": round(total_req / secs, 1) if secs else None, "cpu_s": round(cpu, 3),
                    "cpu_us_per_req": out["whole_us_per_req"], "errors": summary["totalErrors"],
                    "sys_share": round(tl["rusage"]["stime"] / cpu, 3) if cpu else None})
        return out
    first, last = regular[i0], regular[-1]
    requests = last[0] - first[0]
    seconds = last[2]["t"] - first[2]["t"]
    cpu = (last[2]["ticks"] - first[2]["ticks"]) / clk
    out.update({
        "cpu_basis": "window", "requests": requests, "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 1) if seconds else None,
        "cpu_s": round(cpu, 3), "cpu_us_per_req": round(cpu * 1e6 / requests, 2) if requests else None,
        "errors": last[1] - first[1],
        "sys_share": _sys_share(first[2], last[2]),
        "threads_us_per_req": thread_breakdown(first[2], last[2], requests),
    })
    out.update(_server(tl, first[2], last[2], requests, seconds))
    return out


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else None


def wrk(timeline_path):
    """wrk --latency: totals at the end; its start-up is negligible (a C program), so the window is its life."""
    tl = load(timeline_path)
    text = "\n".join(l["line"] for l in tl["lines"])
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m),", text)
    if not m:
        raise SystemExit(f"{timeline_path}: no wrk summary (exit {tl['exit']})")
    requests = int(m.group(1))
    seconds = _ms(m.group(2) + m.group(3)) / 1000
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in sock.groups()) if sock else 0)
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", text, re.M))
    cpu = _total_cpu(tl)
    out = {
        "requests": requests, "seconds": round(seconds, 3), "rps": round(requests / seconds, 1),
        "cpu_s": round(cpu, 3), "cpu_us_per_req": round(cpu * 1e6 / requests, 2) if requests else None,
        "startup_cpu_s": 0.0, "startup_wall_s": 0.0, "total_cpu_s": round(cpu, 3),
        "whole_us_per_req": round(cpu * 1e6 / requests, 2) if requests else None,
        "errors": errors,
        "p50_ms": _ms(pct["50"]) if "50" in pct else None, "p99_ms": _ms(pct["99"]) if "99" in pct else None,
        "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1), "exit": tl["exit"],
        "sys_share": round(tl["rusage"]["stime"] / cpu, 3) if cpu else None,
    }
    if tl.get("watch_pids") and tl["watch_start"][0] is not None and tl["watch_end"][0] is not None:
        scpu = (tl["watch_end"][0] - tl["watch_start"][0]) / tl["clk_tck"]
        out["server_cpu_us_per_req"] = round(scpu * 1e6 / requests, 2) if requests else None
        out["server_cores"] = round(scpu / tl["elapsed"], 3)
        if tl.get("busy_start") is not None:
            ours = cpu + scpu
            out["foreign_cores"] = round(max(0, (tl["busy_end"] - tl["busy_start"]) / tl["clk_tck"] - ours)
                                         / tl["elapsed"], 3)
    return out


def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
