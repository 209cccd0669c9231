using System.Text.RegularExpressions;

namespace ProgressFunctions.TestSupport.Emulators;

/// <summary>The Cosmos DB endpoint the document tests use: <c>@vercel/cosmosdb-server</c> started here, once per test
/// process, or a real account named by <c>PROGRESS_TEST_COSMOS_ENDPOINT</c> and <c>PROGRESS_TEST_COSMOS_KEY</c>.</summary>
public static class CosmosTestServer
{
    public const string EndpointVariable = "PROGRESS_TEST_COSMOS_ENDPOINT";
    public const string KeyVariable = "PROGRESS_TEST_COSMOS_KEY";

    private static readonly Regex s_ready = new(@"Ready to accept HTTPS connections at 127\.0\.0\.1:(?<port>\d+)");
    private static readonly Lazy<Task<(Uri Endpoint, string Key, bool IsTestServer)>> s_endpoint = new(StartAsync);

    public static Task<(Uri Endpoint, string Key, bool IsTestServer)> EndpointAsync() => s_endpoint.Value;

    /// <summary>The account as a <c>CosmosDb__ConnectionString</c>; the test server's certificate is self-signed, so
    /// for it the string turns certificate validation off, as it would for the emulator.</summary>
    public static async Task<string> ConnectionStringAsync()
    {
        var (endpoint, key, isTestServer) = await EndpointAsync();
        return $"AccountEndpoint={endpoint};AccountKey={key};" + (isTestServer ? "DisableServerCertificateValidation=True;" : "");
    }

    private static async Task<(Uri, string, bool)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint)
        {
            return (new Uri(endpoint), Environment.GetEnvironmentVariable(KeyVariable) ?? "", false);
        }

        await EmulatorPackages.EnsureInstalledAsync();
        var server = await NodeServer.StartAsync(
            "cosmosdb-server", EmulatorPackages.PathOf("@vercel/cosmosdb-server/lib/cli.js"), "--host 127.0.0.1 --port 0", [s_ready], TimeSpan.FromSeconds(60));

        // The test server accepts any key; this one is a placeholder, not a secret.
        return (new Uri($"https://127.0.0.1:{server.Port(s_ready)}/"), Convert.ToBase64String(new byte[64]), true);
    }
}
