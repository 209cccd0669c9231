using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Storage.Contracts;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

public sealed class EmbeddedDocumentStoreTests(EmbeddedStoreFixture fixture)
    : DocumentStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IDocumentStore Store => fixture.Storage.Documents;
}

[Collection(LargeBlobCollection.Name)]
public sealed class EmbeddedBlobStoreTests(EmbeddedStoreFixture fixture) : BlobStoreContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IBlobStore Store => fixture.Storage.Blobs;
}

public sealed class EmbeddedMessageQueueTests(EmbeddedStoreFixture fixture) : MessageQueueContract, IClassFixture<EmbeddedStoreFixture>
{
    protected override IMessageQueue Queue => fixture.Storage.Queue;

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        fixture.Clock.Advance(duration);
        return Task.CompletedTask;
    }
}
