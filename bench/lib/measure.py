#!/usr/bin/env python3
"""Runs one command and records its CPU time line by line.

    measure.py --out timeline.json [--log out.txt] [--timeout 120] [--watch PID]... -- CMD ARGS...

For every line the command prints on stdout, the CPU time (user+sys clock ticks from /proc/PID/stat) of the
command and of each watched process (e.g. the server under test), and the whole machine's busy ticks
(/proc/stat, so CPU used by anything else can be told apart), are read at once and recorded with the time
since start. Load generators print a line per interval (mcpload --progress plain, the SDK harness; mcp-stress on stderr,
hence --merge-stderr), so
CPU per request can be taken over a window of intervals, apart from start-up and shutdown. When the command
exits, its exact rusage (wait4) is recorded too: that is the whole-life CPU, start-up included.

The command is killed (SIGTERM, then SIGKILL) after --timeout seconds; its exit status is in the JSON.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    """(user, system) CPU of pid in clock ticks, or (None, None) when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("ascii", "replace")
    except OSError:
        return None, None
    fields = stat[stat.rfind(")") + 2:].split()
    return int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5): utime, stime


def thread_ticks(pid):
    """{thread name: user+sys ticks} of every thread of pid (names with digits kept: 'mcpload-io-3-1')."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2:].split()
        out[name] = out.get(name, 0) + int(fields[11]) + int(fields[12])
    return out


def busy():
    """CPU ticks the whole machine has been busy (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]  # user nice system irq softirq steal


def ticks(pid):
    """user+system CPU of pid in clock ticks, or None when it is gone."""
    u, s = cpu(pid)
    return None if u is None else u + s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--log")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--watch", type=int, action="append", default=[])
    ap.add_argument("--stderr")
    ap.add_argument("--merge-stderr", action="store_true",
                    help="read the command's stderr as its lines too (mcp-stress prints its per-second lines there)")
    ap.add_argument("--threads", action="store_true", help="also record CPU per thread name at each line")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("no command")

    err = subprocess.STDOUT if a.merge_stderr else open(a.stderr, "wb") if a.stderr else subprocess.DEVNULL
    t0 = time.monotonic()
    wall0 = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
    watch0 = [ticks(p) for p in a.watch]
    busy0 = busy()
    killed = []

    def kill_after():
        proc.send_signal(signal.SIGTERM)
        killed.append(time.monotonic() - t0)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    timer = threading.Timer(a.timeout, kill_after)
    timer.daemon = True
    timer.start()

    lines = []
    log = open(a.log, "w") if a.log else None
    for raw in proc.stdout:
        now = time.monotonic() - t0
        u, s = cpu(proc.pid)
        lines.append({"t": round(now, 4), "ticks": None if u is None else u + s, "sys": s, "busy": busy(),
                      "watch": [ticks(p) for p in a.watch],
                      "line": raw.decode("utf-8", "replace").rstrip("\n")})
        if a.threads:
            lines[-1]["threads"] = thread_ticks(proc.pid)
        if log:
            log.write(raw.decode("utf-8", "replace"))
            log.flush()
    _, status, ru = os.wait4(proc.pid, 0)
    busy1 = busy()
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    end = time.monotonic() - t0
    result = {
        "cmd": cmd,
        "started_at_epoch": wall0,
        "clk_tck": CLK_TCK,
        "pid": proc.pid,
        "exit": proc.returncode,
        "killed_at": killed[0] if killed else None,
        "elapsed": round(end, 4),
        "watch_pids": a.watch,
        "watch_start": watch0,
        "watch_end": [ticks(p) for p in a.watch],
        "busy_start": busy0, "busy_end": busy1,
        "rusage": {"utime": ru.ru_utime, "stime": ru.ru_stime, "maxrss_kb": ru.ru_maxrss},
        "lines": lines,
    }
    with open(a.out, "w") as f:
        json.dump(result, f)
    sys.exit(0 if proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
