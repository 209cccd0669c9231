using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Configuration;

namespace ProgressFunctions.Cli.Hosting;

/// <summary>Where the CLI keeps things and what it talks to, from options, environment and <c>appsettings.json</c>.</summary>
/// <remarks>
/// Precedence, highest first: command-line options, environment variables (<c>Progress__Store</c>,
/// <c>AzureWebJobsStorage</c>, <c>CosmosDb__Endpoint</c>, <c>Email__Provider</c>...), <c>appsettings.json</c> in the
/// working directory. The outbox defaults to <c>{data}/outbox</c> so one folder holds a school's whole state.
/// </remarks>
internal sealed record StoreChoice(string? Store, string? DataDirectory, string? OutboxDirectory = null);

/// <summary>The job context built from settings, and what it cost (Cosmos request units) when it is disposed.</summary>
internal sealed class CliHost : IDisposable
{
    private readonly ServiceProvider _services;

    private CliHost(ServiceProvider services, JobContext context)
    {
        _services = services;
        Context = context;
    }

    public JobContext Context { get; }

    /// <summary>Cosmos DB request units spent so far (zero on the embedded store), so a command can say what it cost.</summary>
    public double RequestCharge => _services.GetService<IStorageCost>()?.RequestCharge ?? 0;

    public static CliHost Create(StoreChoice choice, IJobProgress progress, TimeProvider clock)
    {
        var configuration = Configuration(choice);
        var services = new ServiceCollection().AddSingleton(clock).AddInfrastructure(configuration).BuildServiceProvider();
        services.ValidateSettings();
        var context = services.GetRequiredService<JobContext>() with { Progress = progress };
        return new CliHost(services, context);
    }

    internal static IConfiguration Configuration(StoreChoice choice)
    {
        var fromFiles = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var data = choice.DataDirectory ?? fromFiles["Progress:DataDirectory"] ?? "data";
        var overrides = new Dictionary<string, string?>
        {
            ["Progress:DataDirectory"] = data,
            ["Email:OutboxDirectory"] = choice.OutboxDirectory ?? fromFiles["Email:OutboxDirectory"] ?? Path.Combine(data, "outbox"),
        };
        if (choice.Store is { } store)
        {
            overrides["Progress:Store"] = store;
        }

        return new ConfigurationBuilder().AddConfiguration(fromFiles).AddInMemoryCollection(overrides).Build();
    }

    public void Dispose() => _services.Dispose();
}
