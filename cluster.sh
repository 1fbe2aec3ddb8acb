#!/usr/bin/env bash
# A local cluster on loopback: Azurite (blob + table) and N nodes of the server (default 3), each serving the whole
# API, sharing streams through Azure Storage and membership through its Table service. Ctrl+C stops everything.
#   ./cluster.sh [--nodes 3] [--port 4567] [--data ./cluster-data]
# Node i listens on http://127.0.0.1:<port+i-1>, silo port 11111+i-1, gateway port 30000+i-1; Azurite on 10000-10002.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

nodes=3 port=4567 data=./cluster-data configuration=Release
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --debug) configuration=Debug; shift ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x test/js/node_modules/.bin/azurite ]; then
  npm ci --prefix test/js --ignore-scripts --no-audit --no-fund --loglevel=error
fi
dotnet build -c "$configuration" -v quiet -nologo src/Orleans.Kinesis.Host >/dev/null
host_dll="src/Orleans.Kinesis.Host/bin/$configuration/net10.0/Orleans.Kinesis.Host.dll"

mkdir -p "$data/azurite"
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
}
trap stop INT TERM EXIT

test/js/node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location "$data/azurite" \
  --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 &
pids+=($!)
for _ in $(seq 1 300); do  # up to 30 s for node to start Azurite
  if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then break; fi
  sleep 0.1
done

account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
for i in $(seq 0 $((nodes - 1))); do
  mkdir -p "$data/node$((i + 1))"
  OrleansKinesis__BlobConnectionString="$storage" dotnet "$host_dll" --host 127.0.0.1 --port $((port + i)) \
    --data "$data/node$((i + 1))" --storage blob --clustering azure-table \
    --silo-port $((11111 + i)) --silo-gateway-port $((30000 + i)) &
  pids+=($!)
done
echo "cluster: $nodes nodes on http://127.0.0.1:$port..$((port + nodes - 1)) (Ctrl+C stops)"
wait -n
echo "a process of the cluster exited; stopping the others" >&2
