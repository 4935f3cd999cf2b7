#!/usr/bin/env bash
# Stage "accuracy": how much mcpload adds to what it measures, and whether a server stall shows where it must.
#  1. The reference server's sleep tool with a fixed delay (ACC_DELAY_MS, 20), closed loop, no think time, at
#     a moderate load (ACC_LOW VUs, ~450 req/s) and a high one (ACC_HIGH VUs). One mcpload JVM runs a JIT
#     warm-up stage, then both levels; its reported p50/p99 minus the delay is the overhead on top of the
#     delay. The server adds its own timer slack (~1-2 ms): wrk with as many connections on one
#     pre-initialized session, running at the same time inside each level, shows it, and mcpload - wrk is
#     mcpload's own share.
#  2. A 1-second stall: 10 VUs through bench/lib/stallproxy.py, which holds every reply for 1 s once, half-way
#     through the run. With expected_interval_ms = the delay, the stall must show in the corrected P99 and not
#     in the raw P99 (a closed loop sends nothing while it waits: coordinated omission).
# Writes $RUN_DIR/accuracy.json.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

DELAY=${ACC_DELAY_MS:-20}
LOW=${ACC_LOW:-10}
HIGH=${ACC_HIGH:-100}
SECS=${ACC_SECONDS:-10}
STALL_S=${ACC_STALL_SECONDS:-16}
WARMUP=${ACC_WARMUP:-12}
WARM_VUS=${ACC_WARM_VUS:-200}
ROUNDS=${ACC_ROUNDS:-3}   # the levels are measured this many times (a fresh mcpload JVM each); medians reported
# Each level is held this long before it is measured. Going from the warm-up's 200 VUs down to 10 closes 190
# sessions, and C2 deoptimizes the event loop's compiled code on paths the warm-up never took (measured with
# -XX:+PrintCompilation: NioIoHandler.run/select, fireChannelRead, VirtualUser.next "made not entrant" at the
# switch, ~130 recompilations over the next 3 s); mcpload's p99 is ~3 ms higher for those seconds, which is a
# transient of the ramp-down, not the steady-state overhead this stage measures.
SETTLE=${ACC_SETTLE_SECONDS:-6}

wait_idle accuracy
start_ref_server acc-server --mode json
log "reference server $REF_URL (pid $REF_PID)"
SID=$(open_session "$REF_URL")
wrk_script "$RAW/acc.lua" "$SID" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sleep","arguments":{"ms":'"$DELAY"'}}}' 0
mcpload_config "$RAW/acc.toml" sleep "{ ms = $DELAY }" 0 "$DELAY"
# One mcpload JVM for both levels: a JIT warm-up stage at WARM_VUS (~100k requests: at 10 VUs it would take
# minutes before the hot path is compiled, and interpreted code adds ~0.5 ms), then each level in turn.
# Samples of stage 5 (moderate) and 8 (high) are measured, the first of each left out; stages 4 and 7 settle.
cp "$RAW/acc.toml" "$RAW/acc-staged.toml"
for st in "$WARM_VUS 1" "$WARM_VUS $WARMUP" "$LOW 1" "$LOW $SETTLE" "$LOW $SECS" "$HIGH 1" "$HIGH $SETTLE" \
  "$HIGH $SECS"; do
  set -- $st
  printf '\n[[stage]]\ntarget_vus = %s\nduration_secs = %s\n' "$1" "$2" >>"$RAW/acc-staged.toml"
done
wrk -t 1 -c "$HIGH" -d 3s -s "$RAW/acc.lua" "$REF_URL" >/dev/null # server warm-up

