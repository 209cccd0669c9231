// The storage account: the Functions host (AzureWebJobsStorage), the app's blobs and queues, and the Flex
// Consumption deployment package. Shared-key access is disabled, so only Entra ID identities get in.
param name string
param systemTopicName string
param location string
param tags object

// Containers and queues the code uses (ProgressFunctions.Core/Jobs/Messages.cs, JobResources) and the host needs.
// tests/ProgressFunctions.Integration.Tests/Deployment checks this list against the code.
var deploymentContainerName = 'app-package'
var containerNames = [
  'mis-exports'
  'mis-exports-rejected'
  'reports'
  deploymentContainerName
]
var queueNames = [
  'school-jobs'
  'school-jobs-poison'
  'report-requests'
  'report-requests-poison'
  // Where the host puts a blob whose trigger failed maxDequeueCount times.
  'webjobs-blobtrigger-poison'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for containerName in containerNames: {
  parent: blobService
  name: containerName
  properties: { publicAccess: 'None' }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

// Flex Consumption runs blob triggers only from Event Grid events. The system topic lives here; the subscription
// needs the app's blobs_extension key, which exists only once the code is deployed (app/blob-events.bicep).
resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output deploymentContainerName string = deploymentContainerName
output systemTopicName string = systemTopic.name
