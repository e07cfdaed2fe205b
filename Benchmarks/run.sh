#!/usr/bin/env bash
# Builds omc, omc-nesim (the NE simulator) and omc-bench in release mode and runs the benchmarks.
#
#   Benchmarks/run.sh [omc-bench options]      e.g. Benchmarks/run.sh --wrk-seconds 15
#   Benchmarks/run.sh --only udm,pcf             chosen groups alone (mml, startup, http, security, ne, capture, udm, pcf, fuzz)
#
# Builds into .build-bench so that it never waits on (or invalidates) the .build used for
# development and tests. Installs wrk with apt-get when it is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
scratch=.build-bench

# wrk loads the OMC over HTTP; curl fetches the capture download benchmark's file, a process of its own.
for tool in wrk curl; do
    command -v "$tool" >/dev/null 2>&1 && continue
    echo "== installing $tool"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    # Refresh the package lists only when they do not know the tool yet (fresh containers have none).
    if ! apt-cache show "$tool" >/dev/null 2>&1; then
        $sudo apt-get update
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$tool"
done

echo "== building omc, omc-nesim and omc-bench (release)"
swift build -c release --scratch-path "$scratch" --product omc
swift build -c release --scratch-path "$scratch" --product omc-nesim
swift build -c release --scratch-path "$scratch" --product omc-bench
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

echo "== running"
OMC_BENCH_OMC="$bin/omc" OMC_BENCH_NESIM="$bin/omc-nesim" exec "$bin/omc-bench" "$@"
