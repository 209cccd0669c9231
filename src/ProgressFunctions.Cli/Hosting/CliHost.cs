using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Configuration;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Cli.Hosting;

/// <summary>Where the CLI keeps things and what it talks to, from options, environment and <c>appsettings.json</c>.</summary>
/// <remarks>
/// Precedence, highest first: command-line options, environment variables (<c>Progress__Store</c>,
/// <c>AzureWebJobsStorage</c>, <c>CosmosDb__Endpoint</c>, <c>Email__Provider</c>...), <c>appsettings.json</c> in the
/// working directory. The outbox defaults to <c>{data}/outbox</c> so one folder holds a school's whole state.
/// <see cref="CreateStore"/>: start an embedded store when the data folder has none (demo, ingest, upload); every other command needs one.
/// </remarks>
internal sealed record StoreChoice(string? Store, string? DataDirectory, string? OutboxDirectory = null, bool CreateStore = false);

/// <summary>The jobs and ports built from settings, and what they cost (Cosmos request units) when it is disposed.</summary>
internal sealed class CliHost : IDisposable
{
    private readonly ServiceProvider _services;

    private CliHost(ServiceProvider services) => _services = services;

    /// <summary>What the commands run on: the jobs and ports the settings chose.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The blob store (exports, reports), for the commands that put or copy files.</summary>
    public IBlobStore Blobs => _services.GetRequiredService<IBlobStore>();

    /// <summary>A job (or port), built over the chosen store.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The store the settings chose.</summary>
    public StoreKind Store => _services.GetRequiredService<IOptions<StorageSettings>>().Value.Store;

    /// <summary>Cosmos DB request units spent so far (zero on the embedded store), so a command can say what it cost.</summary>
    public double RequestCharge => _services.GetService<IStorageCost>()?.RequestCharge ?? 0;

    /// <summary>The embedded store, when that is the one in use (resolved, so opening it happens here).</summary>
    public EmbeddedStorage? Embedded => Store == StoreKind.Embedded ? _services.GetRequiredService<EmbeddedStorage>() : null;

    public static CliHost Create(StoreChoice choice, IJobProgress progress, TimeProvider clock)
    {
        var configuration = Configuration(choice);
        var services = new ServiceCollection().AddSingleton(clock).AddSingleton(progress).AddInfrastructure(configuration).BuildServiceProvider();
        services.ValidateSettings();
        PrepareCosmos(services);
        return new CliHost(services);
    }

    /// <summary>On a development account reached with a key (the emulator, the test server), creates the database and
    /// container when missing, so the local loop needs nothing but settings; in Azure, Bicep creates them and the
    /// managed identity could not.</summary>
    private static void PrepareCosmos(ServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<StorageSettings>>().Value;
        if (settings.Store == StoreKind.Azure && (settings.Cosmos.ConnectionString is { Length: > 0 } || settings.Cosmos.Key is { Length: > 0 }))
        {
            // The CLI has no synchronization context, so waiting here cannot deadlock.
            services.GetRequiredService<CosmosStorage>().CreateContainerIfMissingAsync(settings.Cosmos).GetAwaiter().GetResult();
        }
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
        if (choice.CreateStore)
        {
            overrides["Progress:CreateStore"] = "true";
        }

        if (choice.Store is { } store)
        {
            overrides["Progress:Store"] = store;
        }

        return new ConfigurationBuilder().AddConfiguration(fromFiles).AddInMemoryCollection(overrides).Build();
    }

    public void Dispose() => _services.Dispose();
}
