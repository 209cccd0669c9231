using System.Text;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Storage.Contracts;

/// <summary>What every <see cref="IBlobStore"/> must do; each adapter's test class inherits all of it.</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore Store { get; }

    protected static string NewContainer() => "c" + Guid.NewGuid().ToString("N")[..20];

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task PutAsync_ThenOpenRead_RoundTrips()
    {
        var path = BlobPath.Parse($"{NewContainer()}/school-1/2024/pupils.csv");
        Assert.True(await Store.PutAsync(path, Text("upn,name\nA1,Zoë"), "text/csv"));
        await using var stream = await Store.OpenReadAsync(path);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal("upn,name\nA1,Zoë", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task PutAsync_Overwrite_ReplacesContent()
    {
        var path = BlobPath.Parse($"{NewContainer()}/a.txt");
        await Store.PutAsync(path, Text("one"), "text/plain");
        Assert.True(await Store.PutAsync(path, Text("two"), "text/plain"));
        await using var stream = await Store.OpenReadAsync(path);
        Assert.Equal("two", await new StreamReader(stream!).ReadToEndAsync());
    }

    [Fact]
    public async Task PutAsync_OnlyIfAbsentWhenPresent_ReturnsFalseAndKeepsContent()
    {
        var path = BlobPath.Parse($"{NewContainer()}/report.pdf");
        Assert.True(await Store.PutAsync(path, Text("first"), "application/pdf", onlyIfAbsent: true));
        Assert.False(await Store.PutAsync(path, Text("second"), "application/pdf", onlyIfAbsent: true));
        await using var stream = await Store.OpenReadAsync(path);
        Assert.Equal("first", await new StreamReader(stream!).ReadToEndAsync());
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Store.OpenReadAsync(BlobPath.Parse($"{NewContainer()}/nothing.txt")));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyMatchingInNameOrderWithLengthAndType()
    {
        string container = NewContainer();
        foreach (string name in new[] { "s1/b.csv", "s1/a.csv", "s1/sub/c.csv", "s2/a.csv", "s10/a.csv" })
        {
            await Store.PutAsync(BlobPath.Parse($"{container}/{name}"), Text(name), "text/csv");
        }

        var items = new List<BlobItem>();
        await foreach (var item in Store.ListAsync($"{container}/s1/"))
        {
            items.Add(item);
        }

        Assert.Equal(["s1/a.csv", "s1/b.csv", "s1/sub/c.csv"], items.Select(i => i.Path.Name));
        Assert.All(items, i => Assert.Equal("text/csv", i.ContentType));
        Assert.Equal(8, items[0].Length);
    }

    [Fact]
    public async Task ListAsync_MissingContainer_ReturnsNothing()
    {
        await foreach (var item in Store.ListAsync(NewContainer() + "/"))
        {
            Assert.Fail($"Unexpected {item.Path}");
        }
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_TrueThenFalse()
    {
        var path = BlobPath.Parse($"{NewContainer()}/x/y.txt");
        await Store.PutAsync(path, Text("y"), "text/plain");
        Assert.True(await Store.ExistsAsync(path));
        Assert.True(await Store.DeleteAsync(path));
        Assert.False(await Store.ExistsAsync(path));
        Assert.False(await Store.DeleteAsync(path));
    }

    [Theory]
    [InlineData("reports/../secrets.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("reports//a.txt")]
    public async Task ListAsync_UnsafePrefix_Refused(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var item in Store.ListAsync(prefix))
            {
                Assert.Fail($"Unexpected {item.Path}");
            }
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutAsync_50MegabyteStream_StreamsWithoutBufferingInMemory(bool seekable)
    {
        const long size = 50L * 1024 * 1024;
        var path = BlobPath.Parse($"{NewContainer()}/big/export.bin");
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.True(await Store.PutAsync(path, new PatternStream(size, seekable), "application/octet-stream"));
        await using (var stream = await Store.OpenReadAsync(path))
        {
            var (matches, length) = await PatternStream.VerifyAsync(stream!);
            Assert.Equal(size, length);
            Assert.True(matches, "The blob read back differs from what was written.");
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Other tests run in parallel and allocate too, so the bound is generous yet far below one copy of the blob.
        Assert.True(allocated < size / 2, $"Put and read of 50 MB allocated {allocated / 1024 / 1024} MB: the content was buffered.");
        await Store.DeleteAsync(path);
    }
}
