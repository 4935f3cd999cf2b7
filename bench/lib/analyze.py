#!/usr/bin/env python3
"""Turns one stage's raw files into its result JSON (bench/results/<run>/<stage>.json).

    analyze.py cost --raw DIR --out FILE --warmup S [--meta k=v ...]
    analyze.py everything ...   analyze.py sessions ...   analyze.py accuracy ...
    analyze.py jmh ...          analyze.py profile ...       analyze.py sseprofile ...
    analyze.py churn --raw DIR --out FILE --warmup S --meta calls="1 5" ...
    analyze.py eras --raw DIR --out FILE --warmup S [--meta k=v ...]
    analyze.py soak --raw DIR --out FILE --csv FILE --warmup S --meta seconds=D warmup_s=W window_s=WIN ...

Every stage file has "meta" (the settings and the load average when it ran), "runs" (every measured run) and
"summary" (medians over rounds, and the ratios the targets are about).
"""
import argparse
import base64
import csv
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import parse  # noqa: E402

GENERATORS = ("mcpload", "wrk", "sdk", "mcpstress")
ERAS = ("legacy", "modern")  # the stage "eras": mcpload run with --protocol-era legacy / modern
KEYS = ("rps", "cpu_us_per_req", "startup_cpu_s", "startup_wall_s", "errors", "p50_ms", "p99_ms",
        "server_cpu_us_per_req", "server_cores", "maxrss_mb", "sys_share", "whole_us_per_req", "total_cpu_s")


def meta_of(pairs):
    meta = {}
    for p in pairs or []:
        k, _, v = p.partition("=")
        meta[k] = v
    return meta


def write(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def read_run(raw, tag, warmup):
    g = tag.split("-")[-2]
    path = os.path.join(raw, tag + ".json")
    if not os.path.exists(path):
        return None
    try:
        if g == "mcpload" or g in ERAS:
            return parse.mcpload(path, os.path.join(raw, tag + ".report"), warmup)
        if g == "sdk":
            return parse.sdk(path, warmup)
        if g == "mcpstress":
            return parse.mcpstress(path, warmup)
        return parse.wrk(path)
    except SystemExit as e:
        print(f"analyze: {tag}: {e}", file=sys.stderr)
        return {"failed": str(e)}


COST_RATIOS = (("mcpload_over_wrk", "mcpload", "wrk"), ("sdk_over_mcpload", "sdk", "mcpload"),
               ("mcpstress_over_mcpload", "mcpstress", "mcpload"))


def side_by_side(raw, prefix, modes, warmup, generators=GENERATORS, keys=KEYS, ratio_pairs=COST_RATIOS):
    """runs[mode][generator] = [run per round]; summary[mode][generator] = medians of keys; the CPU-per-request
    ratios of ratio_pairs ((name, numerator, denominator) generators) per round."""
    runs, summary = {}, {}
    for mode in modes:
        runs[mode] = {}
        for g in generators:
            tags = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(raw, f"{prefix}-{mode}-{g}-*.json")))
            rs = []
            for t in tags:
                r = read_run(raw, t, warmup)
                if r is not None:
                    r["round"] = int(t.split("-")[-1])
                    rs.append(r)
            runs[mode][g] = rs
        summary[mode] = {}
        for g in generators:
            ok = [r for r in runs[mode][g] if "failed" not in r]
            if ok:
                summary[mode][g] = {k: parse.median([r.get(k) for r in ok]) for k in keys}
                summary[mode][g]["rounds"] = len(ok)
                bases = sorted({r["cpu_basis"] for r in ok if r.get("cpu_basis")})
                if bases:
                    summary[mode][g]["cpu_basis"] = "/".join(bases)
                groups = sorted({k for r in ok for k in (r.get("threads_us_per_req") or {})})
                if groups:
                    summary[mode][g]["threads_us_per_req"] = {
                        k: parse.median([(r.get("threads_us_per_req") or {}).get(k, 0) for r in ok]) for k in groups}
        # Ratios of CPU per request, round by round (same round = same minute, same server), then the median.
        by_round = {}
        for g in generators:
            for r in runs[mode][g]:
                if "failed" not in r:
                    by_round.setdefault(r["round"], {})[g] = r["cpu_us_per_req"]
        ratios = {name: [] for name, _, _ in ratio_pairs}
        for rd in sorted(by_round):
            c = by_round[rd]
            for name, num, den in ratio_pairs:
                if c.get(num) and c.get(den):
                    ratios[name].append(round(c[num] / c[den], 3))
        summary[mode]["ratios"] = {k: {"per_round": v, "median": parse.median(v)} for k, v in ratios.items()}
    return runs, summary


