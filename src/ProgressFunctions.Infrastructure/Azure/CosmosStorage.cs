using System.Text.Json;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>The Cosmos DB document adapter and the client behind it (one per process: the SDK wants a singleton).</summary>
public sealed class CosmosStorage : IDisposable
{
    private readonly CosmosDocumentStore _store;

    private CosmosStorage(CosmosClient client, CosmosSettings settings)
    {
        Client = client;
        _store = new CosmosDocumentStore(client.GetContainer(settings.Database, settings.Container), settings.ReadByQuery);
    }

    public CosmosClient Client { get; }

    public IDocumentStore Documents => _store;

    /// <summary>The request units spent through this store so far.</summary>
    public IStorageCost Cost => _store;

    /// <summary>Creates the client. <paramref name="httpClientFactory"/> is for tests against servers with
    /// self-signed certificates; production passes none and keeps certificate validation.</summary>
    public static CosmosStorage Create(CosmosSettings settings, Func<HttpClient>? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new CosmosClientOptions
        {
            ApplicationName = "ProgressFunctions",
            AllowBulkExecution = settings.AllowBulkExecution,
            ConnectionMode = settings.Gateway ? ConnectionMode.Gateway : ConnectionMode.Direct,
            LimitToEndpoint = settings.LimitToEndpoint,
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(StorageJson.Options),
            HttpClientFactory = httpClientFactory,
        };
        var client = settings.Key is { Length: > 0 } key
            ? new CosmosClient(settings.Endpoint.ToString(), key, options)
            : new CosmosClient(settings.Endpoint.ToString(), new DefaultAzureCredential(), options);
        return new CosmosStorage(client, settings);
    }

    /// <summary>Creates the database and the <c>/schoolId</c>-partitioned container when missing. Needs a key:
    /// for development and tests; in Azure, infrastructure code creates them.</summary>
    public async Task CreateContainerIfMissingAsync(CosmosSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var database = await Client.CreateDatabaseIfNotExistsAsync(settings.Database, cancellationToken: cancellationToken);
        await database.Database.CreateContainerIfNotExistsAsync(
            new ContainerProperties(settings.Container, "/schoolId"), cancellationToken: cancellationToken);
    }

    public void Dispose() => Client.Dispose();
}
