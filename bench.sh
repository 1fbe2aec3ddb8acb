#!/usr/bin/env bash
# Thin wrapper around the benchmark harness: ./bench.sh [--targets orleans,kinesalite] [--duration 10] ...
# (dotnet run -c Release --project test/Orleans.Kinesis.Benchmarks -- --help lists every option).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -f test/js/node_modules/kinesalite/package.json ]; then
  npm ci --prefix test/js --ignore-scripts --no-audit --no-fund --loglevel=error
fi
exec dotnet run -c Release --project test/Orleans.Kinesis.Benchmarks -- "$@"
