// Everything `azd up` provisions for ProgressFunctions: one resource group holding the Function App (Flex
// Consumption, user-assigned managed identity), its storage account (no shared keys), the Event Grid system topic for
// the blob trigger, Cosmos DB serverless, Key Vault for the SendGrid key and SMTP password, Log Analytics and Application Insights.
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
@description('Default sender, e.g. "School Office <office@school.org.uk>": a SendGrid verified sender, an address the SMTP account may send as, or a mailbox the app may send from in Microsoft 365.')
param emailFrom string

@description('Optional Reply-To address for every e-mail.')
param emailReplyTo string = ''

@secure()
@description('SendGrid API key (Mail Send permission). Stored in Key Vault only; leave empty to keep the secret already there.')
param sendGridApiKey string = ''

@description('SendGrid sandbox mode: requests are validated but nothing is delivered.')
param sendGridSandboxMode bool = false

@allowed(['SendGrid', 'Microsoft365', 'Smtp'])
@description('Which service sends e-mail: SendGrid, Microsoft 365 (Graph, with the app\'s identity) or an SMTP server (docs/email.md).')
param emailProvider string = 'SendGrid'

@description('Microsoft 365: the shared mailbox the app sends from.')
param microsoft365Mailbox string = ''

@description('SMTP: server host, e.g. smtp-relay.gmail.com.')
param smtpHost string = ''

@description('SMTP: account to sign in as; empty for a relay that trusts the sender without signing in.')
param smtpUserName string = ''

@secure()
@description('SMTP password (e.g. a Google Workspace app password). Stored in Key Vault only; leave empty to keep the secret already there.')
param smtpPassword string = ''

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
    smtpPassword: smtpPassword
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
    smtpPasswordSecretUri: keyVault.outputs.smtpPasswordSecretUri
    emailProvider: emailProvider
    microsoft365Mailbox: microsoft365Mailbox
    smtpHost: smtpHost
    smtpUserName: smtpUserName
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