def cmd_cost(a):
    runs, summary = side_by_side(a.raw, "cost", ("fixed", "max"), a.warmup)
    # The same against the reference server in --mode sse (raw files costsse-*): modes "sse-fixed", "sse-max".
    if glob.glob(os.path.join(a.raw, "costsse-*-*-*.json")):
        sse_runs, sse_summary = side_by_side(a.raw, "costsse", ("fixed", "max"), a.warmup)
        for mode in ("fixed", "max"):
            runs["sse-" + mode], summary["sse-" + mode] = sse_runs[mode], sse_summary[mode]
    write(a.out, {"stage": "cost", "meta": meta_of(a.meta), "runs": runs, "summary": summary})


ERA_KEYS = KEYS + ("steady_p50_ms", "steady_raw_p99_ms", "raw_p50_ms", "raw_p99_ms", "total_errors", "requests")


def _per_round_ratio(runs, num, den, value):
    """value(num run) / value(den run), round by round (same round = same minute, same server)."""
    by = {}
    for g in (num, den):
        for r in runs.get(g, []):
            if "failed" not in r:
                by.setdefault(r["round"], {})[g] = value(r)
    out = [round(c[num] / c[den], 3) for _, c in sorted(by.items()) if c.get(num) and c.get(den)]
    return {"per_round": out, "median": parse.median(out)}


def cmd_eras(a):
    """mcpload --protocol-era legacy vs modern against one reference server (raw files eras-MODE-ERA-ROUND;
    erassse-* for --mode sse, as modes sse-fixed, sse-max): the cost stage's side_by_side with the two eras as
    the generators, and modern/legacy per round for CPU per request, the event loops' CPU per request and
    throughput. Each run also says which era and protocol version the report names."""
    pair = (("modern_over_legacy", "modern", "legacy"),)
    runs, summary = side_by_side(a.raw, "eras", ("fixed", "max"), a.warmup, ERAS, ERA_KEYS, pair)
    if glob.glob(os.path.join(a.raw, "erassse-*-*-*.json")):
        sse_runs, sse_summary = side_by_side(a.raw, "erassse", ("fixed", "max"), a.warmup, ERAS, ERA_KEYS, pair)
        for mode in ("fixed", "max"):
            runs["sse-" + mode], summary["sse-" + mode] = sse_runs[mode], sse_summary[mode]
    for mode in runs:
        for g in ERAS:
            for r in runs[mode][g]:
                if r.get("report"):
                    srv = parse.load(r["report"]).get("server") or {}
                    r["era"], r["protocol_version"] = srv.get("era"), srv.get("protocol_version")
        rt = summary[mode]["ratios"]
        rt["modern_over_legacy_io"] = _per_round_ratio(
            runs[mode], "modern", "legacy", lambda r: (r.get("threads_us_per_req") or {}).get("io"))
        rt["modern_over_legacy_rps"] = _per_round_ratio(runs[mode], "modern", "legacy", lambda r: r.get("rps"))
        # Each era's own spread over the rounds, (max - min) / median of its CPU per request: the noise a
        # modern/legacy ratio is to be read against.
        for g in ERAS:
            v = [r["cpu_us_per_req"] for r in runs[mode][g] if "failed" not in r and r.get("cpu_us_per_req")]
            summary[mode][g + "_spread"] = round((max(v) - min(v)) / parse.median(v), 3) if len(v) > 1 else None
    write(a.out, {"stage": "eras", "meta": meta_of(a.meta), "runs": runs, "summary": summary})


def cmd_everything(a):
    runs, summary = side_by_side(a.raw, "every", ("max",), a.warmup)
    server_wrk = None
    path = os.path.join(a.raw, "server-wrk.txt")
    if os.path.exists(path):
        text = open(path).read()
        lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", text, re.M))
        m = re.search(r"tools/call (\w+) \((\w+)\): ([\d.]+) requests/s", text)
        # bench/server/run's CPU line: "CPU, in cores of 2: server 1.50 (95 us per request), wrk 0.40, other
        # processes 0.02, steal 0.02" (older versions: "...; server used 1.17 cores on average").
        cpu = re.search(r"server ([\d.]+) \((\d+) us per request\), wrk ([\d.]+), other processes ([\d.]+)", text)
        old = re.search(r"server used ([\d.]+) cores", text)
        if m:
            server_wrk = {"tool": m.group(1), "mode": m.group(2), "rps": float(m.group(3)),
                          "server_cores": float(cpu.group(1)) if cpu else float(old.group(1)) if old else None,
                          "server_us_per_req": float(cpu.group(2)) if cpu else None,
                          "wrk_cores": float(cpu.group(3)) if cpu else None,
                          "other_cores": float(cpu.group(4)) if cpu else None,
                          "p50_ms": parse._ms(lat["50"]) if "50" in lat else None,
                          "p99_ms": parse._ms(lat["99"]) if "99" in lat else None}
    write(a.out, {"stage": "everything", "meta": meta_of(a.meta), "runs": runs, "summary": summary,
                  "reference_server_wrk": server_wrk})


