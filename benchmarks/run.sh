#!/usr/bin/env bash
# Runs every benchmark and writes JMH's JSON (benchmarks/target/jmh-results.json) and a Markdown table
# of results, baselines and ratios (benchmarks/target/results.md).
#   benchmarks/run.sh            the full run (about 10 minutes on 2 cores)
#   benchmarks/run.sh --quick    one short iteration of each, smallest sizes: proves everything runs
#   benchmarks/run.sh -- ARGS    extra JMH arguments, e.g. -- TransferBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target
[ -f "$jar" ] || mvn -B -q package -DskipTests
opts=()
if [ "${1:-}" = "--quick" ]; then
  opts=(-f 1 -wi 0 -i 1 -r 1s -w 1s -p mebibytes=1 -p registrations=1000)
  shift
fi
[ "${1:-}" = "--" ] && shift
java -jar "$jar" "${opts[@]}" -rf json -rff "$out/jmh-results.json" "$@"
java -cp "$jar" org.p2pkit.bench.BenchReport "$out/jmh-results.json" > "$out/results.md"
echo "results: $out/results.md"
cat "$out/results.md"
