using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;
using Xunit.Abstractions;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

public sealed class EmbeddedCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = TestFolders.New("progress-crash-");

    [Fact]
    public async Task EmbeddedStorage_ProcessKilledMidWrite_FileIntactAndEveryDocumentWhole()
    {
        string assembly = typeof(CrashWriter).Assembly.Location;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string ready = Path.Combine(_directory, CrashWriter.ReadyFile);
            File.Delete(ready);
            var start = new ProcessStartInfo("dotnet", $"exec \"{assembly}\" {CrashWriter.Command} \"{_directory}\"") { UseShellExecute = false };
            using var child = Process.Start(start)!;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(ready) && !child.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(ready), $"The writer did not start (exited: {child.HasExited}).");

            // Let it write for a varying while, then kill it without warning (SIGKILL).
            await Task.Delay(700 + (attempt * 450));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var storage = EmbeddedStorage.Open(_directory);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, EmbeddedStorage.DatabaseFileName)}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)check.ExecuteScalar());
        }

        int documents = 0;
        var bulkRounds = new HashSet<long>();
        await foreach (var document in storage.Documents.ListAsync<CrashBody>(CrashWriter.School, "crash"))
        {
            documents++;
            Assert.Equal(CrashWriter.Checksum(document.Body.Round, document.Body.Payload), document.Body.Check);
            if (document.Id.StartsWith("bulk-", StringComparison.Ordinal))
            {
                bulkRounds.Add(document.Body.Round);
            }
        }

        // A bulk commits as one transaction: every bulk document comes from the same (last committed) round.
        Assert.True(documents > 200, $"Only {documents} documents were written before the kills.");
        Assert.Single(bulkRounds);
        output.WriteLine($"{documents} whole documents, {await storage.Queue.CountAsync("crash-queue")} messages after 3 kills.");
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
            // Harmless leftovers in the temp folder.
        }
    }
}
