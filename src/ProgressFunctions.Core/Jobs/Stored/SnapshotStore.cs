using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>A stored snapshot's header: everything but the pupils, and whether its reports have been queued.</summary>
/// <remarks><see cref="Build"/> names the parts that belong to this header, so a concurrent second build cannot overwrite them.</remarks>
public sealed record StoredSnapshot(SnapshotKey Key, DateOnly AsOf, EquatableList<CohortProgress> Cohorts, Ks2Summary? Ks2, EquatableList<ProgressIssue> Issues, int Parts, bool ReportsQueued)
{
    public string Build { get; init; } = "";
}

/// <summary>Up to <see cref="SnapshotStore.PupilsPerPart"/> pupils of a snapshot.</summary>
public sealed record SnapshotPart(string SnapshotId, int Part, EquatableList<PupilSnapshot> Pupils);

/// <summary>Stores a snapshot as a header and parts, because a whole school's snapshot outgrows one document.</summary>
/// <remarks>
/// A 1,500-pupil snapshot is about 6 MB of JSON and Cosmos DB items are limited to 2 MB; 200 pupils are about 0.8 MB.
/// Parts are written first and the header last, created only if absent: a snapshot exists once its header does.
/// Parts carry the id of their build, named in the header, so a crash or a concurrent run leaves only unused parts.
/// </remarks>
public static class SnapshotStore
{
    public const int PupilsPerPart = 200;
    private const string PartType = DocumentTypes.Snapshot + "-part";

    public static async Task<StoredSnapshot?> ReadHeaderAsync(IDocumentStore documents, string schoolId, string id, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<StoredSnapshot>(schoolId, DocumentTypes.Snapshot, id, cancellationToken))?.Body;

    public static async Task<StoredSnapshot> SaveAsync(IDocumentStore documents, string schoolId, string id, TermSnapshot snapshot, CancellationToken cancellationToken)
    {
        // Two runs racing to take the same snapshot each write their own parts; only the header that is created first,
        // and so only its parts, counts.
        var build = Guid.NewGuid().ToString("N")[..12];
        var parts = snapshot.Pupils.Chunk(PupilsPerPart).Select((pupils, i) => new SnapshotPart(id, i, [.. pupils])).ToList();
        await documents.BulkUpsertAsync(parts.Select(p => new Document<SnapshotPart>(schoolId, PartType, PartId(id, build, p.Part), p)), cancellationToken);
        var header = new StoredSnapshot(snapshot.Key, snapshot.AsOf, snapshot.Cohorts, snapshot.Ks2, snapshot.Issues, parts.Count, ReportsQueued: false) { Build = build };
        var created = await documents.CreateIfAbsentAsync(new Document<StoredSnapshot>(schoolId, DocumentTypes.Snapshot, id, header), cancellationToken);
        return created.Created ? header : (await ReadHeaderAsync(documents, schoolId, id, cancellationToken))!;
    }

    public static async Task<TermSnapshot?> LoadAsync(IDocumentStore documents, string schoolId, string id, CancellationToken cancellationToken)
    {
        if (await ReadHeaderAsync(documents, schoolId, id, cancellationToken) is not { } header)
        {
            return null;
        }

        var pupils = new List<PupilSnapshot>();
        for (var i = 0; i < header.Parts; i++)
        {
            var part = await documents.ReadAsync<SnapshotPart>(schoolId, PartType, PartId(id, header.Build, i), cancellationToken)
                ?? throw new InvalidOperationException($"snapshot {id} of school {schoolId} is missing part {i} of {header.Parts}");
            pupils.AddRange(part.Body.Pupils);
        }

        return new TermSnapshot(header.Key, header.AsOf, [.. pupils], header.Cohorts, header.Ks2, header.Issues);
    }

    public static Task MarkReportsQueuedAsync(IDocumentStore documents, string schoolId, string id, StoredSnapshot header, CancellationToken cancellationToken) =>
        documents.UpsertAsync(new Document<StoredSnapshot>(schoolId, DocumentTypes.Snapshot, id, header with { ReportsQueued = true }), cancellationToken);

    private static string PartId(string id, string build, int part) => $"{id}.{build}.{part}";
}
