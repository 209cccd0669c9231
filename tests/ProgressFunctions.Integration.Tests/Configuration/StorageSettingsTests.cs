using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Configuration;

public sealed class StorageSettingsTests
{
    private const string Cosmos = "CosmosDb__Endpoint=https://x.documents.azure.com/|CosmosDb__Database=d|CosmosDb__Container=c";

    [Theory]
    [InlineData("Progress__Store=Azure|" + Cosmos, "AzureWebJobsStorage is missing (or set AzureWebJobsStorage__blobServiceUri")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__Endpoint is missing (or set CosmosDb__ConnectionString).")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=https://x/", "CosmosDb__Database is missing.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=https://x/", "CosmosDb__Container is missing.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage__blobServiceUri=https://a.blob.core.windows.net|" + Cosmos, "AzureWebJobsStorage__queueServiceUri is missing.")]
    [InlineData("Progress__Store=Cloud", "Progress__Store must be Embedded or Azure; it is 'Cloud'.")]
    [InlineData("Progress__Store=1", "Progress__Store must be Embedded or Azure; it is '1'.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=not a uri|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__Endpoint must be an absolute http(s) URL; it is 'not a uri'.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|" + Cosmos + "|CosmosDb__Gateway=yes", "CosmosDb__Gateway must be true or false; it is 'yes'.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__ConnectionString=AccountKey=k;|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__ConnectionString has no AccountEndpoint")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__ConnectionString=AccountEndpoint=https://127.0.0.1:8081/;AccountKey=anykey;|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__ConnectionString: its AccountKey is not a Cosmos DB account key")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=https://127.0.0.1:8081/|CosmosDb__Key=<cosmos-emulator-key-from-its-documentation>|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__Key is not a Cosmos DB account key")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=DefaultEndpointsProtocol=https;AccountName=x|" + Cosmos, "AzureWebJobsStorage is not a storage connection string")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=not a connection string|" + Cosmos, "AzureWebJobsStorage is not a storage connection string")]
    public void ValidateSettings_MissingOrInvalid_OneLineNamingTheSetting(string settings, string expected)
    {
        var failures = Settings.Failures(settings.Split('|'));

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain('\n', f));
    }

    [Fact]
    public void ValidateSettings_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var failures = Settings.Failures("Progress__Store=Azure", "CosmosDb__Endpoint=https://x/");

        Assert.Contains(failures, f => f.Contains("AzureWebJobsStorage is missing", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CosmosDb__Database is missing.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CosmosDb__Container is missing.", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSettings_ConnectionStringWithKey_NeverQuotesIt()
    {
        var failures = Settings.Failures("Progress__Store=Azure", "AzureWebJobsStorage=UseDevelopmentStorage=true", "CosmosDb__ConnectionString=AccountKey=c2VjcmV0;", "CosmosDb__Gateway=maybe");

        Assert.NotEmpty(failures);
        Assert.DoesNotContain(failures, f => f.Contains("c2VjcmV0", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_ManagedIdentity_ReadsServiceUrisAndNoKey()
    {
        using var services = Settings.Services(
            "Progress__Store=azure",
            "AzureWebJobsStorage__blobServiceUri=https://acct.blob.core.windows.net",
            "AzureWebJobsStorage__queueServiceUri=https://acct.queue.core.windows.net",
            "CosmosDb__Endpoint=https://acct.documents.azure.com:443/",
            "CosmosDb__Database=progress",
            "CosmosDb__Container=documents");
        services.ValidateSettings();
        var settings = Settings.Options<StorageSettings>(services);

        Assert.Equal(StoreKind.Azure, settings.Store);
        Assert.True(settings.Connection.UsesIdentity);
        Assert.Equal("acct.queue.core.windows.net", settings.Connection.QueueServiceUri!.Host);
        Assert.Null(settings.Cosmos.Key);
    }

    [Fact]
    public void Options_EveryCosmosSetting_BoundFromConfiguration()
    {
        using var services = Settings.Services(
            "Progress__Store=Azure", "AzureWebJobsStorage=UseDevelopmentStorage=true",
            "CosmosDb__ConnectionString=AccountEndpoint=https://127.0.0.1:8081/;AccountKey=a2V5;DisableServerCertificateValidation=True;",
            "CosmosDb__Database=progress", "CosmosDb__Container=documents",
            "CosmosDb__Gateway=true", "CosmosDb__LimitToEndpoint=true", "CosmosDb__ReadByQuery=true", "CosmosDb__AllowBulkExecution=false");
        services.ValidateSettings();
        var cosmos = Settings.Options<StorageSettings>(services).Cosmos;

        Assert.StartsWith("AccountEndpoint=https://127.0.0.1:8081/;", cosmos.ConnectionString, StringComparison.Ordinal);
        Assert.Equal((true, true, true, false), (cosmos.Gateway, cosmos.LimitToEndpoint, cosmos.ReadByQuery, cosmos.AllowBulkExecution));
        Assert.DoesNotContain("a2V5", cosmos.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddInfrastructure_Embedded_ResolvesWorkingPorts()
    {
        string directory = TestFolders.NewPath("progress-di-");
        using var provider = Settings.Services($"Progress__DataDirectory={directory}", "Progress__CreateStore=true");
        provider.ValidateSettings();
        var documents = provider.GetRequiredService<IDocumentStore>();
        await documents.UpsertAsync(new Document<int>("school-1", "counter", "c", 42));
        Assert.Equal(42, (await documents.ReadAsync<int>("school-1", "counter", "c"))!.Body);
        Assert.NotNull(provider.GetRequiredService<IBlobStore>());
        Assert.NotNull(provider.GetRequiredService<IMessageQueue>());
        Assert.Equal(0, provider.GetRequiredService<IStorageCost>().RequestCharge);
    }
}
