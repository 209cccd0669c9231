using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Integration.Tests.Storage.Emulators;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

/// <summary>The Cosmos document adapter against the Cosmos test server (started on first use) or a configured account.</summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    public CosmosStorage Storage { get; private set; } = null!;

    public CosmosSettings Settings { get; private set; } = null!;

    /// <summary>True against <c>@vercel/cosmosdb-server</c>, which lacks some features (see the limits in the README).</summary>
    public bool IsTestServer { get; private set; }

    public async Task InitializeAsync()
    {
        var (endpoint, key, isTestServer) = await CosmosTestServer.EndpointAsync();
        IsTestServer = isTestServer;
        Settings = new CosmosSettings(endpoint, "progress-tests", "documents-" + Guid.NewGuid().ToString("N")[..8], key)
        {
            Gateway = isTestServer,
            LimitToEndpoint = isTestServer,
            ReadByQuery = isTestServer,
            AllowBulkExecution = !isTestServer || Environment.GetEnvironmentVariable("PROGRESS_TEST_COSMOS_BULK") == "1",
        };
        Storage = CosmosStorage.Create(Settings, isTestServer ? AcceptSelfSignedCertificate : null);
        await Storage.CreateContainerIfMissingAsync(Settings);
    }

    public Task DisposeAsync()
    {
        Storage.Dispose();
        return Task.CompletedTask;
    }

    // Test only: the test server's certificate is self-signed for localhost; it never leaves 127.0.0.1.
    private static HttpClient AcceptSelfSignedCertificate() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    });
}
