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


def analyze(raw, warmup):
    jfr = os.path.join(raw, "profile.jfr")
    rep = parse.load(sorted(glob.glob(os.path.join(raw, "profile.report", "loadtest-*.json")))[-1])
    run = parse.mcpload(os.path.join(raw, "profile.json"), os.path.join(raw, "profile.report"), warmup)
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
        cls = v["objectClass"]["name"].replace("/", ".")
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
    for p in sorted(glob.glob(os.path.join(raw, "profile-heap-*.txt")), key=lambda x: int(re.findall(r"(\d+)\.txt$", x)[0])):
        m = re.search(r"^Total\s+\d+\s+(\d+)", open(p).read(), re.M)
        if m:
            live.append(round(int(m.group(1)) / 1024))
    out["live_heap_kib"] = live
    if len(live) >= 2:
        out["live_heap_drift_kib"] = live[-1] - live[0]
    return out