def heap_used_kb(path):
    """The live heap in KiB: the Total line of `jcmd PID GC.class_histogram` (taken after a full GC)."""
    if not os.path.exists(path):
        return None
    m = re.search(r"^Total\s+\d+\s+(\d+)", open(path).read(), re.M)
    return round(int(m.group(1)) / 1024) if m else None


def histogram(path):
    """{class name: bytes} from `jcmd PID GC.class_histogram`."""
    out = {}
    if path and os.path.exists(path):
        for m in re.finditer(r"^\s*\d+:\s+\d+\s+(\d+)\s+(\S+)", open(path).read(), re.M):
            out[m.group(2)] = out.get(m.group(2), 0) + int(m.group(1))
    return out


def rss_kb(path):
    if not os.path.exists(path):
        return None
    m = re.search(r"VmRSS:\s+(\d+) kB", open(path).read())
    return int(m.group(1)) if m else None


def cmd_sessions(a):
    """Heap and RSS per held session: N-VU steady state minus the 1-VU baseline, both after a full GC."""
    out = {"stage": "sessions", "meta": meta_of(a.meta)}
    runs = {}
    for label in ("base", "scale"):
        rep = sorted(glob.glob(os.path.join(a.raw, f"sessions-{label}.report", "loadtest-*.json")))
        tl_path = os.path.join(a.raw, f"sessions-{label}.json")
        r = {}
        if rep:
            j = parse.load(rep[-1])
            m = j["metrics"]
            r.update({"vus": m["max_vus"], "sessions_opened": m["sessions"]["opened"],
                      "sessions_closed": m["sessions"]["closed"], "requests": m["total_requests"],
                      "errors": m["error_count"], "errors_by_class": m["errors"],
                      "init_errors": m["initialize"]["error_count"],
                      "init_p50_ms": m["initialize"]["latency"]["p50_ms"],
                      "init_p99_ms": m["initialize"]["latency"]["p99_ms"],
                      "init_max_ms": m["initialize"]["latency"]["max_ms"],
                      "rps": m["throughput_rps"], "p50_ms": m["latency"]["p50_ms"], "p99_ms": m["latency"]["p99_ms"],
                      "reinitialized": m["sessions"]["reinitialized"]})
            target = m["max_vus"]
            full = next((s for s in j["timeseries"] if s["vus"] >= target), None)
            r["all_open_by_s"] = full["t_secs"] if full else None
            r["error_examples"] = j.get("error_examples", [])[:3]
        if os.path.exists(tl_path):
            tl = parse.load(tl_path)
            running = next((l for l in tl["lines"] if l["line"].startswith("Running ")), None)
            r["startup_wall_s"] = running["t"] if running else None
            r["exit"] = tl["exit"]
        heaps = []
        for p in sorted(glob.glob(os.path.join(a.raw, f"sessions-{label}-heap-*.txt"))):
            heaps.append(heap_used_kb(p))
        r["heap_used_after_gc_kb"] = heaps
        r["rss_kb"] = [rss_kb(p) for p in sorted(glob.glob(os.path.join(a.raw, f"sessions-{label}-status-*.txt")))]
        r["server_rss_kb"] = [rss_kb(p) for p in sorted(glob.glob(os.path.join(a.raw, f"sessions-{label}-srvstatus-*.txt")))]
        r["server_heap_used_after_gc_kb"] = [heap_used_kb(p) for p in sorted(glob.glob(os.path.join(a.raw, f"sessions-{label}-srvheap-*.txt")))]
        runs[label] = r
    out["runs"] = runs
    b, s = runs.get("base", {}), runs.get("scale", {})
    summary = {}
    if b.get("heap_used_after_gc_kb") and s.get("heap_used_after_gc_kb") and s.get("vus"):
        n = s["vus"] - b.get("vus", 1)
        bh = parse.median([h for h in b["heap_used_after_gc_kb"] if h])
        sh = parse.median([h for h in s["heap_used_after_gc_kb"] if h])
        summary["heap_per_session_kib"] = round((sh - bh) / n, 2)
        brss = parse.median([x for x in b["rss_kb"] if x])
        srss = parse.median([x for x in s["rss_kb"] if x])
        if brss and srss:
            summary["rss_per_session_kib"] = round((srss - brss) / n, 2)
        sh_series = [h for h in s["heap_used_after_gc_kb"] if h]
        if len(sh_series) >= 2:
            summary["heap_drift_kib"] = sh_series[-1] - sh_series[0]
        # Which classes make up a session: bytes per session by class, last scale snapshot minus last base one.
        hb = histogram(max(glob.glob(os.path.join(a.raw, "sessions-base-heap-*.txt")), default=None))
        hs = histogram(max(glob.glob(os.path.join(a.raw, "sessions-scale-heap-*.txt")), default=None))
        per = {k: (hs.get(k, 0) - hb.get(k, 0)) / n for k in hs}
        summary["heap_per_session_by_class"] = [{"class": k, "bytes": round(v, 1)}
                                                for k, v in sorted(per.items(), key=lambda kv: -kv[1])[:15]]
        bs = parse.median([x for x in b.get("server_heap_used_after_gc_kb", []) if x])
        ss = parse.median([x for x in s.get("server_heap_used_after_gc_kb", []) if x])
        if bs and ss:
            summary["server_heap_per_session_kib"] = round((ss - bs) / n, 2)
    summary["held_sessions"] = s.get("sessions_opened")
    summary["errors"] = s.get("errors")
    summary["init_errors"] = s.get("init_errors")
    summary["all_open_by_s"] = s.get("all_open_by_s")
    summary["init_p99_ms"] = s.get("init_p99_ms")
    summary["init_max_ms"] = s.get("init_max_ms")
    out["summary"] = summary
    write(a.out, out)


