#!/usr/bin/env python3
"""Samples one JVM (the load generator of the soak stage) every few seconds until it exits, into a CSV.

    soaksample.py --pid JVM_PID --out samples.csv [--server-pid PID] [--every 5] [--live-every 10]
                  [--live-dir DIR] [--max-seconds 900]

Each row (t_jvm_s = seconds since the JVM process started, from /proc/PID/stat):
  rss_kb, threads            /proc/PID/status VmRSS, Threads
  fds, sockets               entries of /proc/PID/fd, and how many of them are sockets
  cpu_ticks                  user+sys clock ticks of the process (/proc/PID/stat)
  heap_used_kb, old_used_kb, heap_committed_kb, metaspace_used_kb, ygc, fgc
                             the latest line of `jstat -gc PID 1000` (one jstat JVM for the whole run, no GC forced):
                             survivors + eden + old used, old used, all spaces' capacity, metaspace used, GC counts
  live_heap_kb, live_objects every --live-every seconds: `jcmd PID GC.class_histogram` (a full GC, then what
                             survives, class by class; its Total line); the histogram is kept in --live-dir
  srv_rss_kb, srv_fds, srv_threads   the same /proc figures for the server process, when given
Cells that could not be read are empty. The loop ends when the JVM exits or after --max-seconds; jstat (its own
child) is stopped by its PID. Every jcmd is bounded (30 s).
"""
import argparse
import csv
import os
import signal
import subprocess
import sys
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
COLUMNS = ["t_jvm_s", "rss_kb", "threads", "fds", "sockets", "cpu_ticks", "heap_used_kb", "old_used_kb",
           "heap_committed_kb", "metaspace_used_kb", "ygc", "fgc", "live_heap_kb", "live_objects",
           "srv_rss_kb", "srv_fds", "srv_threads"]


def stat_fields(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            s = f.read().decode("ascii", "replace")
    except OSError:
        return None
    return s[s.rfind(")") + 2:].split()  # fields 3.. of proc(5)


def started_at_uptime(pid):
    f = stat_fields(pid)
    return int(f[19]) / CLK_TCK if f else None  # field 22: starttime, ticks since boot


def uptime():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "Threads"):
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out


def fds(pid):
    """(descriptors, of which sockets), or (None, None) when the process is gone."""
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return None, None
    sockets = 0
    for n in names:
        try:
            if os.readlink(f"/proc/{pid}/fd/{n}").startswith("socket:"):
                sockets += 1
        except OSError:
            pass  # closed in between
    return len(names), sockets


class Jstat:
    """`jstat -gc PID 1000` in the background; .latest is its last line as {column: value}."""

    def __init__(self, pid):
        self.latest = {}
        self.proc = subprocess.Popen(["jstat", "-gc", str(pid), "1000"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        header = None
        for line in self.proc.stdout:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "S0C":
                header = parts
                continue
            if header and len(parts) == len(header):
                try:
                    self.latest = dict(zip(header, (float(p) if p != "-" else 0.0 for p in parts)))
                except ValueError:
                    pass

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def live_heap(pid, path):
    """(live bytes KiB, objects) from `jcmd PID GC.class_histogram`, its output kept at path."""
    try:
        r = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=30)
    except (subprocess.TimeoutExpired, OSError):
        return None, None
    with open(path, "w") as f:
        f.write(r.stdout)
    for line in r.stdout.splitlines():
        p = line.split()
        if p and p[0] == "Total" and len(p) >= 3:
            return round(int(p[2]) / 1024), int(p[1])
    return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--server-pid", type=int)
    ap.add_argument("--out", required=True)
    ap.add_argument("--every", type=float, default=5)
    ap.add_argument("--live-every", type=float, default=10, help="0: never force a GC")
    ap.add_argument("--live-dir")
    ap.add_argument("--max-seconds", type=float, default=900)
    a = ap.parse_args()
    if a.live_dir:
        os.makedirs(a.live_dir, exist_ok=True)

    start = started_at_uptime(a.pid)
    if start is None:
        sys.exit(f"soaksample: no process {a.pid}")
    jstat = Jstat(a.pid)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    deadline = time.monotonic() + a.max_seconds
    next_live = 0.0
    k = 0
    try:
        with open(a.out, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS)
            w.writeheader()
            f.flush()
            t_next = time.monotonic()
            while not stop and time.monotonic() < deadline:
                f_stat = stat_fields(a.pid)
                if f_stat is None or f_stat[0] in ("Z", "X"):  # gone, or exited and not yet reaped
                    break
                t = uptime() - start
                st = status(a.pid)
                n, socks = fds(a.pid)
                if n is None:
                    break
                row = {"t_jvm_s": round(t, 2), "rss_kb": st.get("VmRSS"), "threads": st.get("Threads"),
                       "fds": n, "sockets": socks, "cpu_ticks": int(f_stat[11]) + int(f_stat[12])}
                g = jstat.latest
                if g:
                    row.update({
                        "heap_used_kb": round(g.get("S0U", 0) + g.get("S1U", 0) + g.get("EU", 0) + g.get("OU", 0)),
                        "old_used_kb": round(g.get("OU", 0)),
                        "heap_committed_kb": round(g.get("S0C", 0) + g.get("S1C", 0) + g.get("EC", 0) + g.get("OC", 0)),
                        "metaspace_used_kb": round(g.get("MU", 0)), "ygc": int(g.get("YGC", 0)),
                        "fgc": int(g.get("FGC", 0))})
                if a.server_pid:
                    ss = status(a.server_pid)
                    row.update({"srv_rss_kb": ss.get("VmRSS"), "srv_threads": ss.get("Threads"),
                                "srv_fds": fds(a.server_pid)[0]})
                if a.live_every > 0 and t >= next_live:
                    k += 1
                    path = os.path.join(a.live_dir or os.path.dirname(a.out), f"live-{k:04d}-{int(t):05d}s.txt")
                    row["live_heap_kb"], row["live_objects"] = live_heap(a.pid, path)
                    next_live = t + a.live_every
                w.writerow(row)
                f.flush()
                t_next += a.every
                while not stop and time.monotonic() < min(t_next, deadline):
                    time.sleep(min(0.2, max(0.0, t_next - time.monotonic())))
    finally:
        jstat.stop()


if __name__ == "__main__":
    main()
