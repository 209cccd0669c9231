using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

/// <summary>The Cosmos document adapter against the Cosmos test server (started on first use) or a configured account,
/// reached through a connection string as <c>CosmosDb__ConnectionString</c> gives it.</summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    public CosmosStorage Storage { get; private set; } = null!;

    public CosmosSettings Settings { get; private set; } = null!;

    /// <summary>True against <c>@vercel/cosmosdb-server</c>, which lacks some features (see the limits in the README).</summary>
    public bool IsTestServer { get; private set; }

    public async Task InitializeAsync()
    {
        var (_, _, isTestServer) = await CosmosTestServer.EndpointAsync();
        IsTestServer = isTestServer;
        Settings = new CosmosSettings
        {
            ConnectionString = await CosmosTestServer.ConnectionStringAsync(),
            Database = "progress-tests",
            Container = "documents-" + Guid.NewGuid().ToString("N")[..8],
            Gateway = isTestServer,
            LimitToEndpoint = isTestServer,
            ReadByQuery = isTestServer,
            AllowBulkExecution = !isTestServer || Environment.GetEnvironmentVariable("PROGRESS_TEST_COSMOS_BULK") == "1",
        };
        Storage = CosmosStorage.Create(Settings);
        await Storage.CreateContainerIfMissingAsync(Settings);
    }

    public Task DisposeAsync()
    {
        Storage.Dispose();
        return Task.CompletedTask;
    }
}