def _accuracy_round(a, delay, report_dir, wrk_suffix, stages):
    """One round: mcpload's staged run (stages = {level: measured stage}) and the wrk runs alongside it."""
    rows, wrk_runs = {}, {}
    rep_files = sorted(glob.glob(os.path.join(a.raw, report_dir, "loadtest-*.json")))
    ts = parse.load(rep_files[-1])["timeseries"] if rep_files else []
    for level, stage in stages.items():
        row = {"delay_ms": delay}
        # Each stage's 2 s samples, the first one (the transition) left out.
        samples = [s for s in ts if s["stage"] == stage][1:]
        if samples:
            p50 = parse.median([s["p50_ms"] for s in samples])
            p99 = parse.median([s["p99_raw_ms"] for s in samples])
            row.update({"mcpload_rps": round(parse.median([s["throughput_rps"] for s in samples]), 1),
                        "mcpload_p50_ms": p50, "mcpload_p99_ms": p99, "intervals": len(samples),
                        "overhead_p50_ms": round(p50 - delay, 3), "overhead_p99_ms": round(p99 - delay, 3),
                        "errors": sum(s["error_count"] for s in samples)})
        path = os.path.join(a.raw, f"acc-{level}-wrk{wrk_suffix}.json")
        w = None
        if os.path.exists(path):
            try:
                w = parse.wrk(path)
            except SystemExit as e:
                print(f"analyze: {path}: {e}", file=sys.stderr)
        wrk_runs[level] = w
        if w:
            row.update({"wrk_rps": round(w["rps"], 1), "wrk_p50_ms": round(w["p50_ms"], 3),
                        "wrk_p99_ms": round(w["p99_ms"], 3), "wrk_overhead_p50_ms": round(w["p50_ms"] - delay, 3),
                        "wrk_overhead_p99_ms": round(w["p99_ms"] - delay, 3)})
            if "mcpload_p50_ms" in row:
                row["vs_wrk_p50_ms"] = round(row["mcpload_p50_ms"] - w["p50_ms"], 3)
                row["vs_wrk_p99_ms"] = round(row["mcpload_p99_ms"] - w["p99_ms"], 3)
        rows[level] = row
    return rows, wrk_runs, ts


def cmd_accuracy(a):
    """ROUNDS rounds of (mcpload staged run + wrk alongside each level); the summary is the median of the
    rounds, field by field, and mcpload - wrk is taken round by round (same server, same moment) first."""
    meta = meta_of(a.meta)
    delay = float(meta.get("delay_ms", 20))
    rounds = int(meta.get("rounds", 1))
    runs, summary, per_round = {"wrk": {"moderate": [], "high": []}}, {}, []
    ts = []
    for r in range(1, rounds + 1):
        stages = {"moderate": int(meta.get("moderate_stage", 4)), "high": int(meta.get("high_stage", 6))}
        rows, wrk_runs, ts_r = _accuracy_round(a, delay, f"acc-mcpload-r{r}.report", f"-r{r}", stages)
        per_round.append(rows)
        for level, w in wrk_runs.items():
            runs["wrk"][level].append(w)
        ts = ts or ts_r
    for level in ("moderate", "high"):
        rows = [pr[level] for pr in per_round if pr.get(level)]
        row = {}
        for key in sorted({k for r in rows for k in r}):
            vals = [r[key] for r in rows if r.get(key) is not None]
            if vals:
                row[key] = round(parse.median(vals), 3) if key != "errors" else sum(vals)
        row["rounds_vs_wrk_p50_ms"] = [r.get("vs_wrk_p50_ms") for r in rows]
        row["rounds_vs_wrk_p99_ms"] = [r.get("vs_wrk_p99_ms") for r in rows]
        row["rounds"] = len(rows)
        summary[level] = row
    runs["per_round"] = per_round
    runs["mcpload_timeseries"] = [{k: s[k] for k in ("t_secs", "stage", "vus", "throughput_rps", "p50_ms", "p99_ms", "p99_raw_ms")}
                                  for s in ts]
    stall = {}
    rep = sorted(glob.glob(os.path.join(a.raw, "stall.report", "loadtest-*.json")))
    if rep:
        j = parse.load(rep[-1])
        m = j["metrics"]
        stall = {"p50_ms": m["latency"]["p50_ms"], "p99_ms": m["latency"]["p99_ms"],
                 "raw_p50_ms": m["latency_raw"]["p50_ms"], "raw_p99_ms": m["latency_raw"]["p99_ms"],
                 "max_ms": m["latency_raw"]["max_ms"], "requests": m["total_requests"],
                 "errors": m["error_count"]}
        stall["shows_in_corrected_p99"] = stall["p99_ms"] >= 500
        stall["hidden_in_raw_p99"] = stall["raw_p99_ms"] < 100
        stall["stall_seen_max"] = stall["max_ms"] >= 900
    write(a.out, {"stage": "accuracy", "meta": meta, "runs": runs, "summary": summary, "stall": stall})


