// The Event Grid subscription that drives the IngestMisExport blob trigger (Flex Consumption runs blob triggers only
// from events). Deployed by the postdeploy hook (scripts/subscribe-blob-events.sh), not by main.bicep: its webhook
// carries the app's blobs_extension system key, which the host creates only once the code is deployed and indexed.
param functionAppName string
param systemTopicName string

@description('The blob-triggered function; Event Grid posts to the host\'s blobs webhook for it.')
param functionName string = 'IngestMisExport'

@description('The container the trigger watches (JobResources.ExportsContainer).')
param containerName string = 'mis-exports'

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: systemTopicName
}

var blobsExtensionKey = listKeys('${site.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: 'ingest-${containerName}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
