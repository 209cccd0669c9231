using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>The child process of the crash test: writes documents, bulks and messages until it is killed.</summary>
/// <remarks>Every document body carries its own checksum, so the parent can tell a whole document from a torn one.</remarks>
public static class CrashWriter
{
    public const string Command = "crash-writer";
    public const string School = "school-crash";
    public const string ReadyFile = "writer.ready";

    public static async Task<int> RunAsync(string directory)
    {
        var storage = EmbeddedStorage.Open(directory);
        await storage.Queue.CreateIfMissingAsync("crash-queue");
        for (long round = 0; ; round++)
        {
            var bulk = Enumerable.Range(0, 200).Select(n => Make($"bulk-{n}", round));
            await storage.Documents.BulkUpsertAsync(bulk);
            await storage.Documents.UpsertAsync(Make($"single-{round % 50}", round));
            await storage.Queue.SendAsync("crash-queue", $"round {round}");
            if (round == 0)
            {
                // Tells the parent that writing is under way (a file: no pipe to block on).
                await File.WriteAllTextAsync(Path.Combine(directory, ReadyFile), "writing");
            }
        }
    }

    public static Document<CrashBody> Make(string id, long round)
    {
        string payload = new('x', 200 + (int)(round % 300));
        return new Document<CrashBody>(School, "crash", id, new CrashBody(round, payload, Checksum(round, payload)));
    }

    // Deterministic across processes (HashCode is seeded per process).
    public static int Checksum(long round, string payload) => (int)((round * 1_000_003 + payload.Length * 7919) % int.MaxValue);
}

public sealed record CrashBody(long Round, string Payload, int Check);
