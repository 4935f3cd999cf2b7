#!/usr/bin/env bash
# Stage "jmh": microbenchmarks of the hot path with JMH's GC profiler (allocation per operation):
# RequestTemplate.writeTo, MessageScanner.scan, SseParser.feed, OperationMetrics.recordSuccess,
# WeightedPicker.nextIndex (bench/jmh, a separate Maven project). Installs the product into the local Maven
# repository first (the JMH project depends on dev.mcpload:mcpload:0.1.0-SNAPSHOT), builds
# bench/jmh/target/benchmarks.jar, then measures. Writes $RUN_DIR/jmh.json.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

log "installing dev.mcpload:mcpload:0.1.0-SNAPSHOT (./mvnw install, tests skipped) and building the benchmarks"
(cd "$ROOT" && ./mvnw -q -B ${MVN_OFFLINE:+-o} -Dmaven.test.skip=true install)
(cd "$ROOT" && ./mvnw -q -B ${MVN_OFFLINE:+-o} -f bench/jmh/pom.xml package)

wait_idle jmh
# One fork, 3 x 2 s warm-up and 4 x 1 s measurement per benchmark (10 benchmarks): ~2 minutes in all.
java -jar "$BENCH/jmh/target/benchmarks.jar" -f "${JMH_FORKS:-1}" -wi "${JMH_WI:-3}" -w 2s -i "${JMH_I:-4}" -r 1s \
  -prof gc -rf json -rff "$RAW/jmh.json" >"$RAW/jmh.txt" 2>&1 || { tail -30 "$RAW/jmh.txt" >&2; die "JMH failed"; }
grep -E '^(Benchmark|[A-Za-z]+Bench\.)' "$RAW/jmh.txt" | grep -vE 'gc\.(count|time)|churn|alloc\.rate ' >&2 || true

$PY "$LIB/analyze.py" jmh --json "$RAW/jmh.json" --out "$RUN_DIR/jmh.json" \
  --meta forks="${JMH_FORKS:-1}" warmup_iterations="${JMH_WI:-3}" iterations="${JMH_I:-4}" load="$(cat "$RAW/load-jmh.txt")"
