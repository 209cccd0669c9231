using System.Text;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Integration.Tests.Storage.Contracts;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>Content types the extension names are not stored beside the blob; every other type is, and the last put wins.</summary>
public sealed class FileBlobStoreTests : IDisposable
{
    private readonly string _directory = TestFolders.NewPath("progress-blobs-");

    [Fact]
    public async Task PutAsync_PdfAsPdf_NoMetadataFileAndListedAsPdf()
    {
        var store = new FileBlobStore(_directory);

        await store.PutAsync(BlobPath.Parse("reports/s1/a.pdf"), Bytes("%PDF-1.7"), "application/pdf");

        Assert.False(File.Exists(Path.Combine(_directory, "blobs-meta", "reports", "s1", "a.pdf")));
        Assert.Equal("application/pdf", (await Listed(store, "reports/s1/")).Single().ContentType);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_directory, "blobs-tmp")));
    }

    [Fact]
    public async Task PutAsync_SameNameOtherTypeThenPdfAgain_LastTypeListed()
    {
        var store = new FileBlobStore(_directory);
        var path = BlobPath.Parse("reports/s1/a.pdf");

        await store.PutAsync(path, Bytes("x"), "application/octet-stream");
        Assert.Equal("application/octet-stream", (await Listed(store, "reports/s1/")).Single().ContentType);
        await store.PutAsync(path, Bytes("%PDF-1.7"), "application/pdf");

        Assert.Equal("application/pdf", (await Listed(store, "reports/s1/")).Single().ContentType);
    }

    [Fact]
    public async Task PutAsync_MemoryStreamPartlyRead_StoresFromItsPosition()
    {
        var store = new FileBlobStore(_directory);
        var content = Bytes("skip|keep");
        content.Position = 5;

        await store.PutAsync(BlobPath.Parse("reports/s1/b.csv"), content, "text/csv");

        await using var read = await store.OpenReadAsync(BlobPath.Parse("reports/s1/b.csv"));
        using var reader = new StreamReader(read!);
        Assert.Equal("keep", await reader.ReadToEndAsync());
        Assert.Equal("text/csv", (await Listed(store, "reports/s1/")).Single().ContentType);
    }

    [Fact]
    public async Task PutAsync_OnlyIfAbsentAndPresent_FalseAndNoTemporaryFileLeft()
    {
        var store = new FileBlobStore(_directory);
        var path = BlobPath.Parse("reports/s1/c.pdf");
        await store.PutAsync(path, Bytes("first"), "application/pdf");

        var put = await store.PutAsync(path, new PatternStream(6, seekable: false), "application/pdf", onlyIfAbsent: true);

        Assert.False(put);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_directory, "blobs-tmp")));
        await using var read = await store.OpenReadAsync(path);
        Assert.Equal("first", await new StreamReader(read!).ReadToEndAsync());
    }

    [Fact]
    public async Task PutAsync_StreamNotInMemoryIntoNewFolders_StoredWhole()
    {
        var store = new FileBlobStore(_directory);
        await store.PutAsync(BlobPath.Parse("imports/s1/2026/03/export.zip"), new PatternStream(200_000, seekable: false), "application/zip");

        await using var read = await store.OpenReadAsync(BlobPath.Parse("imports/s1/2026/03/export.zip"));
        Assert.Equal((true, 200_000), await PatternStream.VerifyAsync(read!));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_directory, "blobs-tmp")));
    }

    /// <remarks>
    /// Reports stored at once into a folder none has made: one rename finds the folder missing and,
    /// the other having made it by the time .NET looks, .NET reported the target file not found. Each round is a new
    /// folder with writers started together; the race is not hit every round, so there are many.
    /// </remarks>
    [Fact]
    public async Task PutAsync_SameNewFolderFromManyWritersAtOnce_EveryPutStored()
    {
        var store = new FileBlobStore(_directory);
        for (var round = 0; round < 1000; round++)
        {
            using var start = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await store.PutAsync(BlobPath.Parse($"reports/s1/round-{round}/year-{i % 2}.pdf"), Bytes("%PDF-1.7"), "application/pdf");
            })).ToList();
            start.Set();

            Assert.All(await Task.WhenAll(writers), Assert.True);
        }

        Assert.Equal(2000, (await Listed(store, "reports/s1/")).Count);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<BlobItem>> Listed(FileBlobStore store, string prefix)
    {
        var items = new List<BlobItem>();
        await foreach (var item in store.ListAsync(prefix))
        {
            items.Add(item);
        }

        return items;
    }
}

