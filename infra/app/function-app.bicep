// The Function App on Flex Consumption (Linux, scale to zero, up to 100 instances), running as the user-assigned
// identity. App settings name every setting the code reads (docs/configuration.md); none holds a secret: storage,
// Cosmos DB and Microsoft Graph use the identity, and the SendGrid key and SMTP password are Key Vault references.
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
param smtpPasswordSecretUri string
param emailFrom string
param emailReplyTo string = ''
param sendGridSandboxMode bool = false

@allowed(['SendGrid', 'Microsoft365', 'Smtp'])
@description('Which service sends e-mail (docs/email.md).')
param emailProvider string = 'SendGrid'

@description('Microsoft 365: the shared mailbox the app sends from (the identity needs Mail.Send, limited to it by an application access policy).')
param microsoft365Mailbox string = ''

@description('SMTP: server host, e.g. smtp-relay.gmail.com.')
param smtpHost string = ''

param smtpPort int = 587

@allowed(['StartTls', 'SslOnConnect', 'None'])
param smtpSecurity string = 'StartTls'

@description('SMTP: account to sign in as; empty for a relay that trusts the sender without signing in.')
param smtpUserName string = ''

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
    Email__Provider: emailProvider
    Email__From: emailFrom
    Email__ReplyTo: emailReplyTo
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
    SendGrid__BaseUrl: 'https://api.sendgrid.com/'
    SendGrid__SandboxMode: string(sendGridSandboxMode)
    SendGrid__MaxAttempts: '5'
    // Microsoft Graph with the Function App's user-assigned identity (no secret: Microsoft365__ClientSecret is for one-machine installs).
    Microsoft365__Mailbox: microsoft365Mailbox
    Microsoft365__TenantId: ''
    Microsoft365__ClientId: identityClientId
    Microsoft365__BaseUrl: 'https://graph.microsoft.com/v1.0/'
    Microsoft365__SaveToSentItems: 'true'
    Microsoft365__MaxAttempts: '5'
    Microsoft365__InitialRetryDelay: '00:00:02'
    Microsoft365__MaxRetryDelay: '00:02:00'
    Smtp__Host: smtpHost
    Smtp__Port: string(smtpPort)
    Smtp__Security: smtpSecurity
    Smtp__UserName: smtpUserName
    Smtp__Password: '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecretUri})'
    Smtp__MaxAttempts: '3'
    Smtp__InitialRetryDelay: '00:00:05'
    Smtp__Timeout: '00:01:00'
    SchoolJobsSchedule: schoolJobsSchedule
    // The polling twin of IngestMisExport is for Azurite, where Event Grid never fires; Flex Consumption runs only the
    // Event Grid blob trigger.
    'AzureWebJobs.IngestMisExportPolling.Disabled': 'true'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
