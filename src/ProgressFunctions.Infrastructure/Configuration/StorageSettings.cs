using Microsoft.Extensions.Configuration;
using ProgressFunctions.Infrastructure.Azure;

namespace ProgressFunctions.Infrastructure.Configuration;

/// <summary>Which adapter set to use.</summary>
public enum StoreKind
{
    Embedded,
    Azure,
}

/// <summary>Storage settings, read with the Azure Functions conventions (environment <c>A__B</c> is key <c>A:B</c>).</summary>
/// <remarks>For <see cref="StoreKind.Azure"/>: <see cref="StorageConnectionString"/> (Shared Key) or both service
/// URIs (managed identity), and <see cref="Cosmos"/>.</remarks>
public sealed record StorageSettings
{
    public StoreKind Store { get; init; } = StoreKind.Embedded;

    public string DataDirectory { get; init; } = "data";

    /// <summary>Create the embedded store when the data folder has none (<c>Progress:CreateStore</c>: the demo and ingest set it); otherwise a missing store is an error.</summary>
    public bool CreateStore { get; init; }

    public string? StorageConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    public CosmosSettings? Cosmos { get; init; }

    /// <summary>Reads and validates the settings; throws one <see cref="InvalidOperationException"/> naming every
    /// missing or invalid setting by its environment-variable name.</summary>
    public static StorageSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        string? Value(string key) => configuration[key] is { Length: > 0 } v ? v.Trim() : null;
        Uri? UriSetting(string key, bool required)
        {
            string? raw = Value(key);
            if (raw is null)
            {
                if (required)
                {
                    problems.Add($"{Env(key)} is missing.");
                }

                return null;
            }

            if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            problems.Add($"{Env(key)} is not an absolute http(s) URI.");
            return null;
        }

        var store = StoreKind.Embedded;
        if (Value("Progress:Store") is { } storeText && !Enum.TryParse(storeText, ignoreCase: true, out store))
        {
            problems.Add($"Progress__Store is '{storeText}'; use Embedded or Azure.");
        }

        var settings = new StorageSettings
        {
            Store = store,
            DataDirectory = Value("Progress:DataDirectory") ?? "data",
            CreateStore = bool.TryParse(Value("Progress:CreateStore"), out var create) && create,
        };
        if (store == StoreKind.Azure && problems.Count == 0)
        {
            string? connection = Value("AzureWebJobsStorage");
            bool identity = Value("AzureWebJobsStorage:blobServiceUri") is not null || Value("AzureWebJobsStorage:queueServiceUri") is not null;
            if (connection is null && !identity)
            {
                problems.Add("AzureWebJobsStorage is missing (or set AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__queueServiceUri for managed identity).");
            }

            var blob = connection is null ? UriSetting("AzureWebJobsStorage:blobServiceUri", identity) : null;
            var queue = connection is null ? UriSetting("AzureWebJobsStorage:queueServiceUri", identity) : null;
            var endpoint = UriSetting("CosmosDb:Endpoint", required: true);
            string? database = Value("CosmosDb:Database");
            string? container = Value("CosmosDb:Container");
            if (database is null)
            {
                problems.Add("CosmosDb__Database is missing.");
            }

            if (container is null)
            {
                problems.Add("CosmosDb__Container is missing.");
            }

            settings = settings with
            {
                StorageConnectionString = connection,
                BlobServiceUri = blob,
                QueueServiceUri = queue,
                Cosmos = endpoint is null || database is null || container is null
                    ? null
                    : new CosmosSettings(endpoint, database, container, Value("CosmosDb:Key")),
            };
        }

        return problems.Count == 0
            ? settings
            : throw new InvalidOperationException("Storage settings are incomplete: " + string.Join(" ", problems));
    }

    private static string Env(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
