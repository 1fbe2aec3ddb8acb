#!/usr/bin/env bash
# Runs every test of the repository: the README's test command, and what .ci/run runs after installing tools.
# Brings in what the real-client tests need when it is missing (the pinned npm packages of test/js and the
# AWS CLI), then runs `dotnet test` on the solution and closes with one summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ ! -d test/js/node_modules ]; then
  echo "::: npm ci (test/js)"
  npm ci --prefix test/js --ignore-scripts --no-audit --no-fund --loglevel=error
fi

if ! command -v aws >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "::: installing the AWS CLI (Debian package awscli)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends awscli
  else
    echo "The AWS CLI is missing: install it (Debian: apt-get install awscli) to run the CLI tests." >&2
  fi
fi

if ! /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "::: installing boto3 (Debian package python3-boto3)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-boto3
  else
    echo "boto3 is missing: install it (Debian: apt-get install python3-boto3) to run the boto3 tests." >&2
  fi
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "::: installing Chromium (Debian package chromium) for the console's browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  else
    echo "Chromium is missing: install it (Debian: apt-get install chromium); the console's browser tests fail without it." >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Orleans.Kinesis.sln "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The Host tests once more with the shared server fixtures on Azure Blob storage (each starts its own Azurite).
echo "::: Host tests on the blob provider (ORLEANS_KINESIS_TEST_STORAGE=blob)"
ORLEANS_KINESIS_TEST_STORAGE=blob dotnet test test/Orleans.Kinesis.Host.Tests --no-build "$@" 2>&1 | tee -a "$log"
blob_rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then rc=$blob_rc; fi
set -e
awk '/(Passed|Failed)!  - Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "dotnet: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$rc"
