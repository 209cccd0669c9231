using System.Text.RegularExpressions;

namespace ProgressFunctions.Integration.Tests.Storage.Emulators;

/// <summary>The storage account the Azure blob and queue tests use: Azurite started here, once per test process,
/// or a real account named by <c>PROGRESS_TEST_STORAGE_CONNECTION</c>.</summary>
internal static class Azurite
{
    public const string ConnectionVariable = "PROGRESS_TEST_STORAGE_CONNECTION";

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
        const string Account = "devstoreaccount1";
        return $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={ProgressFunctions.Infrastructure.Azure.StorageAccount.DevelopmentAccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{server.Port(s_blobReady)}/{Account};QueueEndpoint=http://127.0.0.1:{server.Port(s_queueReady)}/{Account};";
    }
}
