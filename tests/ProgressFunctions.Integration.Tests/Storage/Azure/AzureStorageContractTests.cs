using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Storage.Contracts;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

[Collection(LargeBlobCollection.Name)]
public sealed class AzureBlobStoreTests(AzureStorageFixture fixture) : BlobStoreContract, IClassFixture<AzureStorageFixture>
{
    protected override IBlobStore Store => fixture.Storage.Blobs;
}

public sealed class AzureMessageQueueTests(AzureStorageFixture fixture) : MessageQueueContract, IClassFixture<AzureStorageFixture>
{
    protected override IMessageQueue Queue => fixture.Storage.Queue;

    // Azurite keeps real time: visibility timeouts pass only by waiting.
    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);
}
