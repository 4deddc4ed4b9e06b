#!/usr/bin/env bash
# Runs the long attacks of spec section 9 against the reference index and peer, started from their
# jars on loopback (one attacking host, 127.0.0.2; another host using the service, 127.0.0.3), and
# writes a Markdown table to benchmarks/target/attacks.md. About 3 minutes on 2 cores.
#   benchmarks/attacks.sh               every attack at full size
#   benchmarks/attacks.sh --help        the sizes that can be changed
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
java -cp "$jar" org.p2pkit.bench.attack.Attacks --jars . "$@" | tee benchmarks/target/attacks.md
