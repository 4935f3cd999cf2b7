"""Reduces the profile stage's JFR recording (raw/profile.jfr) and mcpload report to numbers:

  alloc_bytes_per_req   bytes allocated by all Java threads per request, over the post-warm-up window
                        (jdk.ThreadAllocationStatistics, cumulative per thread, every second)
  hot_self              top frames of CPU samples (jdk.ExecutionSample) in the window, % of samples
  hot_packages          the same, by the top frame's library (netty, jackson, hdrhistogram, mcpload, jdk)
  hot_mcpload_inclusive mcpload methods on the stack, % of samples they appear in
  alloc_sites           sampled allocations (jdk.ObjectAllocationSample) by class and first mcpload frame
  heap_after_gc_mb      heap used after each GC over time, and its least-squares slope (MB/min) after warm-up
  live_heap_kib         live heap (jcmd GC.class_histogram Total) the stage took once warm; drift first->last
Uses the `jfr` tool of the JDK on PATH.
"""
import datetime
import glob
import json
import os
import re
import subprocess

import parse


def _events(jfr, names, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", names, jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def _epoch(iso):
    # 2026-11-26T13:31:45.525455499Z (nanoseconds) or with milliseconds only
    head, _, frac = iso.rstrip("Z").partition(".")
    t = datetime.datetime.strptime(head, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return t.timestamp() + (float("0." + frac) if frac else 0.0)


def _type(f):
    # JFR's JSON uses internal names (io/netty/...); hidden lambda classes carry an address: drop it.
    return re.sub(r"\$\$Lambda.*$", "$$Lambda", f["method"]["type"]["name"].replace("/", "."))


def _frame(f):
    return _type(f) + "." + f["method"]["name"]


def _library(name):
    for prefix, lib in (("io.netty.", "netty"), ("tools.jackson.", "jackson"), ("org.HdrHistogram.", "hdrhistogram"),
                        ("dev.mcpload.", "mcpload"), ("java.", "jdk"), ("jdk.", "jdk"), ("sun.", "jdk")):
        if name.startswith(prefix):
            return lib
    return "other"


def _top(counter, total, n=15):
    return [{"name": k, "pct": round(100.0 * v / total, 2)} for k, v in sorted(counter.items(), key=lambda kv: -kv[1])[:n]]


def analyze(raw, warmup, name="profile"):
    """The recording raw/NAME.jfr of the run whose timeline is raw/NAME.json and report raw/NAME.report/."""
    jfr = os.path.join(raw, name + ".jfr")
    rep = parse.load(sorted(glob.glob(os.path.join(raw, name + ".report", "loadtest-*.json")))[-1])
    run = parse.mcpload(os.path.join(raw, name + ".json"), os.path.join(raw, name + ".report"), warmup)
    started = _epoch(rep["started_at"].replace("+00:00", "Z"))
    ts = rep["timeseries"][:-1]
    i0 = next(i for i, s in enumerate(ts) if s["t_secs"] >= warmup - 0.05)
    w0, w1 = started + ts[i0]["t_secs"], started + ts[-1]["t_secs"]
    cumulative = []  # (epoch, requests completed by then)
    total = 0
    for s in ts:
        total += s["requests"]
        cumulative.append((started + s["t_secs"], total))

    def requests_at(t):
        prev = (started, 0)
        for c in cumulative:
            if c[0] >= t:
                span = c[0] - prev[0]
                return prev[1] + (c[1] - prev[1]) * ((t - prev[0]) / span if span else 1)
            prev = c
        return cumulative[-1][1]

    out = {"window_s": round(w1 - w0, 1), "rps": run["rps"], "cpu_us_per_req": run["cpu_us_per_req"],
           "sys_share": run["sys_share"], "threads_us_per_req": run["threads_us_per_req"]}

    # Allocation per request: sum over threads of their cumulative allocation, snapshot by snapshot.
    snaps = {}
    for e in _events(jfr, "jdk.ThreadAllocationStatistics", 1):
        v = e["values"]
        key = round(_epoch(v["startTime"]), 1)
        snaps[key] = snaps.get(key, 0) + v["allocated"]
    times = sorted(t for t in snaps if w0 - 0.5 <= t <= w1 + 0.5)
    if len(times) >= 2:
        a, b = times[0], times[-1]
        reqs = requests_at(b) - requests_at(a)
        out["alloc_bytes_per_req"] = round((snaps[b] - snaps[a]) / reqs, 1) if reqs > 0 else None
        out["alloc_mb_per_s"] = round((snaps[b] - snaps[a]) / (b - a) / 1e6, 1)

    # CPU samples in the window.
    samples = [e["values"] for e in _events(jfr, "jdk.ExecutionSample", 96)
               if w0 <= _epoch(e["values"]["startTime"]) <= w1 and e["values"].get("stackTrace")]
    selfc, libc, incl = {}, {}, {}
    for v in samples:
        frames = v["stackTrace"]["frames"]
        if not frames:
            continue
        top = _frame(frames[0])
        selfc[top] = selfc.get(top, 0) + 1
        lib = _library(top)
        libc[lib] = libc.get(lib, 0) + 1
        for m in {_frame(f) for f in frames if _type(f).startswith("dev.mcpload.")}:
            incl[m] = incl.get(m, 0) + 1
    n = max(1, len(samples))
    out["cpu_samples"] = len(samples)
    out["hot_self"] = _top(selfc, n)
    out["hot_packages"] = {k: round(100.0 * v / n, 1) for k, v in sorted(libc.items(), key=lambda kv: -kv[1])}
    out["hot_mcpload_inclusive"] = _top(incl, n, 20)

    # Allocation sites: weight by (class, first mcpload frame, top frame).
    sites, total_w = {}, 0
    for e in _events(jfr, "jdk.ObjectAllocationSample", 96):
        v = e["values"]
        if not (w0 <= _epoch(v["startTime"]) <= w1) or not v.get("stackTrace"):
            continue
        frames = v["stackTrace"]["frames"]
        ours = next((_frame(f) for f in frames if _type(f).startswith("dev.mcpload.")), "-")
        cls = re.sub(r"\$\$Lambda.*$", "$$Lambda", v["objectClass"]["name"].replace("/", "."))
        key = f'{cls} @ {_frame(frames[0]) if frames else "?"} <- {ours}'
        sites[key] = sites.get(key, 0) + v["weight"]
        total_w += v["weight"]
    out["alloc_sites"] = _top(sites, max(1, total_w), 20)

    # Heap after each GC: flat or growing?
    after = [(_epoch(e["values"]["startTime"]) - started, e["values"]["heapUsed"] / 2**20)
             for e in _events(jfr, "jdk.GCHeapSummary", 1) if e["values"]["when"] == "After GC"]
    out["heap_after_gc_mb"] = [[round(t, 1), round(h, 1)] for t, h in after]
    late = [(t, h) for t, h in after if t >= warmup]
    if len(late) >= 3:
        mt = sum(t for t, _ in late) / len(late)
        mh = sum(h for _, h in late) / len(late)
        den = sum((t - mt) ** 2 for t, _ in late)
        out["heap_slope_mb_per_min"] = round(60 * sum((t - mt) * (h - mh) for t, h in late) / den, 2) if den else None
    out["gc_count"] = len(after)

    # Live heap after full GCs (jcmd GC.run) taken by the stage once warm: the flatness check.
    live = []
    for p in sorted(glob.glob(os.path.join(raw, name + "-heap-*.txt")), key=lambda x: int(re.findall(r"(\d+)\.txt$", x)[0])):
        m = re.search(r"^Total\s+\d+\s+(\d+)", open(p).read(), re.M)
        if m:
            live.append(round(int(m.group(1)) / 1024))
    out["live_heap_kib"] = live
    if len(live) >= 2:
        out["live_heap_drift_kib"] = live[-1] - live[0]
    return out


def startup(raw, name):
    """Where the CPU of a whole mcpload run goes, from the timeline (measure.py --threads) and the recording:
    start-up (process start to the 'Running' line: JVM boot, class loading, config, preflight session), the
    JIT compiler threads over the whole run, the event loops; and the start-up's CPU samples and the JIT's
    compilations (jdk.Compilation) from the JFR recording."""
    tl = parse.load(os.path.join(raw, name + ".json"))
    clk = tl["clk_tck"]
    lines = [l for l in tl["lines"] if "threads" in l]
    running = next((l for l in lines if l["line"].startswith("Running ")), None)
    # Threads that ended (the event loops stop before the summary is printed) vanish from later lines: the
    # whole run's CPU of a thread name is the most it showed on any line.
    peak = {"threads": {}}
    for l in lines:
        for t, v in l["threads"].items():
            peak["threads"][t] = max(v, peak["threads"].get(t, 0))
    total_cpu = tl["rusage"]["utime"] + tl["rusage"]["stime"]
    rep = parse.load(sorted(glob.glob(os.path.join(raw, name + ".report", "loadtest-*.json")))[-1])

    def groups(line):
        out = {}
        for t, v in (line or {}).get("threads", {}).items():
            g = next((g for g, rx in parse.THREAD_GROUPS if rx.search(t)), "other")
            out[g] = out.get(g, 0) + v
        return {g: round(v / clk, 2) for g, v in sorted(out.items())}

    out = {"elapsed_s": tl["elapsed"], "total_cpu_s": round(total_cpu, 2), "requests": rep["metrics"]["total_requests"],
           "whole_us_per_req": round(total_cpu * 1e6 / rep["metrics"]["total_requests"], 1)
           if rep["metrics"]["total_requests"] else None,
           "startup_cpu_s": round(running["ticks"] / clk, 2) if running else None,
           "startup_wall_s": round(running["t"], 2) if running else None,
           "startup_by_thread_s": groups(running), "run_by_thread_s": groups(peak)}
    jit_total = out["run_by_thread_s"].get("jit", 0)
    jit_startup = out["startup_by_thread_s"].get("jit", 0)
    out["jit_cpu_s"] = jit_total
    out["jit_after_startup_s"] = round(jit_total - jit_startup, 2)
    if out["startup_cpu_s"] is not None:
        out["startup_plus_jit_s"] = round(out["startup_cpu_s"] + out["jit_after_startup_s"], 2)
        out["startup_plus_jit_share"] = round(out["startup_plus_jit_s"] / total_cpu, 3) if total_cpu else None

    jfr = os.path.join(raw, name + ".jfr")
    if not os.path.exists(jfr):
        return out
    if running:
        # The start-up's Java CPU samples (JFR starts with the JVM; the first ~0.2 s of JVM boot are before it).
        t_run = tl["started_at_epoch"] + running["t"]
        selfc, libc, n = {}, {}, 0
        for e in _events(jfr, "jdk.ExecutionSample", 64):
            v = e["values"]
            if _epoch(v["startTime"]) > t_run or not v.get("stackTrace") or not v["stackTrace"]["frames"]:
                continue
            frames = v["stackTrace"]["frames"]
            n += 1
            top = _frame(frames[0])
            selfc[top] = selfc.get(top, 0) + 1
            lib = _library(top)
            libc[lib] = libc.get(lib, 0) + 1
        out["startup_samples"] = n
        out["startup_hot_self"] = _top(selfc, max(1, n), 10)
        out["startup_packages"] = {k: round(100.0 * v / max(1, n), 1) for k, v in sorted(libc.items(), key=lambda kv: -kv[1])}
    comps = []
    try:
        comps = [e["values"] for e in _events(jfr, "jdk.Compilation", 1)]
    except subprocess.CalledProcessError:
        pass
    if comps:
        def dur(v):
            d = v["duration"]  # "PT0.0123S" or a number of nanoseconds, depending on the jfr version
            if isinstance(d, str):
                m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d)
                return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0
            return d / 1e9
        t0 = tl["started_at_epoch"]
        by_level, late = {}, 0.0
        for v in comps:
            lvl = "C2" if v.get("compileLevel") == 4 else "C1"
            c = by_level.setdefault(lvl, {"count": 0, "seconds": 0.0})
            c["count"] += 1
            c["seconds"] += dur(v)
            if running and _epoch(v["startTime"]) - t0 > running["t"] + 10:
                late += dur(v)
        out["compilations"] = {k: {"count": c["count"], "seconds": round(c["seconds"], 2)} for k, c in by_level.items()}
        out["compile_seconds_after_10s_of_load"] = round(late, 2)
        top = sorted(comps, key=lambda v: -dur(v))[:8]
        out["longest_compilations"] = [{"method": _frame({"method": v["method"]}),
                                        "level": v.get("compileLevel"), "ms": round(dur(v) * 1000, 1)} for v in top]
    return out
