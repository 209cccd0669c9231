using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

/// <summary>The Azure Blob and Queue adapters against Azurite (started on first use) or a configured account.</summary>
public sealed class AzureStorageFixture : IAsyncLifetime
{
    public AzureStorage Storage { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await Azurite.ConnectionStringAsync();
        Storage = AzureStorage.FromConnectionString(ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
