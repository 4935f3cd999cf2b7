#!/usr/bin/env bash
# Stage "cost": generator CPU per completed tools/call, and maximum throughput, against mcpload's reference
# server (its own JVM), side by side in each round, first with JSON replies (--mode json), then with every
# reply an SSE stream (--mode sse, as most SDK servers answer Streamable HTTP):
#   mcpload   java -jar mcpload.jar run URL --vus N      (N sessions, one connection each)
#   wrk       the same JSON-RPC POST on one pre-initialized session over N connections (the raw-HTTP floor;
#             it frames the HTTP response but parses no SSE)
#   sdk       the official TypeScript SDK client, N Clients with StreamableHTTPClientTransport, callTool loop
#   mcpstress mcp-stress run --url URL -p tool-flood --tool echo -c N: one session, batches of N concurrent calls;
#             it has no think time, so its "fixed" runs go through bench/lib/delayproxy.py, which holds every
#             reply THINK_MS (the same offered rate, made by the reply instead of a wait after it)
# (a) "fixed": every session waits THINK_MS between a reply and its next request (a closed loop with think
#     time, ~N*1000/THINK_MS req/s, which the target sustains easily); (b) "max": no think time.
# mcpload, the SDK client and mcp-stress run WARMUP+MEASURE seconds and their CPU per request is taken over
# the MEASURE window only, start-up apart (/proc/PID/stat read at each of their interval lines -- mcp-stress
# prints one a second on stderr -- bench/lib/measure.py); wrk runs MEASURE seconds. Writes $RUN_DIR/cost.json
# (modes fixed, max against --mode json; sse-fixed, sse-max against --mode sse).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

SESSIONS=${SESSIONS:-50}
THINK_MS=${THINK_MS:-50}

wait_idle cost
start_ref_server ref-cost --mode json
log "reference server $REF_URL (pid $REF_PID)"
side_by_side_setup cost "$REF_URL" echo '{"message":"hello"}' '{ message = "hello" }' "$THINK_MS"
log "warming the server up (wrk, 5 s)"
wrk -t "${WRK_THREADS:-2}" -c "$SESSIONS" -d 5s -s "$RAW/cost-max.lua" "$REF_URL" >"$RAW/cost-server-warmup.txt"

rounds cost "fixed max" "$REF_URL" "$REF_PID" "$SESSIONS" "$THINK_MS"
stop_pid "$(cat "$RAW/cost-fixed-delay.pid")"
stop_pid "$REF_PID"

start_ref_server ref-costsse --mode sse
log "reference server in SSE mode $REF_URL (pid $REF_PID)"
side_by_side_setup costsse "$REF_URL" echo '{"message":"hello"}' '{ message = "hello" }' "$THINK_MS"
log "warming the server up (wrk, 5 s)"
wrk -t "${WRK_THREADS:-2}" -c "$SESSIONS" -d 5s -s "$RAW/costsse-max.lua" "$REF_URL" >"$RAW/costsse-server-warmup.txt"
rounds costsse "fixed max" "$REF_URL" "$REF_PID" "$SESSIONS" "$THINK_MS"

$PY "$LIB/analyze.py" cost --raw "$RAW" --out "$RUN_DIR/cost.json" --warmup "$WARMUP" \
  --meta sessions="$SESSIONS" think_ms="$THINK_MS" warmup_s="$WARMUP" measure_s="$MEASURE" runs="$RUNS" \
  wrk_threads="${WRK_THREADS:-2}" tool=echo target="mcpload reference server (JSON replies, own JVM)" \
  target_sse="mcpload reference server --mode sse (every reply an SSE stream, own JVM)" \
  mcpstress_version="$("$MCPSTRESS" --version 2>/dev/null | head -1)" \
  load="$(cat "$RAW/load-cost.txt")"
