using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Infrastructure.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the storage ports (<see cref="IDocumentStore"/>, <see cref="IBlobStore"/>,
    /// <see cref="IMessageQueue"/>, <see cref="IStorageCost"/>) for the configured store, with
    /// <see cref="StorageSettings"/> bound from configuration and validated at start-up.</summary>
    /// <remarks>On Azure the Blob and Queue service clients come from <c>AddAzureClients</c>, and they and the Cosmos
    /// client share one <see cref="TokenCredential"/> (a <see cref="DefaultAzureCredential"/> unless the host
    /// registered another), used only where a setting names no key.</remarks>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageSettings>()
            .Configure(settings =>
            {
                SettingsText.BindIfReadable(configuration.GetSection(StorageSettings.Section), settings);
                SettingsText.BindIfReadable(configuration.GetSection(StorageSettings.ConnectionSection), settings.Connection);
                settings.Connection.ConnectionString = configuration[StorageSettings.ConnectionSection];
                SettingsText.BindIfReadable(configuration.GetSection(StorageSettings.CosmosSection), settings.Cosmos);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageSettings>>(new StorageSettingsValidator(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());

        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => sp.GetRequiredService<TokenCredential>());
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) =>
            {
                var connection = Settings(sp).Connection;
                return connection.UsesIdentity
                    ? new BlobServiceClient(connection.BlobServiceUri, credential, options)
                    : new BlobServiceClient(connection.ConnectionString, options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) =>
            {
                var connection = Settings(sp).Connection;
                AzureStorage.QueueOptions(options);
                return connection.UsesIdentity
                    ? new QueueServiceClient(connection.QueueServiceUri, credential, options)
                    : new QueueServiceClient(connection.ConnectionString, options);
            });
        });

        services.AddSingleton(sp => EmbeddedStorage.Open(Settings(sp).DataDirectory, sp.GetRequiredService<TimeProvider>(), Settings(sp).CreateStore));
        services.AddSingleton(sp => new AzureStorage(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<QueueServiceClient>()));
        services.AddSingleton(sp => CosmosStorage.Create(Settings(sp).Cosmos, credential: sp.GetRequiredService<TokenCredential>()));
        services.AddSingleton(sp => Azure(sp) ? sp.GetRequiredService<CosmosStorage>().Documents : sp.GetRequiredService<EmbeddedStorage>().Documents);
        services.AddSingleton(sp => Azure(sp) ? sp.GetRequiredService<CosmosStorage>().Cost : sp.GetRequiredService<EmbeddedStorage>().Cost);
        services.AddSingleton(sp => Azure(sp) ? sp.GetRequiredService<AzureStorage>().Blobs : sp.GetRequiredService<EmbeddedStorage>().Blobs);
        services.AddSingleton(sp => Azure(sp) ? sp.GetRequiredService<AzureStorage>().Queue : sp.GetRequiredService<EmbeddedStorage>().Queue);
        return services;
    }

    private static StorageSettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<StorageSettings>>().Value;

    private static bool Azure(IServiceProvider services) => Settings(services).Store == StoreKind.Azure;
}
