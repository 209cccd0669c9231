// The Function App on Flex Consumption (Linux, scale to zero, up to 100 instances), running as the user-assigned
// identity. App settings name every setting the code reads (docs/configuration.md); none holds a secret: storage
// and Cosmos DB use the identity, and the SendGrid key is a Key Vault reference.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabaseName string
param cosmosContainerName string
param sendGridApiKeySecretUri string
param emailFrom string
param emailReplyTo string = ''
param sendGridSandboxMode bool = false

@description('Six-field NCRONTAB, UTC, for ScheduleSchoolJobs.')
param schoolJobsSchedule string = '0 */15 6-18 * * 1-5'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd deploys the service "functions" of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: 100
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION itself (functionAppConfig.runtime)
// and rejects them as app settings.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage and the app's blobs and queues, through the identity (no connection string).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    // DefaultAzureCredential (the app's own storage and Cosmos DB clients) picks the user-assigned identity from this.
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Progress__Store: 'Azure'
    CosmosDb__Endpoint: cosmosEndpoint
    CosmosDb__Database: cosmosDatabaseName
    CosmosDb__Container: cosmosContainerName
    Email__Provider: 'SendGrid'
    Email__From: emailFrom
    Email__ReplyTo: emailReplyTo
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
    SendGrid__BaseUrl: 'https://api.sendgrid.com/'
    SendGrid__SandboxMode: string(sendGridSandboxMode)
    SendGrid__MaxAttempts: '5'
    SchoolJobsSchedule: schoolJobsSchedule
    // The polling twin of IngestMisExport is for Azurite, where Event Grid never fires; Flex Consumption runs only the
    // Event Grid blob trigger.
    'AzureWebJobs.IngestMisExportPolling.Disabled': 'true'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
