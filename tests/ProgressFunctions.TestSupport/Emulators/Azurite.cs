using System.Text.RegularExpressions;

namespace ProgressFunctions.TestSupport.Emulators;

/// <summary>The storage account the Azure blob and queue tests use: Azurite started here, once per test process,
/// or a real account named by <c>PROGRESS_TEST_STORAGE_CONNECTION</c>.</summary>
public static class Azurite
{
    public const string ConnectionVariable = "PROGRESS_TEST_STORAGE_CONNECTION";

    /// <summary>Azurite's account and well-known key: public, documented, and only ever valid for the emulator.</summary>
    public const string Account = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Regex s_blobReady = new(@"Blob service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)");
    private static readonly Regex s_queueReady = new(@"Queue service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)");
    private static readonly Lazy<Task<string>> s_connectionString = new(StartAsync);

    /// <summary>A connection string for the account, starting Azurite on first use.</summary>
    public static Task<string> ConnectionStringAsync() => s_connectionString.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        await EmulatorPackages.EnsureInstalledAsync();
        string arguments = "--blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 "
            + "--inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry";
        var server = await NodeServer.StartAsync(
            "Azurite", EmulatorPackages.PathOf("azurite/dist/src/azurite.js"), arguments, [s_blobReady, s_queueReady], TimeSpan.FromSeconds(90));
        return $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{server.Port(s_blobReady)}/{Account};QueueEndpoint=http://127.0.0.1:{server.Port(s_queueReady)}/{Account};";
    }
}