# wrk runs at the same time as mcpload, inside each level's stage, at the same concurrency: both clients see
# the same server at the same moment. (Run one after the other, the server's own timer slack moved by
# 0.3-0.6 ms between runs, more than the difference being measured.) The stage timeline is counted from
# mcpload's "Running" line: stage 5 (moderate) starts at 1 + WARMUP + 1 + SETTLE s, stage 8 (high)
# SECS + 1 + SETTLE s later.
wrk_during() { # LEVEL CONNECTIONS START_S ROUND
  local level=$1 n=$2 start=$3 r=$4
  sleep "$start"
  log "accuracy round $r $level: wrk, $n connections, alongside mcpload's $n VUs"
  measure --out "$RAW/acc-$level-wrk-r$r.json" --log "$RAW/acc-$level-wrk-r$r.out" \
    --stderr "$RAW/acc-$level-wrk-r$r.err" --timeout $((SECS + 60)) -- \
    wrk -t 1 -c "$n" -d "$((SECS - 3))s" --latency -s "$RAW/acc.lua" "$REF_URL" || log "WARNING: wrk ($level) failed"
}
for r in $(seq "$ROUNDS"); do
  log "accuracy round $r/$ROUNDS: mcpload, $WARM_VUS VUs for ${WARMUP}s (JIT warm-up), then $LOW VUs and $HIGH VUs for ${SECS}s each"
  $PY "$LIB/measure.py" --out "$RAW/acc-mcpload-r$r.json" --log "$RAW/acc-mcpload-r$r.out" \
    --stderr "$RAW/acc-mcpload-r$r.err" --watch "$REF_PID" --timeout $((WARMUP + 2 * SECS + 2 * SETTLE + 120)) -- \
    java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/acc-staged.toml" \
    --progress plain --no-color --report-dir "$RAW/acc-mcpload-r$r.report" &
  MPID=$!
  track_pid "$MPID"
  for _ in $(seq 300); do grep -q '^Running ' "$RAW/acc-mcpload-r$r.out" 2>/dev/null && break; sleep 0.1; done
  # 2 s into each level's stage (its first 2 s sample is left out of mcpload's figures too), SECS - 3 s long.
  wrk_during moderate "$LOW" $((1 + WARMUP + 1 + SETTLE + 2)) "$r"
  # the first wrk ended 1 s before stage 5 did; stage 8 starts 1 + SETTLE s after that
  wrk_during high "$HIGH" $((1 + 1 + SETTLE + 2)) "$r"
  wait "$MPID" || log "WARNING: mcpload failed; see $RAW/acc-mcpload-r$r.err"
done

# The stall: a proxy in front of the same server; SIGUSR1 half-way through the load holds replies for 1 s.
run_stall() {
  local ref_port proxy_port proxy_pid proxy_url signaller
  ref_port=$(sed -E 's#^http://[^:/]+:([0-9]+).*#\1#' <<<"$REF_URL")
  $PY "$LIB/stallproxy.py" --target-port "$ref_port" --stall-ms 1000 --max-seconds $((STALL_S + 60)) \
    >"$RAW/stallproxy.out" 2>"$RAW/stallproxy.err" &
  proxy_pid=$!
  track_pid "$proxy_pid"
  for _ in $(seq 100); do [[ -s $RAW/stallproxy.out ]] && break; sleep 0.1; done
  proxy_port=$(head -1 "$RAW/stallproxy.out")
  [[ $proxy_port =~ ^[0-9]+$ ]] || { log "WARNING: the stall proxy did not start: $(cat "$RAW/stallproxy.err")"; return 1; }
  proxy_url=${REF_URL/:$ref_port\//:$proxy_port\/}
  log "stall: 10 VUs via proxy $proxy_url for $((STALL_S))s, replies held 1 s at ~$((STALL_S / 2)) s"
  ( sleep $((STALL_S / 2 + 1)); kill -USR1 "$proxy_pid" 2>/dev/null ) &
  signaller=$!
  track_pid "$signaller"
  measure --out "$RAW/stall.json" --log "$RAW/stall.out" --stderr "$RAW/stall.err" --timeout $((STALL_S + 90)) -- \
    java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$proxy_url" --protocol-era "$MCPLOAD_ERA" --config "$RAW/acc.toml" --vus 10 \
    --duration "$STALL_S" --progress plain --no-color --report-dir "$RAW/stall.report" \
    || log "WARNING: mcpload (stall) failed"
  stop_pid "$proxy_pid"
}
run_stall || true

$PY "$LIB/analyze.py" accuracy --raw "$RAW" --out "$RUN_DIR/accuracy.json" --warmup "$WARMUP" \
  --meta rounds="$ROUNDS" settle_s="$SETTLE" moderate_stage=5 high_stage=8 delay_ms="$DELAY" low_vus="$LOW" high_vus="$HIGH" seconds="$SECS" warmup_s="$WARMUP" warm_vus="$WARM_VUS" \
  expected_interval_ms="$DELAY" load="$(cat "$RAW/load-accuracy.txt")"
