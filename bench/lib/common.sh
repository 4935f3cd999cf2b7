# Shared by bench/run and the stages (sourced, not run). Every process a stage starts goes through
# track_pid, so the EXIT trap stops exactly those, by PID.
#
# Set by the caller (bench/run exports them): ROOT (repo root), JAR, RUN_DIR (this run's results folder),
# RAW (its raw/ folder), and the knobs of the mode (see bench/run).

BENCH=${BENCH:-$ROOT/bench}
LIB=$BENCH/lib
PY=${PY:-python3}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- cleanup ------------------------------------------------------------------------------------------------
TRACKED_PIDS=()
track_pid() { TRACKED_PIDS+=("$1"); }
stop_pid() { # stop_pid PID: TERM, wait up to 10 s, then KILL
  local pid=$1
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup_tracked() {
  local pid
  for pid in "${TRACKED_PIDS[@]}"; do stop_pid "$pid"; done
  TRACKED_PIDS=()
}
trap cleanup_tracked EXIT
trap 'exit 130' INT TERM

# ---- machine state ------------------------------------------------------------------------------------------
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# busy_cores SECONDS: how many cores the whole machine kept busy over the next SECONDS (from /proc/stat).
busy_cores() {
  local a b
  a=$(busy_ticks); sleep "$1"; b=$(busy_ticks)
  awk -v d=$((b - a)) -v hz="$(getconf CLK_TCK)" -v s="$1" 'BEGIN { printf "%.2f", d / hz / s }'
}

# wait_idle STAGE: measurements only mean something on an idle machine. Waits (bounded by IDLE_WAIT_S,
# default 600) until, over 5 s, the machine keeps less than IDLE_CPU cores (0.3) busy. That is "others idle"
# measured now: the 1-minute load average also counts this suite's own previous stage for a minute or two
# after it stopped, so it is recorded (with the busy cores) in $RAW/load-STAGE.txt but not waited on.
# Warns loudly if the machine never got idle; every run also records the CPU others used during it.
wait_idle() {
  local stage=$1 waited=0 max=${IDLE_WAIT_S:-600} limit=${IDLE_CPU:-0.3} cores
  while true; do
    cores=$(busy_cores 5)
    awk -v c="$cores" -v m="$limit" 'BEGIN { exit !(c < m) }' && break
    if (( waited >= max )); then
      log "WARNING: other processes still use $cores cores after ${waited}s: stage '$stage' is measured under foreign load"
      break
    fi
    (( waited == 0 )) && log "waiting for the machine to be idle (other processes use $cores cores; up to ${max}s) ..."
    sleep 10
    waited=$((waited + 15))
  done
  echo "$(cut -d' ' -f1-3 /proc/loadavg) busy_cores=$cores" >"$RAW/load-$stage.txt"
  log "stage $stage: load average $(cut -d' ' -f1-3 /proc/loadavg), machine busy $cores cores before the stage"
}

# ---- targets ------------------------------------------------------------------------------------------------
# start_ref_server NAME [ServeMain options...]: starts mcpload's reference server as its own JVM, sets
# REF_URL and REF_PID.
start_ref_server() {
  local name=$1; shift
  java ${SERVER_JAVA_OPTS:-} -cp "$JAR" dev.mcpload.server.ServeMain --port 0 --ignore-stdin "$@" \
    >"$RAW/$name.url" 2>"$RAW/$name.log" &
  REF_PID=$!
  track_pid "$REF_PID"
  for _ in $(seq 300); do
    grep -q '^http://' "$RAW/$name.url" && break
    kill -0 "$REF_PID" 2>/dev/null || { cat "$RAW/$name.log" >&2; die "reference server did not start"; }
    sleep 0.1
  done
  REF_URL=$(grep -m 1 '^http://' "$RAW/$name.url") || die "reference server printed no URL within 30 s"
}

free_port() {
  $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_everything NAME: @modelcontextprotocol/server-everything over Streamable HTTP, bound to 127.0.0.1
# only (Node preload); sets EVERYTHING_URL and EVERYTHING_PID. Its stdout goes to a file.
start_everything() {
  local name=$1 port preload entry
  port=$(free_port)
  preload=$ROOT/peers/bind-localhost-sync.cjs
  [[ -f $preload ]] || preload=$ROOT/../shared/bind-localhost.cjs
  [[ -f $preload ]] || die "no bind-localhost preload found (peers/bind-localhost-sync.cjs or ../shared/bind-localhost.cjs)"
  entry=$BENCH/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js
  PORT=$port node -r "$preload" "$entry" streamableHttp >"$RAW/$name.log" 2>&1 </dev/null &
  EVERYTHING_PID=$!
  track_pid "$EVERYTHING_PID"
  EVERYTHING_URL=http://127.0.0.1:$port/mcp
  for _ in $(seq 300); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && return 0
    kill -0 "$EVERYTHING_PID" 2>/dev/null || { cat "$RAW/$name.log" >&2; die "server-everything did not start"; }
    sleep 0.1
  done
  die "server-everything did not listen on $port within 30 s"
}

# server_ticks PID: user+system CPU clock ticks of a process.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# ---- one raw session for wrk ----------------------------------------------------------------------------------
INIT_BODY='{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench-wrk","version":"1"}}}'

# open_session URL: initialize + notifications/initialized with curl; prints the Mcp-Session-Id.
open_session() {
  local url=$1 headers
  headers=$(mktemp)
  curl -sS --max-time 10 -D "$headers" -o /dev/null -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -d "$INIT_BODY" "$url"
  local sid
  sid=$(grep -i '^mcp-session-id:' "$headers" | cut -d' ' -f2 | tr -d '\r')
  rm -f "$headers"
  [[ -n $sid ]] || die "initialize at $url returned no Mcp-Session-Id"
  curl -sS --max-time 10 -o /dev/null -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $sid" \
    -H 'MCP-Protocol-Version: 2025-06-18' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$url"
  echo "$sid"
}

# wrk_script FILE SESSION_ID BODY [THINK_MS]: the Lua script wrk posts with; THINK_MS > 0 makes every
# connection wait that long between a reply and its next request (wrk's delay() hook), the same closed loop
# with think time as mcpload's request_interval_ms and the SDK harness's --think-ms.
wrk_script() {
  local file=$1 sid=$2 body=$3 think=${4:-0}
  {
    echo 'wrk.method = "POST"'
    echo "wrk.body = '$body'"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'wrk.headers["Accept"] = "application/json, text/event-stream"'
    echo "wrk.headers[\"Mcp-Session-Id\"] = \"$sid\""
    echo 'wrk.headers["MCP-Protocol-Version"] = "2025-06-18"'
    if (( think > 0 )); then echo "function delay() return $think end"; fi
  } >"$file"
}

# ---- mcpload config -----------------------------------------------------------------------------------------
# mcpload_config FILE TOOL ARGS_TOML [REQUEST_INTERVAL_MS] [EXPECTED_INTERVAL_MS] [TIMEOUT_MS]
mcpload_config() {
  local file=$1 tool=$2 args=$3 think=${4:-0} expected=${5:-100} timeout=${6:-10000}
  cat >"$file" <<TOML
[settings]
timeout_ms = $timeout
expected_interval_ms = $expected
request_interval_ms = $think

[[scenario]]
type = "tools/call"
weight = 1
tool = "$tool"
arguments = $args
TOML
}

measure() { $PY "$LIB/measure.py" "$@"; }

# ---- which MCP protocol era mcpload speaks ---------------------------------------------------------------------
# mcpload speaks two eras: "legacy" (2025: initialize + Mcp-Session-Id session) and "modern" (2026-07-28:
# stateless, server/discover first, _meta and MCP-Protocol-Version/Mcp-Method/Mcp-Name on every POST). With no
# flag it auto-detects and, against the reference server (dual era by default), picks modern. wrk, the TS SDK
# client and mcp-stress all speak the 2025 era, and every earlier result in bench/results/ is the 2025 path
# (sessions, initialize, the standalone stream), so every stage pins mcpload to MCPLOAD_ERA, legacy unless set,
# to keep comparing like with like. MCPLOAD_ERA=auto (or modern) measures what auto-detection picks instead; the
# stage "eras" puts the two eras side by side on purpose and passes its own.
MCPLOAD_ERA=${MCPLOAD_ERA:-legacy}

# mcp-stress (npm @mcp-stress/linux-x64, a self-contained Deno binary, pinned in bench/node/package-lock.json).
MCPSTRESS=${MCPSTRESS:-$BENCH/node/node_modules/@mcp-stress/linux-x64/bin/mcp-stress}

# start_delay_proxy NAME URL DELAY_MS: bench/lib/delayproxy.py in front of URL, every reply held DELAY_MS;
# sets DELAY_URL and DELAY_PID. mcp-stress has no think time: its "fixed" runs go through this proxy, so the
# same offered rate comes from a slower reply instead of a wait after it.
start_delay_proxy() {
  local name=$1 url=$2 delay=$3 hostport port rest
  hostport=${url#http://}; rest=/${hostport#*/}; hostport=${hostport%%/*}; port=${hostport##*:}
  $PY "$LIB/delayproxy.py" --target-port "$port" --delay-ms "$delay" --max-seconds 3600 \
    >"$RAW/$name.port" 2>"$RAW/$name.log" &
  DELAY_PID=$!
  track_pid "$DELAY_PID"
  for _ in $(seq 100); do
    grep -q '^[0-9]' "$RAW/$name.port" && break
    kill -0 "$DELAY_PID" 2>/dev/null || { cat "$RAW/$name.log" >&2; die "delay proxy did not start"; }
    sleep 0.1
  done
  DELAY_URL=http://127.0.0.1:$(head -1 "$RAW/$name.port")$rest
}

# ---- the four generators, one closed-loop run each ------------------------------------------------------------
# Each takes: TAG URL SERVER_PID SESSIONS SECONDS THINK_MS, and the files/variables set up by side_by_side_setup
# (GEN_TOOL, GEN_ARGS_JSON, $RAW/TAG-prefix configs). Output: $RAW/TAG.json (timeline), .out, .err (+ .report/).

# side_by_side_setup PREFIX URL TOOL ARGS_JSON ARGS_TOML THINK_MS: one pre-initialized session for wrk, wrk Lua
# scripts and mcpload configs for the modes "max" (no think time) and "fixed" (THINK_MS). With THINK_MS > 0,
# also a delay proxy (THINK_MS per reply) for mcp-stress's fixed runs: its URL in $RAW/PREFIX-fixed-delay.url,
# its PID in $RAW/PREFIX-fixed-delay.pid.
side_by_side_setup() {
  local prefix=$1 url=$2 sid body
  GEN_TOOL=$3 GEN_ARGS_JSON=$4
  sid=$(open_session "$url")
  body='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"'$3'","arguments":'$4'}}'
  wrk_script "$RAW/$prefix-max.lua" "$sid" "$body" 0
  wrk_script "$RAW/$prefix-fixed.lua" "$sid" "$body" "$6"
  mcpload_config "$RAW/$prefix-max.toml" "$3" "$5" 0
  mcpload_config "$RAW/$prefix-fixed.toml" "$3" "$5" "$6"
  if (( $6 > 0 )); then
    start_delay_proxy "$prefix-delayproxy" "$url" "$6"
    echo "$DELAY_URL" >"$RAW/$prefix-fixed-delay.url"
    echo "$DELAY_PID" >"$RAW/$prefix-fixed-delay.pid"
  fi
}

# run_generator GENERATOR PREFIX MODE ROUND URL SERVER_PID SESSIONS WARMUP MEASURE THINK_MS
# GENERATOR: mcpload (speaks MCPLOAD_ERA, legacy unless set: see above), wrk, sdk, mcpstress; or legacy /
# modern: mcpload pinned to that protocol era (the stage "eras").
run_generator() {
  local g=$1 prefix=$2 mode=$3 round=$4 url=$5 spid=$6 n=$7 warm=$8 meas=$9 think=${10}
  local tag=$prefix-$mode-$g-$round
  [[ $mode == max ]] && think=0
  local common=(--out "$RAW/$tag.json" --log "$RAW/$tag.out" --stderr "$RAW/$tag.err" --watch "$spid")
  case $g in
    mcpload|legacy|modern)
      local era=$MCPLOAD_ERA
      [[ $g != mcpload ]] && era=$g
      measure "${common[@]}" --threads --timeout $((warm + meas + 90)) -- \
        java ${MCPLOAD_JAVA_OPTS:-} -jar "$JAR" run "$url" --config "$RAW/$prefix-$mode.toml" --vus "$n" \
        --protocol-era "$era" \
        --duration $((warm + meas)) --progress plain --no-color --report-dir "$RAW/$tag.report" ;;
    wrk) # a C program: no warm-up of its own to wait for, the server is already warm
      measure "${common[@]}" --timeout $((meas + 60)) -- \
        wrk -t "${WRK_THREADS:-2}" -c "$n" -d "${meas}s" --latency -s "$RAW/$prefix-$mode.lua" "$url" ;;
    sdk)
      measure "${common[@]}" --threads --timeout $((warm + meas + 90)) -- \
        node "$BENCH/node/sdk-client.mjs" --url "$url" --sessions "$n" --seconds $((warm + meas)) \
        --think-ms "$think" --tool "$GEN_TOOL" --args "$GEN_ARGS_JSON" ;;
    mcpstress) # one session, batches of N concurrent calls (random arguments from the tool's schema); its
      # per-second lines are on stderr. Fixed mode: no think time in mcp-stress, so through the delay proxy.
      local murl=$url watch=()
      if [[ $mode == fixed ]]; then
        murl=$(cat "$RAW/$prefix-fixed-delay.url")
        watch=(--watch "$(cat "$RAW/$prefix-fixed-delay.pid")")
      fi
      measure "${common[@]}" "${watch[@]}" --merge-stderr --threads --timeout $((warm + meas + 90)) -- \
        "$MCPSTRESS" run --url "$murl" -p tool-flood --tool "$GEN_TOOL" -c "$n" -d $((warm + meas)) \
        -t 10000 --json ;;
  esac || log "WARNING: $g ($prefix $mode, round $round) failed; see $RAW/$tag.$([[ $g == mcpstress ]] && echo out || echo err)"
}

# rounds PREFIX "MODES" URL SERVER_PID SESSIONS THINK_MS ["GENERATORS"]: RUNS rounds of every mode and
# generator (default: mcpload wrk sdk mcpstress); each round rotates the order of the generators so that none
# always runs first (with two, they alternate).
rounds() {
  local prefix=$1 modes=$2 url=$3 spid=$4 n=$5 think=$6 round mode k g
  local gens=(${7:-mcpload wrk sdk mcpstress})
  local ng=${#gens[@]}
  for round in $(seq "$RUNS"); do
    for mode in $modes; do
      for ((k = 0; k < ng; k++)); do
        g=${gens[$(((k + round - 1) % ng))]}
        log "$prefix round $round/$RUNS, $mode: $g"
        run_generator "$g" "$prefix" "$mode" "$round" "$url" "$spid" "$n" "$WARMUP" "$MEASURE" "$think"
      done
    done
  done
}
