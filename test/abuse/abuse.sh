#!/usr/bin/env bash
# Abuse benchmark (README "Security"): builds the Host (Release) unless a Host dll is given, then runs abuse.py.
#   test/abuse/abuse.sh [path/to/Orleans.Kinesis.Host.dll]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dll=${1:-}
if [ -z "$dll" ]; then
  dotnet build src/Orleans.Kinesis.Host -c Release -o test/abuse/bin/host --nologo -v q
  dll=test/abuse/bin/host/Orleans.Kinesis.Host.dll
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec python3 test/abuse/abuse.py --host-dll "$dll" --label "${ABUSE_LABEL:-$(git rev-parse --short HEAD)}"