def cmd_jmh(a):
    rows = []
    data = parse.load(a.json) if os.path.exists(a.json) else []
    for b in data:
        name = b["benchmark"].rsplit(".", 2)
        row = {"benchmark": ".".join(name[-2:]), "mode": b["mode"],
               "score": round(b["primaryMetric"]["score"], 2), "error": round(b["primaryMetric"]["scoreError"], 2),
               "unit": b["primaryMetric"]["scoreUnit"], "params": b.get("params", {})}
        sec = b.get("secondaryMetrics", {})
        if "gc.alloc.rate.norm" in sec:
            row["alloc_bytes_per_op"] = round(sec["gc.alloc.rate.norm"]["score"], 1)
        rows.append(row)
    write(a.out, {"stage": "jmh", "meta": meta_of(a.meta), "benchmarks": rows})


def cmd_profile(a):
    import profile_jfr
    write(a.out, {"stage": "profile", "meta": meta_of(a.meta), **profile_jfr.analyze(a.raw, a.warmup)})


def cmd_sseprofile(a):
    """Per target (sse: the reference server in --mode sse; everything: server-everything), a plain run
    (sseprofile-T-plain: where the whole run's CPU went, profile_jfr.startup, and the window's CPU per request)
    and a JFR run (sseprofile-T: the same, plus the window's profile, profile_jfr.analyze)."""
    import profile_jfr
    out = {"stage": "sseprofile", "meta": meta_of(a.meta), "runs": {}}
    for target in ("sse", "everything"):
        name = "sseprofile-" + target
        if not os.path.exists(os.path.join(a.raw, name + ".jfr")):
            continue
        r = {}
        try:
            if os.path.exists(os.path.join(a.raw, name + "-plain.json")):
                r["plain"] = profile_jfr.startup(a.raw, name + "-plain")
                r["plain_window"] = parse.mcpload(os.path.join(a.raw, name + "-plain.json"),
                                                  os.path.join(a.raw, name + "-plain.report"), a.warmup)
            r["whole"] = profile_jfr.startup(a.raw, name)
            r["window"] = profile_jfr.analyze(a.raw, a.warmup, name)
        except (SystemExit, Exception) as e:  # one broken run must not hide the other
            print(f"analyze: {name}: {e}", file=sys.stderr)
            r["failed"] = str(e)
        out["runs"][target] = r
    write(a.out, out)


CHURN_KEYS = ("sessions_per_s", "calls_per_s", "cpu_us_per_session", "cpu_us_per_call", "whole_us_per_session",
              "startup_cpu_s", "errors", "total_errors", "init_p50_ms", "init_p99_ms", "call_p50_ms", "call_p99_ms",
              "calls_per_session", "server_cpu_us_per_session", "server_cores", "sys_share", "maxrss_mb",
              "connections_per_session")


