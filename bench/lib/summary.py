#!/usr/bin/env python3
"""Prints one run's results (bench/results/<run>/*.json) as Markdown tables, with the issue's targets checked.

    summary.py bench/results/20261126T140000Z-full
"""
import json
import os
import sys

D = sys.argv[1]


def load(name):
    p = os.path.join(D, name + ".json")
    return json.load(open(p)) if os.path.exists(p) else None


def f(v, digits=1, unit=""):
    if v is None:
        return "–"
    if isinstance(v, (int, float)):
        return f"{v:,.{digits}f}{unit}"
    return str(v)


def _runs(stage):
    """Every run dict of a stage, however nested (runs[mode][generator] = [..] or runs[level][generator])."""
    found = []

    def walk(x):
        if isinstance(x, dict):
            if "foreign_cores" in x:
                found.append(x)
            else:
                for v in x.values():
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk((stage or {}).get("runs"))
    return found


def load_of(stage):
    """'load 0.21, idle 0.02 cores before; others ≤ 0.05 cores during runs'."""
    meta = (stage or {}).get("meta", {})
    parts = meta.get("load", "?").split()
    text = f"load average {parts[0]}"
    busy = next((p.split("=")[1] for p in parts if p.startswith("busy_cores=")), None)
    if busy:
        text += f", machine busy {busy} cores before"
    foreign = [r["foreign_cores"] for r in _runs(stage) if r.get("foreign_cores") is not None]
    if foreign:
        text += f", other processes ≤ {max(foreign):.2f} cores during the runs"
        if max(foreign) > float(os.environ.get("IDLE_CPU", "0.3")):
            text += " — **WARNING: measured under foreign load, not comparable**"
    return text


out = []
p = out.append
targets = []  # (target, measured, verdict)

env = load("env") or {}
p(f"# mcpload benchmark — `{env.get('command', 'bench/run')}`")
p("")
p(f"Run {env.get('started_utc', '?')}, commit {env.get('commit', '?')}, on {env.get('cores', '?')} cores, {env.get('memory_gib', '?')} GiB; "
  f"{env.get('java', '?')}; node {env.get('node', '?')}; {env.get('wrk', '?').split(' Copyright')[0]}. "
  f"fd limit {env.get('ulimit_n_soft', '?')} (hard {env.get('ulimit_n_hard', '?')}), ephemeral ports "
  f"{'-'.join(env.get('ip_local_port_range', ['?']))}. Generators and servers share the machine "
  f"(loopback only). Each stage gives the 1-minute load average and the cores the machine kept busy just "
  f"before it, and the most CPU that processes other than the generator and the server used during its runs "
  f"(from /proc/stat).")
p("")

