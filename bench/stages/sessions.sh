#!/usr/bin/env bash
# Stage "sessions": how many concurrent held sessions one mcpload JVM opens and keeps alive against the
# reference server (its own JVM), what each costs, and how long opening them takes.
#   base:  1 VU;  scale: SCALE_VUS VUs (10,000). Both: tools/call echo with SCALE_THINK_MS think time
#   (10 s: each session is idle nearly all the time, ~SCALE_VUS/10 req/s in all).
# Once every session is open (progress line "vus N/N"), every SCALE_SNAP_S seconds for SCALE_HOLD seconds:
# `jcmd PID GC.class_histogram` (a full GC, then the live heap class by class) and /proc/PID/status (VmRSS),
# of mcpload and of the server. Heap per session = (scale - base) / (N - 1); successive snapshots of the
# scale run show whether the heap stays flat. Time to open: the first 2 s sample with all VUs running, and
# the initialize latency (all VUs start at once, so its max is about the time the last one took).
# OS settings that matter (recorded in env.json): the soft fd limit (raised to the hard limit by bench/run;
# each session is a socket in mcpload and one in the server) and net.ipv4.ip_local_port_range (each session
# uses one ephemeral port to 127.0.0.1; 28,232 by default). Writes $RUN_DIR/sessions.json.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

N=${SCALE_VUS:-10000}
HOLD=${SCALE_HOLD:-30}
THINK=${SCALE_THINK_MS:-10000}
SNAP=${SCALE_SNAP_S:-10}
OPEN_MAX=${SCALE_OPEN_MAX:-40}
SNAP_FROM=${SCALE_SNAP_FROM:-24}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# two sockets per session: its requests' connection and its event stream's (the GET stream, or
# subscriptions/listen); mcpload's capacity check refuses a run the limit cannot hold
need=$((2 * N + 1000))
if (( $(ulimit -n) < need )); then
  log "WARNING: fd limit $(ulimit -n) < $need: raise the hard limit (e.g. 'ulimit -Hn 65536' as root, or LimitNOFILE) for $N sessions with their event streams"
fi
ports=$(awk '{ print $2 - $1 + 1 }' /proc/sys/net/ipv4/ip_local_port_range)
(( ports > N )) || log "WARNING: only $ports ephemeral ports for $N sessions (net.ipv4.ip_local_port_range)"

wait_idle sessions
start_ref_server sessions-server --mode json
log "reference server $REF_URL (pid $REF_PID); fd limit $(ulimit -n); $ports ephemeral ports"
# timeout_ms 30 s: opening thousands of sessions at once queues connects and initializes for a while.
mcpload_config "$RAW/sessions.toml" echo '{ message = "hello" }' "$THINK" "$THINK" 30000

# The live heap: `jcmd PID GC.class_histogram` runs a full GC and counts what survives, class by class (its
# Total line). GC.heap_info right after GC.run would also count whatever was allocated in between.
snapshot() { # LABEL K MCPLOAD_PID
  jcmd "$3" GC.class_histogram >"$RAW/sessions-$1-heap-$2.txt" 2>&1 || true
  cat "/proc/$3/status" >"$RAW/sessions-$1-status-$2.txt" 2>/dev/null || true
  jcmd "$REF_PID" GC.class_histogram >"$RAW/sessions-$1-srvheap-$2.txt" 2>&1 || true
  cat "/proc/$REF_PID/status" >"$RAW/sessions-$1-srvstatus-$2.txt" 2>/dev/null || true
}

