#!/usr/bin/env bash
# Stage "eras": what the 2026-07-28 protocol costs mcpload per request next to the 2025-era path. Against ONE
# reference server (its own JVM, dual era, as `serve` starts it), first with JSON replies (--mode json), then,
# unless ERAS_SSE=0, with every reply an SSE stream (--mode sse), side by side in each round:
#   legacy   java -jar mcpload.jar run URL --protocol-era legacy --vus N   (initialize + Mcp-Session-Id session,
#            notifications/initialized, the standalone GET stream; what the cost stage measures)
#   modern   java -jar mcpload.jar run URL --protocol-era modern --vus N   (stateless: server/discover first, then
#            every POST carries params._meta and MCP-Protocol-Version/Mcp-Method/Mcp-Name; no session)
# Same config (tools/call echo {"message":"hello"}), same VUs (SESSIONS, 50), modes "fixed" (every VU waits
# THINK_MS, 50, between a reply and its next request) and "max" (no wait); the two alternate which runs first
# from round to round. The cost stage's machinery throughout (run_generator/rounds in lib/common.sh,
# lib/measure.py, lib/parse.py's mcpload reader, lib/analyze.py's side_by_side): CPU = user+sys of the mcpload
# process over an ERAS_MEASURE-second window after ERAS_WARMUP s (start-up apart; each run lasts
# ERAS_WARMUP + ERAS_MEASURE + 2 s, as mcpload's last progress line comes after its VUs stopped), divided by the
# requests completed in it; throughput and p50/p99 from mcpload's report. The ratio modern/legacy is taken
# round by round, then the median. Writes $RUN_DIR/eras.json (modes fixed, max; sse-fixed, sse-max).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

SESSIONS=${SESSIONS:-50}
THINK_MS=${THINK_MS:-50}
EW=${ERAS_WARMUP:-$WARMUP}
EM=${ERAS_MEASURE:-$MEASURE}
ER=${ERAS_RUNS:-$RUNS}
ESR=${ERAS_SSE_RUNS:-$ER}
ESSE=${ERAS_SSE:-1}

# eras_server PREFIX MODE ROUNDS: one reference server, warmed up by a 5 s run of each era at full rate, then
# ROUNDS rounds of legacy vs modern in both modes.
eras_server() {
  local prefix=$1 mode=$2 n_rounds=$3 era
  start_ref_server "ref-$prefix" --mode "$mode"
  log "reference server --mode $mode $REF_URL (pid $REF_PID)"
  mcpload_config "$RAW/$prefix-max.toml" echo '{ message = "hello" }' 0
  mcpload_config "$RAW/$prefix-fixed.toml" echo '{ message = "hello" }' "$THINK_MS"
  for era in legacy modern; do
    log "warming the server up (mcpload --protocol-era $era, 5 s)"
    java -jar "$JAR" run "$REF_URL" --protocol-era "$era" --config "$RAW/$prefix-max.toml" --vus "$SESSIONS" \
      --duration 5 --progress plain --no-color --report-dir "$RAW/$prefix-server-warmup-$era.report" \
      >"$RAW/$prefix-server-warmup-$era.txt" 2>&1 || log "WARNING: warm-up run ($era) failed"
  done
  # rounds/run_generator read RUNS, WARMUP and MEASURE; +2 s so that the window is EM seconds (see above).
  RUNS=$n_rounds WARMUP=$EW MEASURE=$((EM + 2)) \
    rounds "$prefix" "fixed max" "$REF_URL" "$REF_PID" "$SESSIONS" "$THINK_MS" "legacy modern"
  stop_pid "$REF_PID"
}

wait_idle eras
eras_server eras json "$ER"
[[ $ESSE == 0 ]] || eras_server erassse sse "$ESR"

$PY "$LIB/analyze.py" eras --raw "$RAW" --out "$RUN_DIR/eras.json" --warmup "$EW" \
  --meta sessions="$SESSIONS" think_ms="$THINK_MS" warmup_s="$EW" measure_s="$EM" runs="$ER" \
  runs_sse="$([[ $ESSE == 0 ]] && echo 0 || echo "$ESR")" tool=echo \
  target="mcpload reference server (dual era, JSON replies, own JVM)" \
  target_sse="mcpload reference server --mode sse (dual era, every reply an SSE stream, own JVM)" \
  load="$(cat "$RAW/load-eras.txt")"