def cmd_churn(a):
    """runs["cN"][generator] = [run per round]; summary["cN"][generator] = medians; ratios round by round."""
    meta = meta_of(a.meta)
    runs, summary = {}, {}
    for calls in meta.get("calls", "1 5").split():
        mode = f"c{calls}"
        runs[mode], summary[mode] = {}, {}
        for g in ("mcpload", "sdk"):
            rs = []
            for path in sorted(glob.glob(os.path.join(a.raw, f"churn-{mode}-{g}-*.json"))):
                tag = os.path.basename(path)[:-5]
                try:
                    r = parse.mcpload_churn(path, os.path.join(a.raw, tag + ".report"), a.warmup) if g == "mcpload" \
                        else parse.sdk_churn(path, a.warmup)
                except SystemExit as e:
                    print(f"analyze: {tag}: {e}", file=sys.stderr)
                    r = {"failed": str(e)}
                r["round"] = int(tag.split("-")[-1])
                ao = os.path.join(a.raw, tag + ".activeopens")
                if os.path.exists(ao) and r.get("total_sessions"):
                    r["tcp_active_opens"] = int(open(ao).read().strip())
                    r["connections_per_session"] = round(r["tcp_active_opens"] / r["total_sessions"], 3)
                rs.append(r)
            runs[mode][g] = rs
            ok = [r for r in rs if "failed" not in r]
            if ok:
                summary[mode][g] = {k: parse.median([r.get(k) for r in ok]) for k in CHURN_KEYS}
                summary[mode][g]["rounds"] = len(ok)
                groups = sorted({k for r in ok for k in (r.get("threads_us_per_session") or {})})
                summary[mode][g]["threads_us_per_session"] = {
                    k: parse.median([(r.get("threads_us_per_session") or {}).get(k, 0) for r in ok]) for k in groups}
        by_round = {}
        for g in ("mcpload", "sdk"):
            for r in runs[mode][g]:
                if "failed" not in r:
                    by_round.setdefault(r["round"], {})[g] = r
        cpu, rate = [], []
        for rd in sorted(by_round):
            m, s = by_round[rd].get("mcpload"), by_round[rd].get("sdk")
            if m and s and m.get("cpu_us_per_session") and s.get("cpu_us_per_session"):
                cpu.append(round(s["cpu_us_per_session"] / m["cpu_us_per_session"], 3))
            if m and s and s.get("sessions_per_s"):
                rate.append(round(m["sessions_per_s"] / s["sessions_per_s"], 3))
        summary[mode]["ratios"] = {
            "sdk_over_mcpload_cpu_per_session": {"per_round": cpu, "median": parse.median(cpu)},
            "mcpload_over_sdk_sessions_per_s": {"per_round": rate, "median": parse.median(rate)}}
    write(a.out, {"stage": "churn", "meta": meta, "runs": runs, "summary": summary})


# ---- soak -----------------------------------------------------------------------------------------------------
# What the verdict compares (CSV column, label, tolerance). The tolerance of each is the larger of an absolute
# floor and a share of its first-window median (see bench/README.md, "Soak", for why these): a metric is flat
# when neither the change from the first window's median to the last's, nor the least-squares slope carried
# over the whole post-warm-up span, exceeds it.
SOAK_METRICS = (
    ("live_heap_net_kb", "live heap after full GC, less the run's record of intervals (KiB)", 1024, 0.05, True),
    ("live_heap_kb", "live heap after full GC (KiB)", 1024, 0.05, False),
    ("record_kb", "the run's record of intervals, estimated (KiB)", 0, 0.0, False),
    ("fds", "open descriptors", 8, 0.10, True),
    ("threads", "threads", 2, 0.0, True),
    ("rss_kb", "RSS (KiB)", 16384, 0.10, False),
    ("rss_nonheap_kb", "RSS less heap committed (KiB)", 16384, 0.10, False),
    ("heap_committed_kb", "heap committed (KiB)", 0, 0.0, False),
    ("old_used_kb", "old gen used, jstat (KiB)", 0, 0.0, False),
    ("metaspace_used_kb", "metaspace used (KiB)", 512, 0.02, False),
    ("sockets", "sockets", 8, 0.10, False),
    ("srv_fds", "server descriptors", 8, 0.10, False),
    ("srv_rss_kb", "server RSS (KiB)", 16384, 0.10, False),
)


def _num(v):
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def _slope_per_min(points):
    """Least-squares slope of [(t_s, value)] in value per minute."""
    pts = [(t, v) for t, v in points if v is not None]
    if len(pts) < 3:
        return None
    n = len(pts)
    mt = sum(t for t, _ in pts) / n
    mv = sum(v for _, v in pts) / n
    var = sum((t - mt) ** 2 for t, _ in pts)
    return round(sum((t - mt) * (v - mv) for t, v in pts) / var * 60, 3) if var else None


