#!/bin/sh
# azd preprovision hook: makes sure the environment has an access key (id:secret) and an encryption master key
# (32 random bytes, base64). Generated once and kept in the azd environment, so that provisioning again never
# replaces the key the stored records are encrypted with. Set either beforehand with `azd env set` to choose it.
set -eu

if [ -z "${ORLEANS_KINESIS_ACCESS_KEYS:-}" ]; then
  id="AKIA$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F')"
  secret="$(od -An -N30 -tx1 /dev/urandom | tr -d ' \n')"
  azd env set ORLEANS_KINESIS_ACCESS_KEYS "${id}:${secret}"
  echo "Created access key ${id} (azd env get-value ORLEANS_KINESIS_ACCESS_KEYS shows it)."
fi

if [ -z "${ORLEANS_KINESIS_ENCRYPTION_KEY:-}" ]; then
  azd env set ORLEANS_KINESIS_ENCRYPTION_KEY "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  echo "Created the encryption master key (keep a copy: records encrypted with it can't be read without it)."
fi
