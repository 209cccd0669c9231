using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>One embedded store in a temporary folder for a test class, deleted afterwards.</summary>
public sealed class EmbeddedStoreFixture : IDisposable
{
    public EmbeddedStoreFixture()
    {
        Directory = TestFolders.NewPath("progress-store-");
        Storage = EmbeddedStorage.Open(Directory, Clock);
    }

    public string Directory { get; }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 9, 2, 8, 0, 0, TimeSpan.Zero));

    public EmbeddedStorage Storage { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test run over it.
        }
    }
}
