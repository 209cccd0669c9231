namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Where the Cosmos DB container is and how to reach it: the <c>CosmosDb__*</c> settings.</summary>
/// <remarks>
/// The account is named by <see cref="ConnectionString"/> (<c>AccountEndpoint=...;AccountKey=...;</c>, with
/// <c>DisableServerCertificateValidation=True</c> honoured for the emulator), or by <see cref="Endpoint"/> with
/// <see cref="Key"/>, or by <see cref="Endpoint"/> alone, when the client authenticates with the host's token credential
/// (managed identity); the database and container then must already exist (Bicep creates them: data-plane roles
/// cannot). <see cref="Gateway"/> and <see cref="LimitToEndpoint"/> suit emulators and test servers, which speak HTTPS
/// gateway mode only and have no regional endpoints.
/// </remarks>
public sealed class CosmosSettings
{
    public CosmosSettings()
    {
    }

    public CosmosSettings(Uri endpoint, string database, string container, string? key = null)
    {
        Endpoint = endpoint;
        Database = database;
        Container = container;
        Key = key;
    }

    /// <summary>Secret when it holds a key: from an environment variable or Key Vault, never from a committed file.</summary>
    public string? ConnectionString { get; set; }

    public Uri? Endpoint { get; set; }

    /// <summary>Secret: for the emulator and test servers; Azure uses the managed identity.</summary>
    public string? Key { get; set; }

    public string Database { get; set; } = "";

    public string Container { get; set; } = "";

    public bool AllowBulkExecution { get; set; } = true;

    public bool Gateway { get; set; }

    public bool LimitToEndpoint { get; set; }

    /// <summary>
    /// Read single documents with a one-partition query instead of a point read. Only for the
    /// <c>@vercel/cosmosdb-server</c> test server, which answers a point read of a missing item with 500 instead of
    /// 404; real Cosmos DB and the emulator never need it (a point read costs 1 RU, the query about 3).
    /// </summary>
    public bool ReadByQuery { get; set; }

    /// <summary>The settings without their secrets, for messages.</summary>
    public override string ToString() =>
        $"Cosmos DB {(ConnectionString is { Length: > 0 } ? "(connection string)" : Endpoint?.ToString() ?? "(no endpoint)")} {Database}/{Container}";
}
