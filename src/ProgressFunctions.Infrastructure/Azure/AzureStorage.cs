using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>The Blob and Queue adapters over one storage account, on Microsoft's Storage SDKs.</summary>
/// <remarks>Hosts get the service clients from <c>AddAzureClients</c> (see
/// <see cref="Configuration.StorageServiceCollectionExtensions"/>); <see cref="FromConnectionString"/> is for tools and
/// tests that have only a connection string.</remarks>
public sealed class AzureStorage
{
    public AzureStorage(BlobServiceClient blobs, QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        Blobs = new AzureBlobStore(blobs);
        Queue = new AzureMessageQueue(queues);
    }

    public IBlobStore Blobs { get; }

    public IMessageQueue Queue { get; }

    /// <summary>Clients for a connection string (Azurite's <c>UseDevelopmentStorage=true</c> included).</summary>
    public static AzureStorage FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new(new BlobServiceClient(connectionString), new QueueServiceClient(connectionString, QueueOptions(new QueueClientOptions())));
    }

    /// <summary>Base64 message text, as the Functions queue trigger reads and writes it (host.json
    /// <c>messageEncoding</c>); a message another writer left undecodable is moved to its poison queue.</summary>
    public static QueueClientOptions QueueOptions(QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageEncoding = QueueMessageEncoding.Base64;
        options.MessageDecodingFailed += UndecodableMessages.PoisonAsync;
        return options;
    }
}
