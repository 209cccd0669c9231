// Everything `azd up` provisions for ProgressFunctions: one resource group holding the Function App (Flex
// Consumption, user-assigned managed identity), its storage account (no shared keys), the Event Grid system topic for
// the blob trigger, Cosmos DB serverless, Key Vault for the SendGrid key, Log Analytics and Application Insights.
// The Event Grid subscription itself is app/blob-events.bicep, deployed by the postdeploy hook (see azure.yaml).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (one that offers Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Six-field NCRONTAB, UTC, for the school jobs fan-out: every 15 minutes of the school day in both BST and GMT; each school is checked once its own registers have closed.')
param schoolJobsSchedule string = '0 */15 6-18 * * 1-5'

@minLength(3)
@description('Sender of every e-mail, a SendGrid verified sender, e.g. "School Office <office@school.org.uk>".')
param emailFrom string

@description('Optional Reply-To address for every e-mail.')
param emailReplyTo string = ''

@secure()
@description('SendGrid API key (Mail Send permission). Stored in Key Vault only; leave empty to keep the secret already there.')
param sendGridApiKey string = ''

@description('SendGrid sandbox mode: requests are validated but nothing is delivered.')
param sendGridSandboxMode bool = false

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    systemTopicName: 'evgt-${resourceToken}'
    location: location
    tags: tags
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    dataContributorPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  dependsOn: [rbac]
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    sendGridApiKeySecretUri: keyVault.outputs.sendGridApiKeySecretUri
    emailFrom: emailFrom
    emailReplyTo: emailReplyTo
    sendGridSandboxMode: sendGridSandboxMode
    schoolJobsSchedule: schoolJobsSchedule
  }
}

// UPPER_CASE outputs become azd environment values, read by the postdeploy hook and by `azd env get-values`.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME string = storage.outputs.systemTopicName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
