using Azure.Core;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>The Azure Blob and Queue adapters over one storage account.</summary>
public sealed class AzureStorage
{
    private AzureStorage(StorageAccount account, TokenCredential? credential, TimeProvider time)
    {
        var client = new StorageRestClient(account, credential, time);
        Blobs = new AzureBlobStore(client);
        Queue = new AzureMessageQueue(client);
    }

    public IBlobStore Blobs { get; }

    public IMessageQueue Queue { get; }

    /// <summary>Shared Key from a connection string (Azurite's <c>UseDevelopmentStorage=true</c> included).</summary>
    public static AzureStorage FromConnectionString(string connectionString, TimeProvider? time = null) =>
        new(StorageAccount.FromConnectionString(connectionString), null, time ?? TimeProvider.System);

    /// <summary>Bearer tokens (managed identity) against the given service URIs.</summary>
    public static AzureStorage FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        string account = blobServiceUri.Host.Split('.')[0];
        return new(new StorageAccount(account, blobServiceUri, queueServiceUri, null), credential, time ?? TimeProvider.System);
    }
}
