using Microsoft.Data.Sqlite;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _directory = TestFolders.New("progress-sqlite-");

    /// <remarks>
    /// The settings belong to each native connection, and the pool keeps several: three are held open at once so that
    /// each is a different one, not the same connection handed back three times.
    /// </remarks>
    [Theory]
    [InlineData("PRAGMA journal_mode", "wal")]
    [InlineData("PRAGMA synchronous", "1")]
    [InlineData("PRAGMA busy_timeout", "30000")]
    public void Connect_EveryPooledConnection_CarriesTheStoreSettings(string pragma, string expected)
    {
        var database = SqliteDatabase.Open(Path.Combine(_directory, EmbeddedStorage.DatabaseFileName));

        var connections = Enumerable.Range(0, 3).Select(_ => database.Connect()).ToList();
        try
        {
            Assert.Equal(3, connections.Select(c => c.Handle).Distinct().Count());
            Assert.All(connections, connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragma;
                Assert.Equal(expected, Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
            });
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
