namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Where the Cosmos DB container is and how to reach it (<c>CosmosDb__*</c> settings).</summary>
/// <remarks>
/// Without <see cref="Key"/> the client authenticates with <c>DefaultAzureCredential</c> (managed identity); the
/// database and container then must already exist (Bicep creates them: data-plane roles cannot).
/// <see cref="Gateway"/> and <see cref="LimitToEndpoint"/> suit emulators and test servers, which speak HTTPS
/// gateway mode only and have no regional endpoints.
/// </remarks>
public sealed record CosmosSettings(Uri Endpoint, string Database, string Container, string? Key = null)
{
    public bool AllowBulkExecution { get; init; } = true;

    public bool Gateway { get; init; }

    public bool LimitToEndpoint { get; init; }

    /// <summary>
    /// Read single documents with a one-partition query instead of a point read. Only for the
    /// <c>@vercel/cosmosdb-server</c> test server, which answers a point read of a missing item with 500 instead of
    /// 404; real Cosmos DB and the emulator never need it (a point read costs 1 RU, the query about 3).
    /// </summary>
    public bool ReadByQuery { get; init; }
}
