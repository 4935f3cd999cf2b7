#!/usr/bin/env bash
# Stage "sseprofile": where mcpload's CPU goes on the SSE path and at start-up. Against each of two targets,
#   java -jar mcpload.jar run URL --config echo.toml --vus 50 --duration 25
# as a user runs it (default JVM flags; tools/call echo, no think time), once plain (the whole run's CPU by
# thread) and once with a JFR recording (-XX:StartFlightRecording, bench/lib/profile-sse.jfc: profile.jfc's
# allocation events, CPU samples every 1 ms, every JIT compilation):
#   sse         the reference server in --mode sse (every reply an SSE stream): mcpload's SSE path at full rate
#   everything  @modelcontextprotocol/server-everything (SSE replies; the server is the bottleneck, ~1,700
#               req/s): here start-up and JIT are a large share of the whole process
# bench/lib/profile_jfr.py reduces each to: start-up CPU and wall time, CPU by thread over the whole run (JIT
# compiler threads apart), compilations (count, seconds, longest), the start-up's CPU samples; and over the
# window after SSE_PROFILE_WARMUP s: CPU and allocation per request, hot methods, allocation sites.
# Writes $RUN_DIR/sseprofile.json; the recordings stay in raw/sseprofile-{sse,everything}.jfr.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

SESSIONS=${SESSIONS:-50}
SECS=${SSE_PROFILE_SECONDS:-25}
WARMUP=${SSE_PROFILE_WARMUP:-12}

wait_idle sseprofile
mcpload_config "$RAW/sseprofile.toml" echo '{ message = "hello" }' 0

# profile_run NAME URL SERVER_PID: the same run twice, first without JFR (NAME-plain: the whole run's CPU as a
# user pays it; JFR itself adds ~0.5 s of CPU at start-up), then with the recording (NAME).
profile_run() {
  local name=$1 url=$2 spid=$3 run jfr
  for run in "$name-plain" "$name"; do
    jfr=()
    [[ $run == "$name" ]] && jfr=(-XX:StartFlightRecording=filename="$RAW/$name.jfr",settings="$LIB/profile-sse.jfc")
    log "mcpload${jfr:+ with JFR} against $url, $SESSIONS VUs, ${SECS}s ($run)"
    measure --threads --out "$RAW/$run.json" --log "$RAW/$run.out" --stderr "$RAW/$run.err" \
      --watch "$spid" --timeout $((SECS + 120)) -- \
      java "${jfr[@]}" ${MCPLOAD_JAVA_OPTS:-} \
      -jar "$JAR" run "$url" --protocol-era "$MCPLOAD_ERA" --config "$RAW/sseprofile.toml" --vus "$SESSIONS" --duration "$SECS" \
      --progress plain --no-color --report-dir "$RAW/$run.report" \
      || log "WARNING: the profiled run $run failed; see $RAW/$run.err"
  done
}

start_ref_server sseprof-server --mode sse
log "reference server in SSE mode $REF_URL (pid $REF_PID)"
SID=$(open_session "$REF_URL")
wrk_script "$RAW/sseprofile-warm.lua" "$SID" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}' 0
wrk -t 2 -c "$SESSIONS" -d 5s -s "$RAW/sseprofile-warm.lua" "$REF_URL" >/dev/null # server warm-up
profile_run sseprofile-sse "$REF_URL" "$REF_PID"
stop_pid "$REF_PID"

start_everything sseprof-everything
log "server-everything $EVERYTHING_URL (pid $EVERYTHING_PID)"
SID=$(open_session "$EVERYTHING_URL")
wrk_script "$RAW/sseprofile-every-warm.lua" "$SID" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}' 0
wrk -t 2 -c "$SESSIONS" -d 5s -s "$RAW/sseprofile-every-warm.lua" "$EVERYTHING_URL" >/dev/null
profile_run sseprofile-everything "$EVERYTHING_URL" "$EVERYTHING_PID"
stop_pid "$EVERYTHING_PID"

$PY "$LIB/analyze.py" sseprofile --raw "$RAW" --out "$RUN_DIR/sseprofile.json" --warmup "$WARMUP" \
  --meta sessions="$SESSIONS" seconds="$SECS" warmup_s="$WARMUP" tool=echo load="$(cat "$RAW/load-sseprofile.txt")" \
  command="java [-XX:StartFlightRecording=...] -jar target/mcpload.jar run URL --config echo.toml --vus $SESSIONS --duration $SECS"
