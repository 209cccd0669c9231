# azd postdeploy hook (Windows): deploys infra/app/blob-events.bicep, the Event Grid subscription that drives
# IngestMisExport. azd exports its environment values (main.bicep outputs) to hooks. Needs the Azure CLI (az login).
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set: run this from azd (azd deploy) or set it from 'azd env get-values'."
    }
}

# The host creates the blobs_extension key when it first indexes the blob trigger; give a fresh deployment a moment.
for ($attempt = 1; ; $attempt++) {
    $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME --query systemKeys.blobs_extension -o tsv 2>$null
    if ($key) { break }
    if ($attempt -ge 12) {
        throw "The blobs_extension key of $($env:AZURE_FUNCTION_APP_NAME) did not appear; check that the app started, then run this script again."
    }
    Write-Host "Waiting for the blobs_extension key (attempt $attempt of 12)..."
    Start-Sleep -Seconds 10
}

az deployment group create `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --name blob-events `
    --template-file infra/app/blob-events.bicep `
    --parameters functionAppName=$env:AZURE_FUNCTION_APP_NAME systemTopicName=$env:AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'az deployment group create failed.' }
Write-Host 'Event Grid subscription for mis-exports -> IngestMisExport is in place.'
