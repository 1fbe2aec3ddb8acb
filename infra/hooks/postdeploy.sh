#!/bin/sh
# azd postdeploy hook: azd deploy updates only the app tagged azd-service-name=gateway (silo 0). In the cluster
# topology the other silo apps get the same image here (needs the Azure CLI, signed in: az login).
set -eu

[ "${ORLEANS_KINESIS_TOPOLOGY:-single}" = "cluster" ] || exit 0
image="${SERVICE_GATEWAY_IMAGE_NAME:?azd did not report the deployed image}"
for app in $(echo "${ORLEANS_KINESIS_SILO_APPS:-}" | tr ',' ' '); do
  [ "$app" = "${SERVICE_GATEWAY_NAME:-}" ] && continue
  echo "Updating ${app} to ${image}"
  az containerapp update --name "$app" --resource-group "$AZURE_RESOURCE_GROUP" --image "$image" --output none
done