# ---- 1. cost ----
GEN_LABEL = {"mcpload": "mcpload", "wrk": "wrk", "sdk": "sdk", "mcpstress": "mcp-stress"}
COST_MODES = ("fixed", "max", "sse-fixed", "sse-max")
cost = load("cost")
if cost:
    m = cost["meta"]
    has_sse = any(k in cost["summary"] for k in ("sse-fixed", "sse-max"))
    p(f"## 1. Generator cost — tools/call `echo` against the reference server ({load_of(cost)})")
    p("")
    p(f"{m.get('sessions')} sessions (wrk: {m.get('sessions')} connections on one pre-initialized session, "
      f"{m.get('wrk_threads')} threads; mcp-stress: one session, batches of {m.get('sessions')} concurrent calls); "
      f"fixed = each session waits {m.get('think_ms')} ms between reply and next request; max = no wait. "
      f"json = the server answers every POST with a JSON body" +
      (f"; sse = `--mode sse`, every reply an SSE stream (wrk frames the HTTP response but parses no SSE)" if has_sse else "") +
      f". CPU = user+sys of the generator process over a {m.get('measure_s')} s window "
      f"after {m.get('warmup_s')} s of warm-up (start-up apart); medians of {m.get('runs')} rounds. "
      f"Whole run = all CPU of the process (start-up, warm-up, shutdown) / all requests.")
    p("")
    p("| server | mode | generator | req/s | CPU µs/req | sys share | whole run µs/req | start-up CPU s (wall s) | p50 ms | p99 ms | errors | server µs/req |")
    p("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in COST_MODES:
        if mode not in cost["summary"]:
            continue
        server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
        for g in ("mcpload", "wrk", "sdk", "mcpstress"):
            s = cost["summary"].get(mode, {}).get(g)
            label = GEN_LABEL[g]
            if g == "mcpstress" and short == "fixed":
                label += " †"
            if s and s.get("cpu_basis") and s["cpu_basis"] != "window":
                label += f" ({s['cpu_basis']})"
            if not s:
                ran = cost.get("runs", {}).get(mode, {}).get(g)
                p(f"| {server} | {short} | {label} | {'failed' if ran else 'not run'} | | | | | | | | |")
                continue
            p(f"| {server} | {short} | {label} | {f(s['rps'], 0)} | **{f(s['cpu_us_per_req'], 1)}** | {f(s.get('sys_share'), 2)} | "
              f"{f(s.get('whole_us_per_req'), 1)} | "
              f"{f(s['startup_cpu_s'], 2)} ({f(s['startup_wall_s'], 2)}) | {f(s['p50_ms'], 2)} | {f(s['p99_ms'], 2)} | "
              f"{f(s['errors'], 0)} | {f(s.get('server_cpu_us_per_req'), 1)} |")
    p("")
    if any(cost["summary"].get(md, {}).get("mcpstress") for md in COST_MODES):
        p(f"mcp-stress ({m.get('mcpstress_version', '?')}) differs from the closed loop of the others: one session for all "
          f"{m.get('sessions')} workers, calls sent in batches of {m.get('sessions')} (the next batch when the whole batch "
          f"has replied), arguments drawn at random from the tool's schema (1–4 words, not \"hello\"); its CPU window is "
          f"read at its per-second stderr lines. † fixed: mcp-stress has no think time, so its fixed runs go through "
          f"`bench/lib/delayproxy.py`, which holds every reply {m.get('think_ms')} ms: the same offered rate comes from "
          f"a slower reply instead of a wait after it, so its p50/p99 include the {m.get('think_ms')} ms (the proxy's "
          f"CPU is not counted as the generator's).")
        p("")
    for mode in COST_MODES:
        if mode not in cost["summary"]:
            continue
        r = cost["summary"].get(mode, {}).get("ratios", {})
        mw, sm, xm = r.get("mcpload_over_wrk", {}), r.get("sdk_over_mcpload", {}), r.get("mcpstress_over_mcpload", {})
        server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
        p(f"- {server} {short}: mcpload/wrk CPU per request = **{f(mw.get('median'), 2)}×** (rounds: "
          f"{', '.join(f(x, 2) for x in mw.get('per_round', []))}); SDK/mcpload = **{f(sm.get('median'), 2)}×** "
          f"(rounds: {', '.join(f(x, 2) for x in sm.get('per_round', []))})" +
          (f"; mcp-stress/mcpload = **{f(xm.get('median'), 2)}×** (rounds: "
           f"{', '.join(f(x, 2) for x in xm.get('per_round', []))})" if xm.get("per_round") else ""))
        if server != "json":
            continue
        if mw.get("median") is not None:
            targets.append((f"generator CPU/req ≤ 3× wrk ({mode})", f"{mw['median']:.2f}×", mw["median"] <= 3))
        if sm.get("median") is not None:
            targets.append((f"generator CPU/req ≤ 1/10 of the TS SDK client ({mode})", f"SDK = {sm['median']:.2f}× mcpload",
                            sm["median"] >= 10))
    for g, name in (("mcpload", "mcpload"), ("sdk", "SDK client"), ("mcpstress", "mcp-stress")):
        for mode in COST_MODES:
            t = cost["summary"].get(mode, {}).get(g, {}).get("threads_us_per_req")
            if t:
                server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
                p(f"- {name} {server} {short}, CPU µs/req by thread: " + ", ".join(f"{k} {f(v, 1)}" for k, v in t.items()))
    p("")

# ---- 2. throughput ----
every = load("everything")
if cost or every:
    p(f"## 2. Maximum throughput (req/s; {load_of(every) if every else '?'})")
    p("")
    p("| target | mcpload | wrk (raw HTTP, 1 session) | TS SDK client | mcp-stress |")
    p("|---|---:|---:|---:|---:|")
    gens = ("mcpload", "wrk", "sdk", "mcpstress")
    if cost:
        s = cost["summary"].get("max", {})
        p("| mcpload reference server (JSON) | " + " | ".join(f(s.get(g, {}).get("rps"), 0) for g in gens) + " |")
        if "sse-max" in cost["summary"]:
            s = cost["summary"]["sse-max"]
            p("| mcpload reference server (`--mode sse`) | " + " | ".join(f(s.get(g, {}).get("rps"), 0) for g in gens) + " |")
    if every:
        s = every["summary"].get("max", {})
        p("| server-everything (SSE replies) | " + " | ".join(f(s.get(g, {}).get("rps"), 0) for g in gens) + " |")
    p("")
    if every and every.get("reference_server_wrk"):
        w = every["reference_server_wrk"]
        m_every = every.get("meta", {})
        p(f"Reference server alone under wrk (`bench/server/run`, {w['tool']}, {w['mode']}, {m_every.get('measure_s')} s): "
          f"**{f(w['rps'], 0)} req/s**, server {f(w['server_cores'], 2)} cores ({f(w.get('server_us_per_req'), 0)} µs/req), "
          f"wrk {f(w.get('wrk_cores'), 2)} cores, others {f(w.get('other_cores'), 2)}; p50 {f(w['p50_ms'], 2)} ms, "
          f"p99 {f(w['p99_ms'], 2)} ms.")
    if cost and cost["summary"].get("max", {}).get("mcpload"):
        cm, cw = cost["summary"]["max"]["mcpload"], cost["summary"]["max"].get("wrk", {})
        p(f"In the cost stage's max runs the reference server (one event loop) used {f(cm.get('server_cores'), 2)} "
          f"cores under mcpload ({f(cm['rps'], 0)} req/s) and {f(cw.get('server_cores'), 2)} under wrk "
          f"({f(cw.get('rps'), 0)} req/s): on 2 cores, generator + server together fill the machine, so maximum "
          f"throughput there is bounded by their CPU per request added up "
          f"({f(cm['cpu_us_per_req'], 1)} + {f(cm.get('server_cpu_us_per_req'), 1)} µs for mcpload).")
    if every and every["summary"].get("max", {}).get("mcpload"):
        s = every["summary"]["max"]
        p(f"Against server-everything: CPU µs/req mcpload {f(s['mcpload']['cpu_us_per_req'], 1)} (whole run "
          f"{f(s['mcpload'].get('whole_us_per_req'), 1)}), wrk {f(s.get('wrk', {}).get('cpu_us_per_req'), 1)}, SDK "
          f"{f(s.get('sdk', {}).get('cpu_us_per_req'), 1)}, mcp-stress {f(s.get('mcpstress', {}).get('cpu_us_per_req'), 1)} "
          f"(whole run {f(s.get('mcpstress', {}).get('whole_us_per_req'), 1)}); server-everything used "
          f"{f(s['mcpload'].get('server_cores'), 2)} cores under mcpload (one Node thread: it is the bottleneck there).")
        r = s.get("ratios", {})
        p(f"Ratios there (CPU per request, round by round): mcpload/wrk {f(r.get('mcpload_over_wrk', {}).get('median'), 2)}×, "
          f"SDK/mcpload {f(r.get('sdk_over_mcpload', {}).get('median'), 2)}×, mcp-stress/mcpload "
          f"{f(r.get('mcpstress_over_mcpload', {}).get('median'), 2)}×.")
    p("")

# ---- 3. sessions ----
ses = load("sessions")
if ses:
    m, s = ses["meta"], ses["summary"]
    sc = ses["runs"].get("scale", {})
    p(f"## 3. Held sessions in one JVM ({load_of(ses)})")
    p("")
    p(f"{m.get('vus')} VUs, tools/call echo every {m.get('think_ms')} ms per session, reference server in its own "
      f"JVM; heap = live heap (`jcmd GC.class_histogram`, after a full GC) minus the 1-VU baseline; fd limit {m.get('fd_limit')}, ports "
      f"{m.get('ip_local_port_range')}; accept-queue overflows during the scale run: {m.get('listen_overflows', '?')} "
      f"(net.core.somaxconn {m.get('somaxconn', '?')}).")
    p("")
    p("| held | errors (init) | all open by | initialize p50 / p99 / max ms | heap/session | RSS/session | heap drift over hold | server heap/session |")
    p("|---:|---:|---:|---:|---:|---:|---:|---:|")
    p(f"| {f(s.get('held_sessions'), 0)} | {f(s.get('errors'), 0)} ({f(s.get('init_errors'), 0)}) | "
      f"{f(s.get('all_open_by_s'), 0)} s | {f(sc.get('init_p50_ms'), 0)} / {f(s.get('init_p99_ms'), 0)} / {f(s.get('init_max_ms'), 0)} | "
      f"**{f(s.get('heap_per_session_kib'), 2)} KiB** | {f(s.get('rss_per_session_kib'), 1)} KiB | "
      f"{f(s.get('heap_drift_kib'), 0)} KiB | {f(s.get('server_heap_per_session_kib'), 2)} KiB |")
    p("")
    p(f"Live heap during the hold (KiB): {sc.get('heap_used_after_gc_kb')}; RSS (KiB): {sc.get('rss_kb')}.")
    p("")
    if s.get("heap_per_session_by_class"):
        p("Heap per session by class (bytes): " + ", ".join(
            f"`{c['class'].split('.')[-1]}` {c['bytes']:.0f}" for c in s["heap_per_session_by_class"][:10]) + ".")
        p("")
    held = s.get("held_sessions") or 0
    vus = int(m.get("vus", 0) or 0)
    ok = held >= vus and not s.get("errors") and not s.get("init_errors")
    targets.append((f"≥ 10,000 concurrent held sessions, no errors (ran {vus:,})",
                    f"{held:,} held, {s.get('errors')} errors, {s.get('init_errors')} init errors",
                    (held >= 10000 and ok) if vus >= 10000 else (None if ok else False)))
    if s.get("heap_per_session_kib") is not None:
        targets.append(("≤ 16 KiB heap per idle session", f"{s['heap_per_session_kib']:.2f} KiB",
                        s["heap_per_session_kib"] <= 16))

# ---- 4. accuracy ----
acc = load("accuracy")
if acc:
    m = acc["meta"]
    p(f"## 4. Accuracy — `sleep({m.get('delay_ms')} ms)`, closed loop ({load_of(acc)})")
    p("")
    p(f"{m.get('rounds', 1)} round(s), medians shown (mcpload − wrk taken round by round). Each round, one mcpload "
      f"JVM: {m.get('warm_vus')} VUs for {m.get('warmup_s')} s (JIT warm-up), then each level, held "
      f"{m.get('settle_s', 0)} s to settle and measured for {m.get('seconds')} s; its p50 / p99 = median over the level's 2 s intervals of each interval's p50 and raw "
      f"p99. wrk: --latency percentiles with as many connections on one session, running at the same time inside "
      f"each level, so both see the same server at the same moment (the load is the two together). Overhead = "
      f"reported − delay: the server's timer slack is in both; mcpload − wrk is mcpload's own share.")
    p("")
    p("| load | VUs (+ wrk conns) | mcpload req/s | mcpload p50 / p99 ms | overhead p50 / p99 ms | wrk p50 / p99 ms | wrk overhead p50 / p99 | **mcpload − wrk** p50 / p99 |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|")
    for level, vus in (("moderate", m.get("low_vus")), ("high", m.get("high_vus"))):
        r = acc["summary"].get(level)
        if not r:
            continue
        p(f"| {level} | {vus} | {f(r.get('mcpload_rps'), 0)} | {f(r.get('mcpload_p50_ms'), 3)} / {f(r.get('mcpload_p99_ms'), 3)} | "
          f"{f(r.get('overhead_p50_ms'), 3)} / {f(r.get('overhead_p99_ms'), 3)} | {f(r.get('wrk_p50_ms'), 3)} / {f(r.get('wrk_p99_ms'), 3)} "
          f"| {f(r.get('wrk_overhead_p50_ms'), 3)} / {f(r.get('wrk_overhead_p99_ms'), 3)} | "
          f"**{f(r.get('vs_wrk_p50_ms'), 3)} / {f(r.get('vs_wrk_p99_ms'), 3)}** |")
    for level in ("moderate", "high"):
        r = acc["summary"].get(level) or {}
        if r.get("rounds_vs_wrk_p50_ms"):
            p("")
            p(f"- {level}: mcpload − wrk by round, p50: {', '.join(f(v, 3) for v in r['rounds_vs_wrk_p50_ms'])} ms; "
              f"p99: {', '.join(f(v, 3) for v in r['rounds_vs_wrk_p99_ms'])} ms")
    mod = acc["summary"].get("moderate", {})
    if "vs_wrk_p50_ms" in mod:
        # mcpload's own share: what it reports above what a raw-HTTP client reports for the same server delay.
        targets.append(("measurement overhead ≤ 0.2 ms at p50 (moderate load; mcpload − wrk)",
                        f"{mod['vs_wrk_p50_ms']:.3f} ms (− delay: {f(mod.get('overhead_p50_ms'), 3)} ms, wrk − delay "
                        f"{f(mod.get('wrk_overhead_p50_ms'), 3)} ms)", mod["vs_wrk_p50_ms"] <= 0.2))
        targets.append(("measurement overhead ≤ 1 ms at p99 (moderate load; mcpload − wrk)",
                        f"{mod['vs_wrk_p99_ms']:.3f} ms (− delay: {f(mod.get('overhead_p99_ms'), 3)} ms, wrk − delay "
                        f"{f(mod.get('wrk_overhead_p99_ms'), 3)} ms)", mod["vs_wrk_p99_ms"] <= 1))
    st = acc.get("stall")
    if st:
        p("")
        p(f"1-second stall (10 VUs through a proxy that holds every reply for 1 s once): corrected p99 "
          f"**{f(st['p99_ms'], 1)} ms**, raw p99 **{f(st['raw_p99_ms'], 1)} ms**, max {f(st['max_ms'], 0)} ms, "
          f"{st['requests']} requests, {st['errors']} errors.")
        ok = st["shows_in_corrected_p99"] and st["hidden_in_raw_p99"] and st["stall_seen_max"]
        targets.append(("1 s stall shows in corrected P99, not in raw P99",
                        f"corrected {st['p99_ms']:.1f} ms, raw {st['raw_p99_ms']:.1f} ms", ok))
    p("")

# ---- profile ----
prof = load("profile")
if prof:
    p(f"## 5. Profile at maximum throughput — JFR ({load_of(prof)})")
    p("")
    p(f"{f(prof.get('rps'), 0)} req/s over {prof.get('window_s')} s; CPU {f(prof.get('cpu_us_per_req'), 1)} µs/req "
      f"(sys share {f(prof.get('sys_share'), 2)}); **allocation {f(prof.get('alloc_bytes_per_req'), 0)} bytes/request** "
      f"({f(prof.get('alloc_mb_per_s'), 1)} MB/s); {prof.get('gc_count')} GCs; live heap (GC.class_histogram, KiB): "
      f"{prof.get('live_heap_kib')}.")
    if prof.get("threads_us_per_req"):
        p("CPU µs/req by thread: " + ", ".join(f"{k} {f(v, 1)}" for k, v in prof["threads_us_per_req"].items()) + ".")
    p("")
    p("CPU samples by library (top frame): " + ", ".join(f"{k} {v} %" for k, v in prof.get("hot_packages", {}).items()))
    p("")
    p("| mcpload method on the stack | % of CPU samples |")
    p("|---|---:|")
    for h in prof.get("hot_mcpload_inclusive", [])[:10]:
        p(f"| `{h['name']}` | {h['pct']} |")
    p("")
    p("| top allocation sites (class @ allocating frame <- first mcpload frame) | % of sampled bytes |")
    p("|---|---:|")
    for h in prof.get("alloc_sites", [])[:10]:
        p(f"| `{h['name']}` | {h['pct']} |")
    p("")
    if prof.get("alloc_bytes_per_req") is not None:
        targets.append(("allocation per request measured (JFR)", f"{prof['alloc_bytes_per_req']:.0f} B/request", True))
    if prof.get("live_heap_drift_kib") is not None:
        live = prof["live_heap_kib"]
        targets.append((f"heap flat at max throughput (live heap after full GC, {len(live)} snapshots)",
                        f"{live[0]:,} → {live[-1]:,} KiB ({prof['live_heap_drift_kib']:+,} KiB)",
                        prof["live_heap_drift_kib"] < 0.05 * max(live)))
if ses and ses["summary"].get("heap_drift_kib") is not None:
    d = ses["summary"]["heap_drift_kib"]
    targets.append(("heap flat over the held-session run (first vs last after-GC snapshot)", f"{d:+,} KiB",
                    d < 0.05 * max(1, max(ses["runs"]["scale"]["heap_used_after_gc_kb"] or [1]))))

# ---- sseprofile ----
ssep = load("sseprofile")
if ssep:
    m = ssep["meta"]
    p(f"## 7. Where mcpload's CPU goes on the SSE path and at start-up — JFR ({load_of(ssep)})")
    p("")
    p(f"`{m.get('command')}` (tools/call echo, no think time, default JVM flags), against the reference server in "
      f"`--mode sse` and against server-everything, each once plain and once with a JFR recording (CPU samples "
      f"every 1 ms, allocation, every JIT compilation; the recording itself costs ~0.7 s of CPU at start-up). Start-up = process start to the 'Running' line (JVM boot, class loading, config, "
      f"preflight session); JIT = CPU of the C1/C2 compiler threads (/proc); window = after {m.get('warmup_s')} s.")
    p("")
    p("| target | run | req/s (window) | whole run CPU s | requests | whole run µs/req | start-up CPU s (wall s) | JIT CPU s (after start-up) | start-up + JIT, share of the run | event loops CPU s | window µs/req | window alloc B/req |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t, label in (("sse", "reference server `--mode sse`"), ("everything", "server-everything")):
        r = ssep.get("runs", {}).get(t)
        if r is None:
            continue
        if "whole" not in r and "plain" not in r:
            p(f"| {label} | failed | | | | | | | | | | |")
            continue
        for key, wkey, run in (("plain", "plain_window", "plain"), ("whole", "window", "with JFR")):
            if key not in r:
                continue
            w, win = r[key], r.get(wkey, {})
            p(f"| {label} | {run} | {f(win.get('rps'), 0)} | {f(w.get('total_cpu_s'), 2)} | {f(w.get('requests'), 0)} | "
              f"{f(w.get('whole_us_per_req'), 1)} | {f(w.get('startup_cpu_s'), 2)} ({f(w.get('startup_wall_s'), 2)}) | "
              f"{f(w.get('jit_cpu_s'), 2)} ({f(w.get('jit_after_startup_s'), 2)}) | {f(w.get('startup_plus_jit_s'), 2)} s, "
              f"{f(100 * (w.get('startup_plus_jit_share') or 0), 0)} % | {f(w.get('run_by_thread_s', {}).get('io'), 2)} | "
              f"{f(win.get('cpu_us_per_req'), 1)} | {f(win.get('alloc_bytes_per_req'), 0)} |")
    p("")
    for t, label in (("sse", "reference server `--mode sse`"), ("everything", "server-everything")):
        r = ssep.get("runs", {}).get(t)
        if not r or "whole" not in r:
            continue
        w, win = r["whole"], r.get("window", {})
        wp = r.get("plain", w)
        p(f"**{label}**: CPU s by thread over the whole plain run: " +
          ", ".join(f"{k} {f(v, 2)}" for k, v in wp.get("run_by_thread_s", {}).items()) +
          "; during its start-up: " + ", ".join(f"{k} {f(v, 2)}" for k, v in wp.get("startup_by_thread_s", {}).items()) +
          ". With JFR, whole run: " +
          ", ".join(f"{k} {f(v, 2)}" for k, v in w.get("run_by_thread_s", {}).items()) +
          "; during start-up: " + ", ".join(f"{k} {f(v, 2)}" for k, v in w.get("startup_by_thread_s", {}).items()) + ".")
        c = w.get("compilations", {})
        if c:
            p("JIT: " + ", ".join(f"{k} {v['count']} compilations, {f(v['seconds'], 2)} s" for k, v in sorted(c.items())) +
              f" (compile wall time, threads share 2 cores); {f(w.get('compile_seconds_after_10s_of_load'), 2)} s of it "
              f"more than 10 s into the load. Longest: " +
              ", ".join(f"`{x['method'].split('.')[-2]}.{x['method'].split('.')[-1]}` {f(x['ms'], 0)} ms" for x in w.get("longest_compilations", [])[:4]) + ".")
        if w.get("startup_packages"):
            p(f"Start-up CPU samples ({w.get('startup_samples')}, Java code only) by library: " +
              ", ".join(f"{k} {v} %" for k, v in w["startup_packages"].items()) + ".")
        if win.get("hot_packages"):
            p(f"Window: {win.get('cpu_samples')} CPU samples by library (top frame): " +
              ", ".join(f"{k} {v} %" for k, v in win["hot_packages"].items()) +
              (f"; CPU µs/req by thread: " + ", ".join(f"{k} {f(v, 1)}" for k, v in (win.get("threads_us_per_req") or {}).items())) +
              f"; sys share {f(win.get('sys_share'), 2)}.")
        p("")
        p("| hot method (top frame) | % | mcpload method on the stack | % | allocation site (class @ frame <- first mcpload frame) | % of bytes |")
        p("|---|---:|---|---:|---|---:|")
        hs, hi, al = win.get("hot_self", []), win.get("hot_mcpload_inclusive", []), win.get("alloc_sites", [])
        for i in range(8):
            a = hs[i] if i < len(hs) else None
            b = hi[i] if i < len(hi) else None
            c2 = al[i] if i < len(al) else None
            p(f"| {('`' + a['name'] + '`') if a else ''} | {a['pct'] if a else ''} | {('`' + b['name'] + '`') if b else ''} | "
              f"{b['pct'] if b else ''} | {('`' + c2['name'] + '`') if c2 else ''} | {c2['pct'] if c2 else ''} |")
        p("")

# ---- jmh ----
jmh = load("jmh")
if jmh:
    p(f"## 6. JMH microbenchmarks (`-prof gc`; {load_of(jmh)})")
    p("")
    p("| benchmark | params | time/op | alloc B/op |")
    p("|---|---|---:|---:|")
    for b in jmh["benchmarks"]:
        params = ", ".join(f"{k}={v}" for k, v in b.get("params", {}).items())
        p(f"| {b['benchmark']} | {params} | {b['score']} ± {b['error']} {b['unit']} | {f(b.get('alloc_bytes_per_op'), 1)} |")
    p("")

# ---- churn ----
churn = load("churn")
if churn:
    m = churn["meta"]
    p(f"## 8. Session churn — sessions opened per second against the reference server ({load_of(churn)})")
    p("")
    p(f"{m.get('sessions')} workers, each in a loop: initialize → notifications/initialized → N × tools/call echo → "
      f"close (DELETE) → a fresh session, no think time. mcpload: `[session] calls = N`; SDK "
      f"(@modelcontextprotocol/sdk {m.get('sdk_version', '?')}): `node bench/node/sdk-client.mjs --churn --calls N` — "
      f"per session a new `Client` + `StreamableHTTPClientTransport`, `connect()`, `callTool` × N, "
      f"`transport.terminateSession()`, `close()` (its transport also sends the standalone-stream GET, 405 here). "
      f"CPU = user+sys of the generator process over a {m.get('measure_s')} s window after {m.get('warmup_s')} s "
      f"(start-up apart), per session opened in the window; medians of {m.get('runs')} round(s). init = mcpload's "
      f"`initialize`, the SDK's whole `connect()` (initialize + notifications/initialized); init and call "
      f"percentiles over the whole run. TCP conns/session = machine-wide TCP active opens during the run / "
      f"sessions opened (tcp_tw_reuse {m.get('tcp_tw_reuse')}, ports {m.get('ip_local_port_range')}).")
    p("")
    p("| calls/session | generator | sessions/s | tools/call/s | **CPU µs/session** | CPU µs/call | whole run µs/session | init p50 / p99 ms | call p50 / p99 ms | errors (whole run) | TCP conns/session | server µs/session | server cores |")
    p("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in sorted(churn["summary"], key=lambda k: int(k[1:])):
        for g, label in (("mcpload", "mcpload"), ("sdk", "TS SDK client")):
            r = churn["summary"][mode].get(g)
            if not r:
                p(f"| {mode[1:]} | {label} | failed | | | | | | | | | | |")
                continue
            p(f"| {mode[1:]} | {label} | {f(r['sessions_per_s'], 0)} | {f(r['calls_per_s'], 0)} | "
              f"**{f(r['cpu_us_per_session'], 1)}** | {f(r['cpu_us_per_call'], 1)} | {f(r['whole_us_per_session'], 1)} | "
              f"{f(r['init_p50_ms'], 2)} / {f(r['init_p99_ms'], 2)} | {f(r['call_p50_ms'], 2)} / {f(r['call_p99_ms'], 2)} | "
              f"{f(r['errors'], 0)} ({f(r['total_errors'], 0)}) | {f(r.get('connections_per_session'), 2)} | "
              f"{f(r.get('server_cpu_us_per_session'), 1)} | {f(r.get('server_cores'), 2)} |")
    p("")
    for mode in sorted(churn["summary"], key=lambda k: int(k[1:])):
        r = churn["summary"][mode].get("ratios", {})
        c, q = r.get("sdk_over_mcpload_cpu_per_session", {}), r.get("mcpload_over_sdk_sessions_per_s", {})
        p(f"- {mode[1:]} call(s) per session: SDK/mcpload CPU per session = **{f(c.get('median'), 2)}×** (rounds: "
          f"{', '.join(f(x, 2) for x in c.get('per_round', []))}); mcpload/SDK sessions per second = "
          f"**{f(q.get('median'), 2)}×** (rounds: {', '.join(f(x, 2) for x in q.get('per_round', []))})")
    for mode in sorted(churn["summary"], key=lambda k: int(k[1:])):
        for g, label in (("mcpload", "mcpload"), ("sdk", "SDK client")):
            t = (churn["summary"][mode].get(g) or {}).get("threads_us_per_session")
            if t:
                p(f"- {label}, {mode[1:]} call(s), CPU µs/session by thread: " + ", ".join(f"{k} {f(v, 1)}" for k, v in t.items()))
    p("")

# ---- eras ----
eras = load("eras")
if eras:
    m = eras["meta"]
    p(f"## 9. Protocol eras — mcpload `--protocol-era legacy` vs `--protocol-era modern`, tools/call `echo` against one reference server ({load_of(eras)})")
    p("")
    p(f"One reference server per reply mode (own JVM, dual era); {m.get('sessions')} VUs each; legacy = the 2025 "
      f"era (initialize + Mcp-Session-Id session, the standalone GET stream), modern = 2026-07-28 (stateless: "
      f"server/discover, then every POST with params._meta and MCP-Protocol-Version/Mcp-Method/Mcp-Name, no session). "
      f"fixed = each VU waits {m.get('think_ms')} ms between reply and next request; max = no wait; the two eras "
      f"alternate which runs first from round to round. CPU = user+sys of the mcpload process over a "
      f"{m.get('measure_s')} s window after {m.get('warmup_s')} s of warm-up (start-up apart) / requests completed "
      f"in it; event loops = the same for its `mcpload-io` threads only (no JIT, GC or main thread); medians of "
      f"{m.get('runs')} round(s) (json) and {m.get('runs_sse')} (sse). p50/p99 = the report's (whole run, "
      f"corrected); window p50 / raw p99 = median over the window's 2 s intervals.")
    p("")
    p("| server | mode | era | req/s | **CPU µs/req** | event loops µs/req | sys share | whole run µs/req | start-up CPU s (wall s) | p50 / p99 ms | window p50 / raw p99 ms | errors (whole run) | server µs/req |")
    p("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in COST_MODES:
        if mode not in eras["summary"]:
            continue
        server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
        for g in ("legacy", "modern"):
            s = eras["summary"][mode].get(g)
            if not s:
                ran = eras.get("runs", {}).get(mode, {}).get(g)
                p(f"| {server} | {short} | {g} | {'failed' if ran else 'not run'} | | | | | | | | | |")
                continue
            io = (s.get("threads_us_per_req") or {}).get("io")
            p(f"| {server} | {short} | {g} | {f(s['rps'], 0)} | **{f(s['cpu_us_per_req'], 1)}** | {f(io, 1)} | "
              f"{f(s.get('sys_share'), 2)} | {f(s.get('whole_us_per_req'), 1)} | "
              f"{f(s['startup_cpu_s'], 2)} ({f(s['startup_wall_s'], 2)}) | {f(s['p50_ms'], 2)} / {f(s['p99_ms'], 2)} | "
              f"{f(s.get('steady_p50_ms'), 2)} / {f(s.get('steady_raw_p99_ms'), 2)} | {f(s['errors'], 0)} "
              f"({f(s.get('total_errors'), 0)}) | {f(s.get('server_cpu_us_per_req'), 1)} |")
    p("")
    for mode in COST_MODES:
        if mode not in eras["summary"]:
            continue
        server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
        r = eras["summary"][mode].get("ratios", {})
        c, io, q = r.get("modern_over_legacy", {}), r.get("modern_over_legacy_io", {}), r.get("modern_over_legacy_rps", {})
        sl, sm = eras["summary"][mode].get("legacy_spread"), eras["summary"][mode].get("modern_spread")
        rounds = lambda x: ", ".join(f(v, 3) for v in x.get("per_round", []))
        p(f"- {server} {short}: modern/legacy CPU per request = **{f(c.get('median'), 3)}×** (median of rounds: "
          f"{rounds(c)}); event loops only {f(io.get('median'), 3)}× ({rounds(io)}); throughput "
          f"{f(q.get('median'), 3)}× ({rounds(q)}); each era's own spread over the rounds, (max − min) / median of "
          f"its CPU per request: legacy {f(sl, 3)}, modern {f(sm, 3)}")
        if c.get("median") is not None:
            # "Within noise of the 2025-era path's cost": the median ratio no more above 1 than the larger of the two
            # eras' own round-to-round spreads, and never stricter than +10 %. Cheaper is fine. A spread above 25 %
            # (at a fixed rate the window holds a few dozen clock ticks, the JIT a varying share of them) resolves
            # nothing: said so rather than passed.
            band = max(0.10, sl or 0, sm or 0)
            verdict = c["median"] <= 1 + band if band <= 0.25 else f"too noisy to tell (spread {100 * band:.0f} %)"
            targets.append((f"modern-era CPU/req within noise of the legacy era's ({server} {short}: ratio ≤ {1 + band:.2f})",
                            f"modern/legacy {c['median']:.3f}× (rounds: {rounds(c)})", verdict))
    for mode in COST_MODES:
        for g in ("legacy", "modern"):
            t = (eras["summary"].get(mode, {}).get(g) or {}).get("threads_us_per_req")
            if t:
                server, short = ("sse", mode[4:]) if mode.startswith("sse-") else ("json", mode)
                p(f"- {g} {server} {short}, CPU µs/req by thread: " + ", ".join(f"{k} {f(v, 1)}" for k, v in t.items()))
    seen = {g: sorted({f"{r.get('era')} {r.get('protocol_version')}" for md in eras["runs"].values()
                       for r in md.get(g, []) if r.get("era")}) for g in ("legacy", "modern")}
    if any(seen.values()):
        p("- era and protocol version each run's report names: " +
          "; ".join(f"{g} runs: {', '.join(v) or '?'}" for g, v in seen.items()))
    p("")

# ---- soak ----
soak = load("soak")
if soak:
    m, s = soak["meta"], soak["summary"]
    p(f"## 10. Soak — {f(float(m.get('seconds', 0)) / 60, 1)} min at maximum rate with session churn ({load_of(soak)})")
    p("")
    if s.get("failed"):
        p(f"**failed**: {s['failed']}")
        p("")
    else:
        st = s.get("steady", {})
        p(f"One mcpload run, {m.get('vus')} VUs, no think time, `tools/call echo`, against the reference server (own "
          f"JVM, JSON); every session: initialize → notifications/initialized (+ the standalone GET stream) → "
          f"uniform {m.get('calls')} calls, or fewer once {m.get('session_secs')} s old → DELETE → a fresh session. "
          f"Sampled every {m.get('sample_s')} s (/proc, `jstat -gc`), live heap (`jcmd GC.class_histogram`: after a "
          f"full GC) every {m.get('live_s')} s. First window = {m.get('window_s')} s after {m.get('warmup_s')} s of "
          f"warm-up; last window = the last {m.get('window_s')} s before the final 5 s (VUs stopping, report). "
          f"Slope = least squares over every sample after the warm-up, per minute; flat = neither last − first nor "
          f"slope × {f(s.get('span_min'), 1)} min exceeds the tolerance. Samples: `soak.csv`.")
        p("")
        bw = s.get("between_windows") or {}
        p(f"- {f(s['requests'], 0)} requests ({f(s['rps'], 0)}/s over the run, initialize included; "
          f"{f(st.get('calls_per_s'), 0)} tools/call/s after the warm-up), {f(s['errors'], 0)} errors "
          f"({f(s['init_errors'], 0)} in initialize); sessions opened {f(s['sessions_opened'], 0)}, closed "
          f"{f(s['sessions_closed'], 0)} ({f(st.get('sessions_per_s'), 0)}/s after the warm-up, "
          f"{f(s.get('calls_per_session'), 1)} calls each, p50 {f(s.get('session_p50_ms'), 1)} ms); between the "
          f"windows' middles: {f(bw.get('sessions'), 0)} sessions, {f(bw.get('requests'), 0)} requests in "
          f"{f(bw.get('seconds'), 0)} s")
        p(f"- generator CPU {f(st.get('cpu_us_per_call'), 1)} µs per call, {f(st.get('cpu_us_per_session'), 1)} µs "
          f"per session; server {f(st.get('server_cores'), 2)} cores; p50 / p99 {f(s.get('p50_ms'), 2)} / "
          f"{f(s.get('p99_ms'), 2)} ms (raw p99 {f(s.get('raw_p99_ms'), 2)})")
        p(f"- the run's own record of its 2 s intervals (kept for the report: {s.get('report_intervals')} intervals, "
          f"~{f(s.get('record_bytes_per_interval'), 0)} B each) grows the live heap by "
          f"~{f(s.get('record_kib_per_min'), 0)} KiB/min by design; the verdict is on the live heap less that record")
        mt = s["metrics"]
        if bw.get("sessions") and "live_heap_net_kb" in mt and "fds" in mt:
            p(f"- what the tolerances can miss: a heap leak under "
              f"{f(mt['live_heap_net_kb']['tolerance'] * 1024 / bw['sessions'], 1)} B per session, a descriptor leak "
              f"rarer than 1 per {f(bw['sessions'] / mt['fds']['tolerance'], 0)} sessions (the sessions between the windows)")
        if s.get("timewait_after") is not None:
            p(f"- TCP connections in TIME_WAIT right after the run: {f(s['timewait_after'], 0)} "
              f"(tcp_tw_reuse {m.get('tcp_tw_reuse')}: every session is a new connection, and its GET stream another)")
        p("")
        p("| metric | first window (median, range) | last window (median, range) | last − first | slope /min | tolerance | |")
        p("|---|---:|---:|---:|---:|---:|---|")
        for k, d in s["metrics"].items():
            verdict = ("**flat**" if d["flat"] else "**not flat**") if d.get("flat") is not None else ""
            if d.get("flat") is not None and k not in ("live_heap_net_kb", "fds", "threads"):
                verdict = verdict.replace("**", "") + " (informational)"
            p(f"| {d['label']} | {f(d['first_median'], 0)} ({f(d['first_range'][0], 0)}–{f(d['first_range'][1], 0)}) | "
              f"{f(d['last_median'], 0)} ({f(d['last_range'][0], 0)}–{f(d['last_range'][1], 0)}) | "
              f"{f(d['delta'], 0)} | {f(d['slope_per_min'], 1)} | {f(d.get('tolerance'), 0)} | {verdict} |")
        p("")
        g = s.get("class_growth") or []
        if g:
            p("Largest changes in the live heap by class, first window's first histogram → last window's last: " +
              ", ".join(f"`{x['class'].split('.')[-1]}` {x['bytes']:+,} B ({x['instances']:+,})" for x in g[:8]))
            p("")
        for k, name in (("live_heap_net_kb", "live heap after GC (less the run's record)"), ("fds", "open descriptors"),
                        ("threads", "threads")):
            if k in mt:
                d = mt[k]
                targets.append((f"soak: {name} flat after warm-up (±{f(d.get('tolerance'), 0)})",
                                f"{f(d['first_median'], 0)} → {f(d['last_median'], 0)}, slope {f(d['slope_per_min'], 1)}/min",
                                d.get("flat")))

# ---- targets ----
if targets:
    p("## Targets")
    p("")
    p("| target | measured | |")
    p("|---|---|---|")
    for t, v, ok in targets:
        verdict = ok if isinstance(ok, str) else "met" if ok else "not checked at this scale (quick)" if ok is None else "**missed**"
        p(f"| {t} | {v} | {verdict} |")
    p("")

print("\n".join(out))