# run_held LABEL VUS SNAPSHOTS: runs mcpload in the background, waits until all VUs hold a session, takes
# SNAPSHOTS snapshots SNAP seconds apart, then stops the run with SIGTERM (the shutdown hook behind mcpload's
# Ctrl-C: VUs close their sessions, the report is still written, stop_reason "interrupted").
run_held() {
  local label=$1 vus=$2 snaps=$3 mpid jpid t k open_at
  local duration=$((OPEN_MAX + SNAP_FROM + snaps * SNAP + 10))
  $PY "$LIB/measure.py" --out "$RAW/sessions-$label.json" --log "$RAW/sessions-$label.out" --stderr "$RAW/sessions-$label.err" \
    --timeout $((duration + 120)) -- \
    java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/sessions.toml" --vus "$vus" \
    --duration "$duration" --progress plain --no-color --report-dir "$RAW/sessions-$label.report" &
  mpid=$!
  track_pid "$mpid"
  jpid=
  for _ in $(seq 100); do jpid=$(pgrep -P "$mpid" java || true); [[ -n $jpid ]] && break; sleep 0.1; done
  [[ -n $jpid ]] || die "mcpload did not start"
  t=$SECONDS open_at=
  while (( SECONDS - t < OPEN_MAX )) && kill -0 "$jpid" 2>/dev/null; do
    if grep -qE "vus $vus/$vus " "$RAW/sessions-$label.out" 2>/dev/null; then open_at=$((SECONDS - t)); break; fi
    sleep 0.5
  done
  if [[ -z $open_at ]]; then
    log "WARNING: $label: not all $vus sessions open after $OPEN_MAX s; snapshots anyway"
  else
    log "$label: all $vus sessions open (~${open_at}s after launch)"
  fi
  # Not before SNAP_FROM s of load: the breaking-point detector keeps a copy of the last 10 interval
  # histograms (~190 KiB each), so the heap grows for the first 20 s of any run, whatever the VU count.
  local since_launch=$((SECONDS - t))
  sleep $((since_launch + 3 < SNAP_FROM ? SNAP_FROM - since_launch : 3))
  for k in $(seq "$snaps"); do
    kill -0 "$jpid" 2>/dev/null || break
    snapshot "$label" "$k" "$jpid"
    log "$label snapshot $k: live heap" \
      "$(awk '/^Total/ { printf "%d KiB", $3 / 1024 }' "$RAW/sessions-$label-heap-$k.txt")," \
      "$(grep VmRSS "$RAW/sessions-$label-status-$k.txt" | tr -s ' \t' ' ')"
    (( k < snaps )) && sleep "$SNAP"
  done
  kill -TERM "$jpid" 2>/dev/null || true # its shutdown hook stops the run and writes the report (as Ctrl-C)
  # SIGTERM ends the JVM with status 143 after its shutdown hook wrote the report: only a missing report is wrong.
  wait "$mpid" || true
  ls "$RAW/sessions-$label.report"/loadtest-*.json >/dev/null 2>&1 \
    || log "WARNING: mcpload ($label) wrote no report; see $RAW/sessions-$label.err"
}

# TcpExt ListenOverflows/ListenDrops: connects the server's accept queue (net.core.somaxconn) turned away,
# which clients retry after 1, 3, 7 s (SYN retransmission) - what opening thousands of sessions at once costs.
listen_drops() {
  awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[$i] = i; h = 1 }
                    else print $n["ListenOverflows"], $n["ListenDrops"] }' /proc/net/netstat
}

run_held base 1 2
read -r ov0 dr0 < <(listen_drops)
run_held scale "$N" $((HOLD / SNAP + 1))
read -r ov1 dr1 < <(listen_drops)
echo "listen_overflows=$((ov1 - ov0)) listen_drops=$((dr1 - dr0)) somaxconn=$(cat /proc/sys/net/core/somaxconn)" \
  | tee "$RAW/sessions-listen.txt" >&2

$PY "$LIB/analyze.py" sessions --raw "$RAW" --out "$RUN_DIR/sessions.json" \
  --meta vus="$N" think_ms="$THINK" hold_s="$HOLD" fd_limit="$(ulimit -n)" $(cat "$RAW/sessions-listen.txt") \
  ip_local_port_range="$(tr '\t' ' ' </proc/sys/net/ipv4/ip_local_port_range)" load="$(cat "$RAW/load-sessions.txt")"
