using ProgressFunctions.Infrastructure.Azure;

namespace ProgressFunctions.Infrastructure.Configuration;

/// <summary>Which adapter set to use.</summary>
public enum StoreKind
{
    Embedded,
    Azure,
}

/// <summary>The storage settings, bound from configuration with the Azure Functions names (environment <c>A__B</c>
/// is key <c>A:B</c>): <c>Progress__Store</c>, <c>Progress__DataDirectory</c>, <c>AzureWebJobsStorage</c> and
/// <c>CosmosDb__*</c>.</summary>
/// <remarks>For <see cref="StoreKind.Azure"/>: the <see cref="Connection"/> as a connection string or as both service
/// URIs (managed identity), and <see cref="Cosmos"/>. Validated at start-up by <see cref="StorageSettingsValidator"/>.</remarks>
public sealed class StorageSettings
{
    public const string Section = "Progress";
    public const string ConnectionSection = "AzureWebJobsStorage";
    public const string CosmosSection = "CosmosDb";

    public StoreKind Store { get; set; } = StoreKind.Embedded;

    public string DataDirectory { get; set; } = "data";

    /// <summary>Create the embedded store when the data folder has none (<c>Progress:CreateStore</c>: the demo and ingest set it); otherwise a missing store is an error.</summary>
    public bool CreateStore { get; set; }

    /// <summary>The storage account: the host's own, as the Functions triggers use it.</summary>
    public StorageConnection Connection { get; set; } = new();

    public CosmosSettings Cosmos { get; set; } = new();
}

/// <summary>A Functions connection: a connection string as the setting's own value, or identity-based
/// <c>Name__blobServiceUri</c> and <c>Name__queueServiceUri</c>.</summary>
public sealed class StorageConnection
{
    /// <summary>Secret when it holds a key; <c>UseDevelopmentStorage=true</c> names Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public bool UsesIdentity => ConnectionString is not { Length: > 0 };
}
