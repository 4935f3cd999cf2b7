#!/usr/bin/env bash
# Stage "soak": does mcpload stay flat over minutes of load at a high rate with session churn? One mcpload run
# of SOAK_SECONDS (full 600, quick 150) against the reference server (its own JVM, --mode json): SOAK_VUS (50)
# VUs, no think time (as fast as generator and server go), every session short: initialize ->
# notifications/initialized (+ the standalone GET stream, mcpload's default) -> a uniform SOAK_CALLS ([1, 40])
# tools/call echo, or fewer once it is SOAK_SESSION_SECS (0.02 s) old -> DELETE -> a fresh session. Thousands
# of sessions (and TCP connections) are opened and closed every second, for the whole run.
# bench/lib/soaksample.py samples the mcpload JVM every SOAK_SAMPLE_S (5 s): RSS, threads, descriptors (and
# sockets), CPU, `jstat -gc` (heap used, old gen, committed, metaspace, GC counts; no GC forced) and, every
# SOAK_LIVE_S (full 20, quick 10), the live heap (`jcmd PID GC.class_histogram`: a full GC, then what
# survives); the server's RSS, threads and descriptors too. Verdict (lib/analyze.py soak): the first window of
# SOAK_WINDOW s (full 60, quick 30) after SOAK_WARMUP s (full 60, quick 30) against the last window before the
# run ends, and the least-squares slope over everything after the warm-up, per metric, within the tolerances
# the README justifies. Writes $RUN_DIR/soak.json and $RUN_DIR/soak.csv (every sample, with the requests and
# sessions the report counted up to it).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

D=${SOAK_SECONDS:-600}
W=${SOAK_WARMUP:-60}
WIN=${SOAK_WINDOW:-60}
EVERY=${SOAK_SAMPLE_S:-5}
LIVE=${SOAK_LIVE_S:-20}
N=${SOAK_VUS:-50}
CALLS=${SOAK_CALLS:-[1, 40]}
SESSION_SECS=${SOAK_SESSION_SECS:-0.02}
THINK=${SOAK_THINK_MS:-0}
(( D >= W + 2 * WIN )) || die "SOAK_SECONDS ($D) must hold the warm-up ($W) and two windows of $WIN s"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cat >"$RAW/soak.toml" <<TOML
[settings]
timeout_ms = 10000

[session]
calls = $CALLS
think_time_ms = $THINK
session_duration_secs = $SESSION_SECS

[[scenario]]
type = "tools/call"
weight = 1
tool = "echo"
arguments = { message = "hello" }
TOML

wait_idle soak
start_ref_server soak-server --mode json
log "reference server $REF_URL (pid $REF_PID)"
ss -s >"$RAW/soak-ss-before.txt" 2>/dev/null || true

log "mcpload soak: $N VUs, ${D}s, no think time, sessions of $CALLS calls (at most ${SESSION_SECS}s); samples every ${EVERY}s, live heap every ${LIVE}s"
$PY "$LIB/measure.py" --out "$RAW/soak.json" --log "$RAW/soak.out" --stderr "$RAW/soak.err" --watch "$REF_PID" \
  --timeout $((D + 120)) -- \
  java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/soak.toml" \
  --vus "$N" --duration "$D" --progress plain --no-color --report-dir "$RAW/soak.report" &
mpid=$!
track_pid "$mpid"
jpid=
for _ in $(seq 100); do jpid=$(pgrep -P "$mpid" java || true); [[ -n $jpid ]] && break; sleep 0.1; done
[[ -n $jpid ]] || die "mcpload did not start"
$PY "$LIB/soaksample.py" --pid "$jpid" --server-pid "$REF_PID" --out "$RAW/soak-samples.csv" --every "$EVERY" \
  --live-every "$LIVE" --live-dir "$RAW/soak-live" --max-seconds $((D + 150)) 2>"$RAW/soak-sampler.err" &
spid=$!
track_pid "$spid"

# Wait for the run (bounded: measure.py stops mcpload after D+120 s); a line a minute to show it is alive.
t0=$SECONDS
while kill -0 "$mpid" 2>/dev/null && (( SECONDS - t0 < D + 150 )); do
  sleep 5
  if (( (SECONDS - t0) % 60 < 5 )); then
    last=$(tail -n 1 "$RAW/soak-samples.csv" 2>/dev/null || true)
    log "soak $((SECONDS - t0))/${D}s: $(tail -n 1 "$RAW/soak.out" 2>/dev/null | tr -s ' ' | cut -c1-80)" \
      "| rss_kb,threads,fds: $(cut -d, -f2-4 <<<"$last")"
  fi
done
wait "$mpid" || log "WARNING: mcpload exited with an error; see $RAW/soak.err"
for _ in $(seq 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.2; done
stop_pid "$spid"
ss -s >"$RAW/soak-ss-after.txt" 2>/dev/null || true
stop_pid "$REF_PID"

$PY "$LIB/analyze.py" soak --raw "$RAW" --out "$RUN_DIR/soak.json" --csv "$RUN_DIR/soak.csv" --warmup "$W" \
  --meta seconds="$D" warmup_s="$W" window_s="$WIN" sample_s="$EVERY" live_s="$LIVE" vus="$N" calls="$CALLS" \
  session_secs="$SESSION_SECS" think_ms="$THINK" era="$MCPLOAD_ERA" tool=echo \
  target="mcpload reference server (JSON replies, own JVM)" fd_limit="$(ulimit -n)" \
  tcp_tw_reuse="$(cat /proc/sys/net/ipv4/tcp_tw_reuse)" load="$(cat "$RAW/load-soak.txt")"