def class_histogram(path):
    """{class: (instances, bytes)} from `jcmd PID GC.class_histogram`."""
    out = {}
    if path and os.path.exists(path):
        for m in re.finditer(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", open(path).read(), re.M):
            i, b = out.get(m.group(3), (0, 0))
            out[m.group(3)] = (i + int(m.group(1)), b + int(m.group(2)))
    return out


def _timewait(path):
    m = re.search(r"timewait (\d+)", open(path).read()) if os.path.exists(path) else None
    return int(m.group(1)) if m else None


def cmd_soak(a):
    """The soak run: every sample with the report's counts up to it (CSV), windows, slopes, verdicts."""
    meta = meta_of(a.meta)
    D, W, WIN = float(meta["seconds"]), float(meta["warmup_s"]), float(meta["window_s"])
    tl_path = os.path.join(a.raw, "soak.json")
    rep_dir = os.path.join(a.raw, "soak.report")
    tl = parse.load(tl_path)
    reports = sorted(glob.glob(os.path.join(rep_dir, "loadtest-*.json")))
    out = {"stage": "soak", "meta": meta}
    if not reports:
        out["summary"] = {"failed": f"no mcpload report (exit {tl['exit']})"}
        write(a.out, out)
        return
    rep = parse.load(reports[-1])
    running = next((l for l in tl["lines"] if l["line"].startswith("Running ")), None)
    t_load0 = running["t"] if running else 0.0  # the load starts this long after the JVM (preflight, start-up)
    ts, iv = rep["timeseries"], rep["intervals"]
    # What the run keeps by design, for its report: every 2 s interval, its counts and, per key (operation or
    # tool), two compressed histograms (raw, corrected) as byte arrays. Estimated per interval from the report:
    # the arrays (16 B header, 8-byte aligned) + 56 B per EncodedInterval$Key + 272 B for the EncodedInterval (64),
    # its Sample (136), Events (48) and key list (24): the sizes the class histogram shows for those instances.
    def al8(n):
        return (n + 7) // 8 * 8
    enc, rec_bytes = [], []
    for it in iv:
        n, b = 0, 272
        for k in it.get("keys", []):
            b += 56
            for h in ("raw", "corrected"):
                x = len(base64.b64decode(k.get(h) or ""))
                n += x
                b += al8(16 + x)
        enc.append(n)
        rec_bytes.append(b)
    # cumulative counts at each interval's end, load time
    cum, req, opened, closed, errs, rec = [], 0, 0, 0, 0, 0
    for i, s in enumerate(ts):
        req += s["requests"]
        errs += s["error_count"]
        if i < len(iv):
            opened += iv[i]["sessions_opened"]
            closed += iv[i]["sessions_closed"]
            rec += rec_bytes[i]
        cum.append((s["t_secs"], req, opened, closed, errs, rec))
    END = float(meta.get("end_margin_s", 5))  # the last seconds: VUs stopping, the report being built

    rows = list(csv.DictReader(open(os.path.join(a.raw, "soak-samples.csv"))))
    for r in rows:
        t = float(r["t_jvm_s"]) - t_load0
        r["t_s"] = round(t, 2)
        r["phase"] = ("start" if t < 0 else "warmup" if t < W else "first" if t < W + WIN
                      else "last" if D - END - WIN <= t < D - END else "soak" if t < D - END else "stop")
        c = next((c for c in reversed(cum) if c[0] <= t + 1e-6), (0, 0, 0, 0, 0, 0))
        r["requests"], r["sessions_opened"], r["sessions_closed"], r["errors"] = c[1:5]
        r["record_kb"] = round(c[5] / 1024)
        if _num(r.get("live_heap_kb")) is not None:
            r["live_heap_net_kb"] = round(float(r["live_heap_kb"]) - c[5] / 1024)
        if _num(r.get("rss_kb")) is not None and _num(r.get("heap_committed_kb")) is not None:
            r["rss_nonheap_kb"] = round(float(r["rss_kb"]) - float(r["heap_committed_kb"]))
    cols = ["t_s", "phase"] + [k for k in rows[0] if k not in ("t_s", "phase")] if rows else []
    for k in ("live_heap_net_kb", "rss_nonheap_kb"):
        if k not in cols:
            cols.append(k)
    with open(a.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, restval="")
        w.writeheader()
        w.writerows(rows)

    steady = [r for r in rows if r["phase"] in ("first", "soak", "last")]
    span_min = (max(r["t_s"] for r in steady) - min(r["t_s"] for r in steady)) / 60 if steady else 0
    metrics, verdicts = {}, []
    for col, label, floor, share, judged in SOAK_METRICS:
        first = [_num(r.get(col)) for r in rows if r["phase"] == "first"]
        last = [_num(r.get(col)) for r in rows if r["phase"] == "last"]
        first, last = [x for x in first if x is not None], [x for x in last if x is not None]
        if not first or not last:
            continue
        m0, m1 = parse.median(first), parse.median(last)
        slope = _slope_per_min([(r["t_s"], _num(r.get(col))) for r in steady])
        tol = max(floor, share * m0)
        d = {"label": label, "first_median": m0, "last_median": m1, "delta": round(m1 - m0, 1),
             "first_range": [min(first), max(first)], "last_range": [min(last), max(last)],
             "samples_first": len(first), "samples_last": len(last), "slope_per_min": slope,
             "over_span": round(slope * span_min, 1) if slope is not None else None,
             "warmup_start": next((_num(r.get(col)) for r in rows if r["phase"] == "warmup" and _num(r.get(col)) is not None), None),
             "max": max(x for x in (_num(r.get(col)) for r in rows if r["phase"] != "stop") if x is not None)}
        if tol:
            d["tolerance"] = round(tol, 1)
            d["flat"] = abs(m1 - m0) <= tol and (slope is None or abs(slope * span_min) <= tol)
            if judged:
                verdicts.append(d["flat"])
        metrics[col] = d

    # Which classes grew: the first live histogram of the first window against the last one of the last window.
    lives = sorted(glob.glob(os.path.join(a.raw, "soak-live", "live-*.txt")))

    def t_of(p):
        return int(re.search(r"-(\d+)s\.txt$", p).group(1)) - t_load0
    h0 = next((p for p in lives if W <= t_of(p) < W + WIN), None)
    h1 = next((p for p in reversed(lives) if D - END - WIN <= t_of(p) < D - END), None)
    growth = []
    if h0 and h1:
        c0, c1 = class_histogram(h0), class_histogram(h1)
        for k in set(c0) | set(c1):
            i0, b0 = c0.get(k, (0, 0))
            i1, b1 = c1.get(k, (0, 0))
            growth.append({"class": k, "instances": i1 - i0, "bytes": b1 - b0})
        growth.sort(key=lambda g: -abs(g["bytes"]))
    run = {}
    try:
        run = parse.mcpload_churn(tl_path, rep_dir, W)
    except SystemExit as e:
        run = {"failed": str(e)}
    m = rep["metrics"]
    first_t = [r["t_s"] for r in rows if r["phase"] == "first"]
    last_t = [r["t_s"] for r in rows if r["phase"] == "last"]

    def cum_at(t):
        return next((c for c in reversed(cum) if c[0] <= t + 1e-6), (0, 0, 0, 0, 0, 0))
    between = None
    if first_t and last_t:
        a0, a1 = cum_at(parse.median(first_t)), cum_at(parse.median(last_t))
        between = {"seconds": round(parse.median(last_t) - parse.median(first_t), 1), "requests": a1[1] - a0[1],
                   "sessions": a1[2] - a0[2]}
    out["summary"] = {
        "requests": m["total_requests"], "errors": m["error_count"], "init_errors": m["initialize"]["error_count"],
        "rps": m["throughput_rps"], "elapsed_s": m["elapsed_secs"],
        "sessions_opened": m["sessions"]["opened"], "sessions_closed": m["sessions"]["closed"],
        "calls_per_session": m["sessions"].get("calls_mean"), "session_p50_ms": m["sessions"].get("duration_p50_ms"),
        "p50_ms": m["latency"]["p50_ms"], "p99_ms": m["latency"]["p99_ms"],
        "raw_p99_ms": m["latency_raw"]["p99_ms"], "init_p99_ms": m["initialize"]["latency"]["p99_ms"],
        "steady": {k: run.get(k) for k in ("sessions_per_s", "calls_per_s", "cpu_us_per_session", "cpu_us_per_call",
                                           "server_cores", "foreign_cores", "seconds", "errors", "failed")
                   if k in run},
        "load_starts_after_s": round(t_load0, 2), "span_min": round(span_min, 2), "between_windows": between,
        "metrics": metrics, "class_growth": growth[:12], "class_growth_files": [h0, h1],
        "report_intervals": len(iv), "report_encoded_bytes_per_interval": round(sum(enc) / len(enc)) if enc else None,
        "record_bytes_per_interval": round(sum(rec_bytes) / len(rec_bytes)) if rec_bytes else None,
        "record_kib_per_min": round(sum(rec_bytes) / len(rec_bytes) / 1024 * 60 / 2, 1) if rec_bytes else None,
        "flat": all(verdicts) if verdicts else None,
        "timewait_after": _timewait(os.path.join(a.raw, "soak-ss-after.txt")),
        "exit": tl["exit"], "maxrss_mb": round(tl["rusage"]["maxrss_kb"] / 1024, 1),
    }
    out["runs"] = {"soak": {"foreign_cores": run.get("foreign_cores")}}
    write(a.out, out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stage")
    ap.add_argument("--raw")
    ap.add_argument("--out", required=True)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--json")
    ap.add_argument("--meta", nargs="*")
    ap.add_argument("--csv", help="soak: where the samples go, with the report's counts")
    a = ap.parse_args()
    {"cost": cmd_cost, "everything": cmd_everything, "sessions": cmd_sessions, "accuracy": cmd_accuracy,
     "jmh": cmd_jmh, "profile": cmd_profile, "sseprofile": cmd_sseprofile, "churn": cmd_churn, "eras": cmd_eras,
     "soak": cmd_soak}[a.stage](a)


if __name__ == "__main__":
    main()
