#!/usr/bin/env bash
# Times whole downloads as a user meets them: a cold `p2p-peer get` process from its start to the
# file in place, over the extended and the classic transfer, beside a cold raw copy of the same file
# (file to socket to file) in the same run. Writes a Markdown table to benchmarks/target/transfer-e2e.md.
#   benchmarks/transfer.sh                      1 GiB, 3 runs of each path (about a minute on 2 cores)
#   benchmarks/transfer.sh --size-mib 256 --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
java -cp "$jar" org.p2pkit.bench.e2e.TransferEndToEnd --jars . "$@" | tee benchmarks/target/transfer-e2e.md
