#!/bin/sh
# azd postdeploy hook: deploys infra/app/blob-events.bicep, the Event Grid subscription that drives IngestMisExport.
# azd exports its environment values (main.bicep outputs) to hooks. Needs the Azure CLI, logged in (az login).
set -eu
cd "$(dirname "$0")/.."

for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "$name is not set: run this from azd (azd deploy) or export it from 'azd env get-values'." >&2
    exit 1
  fi
done

# The host creates the blobs_extension key when it first indexes the blob trigger; give a fresh deployment a moment.
attempt=1
until [ -n "$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query systemKeys.blobs_extension -o tsv 2>/dev/null)" ]; do
  if [ "$attempt" -ge 12 ]; then
    echo "The blobs_extension key of $AZURE_FUNCTION_APP_NAME did not appear; check that the app started, then run this script again." >&2
    exit 1
  fi
  echo "Waiting for the blobs_extension key (attempt $attempt of 12)..."
  attempt=$((attempt + 1))
  sleep 10
done

az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name blob-events \
  --template-file infra/app/blob-events.bicep \
  --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME" \
  --output none
echo "Event Grid subscription for mis-exports -> IngestMisExport is in place."
