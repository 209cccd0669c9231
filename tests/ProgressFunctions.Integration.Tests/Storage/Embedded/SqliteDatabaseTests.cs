using Microsoft.Data.Sqlite;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "progress-sqlite-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <remarks>Each connection the pool hands out again must carry the settings too, not only the first.</remarks>
    [Theory]
    [InlineData("PRAGMA journal_mode", "wal")]
    [InlineData("PRAGMA synchronous", "1")]
    [InlineData("PRAGMA busy_timeout", "30000")]
    [InlineData("PRAGMA wal_autocheckpoint", "16384")]
    [InlineData("PRAGMA journal_size_limit", "67108864")]
    public void Connect_EveryConnection_CarriesTheStoreSettings(string pragma, string expected)
    {
        var database = SqliteDatabase.Open(Path.Combine(_directory, EmbeddedStorage.DatabaseFileName));

        for (var i = 0; i < 3; i++)
        {
            using var connection = database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = pragma;
            Assert.Equal(expected, Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
