#!/usr/bin/env bash
# Stage "everything": maximum throughput against the official TypeScript reference server,
# @modelcontextprotocol/server-everything (Streamable HTTP, SSE replies, one Node thread), with the same four
# generators as the cost stage (mcpload, wrk, SDK client, mcp-stress; tools/call echo, no think time); then
# the reference server's own throughput with wrk (bench/server/run), which must be well above what any
# generator reached against it in the cost stage, so that the reference server is not the bottleneck. Writes $RUN_DIR/everything.json.
# Never calls server-everything's gzip-file-as-resource tool (it fetches from the internet).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

SESSIONS=${SESSIONS:-50}
WARMUP=${EVERY_WARMUP:-8}
MEASURE=${EVERY_MEASURE:-8}

wait_idle everything
start_everything every-server
log "server-everything $EVERYTHING_URL (pid $EVERYTHING_PID)"
side_by_side_setup every "$EVERYTHING_URL" echo '{"message":"hello"}' '{ message = "hello" }' 0
log "warming server-everything up (wrk, 5 s)"
wrk -t "${WRK_THREADS:-2}" -c "$SESSIONS" -d 5s -s "$RAW/every-max.lua" "$EVERYTHING_URL" >"$RAW/every-server-warmup.txt"
rounds every max "$EVERYTHING_URL" "$EVERYTHING_PID" "$SESSIONS" 0
stop_pid "$EVERYTHING_PID"

log "reference server alone with wrk (bench/server/run)"
MODE=json MCPLOAD_JAR=$JAR DURATION=${MEASURE}s WARMUP=10s CONNECTIONS=$SESSIONS THREADS=${WRK_THREADS:-2} \
  "$BENCH/server/run" >"$RAW/server-wrk.txt" 2>&1 || log "WARNING: bench/server/run failed; see $RAW/server-wrk.txt"

$PY "$LIB/analyze.py" everything --raw "$RAW" --out "$RUN_DIR/everything.json" --warmup "$WARMUP" \
  --meta sessions="$SESSIONS" warmup_s="$WARMUP" measure_s="$MEASURE" runs="$RUNS" tool=echo \
  target="@modelcontextprotocol/server-everything 2026.8.31 (streamableHttp, SSE replies)" \
  load="$(cat "$RAW/load-everything.txt")"
