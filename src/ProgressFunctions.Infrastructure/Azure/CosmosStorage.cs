using System.Text.Json;
using Azure.Core;
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

    /// <summary>Creates the client from a connection string, an endpoint and key, or an endpoint and
    /// <paramref name="credential"/> (a new <see cref="DefaultAzureCredential"/> when none is given).</summary>
    /// <remarks><paramref name="httpClientFactory"/> is for tools against servers with self-signed certificates that
    /// cannot use a connection string; production passes none and keeps certificate validation.</remarks>
    public static CosmosStorage Create(CosmosSettings settings, Func<HttpClient>? httpClientFactory = null, TokenCredential? credential = null)
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
        var client = settings switch
        {
            // The SDK reads AccountEndpoint, AccountKey and DisableServerCertificateValidation from the string itself.
            { ConnectionString: { Length: > 0 } connection } => new CosmosClient(connection, options),
            { Endpoint: { } endpoint, Key: { Length: > 0 } key } => new CosmosClient(endpoint.ToString(), key, options),
            { Endpoint: { } endpoint } => new CosmosClient(endpoint.ToString(), credential ?? new DefaultAzureCredential(), options),
            _ => throw new ArgumentException("CosmosDb__ConnectionString or CosmosDb__Endpoint is needed.", nameof(settings)),
        };
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
