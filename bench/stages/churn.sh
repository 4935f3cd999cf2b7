#!/usr/bin/env bash
# Stage "churn": sessions opened per second, and generator CPU per session, when every session is short:
# initialize -> notifications/initialized -> CALLS x tools/call echo -> close (DELETE) -> a fresh session, as
# fast as possible (no think time), CHURN_SESSIONS (50) workers, against mcpload's reference server (its own
# JVM, --mode json). CALLS = 1, then 5 (CHURN_CALLS). Side by side in each round:
#   mcpload   java -jar mcpload.jar run URL --vus N, config [session] calls = CALLS, think_time_ms = 0
#   sdk       node bench/node/sdk-client.mjs --churn --calls CALLS: per worker, new Client + new
#             StreamableHTTPClientTransport, connect, callTool CALLS times, transport.terminateSession(), close
# Both run CHURN_WARMUP+CHURN_MEASURE seconds; CPU (user+sys of the generator process, /proc/PID/stat read by
# bench/lib/measure.py at each of their interval lines) and sessions opened are taken over the CHURN_MEASURE
# window only. Machine-wide TCP active opens (/proc/net/snmp) are read around every run: connections per session.
# Writes $RUN_DIR/churn.json.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

N=${CHURN_SESSIONS:-50}
CALLS_LIST=${CHURN_CALLS:-1 5}
CW=${CHURN_WARMUP:-$WARMUP}
CM=${CHURN_MEASURE:-$MEASURE}

# Tcp ActiveOpens of the whole machine (the server's accepts are passive opens, not counted).
active_opens() { awk '/^Tcp:/ { n++; if (n == 2) print $6 }' /proc/net/snmp; }

churn_config() { # churn_config FILE CALLS
  cat >"$1" <<TOML
[settings]
timeout_ms = 10000

[session]
calls = $2
think_time_ms = 0

[[scenario]]
type = "tools/call"
weight = 1
tool = "echo"
arguments = { message = "hello" }
TOML
}

run_churn() { # run_churn GENERATOR CALLS ROUND
  local g=$1 calls=$2 round=$3 tag=churn-c$2-$1-$3 a b
  local common=(--out "$RAW/$tag.json" --log "$RAW/$tag.out" --stderr "$RAW/$tag.err" --watch "$REF_PID" --threads)
  a=$(active_opens)
  case $g in
    mcpload) # +2 s: mcpload's last progress line comes after its VUs stopped, so the window ends one line earlier
      measure "${common[@]}" --timeout $((CW + CM + 90)) -- \
        java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/churn-c$calls.toml" --vus "$N" \
        --duration $((CW + CM + 2)) --progress plain --no-color --report-dir "$RAW/$tag.report" ;;
    sdk)
      measure "${common[@]}" --timeout $((CW + CM + 90)) -- \
        node "$BENCH/node/sdk-client.mjs" --churn --calls "$calls" --url "$REF_URL" --sessions "$N" \
        --seconds $((CW + CM)) --tool echo --args '{"message":"hello"}' ;;
  esac || log "WARNING: $g (churn, calls $calls, round $round) failed; see $RAW/$tag.err"
  b=$(active_opens)
  echo "$((b - a))" >"$RAW/$tag.activeopens"
  ss -s >"$RAW/$tag.ss" 2>/dev/null || true
}

wait_idle churn
start_ref_server ref-churn --mode json
log "reference server $REF_URL (pid $REF_PID)"
for c in $CALLS_LIST; do churn_config "$RAW/churn-c$c.toml" "$c"; done
log "warming the server up (mcpload, session churn, 6 s)"
java -jar "$JAR" run "$REF_URL" --protocol-era "$MCPLOAD_ERA" --config "$RAW/churn-c1.toml" --vus "$N" --duration 6 --progress plain --no-color \
  --report-dir "$RAW/churn-server-warmup.report" >"$RAW/churn-server-warmup.txt" 2>&1 || log "WARNING: warm-up run failed"

gens=(mcpload sdk)
for round in $(seq "$RUNS"); do
  for c in $CALLS_LIST; do
    for k in 0 1; do
      g=${gens[$(((k + round - 1) % 2))]}
      log "churn round $round/$RUNS, $c call(s) per session: $g"
      run_churn "$g" "$c" "$round"
    done
  done
done
stop_pid "$REF_PID"

$PY "$LIB/analyze.py" churn --raw "$RAW" --out "$RUN_DIR/churn.json" --warmup "$CW" \
  --meta sessions="$N" calls="$CALLS_LIST" warmup_s="$CW" measure_s="$CM" runs="$RUNS" tool=echo \
  target="mcpload reference server (JSON replies, own JVM)" \
  tcp_tw_reuse="$(cat /proc/sys/net/ipv4/tcp_tw_reuse)" \
  ip_local_port_range="$(tr '\t' ' ' </proc/sys/net/ipv4/ip_local_port_range)" \
  sdk_version="$(node -p "require('$BENCH/node/node_modules/@modelcontextprotocol/sdk/package.json').version")" \
  load="$(cat "$RAW/load-churn.txt")"
