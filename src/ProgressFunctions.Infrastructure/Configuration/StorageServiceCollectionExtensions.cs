using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Infrastructure.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers only the storage ports (<see cref="IDocumentStore"/>, <see cref="IBlobStore"/>,
    /// <see cref="IMessageQueue"/>, <see cref="IStorageCost"/>) for the configured store, validating the settings now
    /// so that a missing one stops start-up with a message naming it.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = StorageSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        if (settings.Store == StoreKind.Embedded)
        {
            services.AddSingleton(sp => EmbeddedStorage.Open(settings.DataDirectory, sp.GetRequiredService<TimeProvider>(), settings.CreateStore));
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStorage>().Documents);
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStorage>().Blobs);
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStorage>().Queue);
            services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStorage>().Cost);
            return services;
        }

        services.AddSingleton(sp => settings.StorageConnectionString is { } connection
            ? AzureStorage.FromConnectionString(connection, sp.GetRequiredService<TimeProvider>())
            : AzureStorage.FromServiceUris(settings.BlobServiceUri!, settings.QueueServiceUri!, new DefaultAzureCredential(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => CosmosStorage.Create(settings.Cosmos!));
        services.AddSingleton(sp => sp.GetRequiredService<CosmosStorage>().Documents);
        services.AddSingleton(sp => sp.GetRequiredService<CosmosStorage>().Cost);
        services.AddSingleton(sp => sp.GetRequiredService<AzureStorage>().Blobs);
        services.AddSingleton(sp => sp.GetRequiredService<AzureStorage>().Queue);
        return services;
    }
}
