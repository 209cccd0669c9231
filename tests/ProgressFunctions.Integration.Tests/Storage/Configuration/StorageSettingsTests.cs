using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Configuration;

namespace ProgressFunctions.Integration.Tests.Storage.Configuration;

public sealed class StorageSettingsTests
{
    private static IConfiguration Config(params string[] pairs) => new ConfigurationBuilder()
        .AddInMemoryCollection(pairs.Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0].Replace("__", ":", StringComparison.Ordinal), p[1])))
        .Build();

    [Theory]
    [InlineData("Progress__Store=Azure|CosmosDb__Endpoint=https://x.documents.azure.com/|CosmosDb__Database=d|CosmosDb__Container=c", "AzureWebJobsStorage is missing")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__Endpoint is missing")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=https://x/", "CosmosDb__Database is missing. CosmosDb__Container is missing.")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage__blobServiceUri=https://a.blob.core.windows.net|CosmosDb__Endpoint=https://x/|CosmosDb__Database=d|CosmosDb__Container=c", "AzureWebJobsStorage__queueServiceUri is missing")]
    [InlineData("Progress__Store=Cloud", "Progress__Store is 'Cloud'")]
    [InlineData("Progress__Store=Azure|AzureWebJobsStorage=UseDevelopmentStorage=true|CosmosDb__Endpoint=not a uri|CosmosDb__Database=d|CosmosDb__Container=c", "CosmosDb__Endpoint is not an absolute")]
    public void FromConfiguration_MissingOrInvalid_ThrowsNamingTheSetting(string settings, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(Config(settings.Split('|'))));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_ManagedIdentity_ReadsServiceUrisAndNoKey()
    {
        var settings = StorageSettings.FromConfiguration(Config(
            "Progress__Store=azure",
            "AzureWebJobsStorage__blobServiceUri=https://acct.blob.core.windows.net",
            "AzureWebJobsStorage__queueServiceUri=https://acct.queue.core.windows.net",
            "CosmosDb__Endpoint=https://acct.documents.azure.com:443/",
            "CosmosDb__Database=progress",
            "CosmosDb__Container=documents"));
        Assert.Equal(StoreKind.Azure, settings.Store);
        Assert.Null(settings.StorageConnectionString);
        Assert.Equal("acct.queue.core.windows.net", settings.QueueServiceUri!.Host);
        Assert.Null(settings.Cosmos!.Key);
    }

    [Fact]
    public async Task AddInfrastructure_Embedded_ResolvesWorkingPorts()
    {
        string directory = Path.Combine(Path.GetTempPath(), "progress-di-" + Guid.NewGuid().ToString("N"));
        using var provider = new ServiceCollection().AddInfrastructure(Config($"Progress__DataDirectory={directory}")).BuildServiceProvider();
        var documents = provider.GetRequiredService<IDocumentStore>();
        await documents.UpsertAsync(new Document<int>("school-1", "counter", "c", 42));
        Assert.Equal(42, (await documents.ReadAsync<int>("school-1", "counter", "c"))!.Body);
        Assert.NotNull(provider.GetRequiredService<IBlobStore>());
        Assert.NotNull(provider.GetRequiredService<IMessageQueue>());
        Assert.Equal(0, provider.GetRequiredService<IStorageCost>().RequestCharge);
    }
}
