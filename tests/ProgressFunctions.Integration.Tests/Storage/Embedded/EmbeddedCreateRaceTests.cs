using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>Several commands starting the same new store at once (two first ingests side by side).</summary>
public sealed class EmbeddedCreateRaceTests : IDisposable
{
    private const int Rounds = 60;
    private const int Openers = 6;

    private readonly string _directory = TestFolders.New("progress-create-race-");

    /// <remarks>
    /// The race is short (the store used to sit at 0 bytes between SQLite creating the file and its first commit), so it
    /// is run many times, each in a new folder, with every opener released at the same instant.
    /// </remarks>
    [Fact]
    public async Task Open_NewFolderOpenedBySeveralAtOnce_EveryOpenSucceedsAndExactlyOneCreatesTheStore()
    {
        var failures = new List<string>();
        var creators = new List<int>();
        for (int round = 0; round < Rounds; round++)
        {
            var folder = Path.Combine(_directory, $"round-{round}");
            using var start = new Barrier(Openers);
            var opens = Enumerable.Range(0, Openers).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    try
                    {
                        return (Created: EmbeddedStorage.Open(folder).Created, Error: (string?)null);
                    }
                    catch (Exception e) when (e is StoreUnavailableException or SqliteException or IOException)
                    {
                        return (Created: false, Error: e.Message);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToList();
            var results = await Task.WhenAll(opens);

            failures.AddRange(results.Where(r => r.Error is not null).Select(r => $"round {round}: {r.Error}"));
            creators.Add(results.Count(r => r.Created));
            // The losers' copies are gone: only the store and SQLite's own WAL files are left.
            Assert.All(Directory.GetFiles(folder), file => Assert.StartsWith(EmbeddedStorage.DatabaseFileName, Path.GetFileName(file), StringComparison.Ordinal));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} opens failed, the first: {string.Join(Environment.NewLine, failures.Take(3))}");
        Assert.All(creators, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Open_NewStore_HasTheSchemaAndLayoutVersionAndRunsInWal()
    {
        var folder = Path.Combine(_directory, "one");

        var storage = EmbeddedStorage.Open(folder);
        await storage.Documents.UpsertAsync(new Document<int>("s1", "n", "a", 1));

        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, EmbeddedStorage.DatabaseFileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT user_version FROM pragma_user_version) || ' ' || (SELECT journal_mode FROM pragma_journal_mode) || ' ' || (SELECT count(*) FROM documents)";
        Assert.Equal($"{SqliteDatabase.SchemaVersion} wal 1", command.ExecuteScalar());
        Assert.True(storage.Created);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
