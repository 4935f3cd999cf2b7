#!/usr/bin/env bash
# Stage "profile": where mcpload's CPU and allocation go at maximum throughput, and whether its heap stays
# flat. One mcpload run (50 VUs, tools/call echo, no think time, PROFILE_SECONDS) against the reference
# server with a JFR recording
# (bench/lib/profile.jfc: CPU samples every 10 ms, per-thread allocation every second, sampled allocation
# sites, heap after every GC). bench/lib/profile_jfr.py reduces it to: allocation per request over the
# post-warm-up window, hot methods (self and inclusive, mcpload's own frames apart), top allocation sites,
# and the heap after each GC over time; plus the live heap (after a full GC, jcmd) every PROFILE_SNAP_S
# seconds once warm, and the run's user/sys CPU split and CPU per thread from /proc.
# Writes $RUN_DIR/profile.json; the recording stays in raw/profile.jfr for `jfr print` / JMC.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

SESSIONS=${SESSIONS:-50}
SECS=${PROFILE_SECONDS:-44}
SNAP=${PROFILE_SNAP_S:-10}
WARMUP=${PROFILE_WARMUP:-14}   # the analysis window starts here (JIT settled at max rate)
# Live-heap snapshots from 24 s on: the breaking-point detector's window of 10 interval histograms (~190 KiB
# each) fills during the first 20 s of any run.
SNAP_FROM=${PROFILE_SNAP_FROM:-24}

wait_idle profile
start_ref_server prof-server --mode json
log "reference server $REF_URL (pid $REF_PID)"
mcpload_config "$RAW/profile.toml" echo '{ message = "hello" }' 0
SID=$(open_session "$REF_URL")
wrk_script "$RAW/profile-warm.lua" "$SID" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}' 0
wrk -t 2 -c "$SESSIONS" -d 5s -s "$RAW/profile-warm.lua" "$REF_URL" >/dev/null # server warm-up

log "mcpload with JFR, $SESSIONS VUs, ${SECS}s; live heap (jcmd GC.class_histogram) every ${SNAP}s from ${SNAP_FROM}s"
$PY "$LIB/measure.py" --threads --out "$RAW/profile.json" --log "$RAW/profile.out" --stderr "$RAW/profile.err" \
  --watch "$REF_PID" --timeout $((SECS + 120)) -- \
  java -XX:StartFlightRecording=filename="$RAW/profile.jfr",settings="$LIB/profile.jfc" ${MCPLOAD_JAVA_OPTS:-} \
  -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/profile.toml" --vus "$SESSIONS" --duration "$SECS" \
  --progress plain --no-color --report-dir "$RAW/profile.report" &
MPID=$!
track_pid "$MPID"
JPID=
for _ in $(seq 100); do JPID=$(pgrep -P "$MPID" java || true); [[ -n $JPID ]] && break; sleep 0.1; done
[[ -n $JPID ]] || die "mcpload did not start"
for _ in $(seq 300); do grep -q '^Running ' "$RAW/profile.out" 2>/dev/null && break; sleep 0.1; done
# The live set, a few times once the JIT has settled: flat, or growing with the request count? (Young
# collections leave promoted garbage in the old generation, so their "after GC" figure creeps; and
# GC.heap_info after GC.run counts what ~100 MB/s of allocation added in between. GC.class_histogram runs a
# full GC and counts only the survivors.)
sleep "$SNAP_FROM"
k=1
while (( SNAP_FROM + (k - 1) * SNAP < SECS - 2 )) && kill -0 "$JPID" 2>/dev/null; do
  jcmd "$JPID" GC.class_histogram >"$RAW/profile-heap-$k.txt" 2>&1 || true
  log "profile live heap snapshot $k: $(awk '/^Total/ { printf "%d KiB", $3 / 1024 }' "$RAW/profile-heap-$k.txt")"
  k=$((k + 1))
  sleep "$SNAP"
done
wait "$MPID" || log "WARNING: the profiled run failed; see $RAW/profile.err"

# Readable views for people, when a JDK with `jfr view` (21+) is around; the JSON below does not need them.
for jdk in /usr/lib/jvm/*; do
  if [[ -x $jdk/bin/jfr ]] && "$jdk/bin/jfr" help view >/dev/null 2>&1; then
    "$jdk/bin/jfr" view --width 200 hot-methods "$RAW/profile.jfr" >"$RAW/profile-hot-methods.txt" 2>&1 || true
    "$jdk/bin/jfr" view --width 200 allocation-by-site "$RAW/profile.jfr" >"$RAW/profile-allocation-by-site.txt" 2>&1 || true
    break
  fi
done

$PY "$LIB/analyze.py" profile --raw "$RAW" --out "$RUN_DIR/profile.json" --warmup "$WARMUP" \
  --meta sessions="$SESSIONS" seconds="$SECS" load="$(cat "$RAW/load-profile.txt")"
