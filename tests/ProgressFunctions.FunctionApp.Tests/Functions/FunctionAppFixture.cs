using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.TestSupport;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.FunctionApp.Tests.Functions;

/// <summary>The Function App's own service provider, built by the registration <c>Program.cs</c> calls
/// (<see cref="ProgressFunctionsApp.AddProgressFunctions"/>), over Azurite and the Cosmos test server, with settings
/// given as the host gives them and a clock on a school day.</summary>
public sealed class FunctionAppFixture : IAsyncLifetime
{
    /// <summary>Friday 20 March 2026, noon in England (GMT): a school day in the spring term, registers closed.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    public string StorageConnection { get; private set; } = "";

    public string OutboxDirectory { get; } = TestFolders.NewPath("pf-functions-");

    public CapturedLogs Logs { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StorageConnection = await Azurite.ConnectionStringAsync();
        var (_, _, isTestServer) = await CosmosTestServer.EndpointAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = StorageConnection,
            ["Progress:Store"] = "Azure",
            ["CosmosDb:ConnectionString"] = await CosmosTestServer.ConnectionStringAsync(),
            ["CosmosDb:Database"] = "progress-functions",
            ["CosmosDb:Container"] = "documents-" + Guid.NewGuid().ToString("N")[..8],
            ["CosmosDb:Gateway"] = isTestServer ? "true" : "false",
            ["CosmosDb:LimitToEndpoint"] = isTestServer ? "true" : "false",
            ["CosmosDb:ReadByQuery"] = isTestServer ? "true" : "false",
            ["CosmosDb:AllowBulkExecution"] = isTestServer ? "false" : "true",
            ["Email:Provider"] = "Outbox",
            ["Email:From"] = "Progress Reports <reports@school.example>",
            ["Email:OutboxDirectory"] = OutboxDirectory,
            ["SchoolJobsSchedule"] = "0 30 6 * * 1-5",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedClock(Now))
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Services = services.AddProgressFunctions(configuration).BuildServiceProvider();
        Services.ValidateSettings();
        var cosmos = Services.GetRequiredService<CosmosStorage>();
        await cosmos.CreateContainerIfMissingAsync(Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageSettings>>().Value.Cosmos);
    }

    /// <summary>A function class as the worker creates it: constructor arguments from the app's services.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Directory.Exists(OutboxDirectory))
        {
            Directory.Delete(OutboxDirectory, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
